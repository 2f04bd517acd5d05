import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './config/app-config';
import { ConfigErrorPage } from './app/config-error-page';

const root = createRoot(document.getElementById('root')!);
const result = await loadConfig();
if (!result.ok) {
  root.render(<ConfigErrorPage problems={result.problems} />);
} else {
  // MSAL must be initialised (and a returning redirect handled) before the first render.
  const [{ createMsal, takeRedirectError }, { App }] = await Promise.all([
    import('./auth/msal'),
    import('./app/app'),
  ]);
  const msal = await createMsal(result.config);
  root.render(
    <StrictMode>
      <App config={result.config} msal={msal} redirectError={takeRedirectError()} />
    </StrictMode>,
  );
}
