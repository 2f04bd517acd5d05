// The emulated Entra ID: an OpenID provider laid out like login.microsoftonline.com/{tenant}/..., enough for
// the app's real MSAL.js to sign in, renew tokens and sign out, and for Graph to verify access tokens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import { DEMO_USERS, GRAPH_SCOPES, TENANT_ID } from '../directory.ts';
import type { Handler } from '../http.ts';
import { requestUrl, sendJson } from '../http.ts';
import { handleAuthorize } from './authorize.ts';
import type { IdpContext } from './context.ts';
import { handlePublicJson, openIdConfiguration, PUBLIC_CORS } from './discovery.ts';
import { entraErrors, sendEntraError, traceFor } from './entra-errors.ts';
import { handleLogout } from './logout.ts';
import { sendErrorPage, sendPage, welcomePage } from './pages.ts';
import { IdentityStore } from './store.ts';
import { corsHeaders, handleToken } from './token.ts';
import { ACCESS_TOKEN_LIFETIME_SECONDS, createTokenMinter } from './tokens.ts';

export interface Identity {
  /** The whole IdP: mount on the https server at IDP_ORIGIN. */
  handle: Handler;
  /** `${origin}/${TENANT_ID}/v2.0` */
  issuer: string;
  /** Public keys; Graph verifies access tokens with jose createLocalJWKSet(identity.jwks()). */
  jwks(): JSONWebKeySet;
  /** Mints a Graph access token exactly as the token endpoint would (used by the token endpoint and by emulator tests). */
  mintAccessToken(opts: {
    userId: string;
    audience?: string;
    scopes?: readonly string[];
    expiresInSeconds?: number;
  }): Promise<string>;
  /** Forget sessions, codes, refresh tokens and granted permissions (control API reset). Keys stay. */
  reset(): void;
  /** Graph's revokeSignInSessions for these users (IdentityStore.revoke). */
  revokeSessions(userIds: readonly string[]): { sessionsEnded: number };
  /** Control API `POST /grants` (or `DELETE /grants`): an administrator grants (revokes) a permission. */
  grant(body: unknown, granted?: boolean): GrantResult | string;
}

export interface GrantResult {
  upn: string;
  /** Every permission the user has consented to now. */
  consentedScopes: string[];
}

type Endpoint = 'discovery' | 'keys' | 'authorize' | 'token' | 'logout';

/** Paths below `/{tenant}`, as Entra lays them out. */
const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  '/v2.0/.well-known/openid-configuration': 'discovery',
  '/discovery/v2.0/keys': 'keys',
  '/oauth2/v2.0/authorize': 'authorize',
  '/oauth2/v2.0/token': 'token',
  '/oauth2/v2.0/logout': 'logout',
};

export async function createIdentity(opts: {
  origin: string;
  now?: () => number;
  /** Lifetime of the access tokens issued from now on; default 3600 s. */
  accessTokenLifetimeSeconds?: () => number;
}): Promise<Identity> {
  const origin = new URL(opts.origin).origin;
  const now = opts.now ?? Date.now;
  // Shares scheme, host and port with the authority, as MSAL expects of the discovery document.
  const issuer = `${origin}/${TENANT_ID}/v2.0`;
  const tokens = await createTokenMinter({ issuer, now });
  const ctx: IdpContext = {
    origin,
    issuer,
    now,
    store: new IdentityStore(now),
    tokens,
    accessTokenLifetimeSeconds: opts.accessTokenLifetimeSeconds ?? (() => ACCESS_TOKEN_LIFETIME_SECONDS),
  };
  const verbose = process.env.EMULATOR_VERBOSE === '1';

  const handle: Handler = async (req, res) => {
    const url = requestUrl(req, origin);
    if (verbose) {
      // The path only: queries carry codes and hints that do not belong in a log.
      res.on('finish', () =>
        process.stderr.write(`[identity] ${req.method} ${url.pathname} ${res.statusCode}\n`),
      );
    }
    try {
      await route(ctx, req, res, url);
    } catch (err) {
      process.stderr.write(
        `[identity] ${req.method} ${url.pathname} failed: ${String((err as Error).stack ?? err)}\n`,
      );
      if (res.headersSent) {
        res.destroy();
      } else {
        sendJson(res, 500, {
          error: 'server_error',
          error_description: 'AADSTS90033: A transient error has occurred.',
        });
      }
    }
  };

  return {
    handle,
    issuer,
    jwks: () => tokens.jwks(),
    mintAccessToken: (o) => tokens.mintAccessToken(o),
    reset: () => ctx.store.reset(),
    revokeSessions: (userIds) => ctx.store.revoke(userIds),
    grant: (body, granted = true) => grantConsent(ctx, body, granted),
  };
}

/** `{ upn, scope }`: scope is a Graph permission name (`AuditLog.Read.All`), as an admin picks it. */
function grantConsent(ctx: IdpContext, body: unknown, granted: boolean): GrantResult | string {
  const { upn, scope } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof upn !== 'string' || typeof scope !== 'string') return 'body must be { upn, scope }';
  const user = DEMO_USERS.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
  if (!user) return `no user '${upn}'`;
  const permission = GRAPH_SCOPES.find((p) => p.toLowerCase() === scope.toLowerCase());
  if (!permission) return `scope must be one of ${GRAPH_SCOPES.join(', ')}`;
  ctx.store.grant(user.id, permission, granted);
  return {
    upn: user.userPrincipalName,
    consentedScopes: [...(ctx.store.withGrants(user)?.consentedScopes ?? [])],
  };
}

async function route(ctx: IdpContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (url.pathname === '/' && req.method === 'GET') {
    sendPage(res, 200, 'Entra ID emulator', welcomePage());
    return;
  }
  const match = /^\/([^/]+)(\/.*)$/.exec(url.pathname);
  const endpoint = match?.[2] !== undefined ? ENDPOINTS[match[2]] : undefined;
  const tenant = match?.[1];
  if (!endpoint || tenant === undefined) {
    sendJson(res, 404, { error: 'not_found', error_description: `No such endpoint: ${url.pathname}` });
    return;
  }
  if (tenant.toLowerCase() !== TENANT_ID) return unknownTenant(ctx, req, res, url, endpoint, tenant);

  switch (endpoint) {
    case 'discovery':
      return handlePublicJson(req, res, () => openIdConfiguration(ctx));
    case 'keys':
      return handlePublicJson(req, res, () => ctx.tokens.jwks());
    case 'authorize':
      return handleAuthorize(ctx, req, res, url);
    case 'token':
      return handleToken(ctx, req, res, url);
    case 'logout':
      return handleLogout(ctx, req, res, url);
  }
}

/** AADSTS90002, shaped for whoever asked: a page for the browser's navigations, JSON for fetches. */
function unknownTenant(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  endpoint: Endpoint,
  tenant: string,
): void {
  const trace = traceFor(req, url, ctx.now());
  let name = tenant;
  try {
    name = decodeURIComponent(tenant);
  } catch {
    // Not valid percent-encoding: name it as sent.
  }
  switch (endpoint) {
    case 'authorize':
    case 'logout':
      return sendErrorPage(res, entraErrors.tenantNotFound(name), trace);
    case 'token': {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      return sendEntraError(
        res,
        entraErrors.tenantNotFound(name, 'invalid_request'),
        trace,
        corsHeaders(origin),
      );
    }
    case 'discovery':
    case 'keys':
      return sendEntraError(res, entraErrors.tenantNotFound(name), trace, PUBLIC_CORS);
  }
}
