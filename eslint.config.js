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
    languageOptions: { globals: { ...globals.node } },
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
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/main/tracking/tracking-script*.ts', 'scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
)
