// /token: redeems codes (PKCE) and refresh tokens for a single-page app, with Entra's CORS and errors.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALLOWED_ORIGINS, CLIENT_ID, findUser } from '../directory.ts';
import type { DemoUser } from '../directory.ts';
import { readBody, sendJson } from '../http.ts';
import type { IdpContext } from './context.ts';
import { requestedHeaderNames } from './discovery.ts';
import type { EntraError, Trace } from './entra-errors.ts';
import { entraErrors, isEntraError, sendEntraError, traceFor } from './entra-errors.ts';
import type { TokenScopes } from './scopes.ts';
import { resolveTokenScopes } from './scopes.ts';
import type { SignedInAccount } from './store.ts';
import { SPA_REFRESH_TOKEN_LIFETIME_MS } from './store.ts';
import { clientInfo } from './tokens.ts';

/**
 * Headers MSAL.js may add to the token request (telemetry, library and app identification). Any of them
 * makes the browser send a preflight, which must allow them all.
 */
const MSAL_REQUEST_HEADERS = [
  'content-type',
  'client-request-id',
  'return-client-request-id',
  'x-client-sku',
  'x-client-ver',
  'x-client-os',
  'x-client-cpu',
  'x-client-current-telemetry',
  'x-client-last-telemetry',
  'x-ms-lib-capability',
  'x-app-name',
  'x-app-ver',
  'x-anchormailbox',
];

export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  // Echoed on every answer, errors included, so the app can read why a redemption failed.
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'client-request-id, x-ms-request-id',
    Vary: 'Origin',
  };
}

export async function handleToken(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  const cors = corsHeaders(origin);
  if (req.method === 'OPTIONS') return preflight(req, res, cors);

  const trace = traceFor(req, url, ctx.now());
  const fail = (e: EntraError): void => sendEntraError(res, e, trace, cors);
  if (req.method !== 'POST') return fail(entraErrors.postOnly(req.method ?? 'unknown'));

  const isForm = (req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
  const body = await readBody(req);
  const params = new URLSearchParams(isForm ? body : '');

  const clientId = params.get('client_id');
  if (!clientId) return fail(entraErrors.missingParameter('client_id'));
  if (clientId !== CLIENT_ID) return fail(entraErrors.unknownClient(clientId));
  if (params.has('client_secret') || params.has('client_assertion')) {
    return fail(entraErrors.publicClientSecret());
  }
  // The app is registered as a single-page application: Entra only redeems its codes and refresh tokens
  // in cross-origin (browser) requests, recognised by the Origin header.
  if (!origin) return fail(entraErrors.originRequired());
  if (!ALLOWED_ORIGINS.includes(origin)) return fail(entraErrors.originNotAllowed(origin));

  const grantType = params.get('grant_type');
  if (!grantType) return fail(entraErrors.missingParameter('grant_type'));
  const result =
    grantType === 'authorization_code'
      ? await redeemCode(ctx, params)
      : grantType === 'refresh_token'
        ? await redeemRefreshToken(ctx, params)
        : entraErrors.unsupportedGrantType(grantType);
  if (isEntraError(result)) return fail(result);
  sendJson(res, 200, result, {
    ...cors,
    'x-ms-request-id': trace.traceId,
    ...echoClientRequestId(req, trace),
  });
}

function echoClientRequestId(req: IncomingMessage, trace: Trace): Record<string, string> {
  return req.headers['return-client-request-id'] === 'true'
    ? { 'client-request-id': trace.correlationId }
    : {};
}

function preflight(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
  // Allow what the browser asks for when it is a plain header name: MSAL's telemetry headers vary by version.
  const allowed = [...new Set([...MSAL_REQUEST_HEADERS, ...requestedHeaderNames(req)])];
  res.writeHead(204, {
    ...cors,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': allowed.join(', '),
    'Access-Control-Max-Age': '86400',
  });
  res.end();
}

interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  id_token?: string;
  client_info: string;
}

function sha256Base64Url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

async function redeemCode(ctx: IdpContext, params: URLSearchParams): Promise<TokenResponse | EntraError> {
  const codeValue = params.get('code');
  if (!codeValue) return entraErrors.missingParameter('code');
  const code = ctx.store.getCode(codeValue);
  if (!code) return entraErrors.invalidCode();
  if (code.redeemed) return entraErrors.codeRedeemed();
  if (code.expiresAt <= ctx.now()) return entraErrors.codeExpired();
  if (code.clientId !== params.get('client_id'))
    return entraErrors.invalidCode('It was issued to another client.');
  const redirectUri = params.get('redirect_uri') ?? '';
  if (redirectUri !== code.redirectUri)
    return entraErrors.replyAddressMismatch(redirectUri, code.redirectUri);
  const verifier = params.get('code_verifier');
  if (!verifier || sha256Base64Url(verifier) !== code.codeChallenge) return entraErrors.verifierMismatch();
  const user = ctx.store.withGrants(findUser(code.userId));
  if (!user) return entraErrors.invalidCode();
  const revoked = revokedGrant(ctx, code);
  if (revoked) return revoked;
  // MSAL repeats the authorize request's claims on the redemption; either will do.
  const claims = parseClaimsRequest(params.get('claims') ?? code.claims);
  if (isEntraError(claims)) return claims;

  // The token request's scopes decide the resource; MSAL repeats them, but the code's scopes stand in if not.
  const scope = params.get('scope') ?? code.scope;
  const offline = [scope, code.scope].some((s) => /(^|\s)offline_access(\s|$)/i.test(s));
  // Scopes are checked before the code is spent, so a request that fails here can be corrected and retried.
  const resolved = resolveTokenScopes(scope, user);
  if (isEntraError(resolved)) return resolved;
  // Spent before any await: two concurrent redemptions cannot both succeed.
  code.redeemed = true;
  return issueTokens(ctx, user, code, resolved, {
    nonce: code.nonce,
    refreshExpiresAt: offline ? ctx.now() + SPA_REFRESH_TOKEN_LIFETIME_MS : undefined,
    claims,
  });
}

