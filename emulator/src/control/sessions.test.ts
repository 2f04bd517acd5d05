// Session trouble through the control API, as the app's MSAL meets it: short-lived access tokens,
// revoked sign-in sessions (AADSTS50173, then login_required) and claims challenges.
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, TENANT_ID } from '../directory.ts';
import type { LogEntry } from '../request-log.ts';
import type { AssignmentRequest } from '../store/model.ts';
import { USERS, useEmulator, V1, waitFor, type GraphErrorBody, type UserKey } from './test-harness.ts';

const h = useEmulator();
const APP = 'http://localhost:5173';
const REDIRECT_URI = `${APP}/`;
const SCOPE = 'https://graph.microsoft.com/EntitlementManagement.ReadWrite.All openid profile offline_access';
const DAY = 86_400_000;

const idp = (path: string): string => `${h.emulator().idpOrigin}/${TENANT_ID}/oauth2/v2.0/${path}`;

interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  cookie: string;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** authorize -> pick (or prompt=none with the session cookie) -> the code in the fragment. */
async function authorize(
  user: UserKey,
  opts: { cookie?: string; prompt?: string; claims?: string } = {},
): Promise<{ code?: string; error?: string; verifier: string; cookie: string; description?: string }> {
  const { verifier, challenge } = pkce();
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    response_mode: 'fragment',
    scope: SCOPE,
    state: 's',
    nonce: 'n',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: opts.prompt ?? 'select_account',
    ...(opts.claims ? { claims: opts.claims } : {}),
  });
  const cookieHeader: Record<string, string> = opts.cookie ? { Cookie: opts.cookie } : {};
  let res = await fetch(`${idp('authorize')}?${params.toString()}`, {
    redirect: 'manual',
    headers: cookieHeader,
  });
  let cookie = opts.cookie ?? '';
  if (res.status === 200) {
    const pending = /name="pending" value="([^"]+)"/.exec(await res.text())?.[1];
    if (!pending) throw new Error('no account picker');
    res = await fetch(idp('authorize'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...cookieHeader },
      body: new URLSearchParams({ pending, user: USERS[user].id }).toString(),
    });
    cookie =
      res.headers
        .getSetCookie()
        .find((c) => c.startsWith('ESTSAUTH='))
        ?.split(';')[0] ?? cookie;
  }
  const fragment = new URLSearchParams(new URL(res.headers.get('location') ?? '').hash.slice(1));
  return {
    verifier,
    cookie,
    ...(fragment.get('code') ? { code: fragment.get('code') as string } : {}),
    ...(fragment.get('error') ? { error: fragment.get('error') as string } : {}),
    ...(fragment.get('error_description')
      ? { description: fragment.get('error_description') as string }
      : {}),
  };
}

async function token(
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(idp('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: APP },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signIn(user: UserKey = 'avery', claims?: string): Promise<Tokens> {
  const a = await authorize(user, claims ? { claims } : {});
  if (!a.code) throw new Error(`no code: ${a.error ?? ''}`);
  const { status, body } = await token({
    grant_type: 'authorization_code',
    code: a.code,
    code_verifier: a.verifier,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
  });
  if (status !== 200) throw new Error(`redeem: ${JSON.stringify(body)}`);
  return { ...(body as unknown as Omit<Tokens, 'cookie'>), cookie: a.cookie };
}

const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
  token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: SCOPE, ...extra });

async function failedInWindow(): Promise<AssignmentRequest> {
  const [row] = (await h.storeRequests('?state=deliveryFailed')).filter(
    (r) => Date.now() - Date.parse(r.completedDateTime as string) < 13 * DAY,
  );
  if (!row) throw new Error('no reprocessable request in the seed');
  return row;
}

describe('access-token lifetime', () => {
  it('defaults to 3600 s, is set by PATCH /settings and is reset', async () => {
    expect((await signIn()).expires_in).toBe(3600);
    const settings = await h.controlJson<Record<string, unknown>>('/settings', 'PATCH', {
      accessTokenLifetimeSeconds: 305,
    });
    expect(settings.accessTokenLifetimeSeconds).toBe(305);
    const t = await signIn();
    expect(t.expires_in).toBe(305);
    const claims = decodeJwt(t.access_token);
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBe(305);
    // Refreshed tokens get the current lifetime too.
    await h.controlJson('/settings', 'PATCH', { accessTokenLifetimeSeconds: 600 });
    expect((await refresh(t.refresh_token)).body.expires_in).toBe(600);
    expect((await h.control('/settings', 'PATCH', { accessTokenLifetimeSeconds: 0 })).status).toBe(400);
    await h.controlJson('/reset', 'POST');
    expect((await h.controlJson<Record<string, unknown>>('/settings')).accessTokenLifetimeSeconds).toBe(3600);
  });

  it('Graph refuses an expired token with 401 InvalidAuthenticationToken; a refreshed one works', async () => {
    await h.controlJson('/settings', 'PATCH', { accessTokenLifetimeSeconds: 1 });
    const t = await signIn();
    expect(t.expires_in).toBe(1);
    await waitFor(async () => (await h.graph(V1, { token: t.access_token })).status === 401, 3000);
    const res = await h.graph(V1, { token: t.access_token });
    const body = (await res.json()) as GraphErrorBody;
    expect(body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Lifetime validation failed, the token is expired.',
    });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    await h.controlJson('/settings', 'PATCH', { accessTokenLifetimeSeconds: 3600 });
    const renewed = await refresh(t.refresh_token);
    expect((await h.graph(V1, { token: renewed.body.access_token as string })).status).toBe(200);
  });
});

