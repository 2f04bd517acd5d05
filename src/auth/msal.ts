import {
  BrowserCacheLocation,
  EventType,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type EventMessage,
} from '@azure/msal-browser';
import type { AppConfig } from '../config/app-config';

function isAccountInfo(payload: EventMessage['payload']): payload is AccountInfo {
  return !!payload && 'homeAccountId' in payload && 'username' in payload;
}

function isAuthResult(payload: EventMessage['payload']): payload is AuthenticationResult {
  return !!payload && 'accessToken' in payload && 'account' in payload;
}

/**
 * Creates and initialises the MSAL instance from the runtime configuration.
 * Must be awaited before the first render (MSAL requires initialize() before any other call).
 */
export async function createMsal(config: AppConfig): Promise<PublicClientApplication> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      // Without the authority host here MSAL asks login.microsoftonline.com for instance
      // discovery, which fails for any other host (national clouds' hosts are listed too).
      knownAuthorities: config.knownAuthorities,
      redirectUri: config.redirectUri,
      postLogoutRedirectUri: config.postLogoutRedirectUri,
    },
    // Per tab: closing the tab signs the agent out of this dashboard, which suits shared helpdesk desks.
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
  });
  await msal.initialize();

  msal.addEventCallback((event) => {
    // MSAL v5: LOGIN_SUCCESS carries the AccountInfo itself; token events carry a result.
    if (event.eventType === EventType.LOGIN_SUCCESS && isAccountInfo(event.payload)) {
      msal.setActiveAccount(event.payload);
    } else if (event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS && isAuthResult(event.payload)) {
      if (!msal.getActiveAccount()) msal.setActiveAccount(event.payload.account);
    }
  });

  const result = await msal.handleRedirectPromise().catch((error: unknown) => {
    // A failed redirect (for example a refused consent) must not stop the app: the sign-in
    // page shows the reason.
    redirectError = error;
    return null;
  });
  if (result?.account) msal.setActiveAccount(result.account);
  if (!msal.getActiveAccount()) {
    const [first] = msal.getAllAccounts();
    if (first) msal.setActiveAccount(first);
  }
  return msal;
}

let redirectError: unknown;

/** The error the last redirect came back with, if any (read once by the sign-in page). */
export function takeRedirectError(): unknown {
  const error = redirectError;
  redirectError = undefined;
  return error;
}
