// What the identity provider's endpoints share, and the layout of its URLs (Entra's v2.0 endpoints).
import { TENANT_ID } from '../directory.ts';
import type { IdentityStore } from './store.ts';
import type { TokenMinter } from './tokens.ts';

export interface IdpContext {
  /** Where the IdP is served, e.g. https://localhost:8443; URLs in discovery and tokens use it. */
  origin: string;
  issuer: string;
  now: () => number;
  store: IdentityStore;
  tokens: TokenMinter;
  /** Lifetime of the access tokens issued now (control API setting accessTokenLifetimeSeconds). */
  accessTokenLifetimeSeconds: () => number;
}

export const TENANT_PATH = `/${TENANT_ID}`;
export const AUTHORIZE_PATH = `${TENANT_PATH}/oauth2/v2.0/authorize`;
export const TOKEN_PATH = `${TENANT_PATH}/oauth2/v2.0/token`;
export const LOGOUT_PATH = `${TENANT_PATH}/oauth2/v2.0/logout`;
export const KEYS_PATH = `${TENANT_PATH}/discovery/v2.0/keys`;
export const DISCOVERY_PATH = `${TENANT_PATH}/v2.0/.well-known/openid-configuration`;

/** Named after Entra's session cookie. */
export const SESSION_COOKIE = 'ESTSAUTH';

/**
 * The browser session. SameSite=None; Secure so that MSAL's hidden-iframe renewal (prompt=none) sends it
 * from the app's origin; scoped to the tenant's paths like the rest of the IdP.
 */
export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=${TENANT_PATH}; HttpOnly; Secure; SameSite=None`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=${TENANT_PATH}; HttpOnly; Secure; SameSite=None; Max-Age=0`;
}
