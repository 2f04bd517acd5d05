// The engine's view of sign-in, over MSAL: silent only, except `signInAgain`, which opens a popup
// from the agent's click. The page never navigates away while a run has work in flight (a
// redirect would lose it); the popup lands on `/redirect.html`, MSAL v5's redirect bridge.
import {
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { SignInNeededError, type EngineAuth } from './engine';

function toSignInNeeded(error: unknown, claims?: string): unknown {
  if (error instanceof InteractionRequiredAuthError) {
    return new SignInNeededError(
      'Microsoft sign-in needs you to sign in again before anything more is sent.',
      error.claims || claims,
    );
  }
  return error;
}

function account(msal: IPublicClientApplication): AccountInfo {
  const active = msal.getActiveAccount();
  if (!active) throw new SignInNeededError('Nobody is signed in.');
  return active;
}

/**
 * A token from MSAL's cache or its refresh token, never interactive. A bulk run asks for one per
 * batch, ten at once: the answer MSAL gave is reused while it is far from expiry (as MSAL's own
 * cache would give it: it renews five minutes before) and for at most a minute, so each batch does
 * not wait for a cache lookup. `forget` drops it: after a claims challenge, a forced renewal or a
 * new sign-in the next call asks MSAL again.
 */
export function createSilentTokens(msal: IPublicClientApplication, redirectUri?: string) {
  const REUSE_MS = 60_000;
  const RENEW_BEFORE_MS = 5 * 60_000;
  const memo = new Map<string, { token: Promise<AuthenticationResult>; until: number }>();
  return {
    async get(scopes: readonly string[]): Promise<string> {
      const start = typeof performance === 'undefined' ? undefined : performance.now();
      try {
        const who = account(msal);
        const key = `${who.homeAccountId}|${[...scopes].sort().join(' ')}`;
        const now = Date.now();
        let held = memo.get(key);
        if (!held || held.until <= now) {
          const token = msal.acquireTokenSilent({
            scopes: [...scopes],
            account: who,
            ...(redirectUri !== undefined && { redirectUri }),
          });
          held = { token, until: now + REUSE_MS };
          memo.set(key, held);
          const entry = held;
          token.then(
            (result) => {
              const expires = result.expiresOn?.getTime() ?? 0;
              entry.until = Math.min(entry.until, expires - RENEW_BEFORE_MS);
            },
            () => {
              if (memo.get(key) === entry) memo.delete(key);
            },
          );
        }
        return (await held.token).accessToken;
      } catch (error) {
        throw toSignInNeeded(error);
      } finally {
        // Where a run's time goes (read by `npm run bench`): the token for every call.
        if (start !== undefined) performance.measure?.('reprocess: token', { start, end: performance.now() });
      }
    },
    forget(): void {
      memo.clear();
    },
  };
}

export type SilentTokens = ReturnType<typeof createSilentTokens>;

/**
 * `bridgeUri`: MSAL v5's redirect bridge page (`/redirect.html`), where popups land and where the
 * hidden iframe of a silent renewal lands (MSAL falls back to it when a refresh token is refused);
 * the app's own root in an iframe would load the whole dashboard.
 */
export function createMsalEngineAuth(
  msal: IPublicClientApplication,
  bridgeUri: string,
  tokens?: SilentTokens,
): EngineAuth {
  const silent = { redirectUri: bridgeUri };
  return {
    async prepare(scopes, { minValidityMs }) {
      tokens?.forget();
      try {
        const who = account(msal);
        const result = await msal.acquireTokenSilent({ ...silent, scopes: [...scopes], account: who });
        const expiresAt = result.expiresOn?.getTime() ?? 0;
        // A token that would expire during the run is renewed now, while nothing is in flight.
        if (expiresAt - Date.now() < minValidityMs) {
          await msal.acquireTokenSilent({ ...silent, scopes: [...scopes], account: who, forceRefresh: true });
        }
      } catch (error) {
        throw toSignInNeeded(error);
      }
    },
    async satisfyClaims(scopes, claims) {
      tokens?.forget();
      try {
        // With claims MSAL skips its cache and asks Entra for a token that carries them.
        await msal.acquireTokenSilent({ ...silent, scopes: [...scopes], account: account(msal), claims });
      } catch (error) {
        throw toSignInNeeded(error, claims);
      }
    },
    async signInAgain(scopes, claims) {
      const result = await msal.acquireTokenPopup({
        scopes: [...scopes],
        account: account(msal),
        redirectUri: bridgeUri,
        ...(claims ? { claims } : {}),
      });
      if (result.account) msal.setActiveAccount(result.account);
      tokens?.forget();
    },
  };
}
