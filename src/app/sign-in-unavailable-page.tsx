import { AuthError } from '@azure/msal-browser';
import { StartupErrorPage } from './startup-error-page';

/** MSAL's initialize() failed: nothing can sign in, so say why and what to do instead of a blank page. */
export function SignInUnavailablePage({ error }: { error: unknown }) {
  const code = error instanceof AuthError ? error.errorCode : undefined;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  // Browsers offer the Web Crypto API MSAL needs (PKCE) only to secure pages: https, or localhost.
  const insecure = !window.isSecureContext || code === 'crypto_nonexistent';
  return (
    <StartupErrorPage
      title="Sign-in cannot start in this browser"
      todo={
        insecure ? (
          <p>
            Serve the dashboard over https (or open it on localhost). Browsers only give pages served over
            plain http from another host the cryptography that sign-in needs.
          </p>
        ) : (
          <p>
            Reload the page. If this persists, allow this site to store data (private windows and blocked
            cookies prevent it), or try another browser.
          </p>
        )
      }
    >
      <p>
        The Microsoft sign-in library (MSAL) could not start
        {insecure ? `: this page (${window.location.origin}) is not a secure context` : ''}.
      </p>
      <p>
        <code>
          {code ? `${code}: ` : ''}
          {message}
        </code>
      </p>
    </StartupErrorPage>
  );
}
