import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Two entries: the app, and the MSAL redirect bridge page that popups land on
// (MSAL v5 popups time out when their redirectUri is the app root).
export default defineConfig({
  plugins: [react()],
  build: {
    // Top-level await: MSAL must be initialised before the first render.
    target: 'es2022',
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        redirect: resolve(import.meta.dirname, 'redirect.html'),
      },
    },
  },
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
});