async function redeemRefreshToken(
  ctx: IdpContext,
  params: URLSearchParams,
): Promise<TokenResponse | EntraError> {
  const token = params.get('refresh_token');
  if (!token) return entraErrors.missingParameter('refresh_token');
  const grant = ctx.store.getRefreshToken(token);
  if (!grant) return entraErrors.malformedRefreshToken();
  if (grant.clientId !== params.get('client_id')) return entraErrors.refreshTokenOtherClient();
  if (grant.expiresAt <= ctx.now()) return entraErrors.spaRefreshTokenExpired();
  const revoked = revokedGrant(ctx, grant);
  if (revoked) return revoked;
  const claims = parseClaimsRequest(params.get('claims'));
  if (isEntraError(claims)) return claims;
  const scope = params.get('scope');
  if (!scope?.trim()) return entraErrors.missingParameter('scope');
  const user = ctx.store.withGrants(findUser(grant.userId));
  if (!user) return entraErrors.malformedRefreshToken();
  // Rotation: every redemption returns a new refresh token. Entra does not revoke the redeemed one, which
  // stays usable until it expires, so neither do we. A SPA's refresh tokens keep the first one's 24-hour
  // deadline (AADSTS700084 after it): rotating never extends the sign-in.
  const resolved = resolveTokenScopes(scope, user);
  if (isEntraError(resolved)) return resolved;
  return issueTokens(ctx, user, grant, resolved, {
    nonce: undefined,
    refreshExpiresAt: grant.expiresAt,
    claims,
  });
}

/** AADSTS50173 for a code or refresh token from a sign-in before the user's sessions were revoked. */
function revokedGrant(ctx: IdpContext, grant: SignedInAccount): EntraError | undefined {
  const validFrom = ctx.store.tokensValidFrom(grant.userId);
  return validFrom !== undefined && grant.authTime < validFrom
    ? entraErrors.grantRevoked(grant.authTime, validFrom)
    : undefined;
}

/** What the emulator honours of a claims request (OIDC `claims` parameter, JSON). */
export interface ClaimsRequest {
  /** access_token.nbf.value: the token must be issued at or after this (epoch seconds). */
  notBefore?: number;
  /** access_token.xms_cc.values: the client's capabilities (MSAL's clientCapabilities, e.g. CP1). */
  capabilities?: string[];
}

/**
 * MSAL sends `claims` to /authorize and /token after a claims challenge (Microsoft Learn,
 * "Claims challenges, claims requests and client capabilities"), merged with `xms_cc` when the
 * app declares client capabilities. Other requested claims are accepted and ignored.
 */
export function parseClaimsRequest(text: string | null | undefined): ClaimsRequest | EntraError {
  if (text === null || text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return entraErrors.invalidClaims();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return entraErrors.invalidClaims();
  }
  const access = (parsed as Record<string, unknown>).access_token;
  if (typeof access !== 'object' || access === null) return {};
  const { nbf, xms_cc: xmsCc } = access as Record<string, unknown>;
  const result: ClaimsRequest = {};
  const value = typeof nbf === 'object' && nbf !== null ? (nbf as Record<string, unknown>).value : undefined;
  const seconds = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
  if (Number.isFinite(seconds)) result.notBefore = seconds;
  const values =
    typeof xmsCc === 'object' && xmsCc !== null ? (xmsCc as Record<string, unknown>).values : undefined;
  if (Array.isArray(values)) result.capabilities = values.filter((v): v is string => typeof v === 'string');
  return result;
}

async function issueTokens(
  ctx: IdpContext,
  user: DemoUser,
  account: SignedInAccount,
  resolved: TokenScopes,
  opts: { nonce: string | undefined; refreshExpiresAt: number | undefined; claims: ClaimsRequest },
): Promise<TokenResponse> {
  const lifetime = ctx.accessTokenLifetimeSeconds();
  const accessToken = await ctx.tokens.mintAccessToken({
    userId: user.id,
    audience: resolved.resource,
    scopes: resolved.granted,
    expiresInSeconds: lifetime,
    ...(opts.claims.notBefore !== undefined ? { issuedAtLeast: opts.claims.notBefore } : {}),
    ...(opts.claims.capabilities ? { capabilities: opts.claims.capabilities } : {}),
  });
  const response: TokenResponse = {
    token_type: 'Bearer',
    scope: resolved.responseScope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    client_info: clientInfo(user),
  };
  if (opts.refreshExpiresAt !== undefined) {
    response.refresh_token = ctx.store.issueRefreshToken({
      userId: user.id,
      sid: account.sid,
      authTime: account.authTime,
      clientId: CLIENT_ID,
      expiresAt: opts.refreshExpiresAt,
    });
    response.refresh_token_expires_in = Math.max(0, Math.floor((opts.refreshExpiresAt - ctx.now()) / 1000));
  }
  if (resolved.oidc.includes('openid')) {
    response.id_token = await ctx.tokens.mintIdToken({
      user,
      sid: account.sid,
      nonce: opts.nonce,
      email: resolved.oidc.includes('email'),
    });
  }
  return response;
}
