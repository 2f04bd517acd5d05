import { describe, expect, it } from 'vitest';
import {
  NATIONAL_CLOUDS,
  cloudForGraphBaseUrl,
  cloudsForAuthority,
  customEndpoints,
  graphScopes,
  loadConfig,
  parseConfig,
  type AppConfig,
  type ConfigResult,
} from './app-config';
import { fakeFetch, jsonResponse, networkError, textResponse } from '../graph/fake-fetch';

const ORIGIN = 'http://localhost:5173';
const CLIENT_ID = '7c1f4a2d-3b8e-4f60-a9d5-2e6b1c8f0a37';
const TENANT = '4e2b7c19-8a35-4d6f-b1e0-93c7a5d2f816';

// The shape of public/config.json: the emulator.
const EMULATOR = {
  clientId: CLIENT_ID,
  authority: `https://localhost:8443/${TENANT}`,
  knownAuthorities: ['localhost:8443'],
  graphBaseUrl: 'https://localhost:8444',
  graphApiVersion: 'v1.0',
};

const GLOBAL = {
  clientId: CLIENT_ID,
  authority: `https://login.microsoftonline.com/${TENANT}`,
  graphBaseUrl: 'https://graph.microsoft.com',
};

function ok(result: ConfigResult): AppConfig {
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.problems)}`);
  return result.config;
}

/** The problems reported, as `key: message`. */
function problems(raw: unknown, origin = ORIGIN): { key: string; message: string }[] {
  const result = parseConfig(raw, origin);
  if (result.ok) throw new Error('expected problems, got a valid config');
  return result.problems;
}

function problemKeys(raw: unknown): string[] {
  return problems(raw).map((p) => p.key);
}

describe('parseConfig: valid configurations and defaults', () => {
  it('accepts the emulator configuration and fills in the defaults', () => {
    expect(ok(parseConfig(EMULATOR, ORIGIN))).toEqual({
      clientId: CLIENT_ID,
      authority: `https://localhost:8443/${TENANT}`,
      knownAuthorities: ['localhost:8443'],
      redirectUri: 'http://localhost:5173/',
      postLogoutRedirectUri: 'http://localhost:5173/',
      graphBaseUrl: 'https://localhost:8444',
      graphApiVersion: 'v1.0',
    });
  });

  it('defaults knownAuthorities to the authority host with its port, and graphApiVersion to v1.0', () => {
    const config = ok(
      parseConfig({ ...EMULATOR, knownAuthorities: undefined, graphApiVersion: undefined }, ORIGIN),
    );
    expect(config.knownAuthorities).toEqual(['localhost:8443']);
    expect(config.graphApiVersion).toBe('v1.0');
    expect(ok(parseConfig(GLOBAL, ORIGIN)).knownAuthorities).toEqual(['login.microsoftonline.com']);
  });

  it('takes explicit redirect URIs verbatim, postLogoutRedirectUri defaulting to redirectUri', () => {
    const ORIGIN = 'https://desk.contoso.com';
    const one = ok(parseConfig({ ...GLOBAL, redirectUri: 'https://desk.contoso.com/app/' }, ORIGIN));
    expect(one.redirectUri).toBe('https://desk.contoso.com/app/');
    expect(one.postLogoutRedirectUri).toBe('https://desk.contoso.com/app/');
    const two = ok(
      parseConfig(
        {
          ...GLOBAL,
          redirectUri: 'https://desk.contoso.com/redirect.html',
          postLogoutRedirectUri: 'https://desk.contoso.com/signed-out',
        },
        ORIGIN,
      ),
    );
    expect(two.redirectUri).toBe('https://desk.contoso.com/redirect.html');
    expect(two.postLogoutRedirectUri).toBe('https://desk.contoso.com/signed-out');
  });

  it('redirectUri and postLogoutRedirectUri must be on the page origin', () => {
    for (const key of ['redirectUri', 'postLogoutRedirectUri']) {
      for (const value of [
        'https://desk.contoso.com/',
        'http://localhost:5174/',
        'https://localhost:5173/',
      ]) {
        const found = problems({ ...EMULATOR, [key]: value }, 'http://localhost:5173');
        expect(found).toEqual([
          {
            key,
            message: `${key} must be on this app's origin http://localhost:5173 (for example http://localhost:5173/), got "${value}".`,
          },
        ]);
      }
    }
    expect(
      ok(parseConfig({ ...EMULATOR, redirectUri: 'http://localhost:5173/redirect.html' }, ORIGIN))
        .redirectUri,
    ).toBe('http://localhost:5173/redirect.html');
  });

  it('derives the default redirect URI from the page origin', () => {
    expect(ok(parseConfig(GLOBAL, 'https://desk.contoso.com')).redirectUri).toBe('https://desk.contoso.com/');
    expect(ok(parseConfig(GLOBAL, 'http://localhost:4173')).redirectUri).toBe('http://localhost:4173/');
  });

  it('trims trailing slashes from authority and graphBaseUrl, and surrounding whitespace', () => {
    const config = ok(
      parseConfig(
        {
          clientId: ` ${CLIENT_ID.toUpperCase()} `,
          authority: `https://login.microsoftonline.com/${TENANT}/`,
          graphBaseUrl: 'https://graph.microsoft.com/ ',
        },
        ORIGIN,
      ),
    );
    expect(config.clientId).toBe(CLIENT_ID.toUpperCase());
    expect(config.authority).toBe(`https://login.microsoftonline.com/${TENANT}`);
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com');
  });

  it('keeps a multi-segment authority path (B2C / CIAM style)', () => {
    const config = ok(
      parseConfig({ ...EMULATOR, authority: 'https://localhost:8443/tenant/policy/' }, ORIGIN),
    );
    expect(config.authority).toBe('https://localhost:8443/tenant/policy');
  });

  it('accepts beta and ignores unknown keys', () => {
    const config = ok(
      parseConfig({ ...GLOBAL, graphApiVersion: 'beta', theme: 'dark', extra: { a: 1 } }, ORIGIN),
    );
    expect(config.graphApiVersion).toBe('beta');
    expect(config).not.toHaveProperty('theme');
  });

  it('treats null and "" like a missing optional key', () => {
    const config = ok(
      parseConfig(
        {
          ...EMULATOR,
          knownAuthorities: null,
          redirectUri: '',
          postLogoutRedirectUri: null,
          graphApiVersion: '',
        },
        ORIGIN,
      ),
    );
    expect(config.knownAuthorities).toEqual(['localhost:8443']);
    expect(config.redirectUri).toBe('http://localhost:5173/');
    expect(config.graphApiVersion).toBe('v1.0');
  });

  it('lower-cases knownAuthorities and accepts several', () => {
    const config = ok(
      parseConfig({ ...EMULATOR, knownAuthorities: ['LocalHost:8443', 'login.contoso.com'] }, ORIGIN),
    );
    expect(config.knownAuthorities).toEqual(['localhost:8443', 'login.contoso.com']);
  });

  it.each(Object.values(NATIONAL_CLOUDS))('accepts the matching pair for $name', (cloud) => {
    const config = ok(
      parseConfig(
        {
          clientId: CLIENT_ID,
          authority: `${cloud.loginBaseUrl}/${TENANT}`,
          graphBaseUrl: cloud.graphBaseUrl,
        },
        ORIGIN,
      ),
    );
    expect(config.graphBaseUrl).toBe(cloud.graphBaseUrl);
  });
});