describe('POST /revoke-sessions', () => {
  it('revokes refresh tokens (AADSTS50173) and the browser session; a new sign-in works', async () => {
    const t = await signIn('avery');
    const other = await signIn('sam');
    const answer = await h.controlJson<Record<string, unknown>>('/revoke-sessions', 'POST', {
      upn: USERS.avery.userPrincipalName,
    });
    expect(answer).toEqual({ revoked: [USERS.avery.userPrincipalName], sessionsEnded: 1 });

    const refused = await refresh(t.refresh_token);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(refused.body.error_codes).toEqual([50173]);
    expect(refused.body.error_description).toMatch(
      /^AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed\. .*The grant was issued on '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z' and the TokensValidFrom date .* is '.*'\.\r\nTrace ID/,
    );
    // The silent iframe MSAL falls back to finds no session: interaction is required.
    const silent = await authorize('avery', { cookie: t.cookie, prompt: 'none' });
    expect(silent.error).toBe('login_required');
    // Access tokens already issued still work until they expire, as in Entra.
    expect((await h.graph(V1, { token: t.access_token })).status).toBe(200);
    // Another user is untouched.
    expect((await refresh(other.refresh_token)).status).toBe(200);

    const again = await signIn('avery');
    expect((await refresh(again.refresh_token)).status).toBe(200);
  });

  it('without a upn revokes every demo user; refuses an unknown one', async () => {
    const t = await signIn('sam');
    const answer = await h.controlJson<{ revoked: string[] }>('/revoke-sessions', 'POST');
    expect(answer.revoked).toHaveLength(4);
    expect((await refresh(t.refresh_token)).body.error_codes).toEqual([50173]);
    expect((await h.control('/revoke-sessions', 'POST', { upn: 'nobody@contoso.example' })).status).toBe(400);
    expect((await h.control('/revoke-sessions', 'POST', { everyone: true })).status).toBe(400);
  });
});

describe('claims fault', () => {
  function challengeOf(header: string | null): Record<string, unknown> {
    const m =
      /^Bearer realm="", authorization_uri="([^"]+)", error="insufficient_claims", claims="([^"]+)"$/.exec(
        header ?? '',
      );
    if (!m?.[2]) throw new Error(`not a claims challenge: ${header}`);
    expect(m[1]).toBe(`${h.emulator().idpOrigin}/${TENANT_ID}/oauth2/authorize`);
    return JSON.parse(Buffer.from(m[2], 'base64').toString('utf8')) as Record<string, unknown>;
  }

  it('challenges the next N calls made with an older token; a token got with the claims passes', async () => {
    const row = await failedInWindow();
    const t = await signIn();
    const fault = await h.controlJson<{ notBefore: number }>('/faults', 'POST', {
      path: 'reprocess$',
      kind: 'claims',
      count: 2,
    });
    const first = await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', token: t.access_token });
    expect(first.status).toBe(401);
    expect(first.headers.get('access-control-expose-headers')).toBeNull(); // no Origin sent
    const body = (await first.json()) as GraphErrorBody;
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.message).toMatch(/^Continuous access evaluation resulted in challenge/);
    const claims = challengeOf(first.headers.get('www-authenticate'));
    expect(claims).toEqual({
      access_token: { nbf: { essential: true, value: String(fault.notBefore) } },
    });
    // Not applied: a 401 means Graph did not act.
    expect((await h.storeRequests(`?id=${row.id}`))[0]?.state).toBe('deliveryFailed');

    // What MSAL does with acquireTokenSilent({ claims }): a refresh that carries them.
    const withClaims = await refresh(t.refresh_token, {
      claims: JSON.stringify({
        ...claims,
        access_token: { ...(claims.access_token as object), xms_cc: { values: ['CP1'] } },
      }),
    });
    expect(withClaims.status).toBe(200);
    const fresh = withClaims.body.access_token as string;
    expect(decodeJwt(fresh).xms_cc).toEqual(['CP1']);
    expect(decodeJwt(fresh).iat).toBeGreaterThanOrEqual(fault.notBefore);
    const retried = await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', token: fresh });
    expect(retried.status).toBe(202);

    // The old token is still challenged until the count is used up.
    expect((await h.graph(V1, { token: t.access_token })).status).toBe(200); // path not matched
    const second = await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', token: t.access_token });
    expect(second.status).toBe(401);
    const third = await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', token: t.access_token });
    expect(third.status).toBe(400); // count used up; the request is already delivering
    const { value } = await h.controlJson<{ value: { hits: number }[] }>('/faults');
    expect(value[0]?.hits).toBe(2);
  });

  it('challenges a $batch step in the step, exposes WWW-Authenticate to the browser, and honours claims on /authorize', async () => {
    const row = await failedInWindow();
    const t = await signIn();
    await h.controlJson('/faults', 'POST', { path: 'reprocess$', kind: 'claims' });
    const res = await h.graph('/v1.0/$batch', {
      method: 'POST',
      token: t.access_token,
      headers: { Origin: APP },
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `/identityGovernance/entitlementManagement/assignmentRequests/${row.id}/reprocess`,
            headers: { 'Content-Type': 'application/json' },
            body: {},
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
    const step = ((await res.json()) as { responses: { status: number; headers: Record<string, string> }[] })
      .responses[0];
    expect(step?.status).toBe(401);
    const claims = challengeOf(step?.headers['WWW-Authenticate'] ?? null);

    // The interactive path: claims on /authorize, kept for the code's redemption.
    const interactive = await signIn('avery', JSON.stringify(claims));
    const log = (await h.controlJson<{ value: LogEntry[] }>('/log')).value;
    expect(log.at(-1)?.steps?.[0]?.status).toBe(401);
    expect(
      (await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', token: interactive.access_token }))
        .status,
    ).toBe(202);
  });

  it('refuses a claims parameter that is not JSON', async () => {
    const t = await signIn();
    const bad = await refresh(t.refresh_token, { claims: '{nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_request');
  });
});
