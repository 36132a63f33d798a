import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    // Read by scripts/test-summary.mjs for the one-line total at the end of npm test.
    outputFile: { json: 'reports/vitest.json' },
  },
})