describe('parseConfig: problems', () => {
  it('refuses anything but an object', () => {
    for (const raw of [null, undefined, 'x', 42, [EMULATOR]]) {
      expect(problems(raw)).toEqual([
        { key: 'config.json', message: expect.stringMatching(/JSON object/) as string },
      ]);
    }
  });

  it('reports every required key of an empty object, naming each', () => {
    const found = problems({});
    expect(found.map((p) => p.key)).toEqual(['clientId', 'authority', 'graphBaseUrl']);
    for (const p of found) expect(p.message).toMatch(/required/);
  });

  it.each([
    ['not a GUID', 'my-app'],
    ['a number', 42],
    ['a GUID with braces', `{${CLIENT_ID}}`],
    ['a GUID too short', '7c1f4a2d-3b8e-4f60-a9d5-2e6b1c8f0a3'],
  ])('clientId: %s', (_name, clientId) => {
    const found = problems({ ...EMULATOR, clientId });
    expect(found).toHaveLength(1);
    expect(found[0]?.key).toBe('clientId');
    expect(found[0]?.message).toMatch(/GUID/);
  });

  it.each([
    ['http (MSAL refuses it)', `http://localhost:8443/${TENANT}`, /https/],
    ['not a URL', 'login.microsoftonline.com/tenant', /absolute https URL/],
    ['a query', `https://localhost:8443/${TENANT}?x=1`, /query/],
    ['a fragment', `https://localhost:8443/${TENANT}#x`, /fragment/],
    ['credentials', `https://user:pw@localhost:8443/${TENANT}`, /credentials/],
    ['no tenant', 'https://localhost:8443/', /tenant/],
    ['a number', 5, /string/],
  ])('authority: %s', (_name, authority, message) => {
    const found = problems({ ...EMULATOR, authority });
    expect(found).toHaveLength(1);
    expect(found[0]?.key).toBe('authority');
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    ['a string instead of an array', 'localhost:8443', /array/],
    ['a URL with scheme', ['https://localhost:8443'], /drop the scheme/],
    ['a path', ['localhost:8443/tenant'], /host:port/],
    ['a number', [8443], /host/],
    ['a port out of range', ['localhost:70000'], /host/],
    ['an empty string item', [''], /host/],
    [
      'a list without the authority host',
      ['login.contoso.com'],
      /must include the authority's host "localhost:8443"/,
    ],
    ['an empty list for a non-Microsoft authority', [], /must include/],
  ])('knownAuthorities: %s', (_name, knownAuthorities, message) => {
    const found = problems({ ...EMULATOR, knownAuthorities });
    expect(found.map((p) => p.key)).toEqual(['knownAuthorities']);
    expect(found[0]?.message).toMatch(message);
  });

  it('knownAuthorities: names the index of each bad entry', () => {
    const found = problems({ ...EMULATOR, knownAuthorities: ['localhost:8443', 'a b', 'https://x/'] });
    expect(found.map((p) => p.message)).toEqual([
      expect.stringContaining('knownAuthorities[1]'),
      expect.stringContaining('knownAuthorities[2]'),
    ]);
  });

  it('knownAuthorities: an empty list is fine for a Microsoft login host (MSAL knows it)', () => {
    expect(ok(parseConfig({ ...GLOBAL, knownAuthorities: [] }, ORIGIN)).knownAuthorities).toEqual([]);
  });

  it.each([
    ['relative', '/callback', /absolute http\(s\) URL/],
    ['another scheme', 'ms-app://x', /absolute http\(s\) URL/],
    ['a fragment', 'https://desk.contoso.com/#x', /fragment/],
    ['a number', 1, /string/],
  ])('redirectUri and postLogoutRedirectUri: %s', (_name, value, message) => {
    for (const key of ['redirectUri', 'postLogoutRedirectUri']) {
      const found = problems({ ...EMULATOR, [key]: value });
      expect(found.map((p) => p.key)).toEqual([key]);
      expect(found[0]?.message).toMatch(message);
    }
  });

  it('redirectUri: reports a page origin that cannot make the default', () => {
    const found = problems(EMULATOR, '');
    expect(found.map((p) => p.key)).toEqual(['redirectUri']);
    expect(found[0]?.message).toMatch(/redirectUri is not set/);
  });

  it.each([
    ['/v1.0', 'https://graph.microsoft.com/v1.0', /drop "\/v1\.0" \(use https:\/\/graph\.microsoft\.com\)/],
    ['/v1.0/', 'https://graph.microsoft.com/v1.0/', /drop "\/v1\.0"/],
    [
      '/beta',
      'https://localhost:8444/beta',
      /drop "\/beta" \(use https:\/\/localhost:8444\).*graphApiVersion/,
    ],
    ['/v1.0/me', 'https://graph.microsoft.com/v1.0/me', /drop "\/v1\.0"/],
    ['another path', 'https://graph.microsoft.com/graph', /without a path/],
    ['http', 'http://localhost:8444', /https/],
    ['not a URL', 'graph.microsoft.com', /https/],
    ['a query', 'https://graph.microsoft.com?x=1', /query/],
    ['an array', ['https://graph.microsoft.com'], /string/],
  ])('graphBaseUrl: %s', (_name, graphBaseUrl, message) => {
    const found = problems({ ...EMULATOR, graphBaseUrl });
    expect(found.map((p) => p.key)).toEqual(['graphBaseUrl']);
    expect(found[0]?.message).toMatch(message);
  });

  it.each(['v2.0', 'V1.0', 'Beta', 1, true])('graphApiVersion: %j', (graphApiVersion) => {
    const found = problems({ ...EMULATOR, graphApiVersion });
    expect(found.map((p) => p.key)).toEqual(['graphApiVersion']);
    expect(found[0]?.message).toMatch(/"v1\.0" \(default\) or "beta"/);
  });

  it('graphApiVersion: beta is refused in the China cloud, v1.0 accepted', () => {
    const china = {
      clientId: CLIENT_ID,
      authority: `${NATIONAL_CLOUDS.china.loginBaseUrl}/${TENANT}`,
      graphBaseUrl: NATIONAL_CLOUDS.china.graphBaseUrl,
    };
    const found = problems({ ...china, graphApiVersion: 'beta' });
    expect(found.map((p) => p.key)).toEqual(['graphApiVersion']);
    expect(found[0]?.message).toMatch(/not available in China/);
    expect(ok(parseConfig({ ...china, graphApiVersion: 'v1.0' }, ORIGIN)).graphApiVersion).toBe('v1.0');
  });

  it('graphBaseUrl: a Graph host from another cloud than the authority is refused', () => {
    const found = problems({ ...GLOBAL, graphBaseUrl: NATIONAL_CLOUDS.usGovL4.graphBaseUrl });
    expect(found.map((p) => p.key)).toEqual(['graphBaseUrl']);
    expect(found[0]?.message).toMatch(/US Government L4.*login\.microsoftonline\.us/);
  });

  it('US Gov L4 and L5 share the login host, so both Graph hosts pair with it', () => {
    const authority = `${NATIONAL_CLOUDS.usGovL4.loginBaseUrl}/${TENANT}`;
    for (const cloud of [NATIONAL_CLOUDS.usGovL4, NATIONAL_CLOUDS.usGovL5]) {
      expect(
        parseConfig({ clientId: CLIENT_ID, authority, graphBaseUrl: cloud.graphBaseUrl }, ORIGIN).ok,
      ).toBe(true);
    }
  });

  it('reports several keys at once', () => {
    expect(
      problemKeys({
        clientId: 'x',
        authority: 'http://x/t',
        graphBaseUrl: 'https://g/v1.0',
        graphApiVersion: 'v2',
      }),
    ).toEqual(['clientId', 'authority', 'graphBaseUrl', 'graphApiVersion']);
  });
});

