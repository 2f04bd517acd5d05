import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../playwright.config';
import type { AppOptions } from '../e2e/fixtures';

// `npm run bench`: what `npm start` serves (scripts/start.mjs: the emulator and the production
// build on http://localhost:5173, built first when dist/ is older than the sources), one
// project, long timeouts. Figures are printed with their bounds, measured in the same run.
// BENCH_DEV=1 measures `npm run dev` (the hot-reloading dev server) the same way, to compare.
export default defineConfig<AppOptions>({
  ...base,
  testDir: '.',
  testMatch: 'bench.spec.ts',
  timeout: 10 * 60_000,
  reporter: [['list']],
  // No trace: Playwright's tracer snapshots the page's DOM and style sheets on the page's own main
  // thread around each action (a waitForFunction included), which the figures would then count.
  use: { ...base.use, baseURL: 'http://localhost:5173', trace: 'off', screenshot: 'off' },
  projects: [{ name: 'bench', use: { graphApiVersion: 'v1.0' } }],
  webServer: {
    command: `node scripts/start.mjs${process.env.BENCH_DEV ? ' --dev' : ''}`,
    cwd: resolve(import.meta.dirname, '..'),
    url: 'http://localhost:5173/',
    reuseExistingServer: false,
    stdout: 'pipe',
    // A fresh clone builds first.
    timeout: 5 * 60_000,
  },
});
