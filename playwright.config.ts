import { defineConfig } from '@playwright/test';

/**
 * End-to-end: Debian's Chromium (no browser download here) against the web shell, which serves the
 * same renderer and contract as the Electron window, over the lab's real hosts.
 */
export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'artifacts/e2e',
  // The specs share the lab's hosts: one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e.json' }]],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