describe('parseConfig: keys that look like typos', () => {
  it.each([
    ['graphApiVerison', 'graphApiVersion'],
    ['clientID', 'clientId'],
    ['GraphBaseUrl', 'graphBaseUrl'],
    ['authorty', 'authority'],
    ['knowAuthorities', 'knownAuthorities'],
    ['redirectUrl', 'redirectUri'],
    ['postLogoutRedirectUrl', 'postLogoutRedirectUri'],
  ])('names %s and the key it looks like (%s)', (typo, meant) => {
    expect(problems({ ...EMULATOR, [typo]: 'x' })).toEqual([
      {
        key: typo,
        message: `${typo} is not a configuration key: did you mean ${meant}? Keys are case-sensitive.`,
      },
    ]);
  });

  it('reports the typo next to the missing key it was meant to be', () => {
    const { clientId: _, ...rest } = EMULATOR;
    expect(problemKeys({ ...rest, clientID: CLIENT_ID })).toEqual(['clientId', 'clientID']);
  });

  it('ignores unknown keys that look like no known key', () => {
    expect(
      ok(parseConfig({ ...EMULATOR, $comment: 'Contoso desk', theme: 'dark', tenantName: 'x' }, ORIGIN))
        .clientId,
    ).toBe(CLIENT_ID);
  });
});

