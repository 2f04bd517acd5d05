import { AuthError } from '@azure/msal-browser';

/** Turns an MSAL failure into words for the sign-in page. */
export function describeSignInError(error: unknown, authorityHint: string): { title: string; body: string } {
  if (error instanceof AuthError) {
    if (error.errorCode === 'consent_required' || error.errorCode === 'interaction_required') {
      return {
        title: 'Your administrator needs to approve this app',
        body: 'Entra ID reports that consent is missing for a permission this dashboard asked for. Ask an administrator to grant admin consent, then sign in again.',
      };
    }
    if (error.errorCode === 'endpoints_resolution_error' || error.errorCode === 'no_network_connectivity') {
      return {
        title: 'The sign-in service could not be reached',
        body: `Check the network connection. If the authority (${authorityHint}) uses a certificate your browser does not trust yet, such as the built-in emulator's, open it once in this browser and accept the certificate, then sign in again.`,
      };
    }
    if (error.errorCode === 'user_cancelled' || error.errorCode === 'access_denied') {
      return { title: 'Sign-in was cancelled', body: 'Sign in again when you are ready.' };
    }
    return {
      title: 'Sign-in failed',
      body: `${error.errorCode}: ${error.errorMessage.split('\n')[0] ?? ''}`.trim(),
    };
  }
  return { title: 'Sign-in failed', body: error instanceof Error ? error.message : String(error) };
}
