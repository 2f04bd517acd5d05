import { AuthError } from '@azure/msal-browser';
import { t } from '../i18n/i18n';

/** Turns an MSAL failure into words for the sign-in page. */
export function describeSignInError(error: unknown, authorityHint: string): { title: string; body: string } {
  const failed = () => t({ id: 'signIn.error.failed', defaultMessage: 'Sign-in failed' });
  if (error instanceof AuthError) {
    if (error.errorCode === 'consent_required' || error.errorCode === 'interaction_required') {
      return {
        title: t({
          id: 'signIn.error.consent',
          defaultMessage: 'Your administrator needs to approve this app',
        }),
        body: t({
          id: 'signIn.error.consentBody',
          defaultMessage:
            'Entra ID reports that consent is missing for a permission this dashboard asked for. Ask an administrator to grant admin consent, then sign in again.',
        }),
      };
    }
    if (error.errorCode === 'endpoints_resolution_error' || error.errorCode === 'no_network_connectivity') {
      return {
        title: t({
          id: 'signIn.error.unreachable',
          defaultMessage: 'The sign-in service could not be reached',
        }),
        body: t(
          {
            id: 'signIn.error.unreachableBody',
            defaultMessage:
              "Check the network connection. If the authority ({authority}) uses a certificate your browser does not trust yet, such as the built-in emulator's, open it once in this browser and accept the certificate, then sign in again.",
          },
          { authority: authorityHint },
        ),
      };
    }
    if (error.errorCode === 'user_cancelled' || error.errorCode === 'access_denied') {
      return {
        title: t({ id: 'signIn.error.cancelled', defaultMessage: 'Sign-in was cancelled' }),
        body: t({ id: 'signIn.error.cancelledBody', defaultMessage: 'Sign in again when you are ready.' }),
      };
    }
    // MSAL's own code and message: what an administrator searches for.
    return {
      title: failed(),
      body: `${error.errorCode}: ${error.errorMessage.split('\n')[0] ?? ''}`.trim(),
    };
  }
  return { title: failed(), body: error instanceof Error ? error.message : String(error) };
}
