import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../playwright.config';
import type { AppOptions } from '../e2e/fixtures';

// `npm run bench`: the same emulator and production build as the e2e suite, one project, long
// timeouts. Figures are printed with their bounds, measured in the same run.
const servers = Array.isArray(base.webServer) ? base.webServer : [];

export default defineConfig<AppOptions>({
  ...base,
  testDir: '.',
  testMatch: 'bench.spec.ts',
  timeout: 10 * 60_000,
  reporter: [['list']],
  projects: [{ name: 'bench', use: { graphApiVersion: 'v1.0' } }],
  webServer: servers.map((server) => ({ ...server, cwd: resolve(import.meta.dirname, '..') })),
});
