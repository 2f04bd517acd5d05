import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoUser } from '../directory.ts';
import { CLIENT_ID, DEMO_USERS, TENANT_ID, TENANT_NAME } from '../directory.ts';
import { GRAPH_ORIGIN } from '../endpoints.ts';
import type { Identity } from './identity.ts';
import { createIdentity } from './identity.ts';

const APP = 'http://localhost:5173';
const REDIRECT_URI = `${APP}/`;
const GRAPH_SCOPE = `${GRAPH_ORIGIN}/EntitlementManagement.Read.All`;
const SIGN_IN_SCOPE = `${GRAPH_SCOPE} openid profile offline_access`;

function demoUser(displayName: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.displayName === displayName);
  if (!user) throw new Error(`no demo user ${displayName}`);
  return user;
}
/** Helpdesk agent: every scope consented. */
const avery = demoUser('Avery Howard');
/** Auditor: no EntitlementManagement.ReadWrite.All. */
const morgan = demoUser('Morgan Lee');

let server: Server;
let base: string;
let origin: string;
let identity: Identity;
let nowMs = Date.now();

beforeAll(async () => {
  server = createServer((req, res) => void identity.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  // Tokens and discovery name the https origin the real emulator serves; the test talks plain http to it.
  origin = `https://localhost:${port}`;
  identity = await createIdentity({ origin, now: () => nowMs });
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

beforeEach(() => {
  nowMs = Date.now();
  identity.reset();
});

const tenantUrl = (path: string): string => `${base}/${TENANT_ID}${path}`;

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, value);
  return `${tenantUrl('/oauth2/v2.0/authorize')}?${search.toString()}`;
}

function defaultAuthorizeParams(challenge: string): Record<string, string | undefined> {
  return {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    response_mode: 'fragment',
    scope: SIGN_IN_SCOPE,
    state: 'state-123',
    nonce: 'nonce-456',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'select_account',
  };
}

const get = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { redirect: 'manual', headers });

function pendingIdOf(html: string): string {
  const id = /name="pending" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('no pending id on the picker page');
  return id;
}

async function pick(pendingId: string, userId: string, cookie?: string): Promise<Response> {
  return fetch(tenantUrl('/oauth2/v2.0/authorize'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams({ pending: pendingId, user: userId }).toString(),
  });
}

/** The response parameters the IdP put in the redirect's fragment (or query). */
function responseParams(location: string | null, mode: 'fragment' | 'query' = 'fragment'): URLSearchParams {
  if (!location) throw new Error('no Location header');
  const url = new URL(location);
  return new URLSearchParams(mode === 'fragment' ? url.hash.slice(1) : url.search);
}

function sessionCookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ESTSAUTH='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

interface SignIn {
  code: string;
  verifier: string;
  cookie: string;
  params: URLSearchParams;
}

/** The interactive path a person takes: authorize, pick an account, land back on the app with a code. */
async function signIn(userId: string, overrides: Record<string, string | undefined> = {}): Promise<SignIn> {
  const { verifier, challenge } = pkce();
  const picker = await get(authorizeUrl({ ...defaultAuthorizeParams(challenge), ...overrides }));
  expect(picker.status).toBe(200);
  const res = await pick(pendingIdOf(await picker.text()), userId);
  expect(res.status).toBe(302);
  const params = responseParams(
    res.headers.get('location'),
    overrides.response_mode === 'query' ? 'query' : 'fragment',
  );
  const code = params.get('code');
  if (!code) throw new Error(`no code in ${res.headers.get('location')}`);
  return { code, verifier, cookie: sessionCookieOf(res), params };
}

async function token(params: Record<string, string>, headers: Record<string, string> = { Origin: APP }) {
  const res = await fetch(tenantUrl('/oauth2/v2.0/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

function redeem(s: SignIn, overrides: Record<string, string> = {}, headers?: Record<string, string>) {
  return token(
    {
      client_id: CLIENT_ID,
      grant_type: 'authorization_code',
      code: s.code,
      code_verifier: s.verifier,
      redirect_uri: REDIRECT_URI,
      scope: SIGN_IN_SCOPE,
      ...overrides,
    },
    headers,
  );
}

function refresh(refreshToken: string, scope = SIGN_IN_SCOPE) {
  return token({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope });
}

async function verify(jwt: string, audience: string) {
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(identity.jwks()), {
    issuer: identity.issuer,
    audience,
    currentDate: new Date(nowMs),
  });
  return payload;
}

function expectEntraError(body: Record<string, unknown>, error: string, code: number): void {
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]+\\r\\nCorrelation ID: [\\w-]+\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    ),
  );
  expect(body.trace_id).toEqual(expect.any(String));
  expect(body.correlation_id).toEqual(expect.any(String));
  expect(body.timestamp).toEqual(expect.any(String));
}

