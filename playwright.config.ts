import { defineConfig } from '@playwright/test'

// No webServer: each spec file starts its own headless app on a free port with a fresh data folder
// (e2e/fixtures.ts), so runs never collide with each other or with a real install.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    // Read by scripts/test-summary.mjs for the one-line total at the end of npm test.
    ['json', { outputFile: 'reports/playwright.json' }],
  ],
  use: {
    browserName: 'chromium',
    // Debian's Chromium, not a Playwright download: the CI machine reaches only the npm registry.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
})
