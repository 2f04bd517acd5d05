// Signing keys and the tokens Entra issues: Graph access tokens, id_tokens and client_info.
import { createHash, randomBytes } from 'node:crypto';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { DemoUser } from '../directory.ts';
import { CLIENT_ID, TENANT_ID, findUser } from '../directory.ts';
import { DEFAULT_RESOURCE } from './scopes.ts';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
const ID_TOKEN_LIFETIME_SECONDS = 3600;

export interface AccessTokenOptions {
  userId: string;
  /** The resource; default `https://graph.microsoft.com`. */
  audience?: string;
  /** The `scp` permissions; default every permission the user consented to. */
  scopes?: readonly string[];
  expiresInSeconds?: number;
  /**
   * From a claims request (`{"access_token":{"nbf":{"essential":true,"value":"<epoch>"}}}`): the
   * token's `iat` is at least this, so it satisfies the challenge even within the second the
   * challenge was made (`iat` has second precision). `nbf` and `exp` stay on the real clock.
   */
  issuedAtLeast?: number;
  /** Client capabilities from a claims request (`xms_cc`), e.g. ['CP1']. */
  capabilities?: readonly string[];
}

export interface IdTokenOptions {
  user: DemoUser;
  sid: string;
  nonce?: string;
  email: boolean;
}

export interface TokenMinter {
  jwks(): JSONWebKeySet;
  mintAccessToken(opts: AccessTokenOptions): Promise<string>;
  mintIdToken(opts: IdTokenOptions): Promise<string>;
}

/** A fresh RS256 key per start: tokens from an earlier run must not verify, just as after a key rollover. */
export async function createTokenMinter(opts: { issuer: string; now: () => number }): Promise<TokenMinter> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const published = { ...publicJwk, kid, use: 'sig', alg: 'RS256' };

  const sign = (claims: JWTPayload): Promise<string> =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey);
  const seconds = (): number => Math.floor(opts.now() / 1000);

  return {
    jwks: () => ({ keys: [{ ...published }] }),

    async mintAccessToken({
      userId,
      audience = DEFAULT_RESOURCE,
      scopes,
      expiresInSeconds,
      issuedAtLeast,
      capabilities,
    }) {
      const user = findUser(userId);
      if (!user) throw new Error(`unknown user ${userId}`);
      const now = seconds();
      return sign({
        iss: opts.issuer,
        aud: audience,
        tid: TENANT_ID,
        oid: user.id,
        sub: pairwiseSubject(user.id, audience),
        upn: user.userPrincipalName,
        preferred_username: user.userPrincipalName,
        name: user.displayName,
        scp: (scopes ?? user.consentedScopes).join(' '),
        appid: CLIENT_ID,
        azp: CLIENT_ID,
        // Public client: no client authentication at the token endpoint.
        azpacr: '0',
        ...(capabilities && capabilities.length > 0 ? { xms_cc: [...capabilities] } : {}),
        iat: Math.max(now, issuedAtLeast ?? 0),
        nbf: now,
        exp: now + (expiresInSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS),
        ver: '2.0',
        uti: randomBytes(16).toString('base64url'),
      });
    },

    async mintIdToken({ user, sid, nonce, email }) {
      const iat = seconds();
      return sign({
        iss: opts.issuer,
        aud: CLIENT_ID,
        tid: TENANT_ID,
        oid: user.id,
        sub: pairwiseSubject(user.id, CLIENT_ID),
        preferred_username: user.userPrincipalName,
        name: user.displayName,
        ...(email ? { email: user.userPrincipalName } : {}),
        // MSAL compares this with the nonce it sent (nonce_mismatch otherwise); refreshed id_tokens carry none.
        ...(nonce !== undefined ? { nonce } : {}),
        iat,
        nbf: iat,
        exp: iat + ID_TOKEN_LIFETIME_SECONDS,
        ver: '2.0',
        sid,
        uti: randomBytes(16).toString('base64url'),
      });
    },
  };
}

/** Entra's `sub` is pairwise: the same user has a different subject for each application. */
function pairwiseSubject(oid: string, audience: string): string {
  return createHash('sha256').update(`${oid}|${audience}`).digest('base64url');
}

/** `client_info`: MSAL builds the account's homeAccountId (`uid.utid`) from it. */
export function clientInfo(user: DemoUser): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: TENANT_ID })).toString('base64url');
}
