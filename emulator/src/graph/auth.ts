// Bearer-token checks in the order Graph applies them: a valid token (401), the delegated or
// application permission (403), then the caller's entitlement-management role (403).
import {
  createLocalJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { DEMO_USERS, GRAPH_APP_ID, type EmRole } from '../directory.ts';
import { graphError } from './errors.ts';
import type { GraphRequest, GraphResponse } from './types.ts';

export interface TokenSource {
  issuer: string;
  jwks(): JSONWebKeySet;
}

export interface Principal {
  /** 'user' for delegated tokens (scp), 'app' for application tokens (roles). */
  kind: 'user' | 'app';
  oid?: string;
  upn?: string;
  permissions: ReadonlySet<string>;
  emRole: EmRole;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; response: GraphResponse };

// Graph's 401s carry this challenge; the app may read it to find the authority.
const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

export class TokenVerifier {
  private cachedKeys = '';
  private keySet: ReturnType<typeof createLocalJWKSet> | null = null;

  constructor(
    private readonly source: () => TokenSource | undefined,
    private readonly audiences: readonly string[],
  ) {}

  private keys(src: TokenSource): ReturnType<typeof createLocalJWKSet> {
    // Re-import only when the identity provider's keys change (e.g. after a reset).
    const jwks = src.jwks();
    const text = JSON.stringify(jwks);
    if (!this.keySet || text !== this.cachedKeys) {
      this.keySet = createLocalJWKSet(jwks);
      this.cachedKeys = text;
    }
    return this.keySet;
  }

  async authenticate(req: GraphRequest): Promise<AuthResult> {
    const unauthorized = (message: string): AuthResult => ({
      ok: false,
      response: graphError(req, 401, 'InvalidAuthenticationToken', message, {
        'WWW-Authenticate': WWW_AUTHENTICATE,
      }),
    });
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.*)$/i.exec(header.trim());
    const token = m?.[1]?.trim() ?? '';
    if (!token) return unauthorized('Access token is empty.');
    const src = this.source();
    if (!src) return unauthorized('Access token validation failure.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys(src), {
        issuer: src.issuer,
        audience: [...this.audiences],
        algorithms: ['RS256'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        // Graph's wording for a token past its `exp` (it used to say "Access token has expired or
        // is not yet valid.", which it still says for a token before its `nbf`).
        return unauthorized('Lifetime validation failed, the token is expired.');
      }
      if (err instanceof joseErrors.JWTClaimValidationFailed) {
        if (err.claim === 'nbf') return unauthorized('Access token has expired or is not yet valid.');
        if (err.claim === 'aud') return unauthorized('Access token validation failure. Invalid audience.');
        if (err.claim === 'iss') return unauthorized('Access token validation failure. Invalid issuer.');
        return unauthorized('Access token validation failure.');
      }
      if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) {
        // What Graph says for a bearer value that is not a JWT at all.
        return unauthorized('CompactToken parsing failed with error code: 80049217');
      }
      return unauthorized('Access token validation failure.');
    }

    const scp = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : undefined;
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === 'string')
      : undefined;
    const oid = typeof payload.oid === 'string' ? payload.oid : undefined;
    const upn = typeof payload.upn === 'string' ? payload.upn : undefined;
    if (scp === undefined && roles !== undefined) {
      // Application permissions are tenant-wide: no entitlement-management role applies.
      return {
        ok: true,
        principal: {
          kind: 'app',
          ...(oid ? { oid } : {}),
          permissions: new Set(roles),
          emRole: {
            kind: 'tenant',
            role: 'Application',
            canWrite: roles.includes('EntitlementManagement.ReadWrite.All'),
          },
        },
      };
    }
    const user = DEMO_USERS.find((u) => u.id === oid);
    return {
      ok: true,
      principal: {
        kind: 'user',
        ...(oid ? { oid } : {}),
        ...(upn ? { upn } : {}),
        permissions: new Set(scp ?? []),
        emRole: user?.emRole ?? { kind: 'none' },
      },
    };
  }
}

export function graphAudiences(graphOrigin: string): string[] {
  return [
    graphOrigin,
    `${graphOrigin}/`,
    'https://graph.microsoft.com',
    'https://graph.microsoft.com/',
    GRAPH_APP_ID,
  ];
}

export function forbidden(
  req: GraphRequest,
  message = 'Insufficient privileges to complete the operation.',
): GraphResponse {
  return graphError(req, 403, 'Authorization_RequestDenied', message);
}

/** Read needs Read.All or ReadWrite.All; write needs ReadWrite.All. */
export function hasPermission(p: Principal, access: 'read' | 'write'): boolean {
  if (p.permissions.has('EntitlementManagement.ReadWrite.All')) return true;
  return access === 'read' && p.permissions.has('EntitlementManagement.Read.All');
}

/**
 * A Continuous Access Evaluation claims challenge: 401, `error="insufficient_claims"` and the
 * claims the next token must satisfy, base64-encoded, in WWW-Authenticate. Format from Microsoft
 * Learn, "Claims challenges, claims requests and client capabilities"
 * (https://learn.microsoft.com/entra/identity-platform/claims-challenge) and "How to use CAE
 * enabled APIs in your applications" (app-resilience-continuous-access-evaluation): the claims
 * ask for a token issued at or after `nbf`, as after a user-revocation event. The client decodes
 * them and asks Entra for a token with `claims=<json>`; a 401 means the call was not applied.
 * Real Graph sends these only to clients that declared the CP1 capability (`xms_cc` in the
 * token); the emulator's claims fault challenges every token issued before the fault was added.
 * The body is Graph's CAE error; the authorization_uri names this emulator's authority.
 */
export function claimsChallenge(
  req: GraphRequest,
  source: TokenSource | undefined,
  notBefore: number,
): GraphResponse {
  const claims = { access_token: { nbf: { essential: true, value: String(notBefore) } } };
  const encoded = Buffer.from(JSON.stringify(claims)).toString('base64');
  const authority = source?.issuer.replace(/\/v2\.0$/, '') ?? 'https://login.microsoftonline.com/common';
  return graphError(
    req,
    401,
    'InvalidAuthenticationToken',
    'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
    {
      'WWW-Authenticate': `Bearer realm="", authorization_uri="${authority}/oauth2/authorize", error="insufficient_claims", claims="${encoded}"`,
    },
  );
}
