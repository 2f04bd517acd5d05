import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { AppOptions } from './e2e/fixtures';

// No browser download is possible on the build machines: use Debian's Chromium when present,
// Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';
const executablePath = existsSync(debianChromium) ? debianChromium : undefined;

// The nginx journey serves the build with Debian's nginx and the repo's server block. CI installs
// nginx (.ci/run) and must run it: there, a missing nginx fails the run instead of skipping.
const NGINX_ORIGIN = 'http://localhost:4180';
const withNginx = existsSync('/usr/sbin/nginx') || !!process.env.CI;

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
    { name: 'v1.0', use: { graphApiVersion: 'v1.0' }, testIgnore: /nginx\.spec\.ts/ },
    // The original beta endpoint, on the journeys whose calls or answers differ by version: listing
    // (entity and property names, paging), details and expansions, the single reprocess POST's path
    // (details.spec), `$batch` steps and state reads (bulk.spec), and per-package listing. The other
    // journeys exercise the dashboard, the reprocess engine and the record above the same client
    // code, once, in v1.0; running them again on beta would double the suite for no new call.
    {
      name: 'beta',
      use: { graphApiVersion: 'beta' },
      testMatch: /(queue|details|bulk|catalog-scoped)\.spec\.ts/,
    },
    // The deployment: the build behind nginx with the headers of deploy/nginx/reprocess-desk.conf.
    { name: 'nginx', use: { graphApiVersion: 'v1.0', baseURL: NGINX_ORIGIN }, testMatch: /nginx\.spec\.ts/ },
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
    ...(withNginx
      ? [
          {
            // The production build too (dist/), on 127.0.0.1:4180 only.
            command: 'node scripts/nginx-serve.mjs --port 4180',
            url: 'http://127.0.0.1:4180/config.json',
            reuseExistingServer: !process.env.CI,
            timeout: 30_000,
          },
        ]
      : []),
  ],
});
