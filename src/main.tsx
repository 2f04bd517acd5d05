import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ConfigErrorPage } from './app/config-error-page';
import { createMsal, takeRedirectError } from './auth/msal';
import { loadConfig } from './config/app-config';

// Everything the first screen needs is imported statically, into one chunk; the rest is loaded
// on first use (see components/lazy-part.tsx).
const root = createRoot(document.getElementById('root')!);
const result = await loadConfig();
if (!result.ok) {
  root.render(<ConfigErrorPage problems={result.problems} />);
} else {
  // MSAL must be initialised (and a returning redirect handled) before the first render.
  const msal = await createMsal(result.config);
  root.render(
    <StrictMode>
      <App config={result.config} msal={msal} redirectError={takeRedirectError()} />
    </StrictMode>,
  );
}
