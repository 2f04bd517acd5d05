import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ConfigErrorPage } from './app/config-error-page';
import { SignInUnavailablePage } from './app/sign-in-unavailable-page';
import { StartupErrorPage } from './app/startup-error-page';
import { createMsal, takeRedirectError } from './auth/msal';
import { reportError, reportWindowErrors, rootErrorOptions } from './components/error-reporter';
import { loadConfig } from './config/app-config';
import { probeActivityStorage } from './record/activity-record-provider';

// Everything the first screen needs is imported statically, into one chunk; the rest is loaded
// on first use (see components/lazy-part.tsx).
reportWindowErrors();
// IndexedDB is checked while the configuration and MSAL load, so the dashboard knows at once
// whether it can keep the activity record (and so reprocess).
void probeActivityStorage();
const root = createRoot(document.getElementById('root')!, {
  ...rootErrorOptions,
  // Only reached when no boundary caught it: React has unmounted the app, so say so on a page.
  onUncaughtError: (error, info) => {
    reportError(error, 'uncaught', info);
    root.render(
      <StartupErrorPage title="Something went wrong in Reprocess Desk" todo={<p>Reload the page.</p>}>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </StartupErrorPage>,
    );
  },
});
const result = await loadConfig();
if (!result.ok) {
  root.render(<ConfigErrorPage problems={result.problems} />);
} else {
  // MSAL must be initialised (and a returning redirect handled) before the first render.
  const msal = await createMsal(result.config).catch((error: unknown) => {
    root.render(<SignInUnavailablePage error={error} />);
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
