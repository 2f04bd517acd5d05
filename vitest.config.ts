import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'emulator/src/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    setupFiles: ['./src/testing/setup-tests.ts'],
    restoreMocks: true,
    // Tests that drive Fluent components through userEvent take a few seconds on a busy 2-core
    // machine; the limit is a hang guard, not a speed check (speed is measured by `npm run bench`).
    testTimeout: 20_000,
  },
});
