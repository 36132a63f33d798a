import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Globals merge across blocks, so Node's are kept off the browser script here rather than removed later.
    ignores: ['src/main/tracking/script/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The engines and the core must run under plain Node: only the Electron shell and preload may import Electron.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/shells/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/shells/electron may import Electron.' }] },
      ],
    },
  },
  {
    // Only the data-access layer knows SQL drivers.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/db/**', 'src/main/shells/electron/**', 'src/main/index.ts', 'src/main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/shells/electron may import Electron.' },
            { name: 'better-sqlite3', message: 'SQL lives in src/main/db only.' },
            { name: 'drizzle-orm', message: 'SQL lives in src/main/db only.' },
          ],
        },
      ],
    },
  },
  {
    // Storage depends on the domains only by their types; the core passes in whatever rules it needs.
    files: ['src/main/db/**/*.ts'],
    ignores: ['src/main/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/tracking/**', '**/commissions/**', '**/jobs/**', '**/handlers/**', '**/core/**'],
              allowTypeImports: true,
              message: 'db imports only types from the domains; inject what it must call (see core/core.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The tracking script runs on advertisers' pages, not in Node: browser globals only, a classic
    // script, and the endpoint placeholder that trackingScriptSource fills in. ES5 has no optional
    // catch binding, and the script swallows every error so it can never break the host page.
    files: ['src/main/tracking/script/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, __ENDPOINT__: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
)
