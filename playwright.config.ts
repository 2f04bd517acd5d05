import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { AppOptions } from './e2e/fixtures';

// No browser download is possible on the build machines: use Debian's Chromium when present,
// Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';
const executablePath = existsSync(debianChromium) ? debianChromium : undefined;

export default defineConfig<AppOptions>({
  testDir: './e2e',
  // One emulator is shared by every test, and each test resets it: run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: 'http://localhost:4173',
    // The emulator's certificate is self-signed.
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
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
  projects: [
    { name: 'v1.0', use: { graphApiVersion: 'v1.0' } },
    // The same journeys against the original beta endpoint. Pictures and the 200-action stress run
    // are taken once, in v1.0: they exercise the dashboard, not the API shape.
    { name: 'beta', use: { graphApiVersion: 'beta' }, testIgnore: /(screenshots|activity-stress)\.spec\.ts/ },
  ],
  webServer: [
    {
      command: 'npx tsx emulator/src/main.ts',
      url: 'http://127.0.0.1:8445/health',
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      timeout: 60_000,
    },
    {
      // The production build: run `npm run build` first (npm test does).
      command: 'npx vite preview --strictPort',
      url: 'http://localhost:4173',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
