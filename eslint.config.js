import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// Imports run one way: shells → core → handlers → domains ← db. Paths are relative, so each rule
// matches "climb out with ../ then enter <folder>"; a name like ./tracking inside db/ is its own file.
const into = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`
const DOMAINS = ['commissions', 'tracking', 'hierarchy', 'jobs', 'demo', 'payouts']
const layerRule = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] })
const outerLayers = (layers, who) => ({
  regex: into(layers),
  message: `${who} must not import ${layers.join('/, ')}/: imports run shells → core → handlers → domains ← db.`,
})
/** db/ sees the domains' shapes, never their code: the rules are handed to the store through ports. */
const dbRules = (domainRegex = into(DOMAINS)) =>
  layerRule([
    {
      regex: domainRegex,
      allowTypeImports: true,
      message:
        'db/ may import only types from the domains (use `import type`); the rules come in through ports.',
    },
    outerLayers(['handlers', 'core', 'shells'], 'db/'),
  ])
// The renderer reaches the main process only through the contract in src/shared.
const rendererOutside = {
  regex: '^(\\.\\./)+(main|preload)(/|$)|^src/(main|preload)(/|$)',
  message: 'The renderer imports only src/shared from outside itself; talk to the main process through api/.',
}

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
          // Subpaths too: drizzle-orm/better-sqlite3 is a driver import like the bare name.
          patterns: [
            { group: ['drizzle-orm/*', 'better-sqlite3/*'], message: 'SQL lives in src/main/db only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/db/**/*.ts'],
    rules: dbRules(),
  },
  {
    files: ['src/main/{commissions,tracking,hierarchy,jobs,payouts}/**/*.ts'],
    rules: layerRule([outerLayers(['handlers', 'core', 'shells'], 'A domain')]),
  },
  {
    // Payout files are pure text in, text out: the store hands items over, the shells save the files.
    files: ['src/main/payouts/files/**/*.ts'],
    ignores: ['src/main/payouts/files/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'electron',
            'better-sqlite3',
            'drizzle-orm',
            'fs',
            'node:fs',
            'fs/promises',
            'node:fs/promises',
          ].map((name) => ({
            name,
            message: 'Payout files are pure: no Electron, SQL or file system here.',
          })),
          patterns: [
            { group: ['drizzle-orm/*', 'better-sqlite3/*'], message: 'Payout files are pure: no SQL here.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/handlers/**/*.ts'],
    rules: layerRule([outerLayers(['core', 'shells'], 'handlers/')]),
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: layerRule([outerLayers(['shells'], 'core/')]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...layerRule([rendererOutside]) },
  },
  {
    // Pages stand side by side; what two pages share belongs in components/ or domain/.
    files: ['src/renderer/src/pages/**/*.{ts,tsx}'],
    rules: layerRule([
      rendererOutside,
      {
        regex:
          '^\\.\\./(affiliates|audit|campaigns|commissions|conversions|dashboard|settings)(/|$)|(^|/)pages/',
        message: 'A page must not import another page; move what they share to components/ or domain/.',
      },
    ]),
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
