import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createMsal, takeRedirectError } from './auth/msal';
import { reportError, reportWindowErrors, rootErrorOptions } from './components/error-reporter';
import { loadConfig } from './config/app-config';
import type * as FailurePagesModule from './app/startup-failure-pages';
import { probeActivityStorage } from './record/activity-record-provider';
import { startI18n, t } from './i18n/i18n';
import { followThemeOnDocument, themeStore } from './app/theme';

// Everything the first screen needs is imported statically, into one chunk; the rest is loaded
// on first use (see components/lazy-part.tsx).
reportWindowErrors();
// The chosen (or the system's) theme, on the document before anything renders: the failure pages
// below render without Fluent, and index.html's `color-scheme` only knows the system's.
followThemeOnDocument(themeStore, document.documentElement);
// IndexedDB is checked while the configuration and MSAL load, so the dashboard knows at once
// whether it can keep the activity record (and so reprocess).
void probeActivityStorage();
const root = createRoot(document.getElementById('root')!, {
  ...rootErrorOptions,
  // Only reached when no boundary caught it: React has unmounted the app, so say so on a page.
  onUncaughtError: (error, info) => {
    reportError(error, 'uncaught', info);
    showFailure(
      (pages) => <pages.CrashPage error={error} />,
      t({ id: 'startup.crash.plain', defaultMessage: 'Something went wrong. Reload the page.' }),
    );
  },
});

/**
 * A start-up failure page, from its own chunk (the first screen does not carry them). If even
 * that cannot be downloaded (the network is down), the same words in plain text (in the language
 * in use: its catalog is already in, as the language starts before anything can fail).
 */
function showFailure(page: (pages: typeof FailurePagesModule) => ReactNode, plainText: string): void {
  import('./app/startup-failure-pages').then(
    (pages) => root.render(page(pages)),
    () => {
      document.body.textContent = t(
        { id: 'startup.plain', defaultMessage: 'Reprocess Desk cannot start. {reason}' },
        { reason: plainText },
      );
    },
  );
}

// The language (and pt-BR's catalog) loads beside the configuration: the first screen is in it.
const [result] = await Promise.all([loadConfig(), startI18n()]);
if (!result.ok) {
  const { problems } = result;
  showFailure(
    (pages) => <pages.ConfigErrorPage problems={problems} />,
    t(
      {
        id: 'startup.config.plain',
        defaultMessage: '{problems} Check the connection and config.json, then reload.',
      },
      { problems: problems.map((p) => `${p.key}: ${p.message}`).join(' ') },
    ),
  );
} else {
  // MSAL must be initialised (and a returning redirect handled) before the first render.
  const msal = await createMsal(result.config).catch((error: unknown) => {
    showFailure(
      (pages) => <pages.SignInUnavailablePage error={error} />,
      t(
        { id: 'startup.signIn.plain', defaultMessage: 'Sign-in could not start ({error}). Reload the page.' },
        { error: error instanceof Error ? error.message : String(error) },
      ),
    );
    return undefined;
  });
  if (msal) {
    root.render(
      <StrictMode>
        <App config={result.config} msal={msal} redirectError={takeRedirectError()} />
      </StrictMode>,
    );
  }
}