describe('customEndpoints', () => {
  it('names the sign-in and Graph hosts that are not a Microsoft cloud', () => {
    expect(customEndpoints(ok(parseConfig(EMULATOR, ORIGIN)))).toEqual(['localhost:8443', 'localhost:8444']);
    expect(customEndpoints(ok(parseConfig(GLOBAL, ORIGIN)))).toEqual([]);
    expect(
      customEndpoints({
        authority: `https://login.microsoftonline.us/${TENANT}`,
        graphBaseUrl: 'https://dod-graph.microsoft.us',
      }),
    ).toEqual([]);
    // A typo in one host: only that one is named.
    expect(
      customEndpoints({
        authority: `https://login.microsoftonline.com/${TENANT}`,
        graphBaseUrl: 'https://graph.microsft.com',
      }),
    ).toEqual(['graph.microsft.com']);
  });
});

describe('national clouds', () => {
  it('lists the four clouds of the Graph deployments table', () => {
    expect(Object.values(NATIONAL_CLOUDS).map((c) => [c.graphBaseUrl, c.loginBaseUrl])).toEqual([
      ['https://graph.microsoft.com', 'https://login.microsoftonline.com'],
      ['https://graph.microsoft.us', 'https://login.microsoftonline.us'],
      ['https://dod-graph.microsoft.us', 'https://login.microsoftonline.us'],
      ['https://microsoftgraph.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
    ]);
    expect(NATIONAL_CLOUDS.china.betaAvailable).toBe(false);
  });

  it('finds a cloud by Graph URL and by authority', () => {
    expect(cloudForGraphBaseUrl('https://dod-graph.microsoft.us')?.id).toBe('usGovL5');
    expect(cloudForGraphBaseUrl('https://localhost:8444')).toBeUndefined();
    expect(cloudForGraphBaseUrl('not a url')).toBeUndefined();
    expect(cloudsForAuthority(`https://login.microsoftonline.us/${TENANT}`).map((c) => c.id)).toEqual([
      'usGovL4',
      'usGovL5',
    ]);
    expect(cloudsForAuthority(`https://localhost:8443/${TENANT}`)).toEqual([]);
  });
});

describe('graphScopes', () => {
  it('prefixes each scope with the Graph origin of the configured cloud', () => {
    expect(graphScopes({ graphBaseUrl: 'https://graph.microsoft.us' })).toEqual({
      read: 'https://graph.microsoft.us/EntitlementManagement.Read.All',
      readWrite: 'https://graph.microsoft.us/EntitlementManagement.ReadWrite.All',
      auditLog: 'https://graph.microsoft.us/AuditLog.Read.All',
    });
    expect(graphScopes({ graphBaseUrl: 'https://localhost:8444/' }).read).toBe(
      'https://localhost:8444/EntitlementManagement.Read.All',
    );
  });
});

describe('loadConfig', () => {
  it('fetches /config.json without a stale cache and validates it', async () => {
    const fake = fakeFetch([jsonResponse(200, EMULATOR)]);
    const result = await loadConfig(fake.fetch, undefined, ORIGIN);
    expect(ok(result).graphBaseUrl).toBe('https://localhost:8444');
    expect(fake.calls.map((c) => c.url)).toEqual(['/config.json']);
    expect(fake.calls[0]?.init?.cache).toBe('no-cache');
  });

  it('uses the given URL and passes validation problems through', async () => {
    const fake = fakeFetch([jsonResponse(200, { ...EMULATOR, clientId: 'nope' })]);
    const result = await loadConfig(fake.fetch, '/tenant-a/config.json', ORIGIN);
    expect(fake.calls[0]?.url).toBe('/tenant-a/config.json');
    expect(result).toEqual({
      ok: false,
      problems: [{ key: 'clientId', message: expect.any(String) as string }],
    });
  });

  it.each([
    ['a network failure', networkError(), /Could not load \/config\.json: Failed to fetch/],
    ['a 404', textResponse(404, 'Not found'), /HTTP 404/],
    ['a 500', textResponse(500, ''), /HTTP 500/],
    ['a 204', new Response(null, { status: 204 }), /HTTP 204/],
    [
      'HTML (SPA fallback)',
      textResponse(200, '<!doctype html><html></html>'),
      /not valid JSON \(the server sent HTML/,
    ],
    ['broken JSON', textResponse(200, '{"clientId": '), /not valid JSON\.$/],
    ['an empty body', textResponse(200, ''), /not valid JSON/],
  ])('reports %s as one config.json problem, never throwing', async (_name, step, message) => {
    const result = await loadConfig(fakeFetch([step]).fetch, '/config.json', ORIGIN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.key).toBe('config.json');
    expect(result.problems[0]?.message).toMatch(message);
  });

  it('reports a JSON value that is not an object', async () => {
    const result = await loadConfig(fakeFetch([jsonResponse(200, ['x'])]).fetch, '/config.json', ORIGIN);
    expect(result).toEqual({
      ok: false,
      problems: [{ key: 'config.json', message: expect.stringMatching(/JSON object/) as string }],
    });
  });
});
