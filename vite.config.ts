import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import griffel from '@griffel/vite-plugin';
import { resolve } from 'node:path';

// Two entries: the app, and the MSAL redirect bridge page that popups land on
// (MSAL v5 popups time out when their redirectUri is the app root).
export default defineConfig(({ command }) => ({
  plugins: [react(), command === 'build' && griffel()],
  build: {
    // Top-level await: MSAL must be initialised before the first render.
    target: 'es2022',
    // The first screen is one chunk by design (see codeSplitting below); it is mostly React,
    // MSAL and Fluent, and `npm run bench` holds it to the floor of those alone.
    chunkSizeWarningLimit: 1_000,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        redirect: resolve(import.meta.dirname, 'redirect.html'),
      },
    },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the first screen needs, in one chunk: many small shared chunks compress worse
          // and cost a request each. The rest (other pages, drawer, dialogs, toolbar) stays lazy.
          // The redirect bridge page loads it too, from the cache the main window filled.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
}));
