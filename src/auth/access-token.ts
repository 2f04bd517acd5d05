import {
  InteractionRequiredAuthError,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { t } from '../i18n/i18n';

/** Thrown when no account is signed in; the app shows the sign-in page. Its message may be shown. */
export class SignInRequiredError extends Error {
  constructor() {
    super(t({ id: 'auth.signInRequired', defaultMessage: 'Sign in to continue.' }));
    this.name = 'SignInRequiredError';
  }
}

/** Thrown after an interactive redirect has been started: the page is navigating away. */
export class InteractionStartedError extends Error {
  constructor() {
    super(
      t({
        id: 'auth.interactionStarted',
        defaultMessage: 'Continuing sign-in in the Microsoft sign-in page.',
      }),
    );
    this.name = 'InteractionStartedError';
  }
}

/**
 * Silent first (MSAL's cache, then its refresh token); interactive only when MSAL says the
 * user must act (expired session, consent, Conditional Access claims).
 */
export async function acquireToken(
  msal: IPublicClientApplication,
  scopes: readonly string[],
): Promise<AuthenticationResult> {
  const account = msal.getActiveAccount();
  if (!account) throw new SignInRequiredError();
  try {
    return await msal.acquireTokenSilent({ scopes: [...scopes], account });
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) {
      await msal.acquireTokenRedirect({
        scopes: [...scopes],
        account,
        ...(error.claims ? { claims: error.claims } : {}),
      });
      throw new InteractionStartedError();
    }
    throw error;
  }
}

/** Whether a token's granted scopes include `permission`, qualified with any resource or not. */
export function hasPermission(grantedScopes: readonly string[], permission: string): boolean {
  const wanted = permission.toLowerCase();
  return grantedScopes.some((scope) => {
    const s = scope.toLowerCase();
    return s === wanted || s.endsWith(`/${wanted}`);
  });
}