describe('discovery', () => {
  it('serves Entra-shaped metadata whose issuer and endpoints share the authority origin', async () => {
    const res = await get(tenantUrl('/v2.0/.well-known/openid-configuration'));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(`${origin}/${TENANT_ID}/v2.0`);
    expect(identity.issuer).toBe(doc.issuer);
    expect(doc.authorization_endpoint).toBe(`${origin}/${TENANT_ID}/oauth2/v2.0/authorize`);
    expect(doc.token_endpoint).toBe(`${origin}/${TENANT_ID}/oauth2/v2.0/token`);
    expect(doc.end_session_endpoint).toBe(`${origin}/${TENANT_ID}/oauth2/v2.0/logout`);
    expect(doc.jwks_uri).toBe(`${origin}/${TENANT_ID}/discovery/v2.0/keys`);
    expect(doc.response_modes_supported).toEqual(expect.arrayContaining(['fragment', 'query']));
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('publishes the RS256 signing key with a kid, readable from any origin', async () => {
    const res = await get(tenantUrl('/discovery/v2.0/keys'));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(jwks.keys[0]?.kid).toEqual(expect.any(String));
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(jwks).toEqual(identity.jwks());
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const res = await get(`${base}/not-a-tenant/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    expectEntraError((await res.json()) as Record<string, unknown>, 'invalid_tenant', 90002);
    const page = await get(`${base}/not-a-tenant/oauth2/v2.0/authorize?client_id=${CLIENT_ID}`);
    expect(await page.text()).toContain('AADSTS90002');
  });
});

describe('authorize', () => {
  it('shows an accessible account picker: one button per demo user, named by display name alone', async () => {
    const res = await get(authorizeUrl(defaultAuthorizeParams(pkce().challenge)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>Pick an account<\/h1>/);
    expect(html).toContain(TENANT_NAME);
    const buttons = [...html.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)];
    expect(buttons.map((b) => b[2])).toEqual(DEMO_USERS.map((u) => u.displayName));
    for (const [i, user] of DEMO_USERS.entries()) {
      const describedBy = /aria-describedby="([^"]+)"/.exec(buttons[i]?.[1] ?? '')?.[1]?.split(' ') ?? [];
      const described = describedBy.map((id) => new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1]);
      expect(described).toEqual([user.userPrincipalName, user.description]);
    }
  });

  it('refuses an unknown client and an unregistered redirect URI on a page, never redirecting', async () => {
    const params = defaultAuthorizeParams(pkce().challenge);
    const unknownClient = await get(
      authorizeUrl({ ...params, client_id: '11111111-2222-3333-4444-555555555555' }),
    );
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('location')).toBeNull();
    expect(await unknownClient.text()).toContain('AADSTS700016');

    const evil = 'https://evil.example/"><script>alert(1)</script>';
    const badRedirect = await get(authorizeUrl({ ...params, redirect_uri: evil }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get('location')).toBeNull();
    const html = await badRedirect.text();
    expect(html).toContain('AADSTS50011');
    expect(html).not.toContain('<script>');

    // Exact match: a registered URI without its trailing slash is a different URI.
    const noSlash = await get(authorizeUrl({ ...params, redirect_uri: APP }));
    expect(await noSlash.text()).toContain('AADSTS50011');
  });

  it('sends request errors back to the app with an AADSTS description once the redirect URI is trusted', async () => {
    const params = defaultAuthorizeParams(pkce().challenge);
    const cases: [Record<string, string | undefined>, string, string][] = [
      [{ code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request', 'AADSTS9002325'],
      [{ code_challenge_method: 'plain' }, 'invalid_request', 'AADSTS90023'],
      [{ response_type: 'token' }, 'unsupported_response_type', 'AADSTS700054'],
      [{ scope: 'api://unknown-api/read openid' }, 'invalid_resource', 'AADSTS500011'],
    ];
    for (const [overrides, error, code] of cases) {
      const res = await get(authorizeUrl({ ...params, ...overrides }));
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:5173\/#/);
      const answer = responseParams(res.headers.get('location'));
      expect(answer.get('error')).toBe(error);
      expect(answer.get('error_description')).toMatch(new RegExp(`^${code}: `));
      expect(answer.get('state')).toBe('state-123');
    }
  });

  it('answers a pick with a session cookie and code, state, client_info and session_state in the fragment', async () => {
    const { challenge } = pkce();
    const picker = await get(authorizeUrl(defaultAuthorizeParams(challenge)));
    const res = await pick(pendingIdOf(await picker.text()), avery.id);
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const params = responseParams(location);
    expect(params.get('code')).toEqual(expect.any(String));
    expect(params.get('state')).toBe('state-123');
    expect(params.get('session_state')).toEqual(expect.any(String));
    const clientInfo = JSON.parse(
      Buffer.from(params.get('client_info') ?? '', 'base64url').toString(),
    ) as unknown;
    expect(clientInfo).toEqual({ uid: avery.id, utid: TENANT_ID });

    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ESTSAUTH=')) ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=None');
    expect(cookie).toContain(`Path=/${TENANT_ID}`);
  });

  it('answers in the query when response_mode=query', async () => {
    const s = await signIn(avery.id, { response_mode: 'query' });
    expect(s.params.get('state')).toBe('state-123');
    const { res } = await redeem(s);
    expect(res.status).toBe(200);
  });
});

describe('token: authorization code', () => {
  it('redeems a code with PKCE for a Graph access token carrying every consented scope', async () => {
    const s = await signIn(avery.id);
    const { res, body } = await redeem(s);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
    expect(body.client_info).toBe(s.params.get('client_info'));
    expect(body.refresh_token).toEqual(expect.any(String));

    const access = await verify(body.access_token as string, GRAPH_ORIGIN);
    expect(access).toMatchObject({
      tid: TENANT_ID,
      oid: avery.id,
      upn: avery.userPrincipalName,
      name: avery.displayName,
      appid: CLIENT_ID,
      azp: CLIENT_ID,
      ver: '2.0',
    });
    // Entra puts everything the user consented to for the resource in scp, not only what was asked for.
    expect((access.scp as string).split(' ').sort()).toEqual([...avery.consentedScopes].sort());
    // The response's scope keeps the client's resource prefix, so MSAL's cache finds the token for any of them.
    const scopes = (body.scope as string).split(' ');
    expect(scopes).toEqual(
      expect.arrayContaining([
        `${GRAPH_ORIGIN}/EntitlementManagement.Read.All`,
        `${GRAPH_ORIGIN}/EntitlementManagement.ReadWrite.All`,
        'openid',
        'profile',
        'offline_access',
      ]),
    );
  });

  it('echoes the nonce in the id_token, or leaves it out when none was sent', async () => {
    const s = await signIn(avery.id);
    const { body } = await redeem(s);
    const id = await verify(body.id_token as string, CLIENT_ID);
    expect(id).toMatchObject({
      nonce: 'nonce-456',
      tid: TENANT_ID,
      oid: avery.id,
      preferred_username: avery.userPrincipalName,
      name: avery.displayName,
      sid: s.params.get('session_state'),
      ver: '2.0',
    });

    const withoutNonce = await signIn(avery.id, { nonce: undefined });
    const second = await redeem(withoutNonce);
    expect(decodeJwt(second.body.id_token as string)).not.toHaveProperty('nonce');
  });

  it('refuses a wrong code_verifier without spending the code', async () => {
    const s = await signIn(avery.id);
    const wrong = await redeem(s, { code_verifier: pkce().verifier });
    expect(wrong.res.status).toBe(400);
    expectEntraError(wrong.body, 'invalid_grant', 501481);
    expect((await redeem(s)).res.status).toBe(200);
  });

  it('redeems a code only once', async () => {
    const s = await signIn(avery.id);
    expect((await redeem(s)).res.status).toBe(200);
    const again = await redeem(s);
    expect(again.res.status).toBe(400);
    expect(again.res.headers.get('access-control-allow-origin')).toBe(APP);
    expectEntraError(again.body, 'invalid_grant', 54005);
  });

  it('refuses an expired code', async () => {
    const s = await signIn(avery.id);
    nowMs += 6 * 60 * 1000;
    expectEntraError((await redeem(s)).body, 'invalid_grant', 70008);
  });

  it('requires the redirect_uri the code was issued for', async () => {
    const s = await signIn(avery.id);
    const { res, body } = await redeem(s, { redirect_uri: `${APP}/redirect.html` });
    expect(res.status).toBe(400);
    expectEntraError(body, 'invalid_grant', 500112);
  });

  it('redeems only in cross-origin requests from the registered SPA origins', async () => {
    const s = await signIn(avery.id);
    const noOrigin = await redeem(s, {}, {});
    expect(noOrigin.res.status).toBe(400);
    expect(noOrigin.res.headers.get('access-control-allow-origin')).toBeNull();
    expectEntraError(noOrigin.body, 'invalid_request', 9002327);
    expect(noOrigin.body.error_description).toContain("'Single-Page Application' client-type");

    const otherOrigin = await redeem(s, {}, { Origin: 'https://evil.example' });
    expectEntraError(otherOrigin.body, 'invalid_request', 9002326);
    expect((await redeem(s)).res.status).toBe(200);
  });

  it('answers a CORS preflight allowing the headers MSAL sends', async () => {
    const res = await fetch(tenantUrl('/oauth2/v2.0/token'), {
      method: 'OPTIONS',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'content-type,x-client-sku,x-client-current-telemetry,x-some-future-header',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'x-client-sku',
        'x-client-current-telemetry',
        'x-some-future-header',
        'client-request-id',
      ]),
    );
  });

  it('refuses unknown grant types, unknown clients and client secrets', async () => {
    expectEntraError(
      (await token({ client_id: CLIENT_ID, grant_type: 'password' })).body,
      'unsupported_grant_type',
      70003,
    );
    expectEntraError(
      (await token({ client_id: 'nope', grant_type: 'authorization_code' })).body,
      'unauthorized_client',
      700016,
    );
    const secret = await token({
      client_id: CLIENT_ID,
      client_secret: 's',
      grant_type: 'authorization_code',
    });
    expect(secret.res.status).toBe(401);
    expectEntraError(secret.body, 'invalid_client', 700025);
  });

  it('uses the client-request-id as the correlation id', async () => {
    const { body } = await token(
      { client_id: CLIENT_ID, grant_type: 'authorization_code', code: 'bogus' },
      { Origin: APP, 'client-request-id': 'e70c5c1b-8b47-68c0-3171-3d22f5e0bd54' },
    );
    expect(body.correlation_id).toBe('e70c5c1b-8b47-68c0-3171-3d22f5e0bd54');
    expect(body.error_description).toContain('Correlation ID: e70c5c1b-8b47-68c0-3171-3d22f5e0bd54');
  });
});

describe('token: refresh', () => {
  it('rotates refresh tokens; the redeemed one stays valid until it expires', async () => {
    const { body: first } = await redeem(await signIn(avery.id));
    const original = first.refresh_token as string;

    const { res, body: second } = await refresh(original);
    expect(res.status).toBe(200);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(original);
    expect(second.access_token).not.toBe(first.access_token);
    const id = await verify(second.id_token as string, CLIENT_ID);
    expect(id).not.toHaveProperty('nonce');
    expect(id.sid).toBe(decodeJwt(first.id_token as string).sid);

    expect((await refresh(second.refresh_token as string)).res.status).toBe(200);
    expect((await refresh(original)).res.status).toBe(200);

    // A SPA's refresh tokens share one fixed 24-hour lifetime; rotation does not extend it.
    nowMs += 25 * 60 * 60 * 1000;
    expectEntraError((await refresh(second.refresh_token as string)).body, 'invalid_grant', 700084);
  });

  it('lets the requested scopes choose the resource, one resource per token', async () => {
    const { body } = await redeem(await signIn(avery.id));
    const rt = body.refresh_token as string;

    const graph = await refresh(rt, 'User.Read openid profile offline_access');
    const access = await verify(graph.body.access_token as string, 'https://graph.microsoft.com');
    expect((access.scp as string).split(' ')).toContain('EntitlementManagement.ReadWrite.All');
    expect((graph.body.scope as string).split(' ')).toContain('EntitlementManagement.ReadWrite.All');

    const two = await refresh(rt, `${GRAPH_SCOPE} api://other/read openid`);
    expectEntraError(two.body, 'invalid_resource', 500011);
    const twoGraphs = await refresh(rt, `${GRAPH_SCOPE} https://graph.microsoft.com/User.Read openid`);
    expectEntraError(twoGraphs.body, 'invalid_request', 28000);
  });

  it('refuses an unknown refresh token', async () => {
    expectEntraError((await refresh('not-a-token')).body, 'invalid_grant', 9002313);
  });
});

describe('consent', () => {
  const writeScope = `${GRAPH_ORIGIN}/EntitlementManagement.ReadWrite.All openid profile offline_access`;

  it('shows the auditor an approval page naming the permission, with a way back to the app', async () => {
    const { challenge } = pkce();
    const picker = await get(authorizeUrl({ ...defaultAuthorizeParams(challenge), scope: writeScope }));
    const res = await pick(pendingIdOf(await picker.text()), morgan.id);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>Approval required<\/h1>/);
    expect(html).toContain('EntitlementManagement.ReadWrite.All');
    const href = /<a class="action" href="([^"]+)">Back to the application<\/a>/.exec(html)?.[1] ?? '';
    const back = href.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
    expect(back.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const answer = responseParams(back);
    expect(answer.get('error')).toBe('consent_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS65001: /);
    expect(answer.get('state')).toBe('state-123');
  });

  it('answers prompt=none with consent_required, and a refresh with an interaction-required error', async () => {
    const s = await signIn(morgan.id);
    const { body } = await redeem(s);
    const access = await verify(body.access_token as string, GRAPH_ORIGIN);
    expect((access.scp as string).split(' ')).not.toContain('EntitlementManagement.ReadWrite.All');

    const silent = await get(
      authorizeUrl({ ...defaultAuthorizeParams(pkce().challenge), scope: writeScope, prompt: 'none' }),
      { Cookie: s.cookie },
    );
    const answer = responseParams(silent.headers.get('location'));
    expect(answer.get('error')).toBe('consent_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS65001: /);

    const refreshed = await refresh(body.refresh_token as string, writeScope);
    expect(refreshed.res.status).toBe(400);
    expectEntraError(refreshed.body, 'invalid_grant', 65001);
    expect(refreshed.body.suberror).toBe('consent_required');
  });

  it('after an administrator grants the permission, the next refresh gets it; tokens already issued do not', async () => {
    const s = await signIn(morgan.id);
    const { body } = await redeem(s);
    expect(
      identity.grant({ upn: morgan.userPrincipalName, scope: 'entitlementmanagement.readwrite.all' }),
    ).toEqual({
      upn: morgan.userPrincipalName,
      consentedScopes: [...morgan.consentedScopes, 'EntitlementManagement.ReadWrite.All'],
    });
    const before = await verify(body.access_token as string, GRAPH_ORIGIN);
    expect((before.scp as string).split(' ')).not.toContain('EntitlementManagement.ReadWrite.All');

    const refreshed = await refresh(body.refresh_token as string, writeScope);
    expect(refreshed.res.status).toBe(200);
    const after = await verify(refreshed.body.access_token as string, GRAPH_ORIGIN);
    expect((after.scp as string).split(' ')).toContain('EntitlementManagement.ReadWrite.All');

    // Revoked: the next redemption is refused again, as for a user never granted it.
    identity.grant({ upn: morgan.userPrincipalName, scope: 'EntitlementManagement.ReadWrite.All' }, false);
    const refused = await refresh(refreshed.body.refresh_token as string, writeScope);
    expectEntraError(refused.body, 'invalid_grant', 65001);

    // A reset forgets the grant, as it forgets sign-ins.
    identity.reset();
    const again = await redeem(await signIn(morgan.id));
    const fresh = await verify(again.body.access_token as string, GRAPH_ORIGIN);
    expect((fresh.scp as string).split(' ')).not.toContain('EntitlementManagement.ReadWrite.All');
  });

  it('refuses a grant for an unknown user or permission', () => {
    expect(identity.grant({ upn: 'nobody@contoso.example', scope: 'AuditLog.Read.All' })).toBe(
      "no user 'nobody@contoso.example'",
    );
    expect(identity.grant({ upn: morgan.userPrincipalName, scope: 'Directory.ReadWrite.All' })).toMatch(
      /^scope must be one of /,
    );
    expect(identity.grant({ upn: morgan.userPrincipalName })).toBe('body must be { upn, scope }');
  });
});

describe('sessions', () => {
  const silentUrl = (overrides: Record<string, string | undefined> = {}) =>
    authorizeUrl({ ...defaultAuthorizeParams(pkce().challenge), prompt: 'none', ...overrides });

  it('prompt=none without a session answers login_required', async () => {
    const res = await get(silentUrl());
    expect(res.status).toBe(302);
    const answer = responseParams(res.headers.get('location'));
    expect(answer.get('error')).toBe('login_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(answer.get('state')).toBe('state-123');
  });

  it('prompt=none with a session issues a code without any page', async () => {
    const s = await signIn(avery.id);
    const { verifier, challenge } = pkce();
    const res = await get(
      silentUrl({ code_challenge: challenge, sid: s.params.get('session_state') ?? '' }),
      {
        Cookie: s.cookie,
      },
    );
    expect(res.status).toBe(302);
    const answer = responseParams(res.headers.get('location'));
    const code = answer.get('code') ?? '';
    expect(answer.get('session_state')).toBe(s.params.get('session_state'));
    const { res: redeemed } = await redeem({ ...s, code, verifier });
    expect(redeemed.status).toBe(200);

    const otherUser = await get(silentUrl({ login_hint: morgan.userPrincipalName }), { Cookie: s.cookie });
    expect(responseParams(otherUser.headers.get('location')).get('error')).toBe('login_required');
  });

  it('logout clears the session and returns to a registered URI', async () => {
    const s = await signIn(avery.id);
    const res = await get(
      `${tenantUrl('/oauth2/v2.0/logout')}?post_logout_redirect_uri=${encodeURIComponent(APP)}`,
      { Cookie: s.cookie },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(APP);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('ESTSAUTH=')) ?? '';
    expect(cleared).toContain('Max-Age=0');

    const after = await get(silentUrl(), { Cookie: s.cookie });
    expect(responseParams(after.headers.get('location')).get('error')).toBe('login_required');

    const elsewhere = await get(
      `${tenantUrl('/oauth2/v2.0/logout')}?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('location')).toBeNull();
    expect(await elsewhere.text()).toContain('You signed out');
  });

  it('reset forgets sessions, codes and refresh tokens but keeps the keys', async () => {
    const s = await signIn(avery.id);
    const { body } = await redeem(s);
    const keys = identity.jwks();
    identity.reset();
    expect(identity.jwks()).toEqual(keys);
    expectEntraError((await refresh(body.refresh_token as string)).body, 'invalid_grant', 9002313);
    const silent = await get(silentUrl(), { Cookie: s.cookie });
    expect(responseParams(silent.headers.get('location')).get('error')).toBe('login_required');
  });
});

describe('mintAccessToken', () => {
  it('mints a verifiable Graph token, by default for graph.microsoft.com with every consented scope', async () => {
    const jwt = await identity.mintAccessToken({ userId: morgan.id });
    const claims = await verify(jwt, 'https://graph.microsoft.com');
    expect(claims.scp).toBe(morgan.consentedScopes.join(' '));
    expect(claims.exp).toBe((claims.iat ?? 0) + 3600);

    const narrow = await identity.mintAccessToken({
      userId: avery.id,
      audience: GRAPH_ORIGIN,
      scopes: ['User.Read'],
      expiresInSeconds: 60,
    });
    const narrowClaims = await verify(narrow, GRAPH_ORIGIN);
    expect(narrowClaims).toMatchObject({ scp: 'User.Read', oid: avery.id });
    expect(narrowClaims.exp).toBe((narrowClaims.iat ?? 0) + 60);
  });
});
