import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import griffel from '@griffel/vite-plugin';
import { resolve } from 'node:path';

/**
 * The MSAL redirect bridge page that popups and silent iframes land on (MSAL v5 popups time out
 * when their redirectUri is the app root), built on its own after the app: as a second entry of
 * the app's build it would share the first screen's chunk (see codeSplitting below), and each page
 * would run the other's entry code.
 */
function redirectBridgePage(): Plugin {
  return {
    name: 'redirect-bridge-page',
    apply: (_config, env) => env.command === 'build' && !process.env.REDIRECT_BRIDGE_BUILD,
    async closeBundle() {
      process.env.REDIRECT_BRIDGE_BUILD = '1';
      try {
        await build({
          configFile: false,
          root: import.meta.dirname,
          publicDir: false,
          logLevel: 'warn',
          build: {
            target: 'es2022',
            emptyOutDir: false,
            rolldownOptions: { input: { redirect: resolve(import.meta.dirname, 'redirect.html') } },
          },
        });
      } finally {
        delete process.env.REDIRECT_BRIDGE_BUILD;
      }
    },
  };
}

/**
 * `vite preview` (`npm start`, the e2e suite) answers every file with `no-cache`. Hashed assets
 * get the deployment's rule instead (docs/deploy.md), so the page that loads after the sign-in
 * redirect takes them from the browser's cache, as a deployed desk does.
 */
function previewCacheRules(): Plugin {
  return {
    name: 'preview-cache-rules',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/assets/')) {
          const setHeader = res.setHeader.bind(res);
          // sirv sets its own Cache-Control after this middleware: keep ours.
          res.setHeader = (name, value) =>
            name.toLowerCase() === 'cache-control' ? res : setHeader(name, value);
          setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
        next();
      });
    },
  };
}

// The app (index.html), then the redirect bridge page (redirect.html).
export default defineConfig(({ command }) => ({
  plugins: [react(), command === 'build' && griffel(), redirectBridgePage(), previewCacheRules()],
  build: {
    // Top-level await: MSAL must be initialised before the first render.
    target: 'es2022',
    // The first screen is one chunk by design (see codeSplitting below); it is mostly React,
    // MSAL and Fluent, and `npm run bench` holds it to the floor of those alone.
    chunkSizeWarningLimit: 1_000,
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
