// OpenID Provider metadata and signing keys. MSAL fetches both from the browser, hence CORS for any origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TENANT_ID } from '../directory.ts';
import { sendJson } from '../http.ts';
import type { IdpContext } from './context.ts';
import { AUTHORIZE_PATH, KEYS_PATH, LOGOUT_PATH, TOKEN_PATH } from './context.ts';

export const PUBLIC_CORS: Record<string, string> = { 'Access-Control-Allow-Origin': '*' };

/** Entra's v2.0 metadata, trimmed to what this IdP really does (code flow with PKCE, fragment or query). */
export function openIdConfiguration(ctx: Pick<IdpContext, 'origin' | 'issuer'>): Record<string, unknown> {
  return {
    issuer: ctx.issuer,
    authorization_endpoint: `${ctx.origin}${AUTHORIZE_PATH}`,
    token_endpoint: `${ctx.origin}${TOKEN_PATH}`,
    end_session_endpoint: `${ctx.origin}${LOGOUT_PATH}`,
    jwks_uri: `${ctx.origin}${KEYS_PATH}`,
    response_types_supported: ['code'],
    response_modes_supported: ['fragment', 'query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nbf',
      'name',
      'nonce',
      'oid',
      'preferred_username',
      'email',
      'sid',
      'tid',
      'ver',
    ],
    request_uri_parameter_supported: false,
    frontchannel_logout_supported: true,
    http_logout_supported: true,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: 'graph.microsoft.com',
    tenant_id: TENANT_ID,
  };
}

/** The header names a preflight asks for, when they are plain names; allowing them all is harmless here. */
export function requestedHeaderNames(req: IncomingMessage): string[] {
  return String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^[a-z0-9-]+$/.test(h));
}

export function handlePublicJson(req: IncomingMessage, res: ServerResponse, body: () => unknown): void {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...PUBLIC_CORS,
      'Access-Control-Allow-Methods': 'GET, OPTIONS',
      'Access-Control-Allow-Headers': requestedHeaderNames(req).join(', '),
      'Access-Control-Max-Age': '86400',
    });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(
      res,
      405,
      { error: 'invalid_request', error_description: 'Only GET is supported.' },
      PUBLIC_CORS,
    );
    return;
  }
  sendJson(res, 200, body(), PUBLIC_CORS);
}
