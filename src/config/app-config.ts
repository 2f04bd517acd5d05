// Runtime configuration, fetched from /config.json at start-up so that one build serves any tenant
// and any national cloud: nothing tenant-specific is baked into the bundle.

import { t } from '../i18n/i18n';
import { isRecord } from '../lib/is-record';

export type GraphApiVersion = 'v1.0' | 'beta';

export interface AppConfig {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Origin only, e.g. `https://graph.microsoft.com`; the version comes from `graphApiVersion`. */
  graphBaseUrl: string;
  graphApiVersion: GraphApiVersion;
}

export interface ConfigProblem {
  key: string;
  /** In the language in use when it is read (the configuration may load before the language). */
  message: string;
}

/** A problem whose words are formatted when they are read, in the language in use then. */
function configProblem(key: string, message: () => string): ConfigProblem {
  return {
    key,
    get message() {
      return message();
    },
  };
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] };

export type NationalCloudId = 'global' | 'usGovL4' | 'usGovL5' | 'china';

export interface NationalCloud {
  id: NationalCloudId;
  name: string;
  /** Graph origin, also the prefix of the cloud's scopes. */
  graphBaseUrl: string;
  /** Entra ID login origin; the authority is this plus `/{tenant}`. */
  loginBaseUrl: string;
  /** Whether the beta reprocess endpoint exists in this cloud. */
  betaAvailable: boolean;
}

// From Microsoft Graph "National cloud deployments" (concepts/deployments.md). US Gov L4 and L5 share
// the login host but not the Graph host.
export const NATIONAL_CLOUDS: Readonly<Record<NationalCloudId, NationalCloud>> = {
  global: {
    id: 'global',
    get name() {
      return t({ id: 'config.cloud.global', defaultMessage: 'Global service (and GCC)' });
    },
    graphBaseUrl: 'https://graph.microsoft.com',
    loginBaseUrl: 'https://login.microsoftonline.com',
    betaAvailable: true,
  },
  usGovL4: {
    id: 'usGovL4',
    get name() {
      return t({ id: 'config.cloud.usGovL4', defaultMessage: 'US Government L4 (GCC High)' });
    },
    graphBaseUrl: 'https://graph.microsoft.us',
    loginBaseUrl: 'https://login.microsoftonline.us',
    betaAvailable: true,
  },
  usGovL5: {
    id: 'usGovL5',
    get name() {
      return t({ id: 'config.cloud.usGovL5', defaultMessage: 'US Government L5 (DoD)' });
    },
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    loginBaseUrl: 'https://login.microsoftonline.us',
    betaAvailable: true,
  },
  china: {
    id: 'china',
    get name() {
      return t({ id: 'config.cloud.china', defaultMessage: 'China operated by 21Vianet' });
    },
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
    loginBaseUrl: 'https://login.chinacloudapi.cn',
    // The beta reprocess page lists China as unavailable; v1.0 is in every cloud.
    betaAvailable: false,
  },
};

const CLOUD_LIST: readonly NationalCloud[] = Object.values(NATIONAL_CLOUDS);

/** The national cloud whose Graph host this is, or undefined (e.g. the local emulator). */
export function cloudForGraphBaseUrl(graphBaseUrl: string): NationalCloud | undefined {
  const host = hostOf(graphBaseUrl);
  return host === undefined ? undefined : CLOUD_LIST.find((c) => hostOf(c.graphBaseUrl) === host);
}

/** Every national cloud whose login host this authority uses (US Gov L4 and L5 share one). */
export function cloudsForAuthority(authority: string): NationalCloud[] {
  const host = hostOf(authority);
  return host === undefined ? [] : CLOUD_LIST.filter((c) => hostOf(c.loginBaseUrl) === host);
}

/** Delegated scopes for the configured Graph resource: the scope prefix is the cloud's Graph origin. */
export function graphScopes(config: Pick<AppConfig, 'graphBaseUrl'>): {
  read: string;
  readWrite: string;
  auditLog: string;
} {
  const base = config.graphBaseUrl.replace(/\/+$/, '');
  return {
    read: `${base}/EntitlementManagement.Read.All`,
    readWrite: `${base}/EntitlementManagement.ReadWrite.All`,
    auditLog: `${base}/AuditLog.Read.All`,
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS name, IPv4 or bracketed IPv6 address, optionally with a port: what MSAL compares with the
// authority URL's host.
const HOST_PORT =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;
const API_VERSIONS: readonly GraphApiVersion[] = ['v1.0', 'beta'];

export function parseConfig(raw: unknown, pageOrigin: string): ConfigResult {
  if (!isRecord(raw)) {
    return {
      ok: false,
      problems: [
        configProblem('config.json', () =>
          t(
            {
              id: 'config.problem.notObject',
              defaultMessage: 'config.json must hold a JSON object, e.g. {example}.',
            },
            { example: '{ "clientId": "…" }' },
          ),
        ),
      ],
    };
  }
  const problems: ConfigProblem[] = [];
  const problem: Report = (key, message) => {
    problems.push(configProblem(key, message));
    return undefined;
  };

  const clientId = parseClientId(raw, problem);
  const authority = parseAuthority(raw, problem);
  const knownAuthorities = parseKnownAuthorities(raw, authority, problem);
  const redirectUri = isAbsent(raw.redirectUri)
    ? defaultRedirectUri(pageOrigin, problem)
    : parseRedirectUri(raw, 'redirectUri', pageOrigin, problem);
  const postLogoutRedirectUri = isAbsent(raw.postLogoutRedirectUri)
    ? redirectUri
    : parseRedirectUri(raw, 'postLogoutRedirectUri', pageOrigin, problem);
  reportLikelyTypos(raw, problem);
  const graphBaseUrl = parseGraphBaseUrl(raw, problem);
  const graphApiVersion = parseApiVersion(raw, problem);

  if (graphBaseUrl !== undefined) {
    const cloud = cloudForGraphBaseUrl(graphBaseUrl);
    if (cloud && graphApiVersion === 'beta' && !cloud.betaAvailable) {
      problem('graphApiVersion', () =>
        t(
          {
            id: 'config.problem.graphApiVersion.betaUnavailable',
            defaultMessage:
              'graphApiVersion "beta" is not available in {cloud} ({graphBaseUrl}): use "v1.0".',
          },
          { cloud: cloud.name, graphBaseUrl: cloud.graphBaseUrl },
        ),
      );
    }
    // A token for one cloud's Graph is refused by another cloud's Graph, so a mixed pair can never work.
    if (cloud && authority !== undefined) {
      const authorityClouds = cloudsForAuthority(authority);
      if (authorityClouds.length > 0 && !authorityClouds.some((c) => c.id === cloud.id)) {
        problem('graphBaseUrl', () =>
          t(
            {
              id: 'config.problem.graphBaseUrl.otherCloud',
              defaultMessage:
                'graphBaseUrl {graphBaseUrl} belongs to {cloud}, whose sign-in authority is {loginBaseUrl}/{tenant}, but authority uses {authorityHosts}.',
            },
            {
              graphBaseUrl,
              cloud: cloud.name,
              loginBaseUrl: cloud.loginBaseUrl,
              tenant: '<tenant>',
              authorityHosts: authorityClouds.map((c) => c.loginBaseUrl).join(' / '),
            },
          ),
        );
      }
    }
  }

  if (
    problems.length > 0 ||
    clientId === undefined ||
    authority === undefined ||
    knownAuthorities === undefined ||
    redirectUri === undefined ||
    postLogoutRedirectUri === undefined ||
    graphBaseUrl === undefined ||
    graphApiVersion === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    config: {
      clientId,
      authority,
      knownAuthorities,
      redirectUri,
      postLogoutRedirectUri,
      graphBaseUrl,
      graphApiVersion,
    },
  };
}

/**
 * Fetches and validates the runtime configuration. Never throws: every failure (unreachable, HTTP
 * error, not JSON, invalid values) comes back as problems the start-up screen can show.
 */
export async function loadConfig(
  fetchFn: typeof fetch = fetch,
  url = '/config.json',
  pageOrigin: string = defaultPageOrigin(),
): Promise<ConfigResult> {
  const fail = (message: () => string): ConfigResult => ({
    ok: false,
    problems: [configProblem('config.json', message)],
  });
  let response: Response;
  try {
    // no-cache: an edited config.json (another tenant, another cloud) must apply on the next reload.
    response = await fetchFn(url, { cache: 'no-cache', headers: { Accept: 'application/json' } });
  } catch (e) {
    return fail(() =>
      t(
        { id: 'config.problem.file.unreachable', defaultMessage: 'Could not load {url}: {error}.' },
        { url, error: errorText(e) },
      ),
    );
  }
  if (response.status !== 200) {
    const { status } = response;
    return fail(() =>
      t(
        {
          id: 'config.problem.file.status',
          defaultMessage: 'Could not load {url}: the server answered HTTP {status}; expected 200 with JSON.',
        },
        { url, status: String(status) },
      ),
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    return fail(() =>
      t(
        { id: 'config.problem.file.unreadable', defaultMessage: 'Could not read {url}: {error}.' },
        { url, error: errorText(e) },
      ),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A dev server's SPA fallback answers a missing file with index.html and status 200.
    if (/^\s*</.test(text)) {
      return fail(() =>
        t(
          {
            id: 'config.problem.file.html',
            defaultMessage: '{url} is not valid JSON (the server sent HTML: is the file missing?).',
          },
          { url },
        ),
      );
    }
    return fail(() =>
      t({ id: 'config.problem.file.notJson', defaultMessage: '{url} is not valid JSON.' }, { url }),
    );
  }
  return parseConfig(json, pageOrigin);
}

// ---------------------------------------------------------------------------------------------

/** Reports a problem with `key`; its words are made when they are read. */
type Report = (key: string, message: () => string) => undefined;

function parseClientId(raw: Record<string, unknown>, problem: Report): string | undefined {
  const value = raw.clientId;
  if (isAbsent(value)) {
    return problem('clientId', () =>
      t({
        id: 'config.problem.clientId.required',
        defaultMessage: 'clientId is required: the application (client) ID of the app registration, a GUID.',
      }),
    );
  }
  if (typeof value !== 'string' || !GUID.test(value.trim())) {
    return problem('clientId', () =>
      t(
        {
          id: 'config.problem.clientId.notGuid',
          defaultMessage: 'clientId must be a GUID like 00000000-0000-0000-0000-000000000000, got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  return value.trim();
}

function parseAuthority(raw: Record<string, unknown>, problem: Report): string | undefined {
  const value = raw.authority;
  if (isAbsent(value)) {
    return problem('authority', () =>
      t(
        {
          id: 'config.problem.authority.required',
          defaultMessage: 'authority is required, e.g. https://login.microsoftonline.com/{tenant}.',
        },
        { tenant: '<tenant-id>' },
      ),
    );
  }
  if (typeof value !== 'string') {
    return problem('authority', () =>
      t(
        {
          id: 'config.problem.authority.notString',
          defaultMessage: 'authority must be a string URL, got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  const url = parseUrl(value.trim());
  if (!url) {
    return problem('authority', () =>
      t(
        {
          id: 'config.problem.authority.notUrl',
          defaultMessage: 'authority must be an absolute https URL, got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  if (url.protocol !== 'https:') {
    // MSAL refuses http authorities (authority_uri_insecure), even on localhost.
    return problem('authority', () =>
      t(
        {
          id: 'config.problem.authority.notHttps',
          defaultMessage: 'authority must use https (MSAL refuses http), got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return problem('authority', () =>
      t({
        id: 'config.problem.authority.extras',
        defaultMessage: 'authority must not contain a query, a fragment or credentials.',
      }),
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') {
    return problem('authority', () =>
      t(
        {
          id: 'config.problem.authority.noTenant',
          defaultMessage:
            'authority must include the tenant, e.g. {origin}/{tenant} (or /organizations), got {value}.',
        },
        { origin: url.origin, tenant: '<tenant-id>', value: describe(value) },
      ),
    );
  }
  return `${url.origin}${path}`;
}

function parseKnownAuthorities(
  raw: Record<string, unknown>,
  authority: string | undefined,
  problem: Report,
): string[] | undefined {
  const value = raw.knownAuthorities;
  const authorityHost = authority === undefined ? undefined : new URL(authority).host;
  if (isAbsent(value)) {
    // MSAL otherwise asks login.microsoftonline.com for instance discovery, which fails for any
    // other host (endpoints_resolution_error); listing the authority's own host is always safe.
    return authorityHost === undefined ? undefined : [authorityHost];
  }
  if (!Array.isArray(value)) {
    return problem('knownAuthorities', () =>
      t(
        {
          id: 'config.problem.knownAuthorities.notArray',
          defaultMessage: 'knownAuthorities must be an array of host[:port] strings, got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  const hosts: string[] = [];
  let bad = false;
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || !isHostPort(item.trim())) {
      bad = true;
      const withScheme = typeof item === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(item);
      const values = () => ({ index: String(i), value: describe(item) });
      problem('knownAuthorities', () =>
        withScheme
          ? t(
              {
                id: 'config.problem.knownAuthorities.itemUrl',
                defaultMessage:
                  'knownAuthorities[{index}] must be a host or host:port like "localhost:8443" (drop the scheme and path), got {value}.',
              },
              values(),
            )
          : t(
              {
                id: 'config.problem.knownAuthorities.item',
                defaultMessage:
                  'knownAuthorities[{index}] must be a host or host:port like "localhost:8443", got {value}.',
              },
              values(),
            ),
      );
    } else {
      hosts.push(item.trim().toLowerCase());
    }
  });
  if (bad) return undefined;
  if (
    authorityHost !== undefined &&
    !hosts.includes(authorityHost) &&
    cloudsForAuthority(authority ?? '').length === 0
  ) {
    // Outside Microsoft's own login hosts MSAL only trusts the authority when it is listed here.
    return problem('knownAuthorities', () =>
      t(
        {
          id: 'config.problem.knownAuthorities.missingAuthority',
          defaultMessage:
            'knownAuthorities must include the authority\'s host "{host}" (or be left out to default to it).',
        },
        { host: authorityHost },
      ),
    );
  }
  return hosts;
}

function parseRedirectUri(
  raw: Record<string, unknown>,
  key: 'redirectUri' | 'postLogoutRedirectUri',
  pageOrigin: string,
  problem: Report,
): string | undefined {
  const value = raw[key];
  if (typeof value !== 'string') {
    return problem(key, () =>
      t(
        {
          id: 'config.problem.redirectUri.notString',
          defaultMessage: '{key} must be a string URL, got {value}.',
        },
        { key, value: describe(value) },
      ),
    );
  }
  const url = parseUrl(value.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return problem(key, () =>
      t(
        {
          id: 'config.problem.redirectUri.notUrl',
          defaultMessage: '{key} must be an absolute http(s) URL registered on the app, got {value}.',
        },
        { key, value: describe(value) },
      ),
    );
  }
  if (url.hash !== '') {
    return problem(key, () =>
      t(
        {
          id: 'config.problem.redirectUri.fragment',
          defaultMessage: '{key} must not contain a fragment (#…): OAuth redirect URIs cannot.',
        },
        { key },
      ),
    );
  }
  // Entra sends the sign-in answer there, and MSAL reads it from that page's URL: a page of another
  // origin cannot hand it back to this one (nor can it clear this origin's session on sign-out).
  const page = parseUrl(pageOrigin)?.origin;
  if (page !== undefined && url.origin !== page) {
    return problem(key, () =>
      t(
        {
          id: 'config.problem.redirectUri.otherOrigin',
          defaultMessage: "{key} must be on this app's origin {page} (for example {page}/), got {value}.",
        },
        { key, page, value: describe(value) },
      ),
    );
  }
  // Kept as written (not normalised): Entra compares the redirect URI to the registration exactly.
  return value.trim();
}

function defaultRedirectUri(pageOrigin: string, problem: Report): string | undefined {
  const url = parseUrl(pageOrigin);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return problem('redirectUri', () =>
      t(
        {
          id: 'config.problem.redirectUri.noDefault',
          defaultMessage: 'redirectUri is not set and the page origin {origin} is not http(s).',
        },
        { origin: describe(pageOrigin) },
      ),
    );
  }
  return `${url.origin}/`;
}

function parseGraphBaseUrl(raw: Record<string, unknown>, problem: Report): string | undefined {
  const value = raw.graphBaseUrl;
  if (isAbsent(value)) {
    return problem('graphBaseUrl', () =>
      t({
        id: 'config.problem.graphBaseUrl.required',
        defaultMessage: 'graphBaseUrl is required, e.g. https://graph.microsoft.com (no version).',
      }),
    );
  }
  if (typeof value !== 'string') {
    return problem('graphBaseUrl', () =>
      t(
        {
          id: 'config.problem.graphBaseUrl.notString',
          defaultMessage: 'graphBaseUrl must be a string URL, got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  const url = parseUrl(value.trim());
  if (!url || url.protocol !== 'https:') {
    return problem('graphBaseUrl', () =>
      t(
        {
          id: 'config.problem.graphBaseUrl.notHttps',
          defaultMessage: 'graphBaseUrl must be an absolute https URL, got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return problem('graphBaseUrl', () =>
      t({
        id: 'config.problem.graphBaseUrl.extras',
        defaultMessage: 'graphBaseUrl must not contain a query, a fragment or credentials.',
      }),
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  const version = /^\/(v1\.0|beta)(\/|$)/i.exec(path)?.[1];
  if (version !== undefined) {
    return problem('graphBaseUrl', () =>
      t(
        {
          id: 'config.problem.graphBaseUrl.version',
          defaultMessage:
            'graphBaseUrl must not include the version: drop "/{version}" (use {origin}) and set graphApiVersion instead.',
        },
        { version, origin: url.origin },
      ),
    );
  }
  if (path !== '') {
    return problem('graphBaseUrl', () =>
      t(
        {
          id: 'config.problem.graphBaseUrl.path',
          defaultMessage: 'graphBaseUrl must be an origin without a path, e.g. {origin}.',
        },
        { origin: url.origin },
      ),
    );
  }
  return url.origin;
}

function parseApiVersion(raw: Record<string, unknown>, problem: Report): GraphApiVersion | undefined {
  const value = raw.graphApiVersion;
  if (isAbsent(value)) return 'v1.0';
  const found = API_VERSIONS.find((v) => v === value);
  if (found === undefined) {
    return problem('graphApiVersion', () =>
      t(
        {
          id: 'config.problem.graphApiVersion.unknown',
          defaultMessage: 'graphApiVersion must be "v1.0" (default) or "beta", got {value}.',
        },
        { value: describe(value) },
      ),
    );
  }
  return found;
}

/** The keys config.json may hold; see the README. */
export const CONFIG_KEYS: readonly (keyof AppConfig)[] = [
  'clientId',
  'authority',
  'knownAuthorities',
  'redirectUri',
  'postLogoutRedirectUri',
  'graphBaseUrl',
  'graphApiVersion',
];

/**
 * Unknown keys are ignored (a deployment may keep notes in the file), except those that look like
 * a known key misspelt: a silently ignored "graphApiVerison" would quietly mean the default.
 */
function reportLikelyTypos(raw: Record<string, unknown>, problem: Report): void {
  for (const key of Object.keys(raw)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const meant = CONFIG_KEYS.find((known) => looksLike(key, known));
    if (meant !== undefined) {
      problem(key, () =>
        t(
          {
            id: 'config.problem.typo',
            defaultMessage:
              '{key} is not a configuration key: did you mean {meant}? Keys are case-sensitive.',
          },
          { key, meant },
        ),
      );
    }
  }
}

/** Same letters ignoring case, or at most two edits apart (one for short keys). */
function looksLike(key: string, known: string): boolean {
  const a = key.toLowerCase();
  const b = known.toLowerCase();
  return editDistance(a, b) <= (b.length > 8 ? 2 : 1);
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The sign-in and Graph hosts that are not a Microsoft cloud's (the emulator, a proxy, a typo).
 * They work (any https host), but the header names them so that a typo is seen at once.
 */
export function customEndpoints(config: Pick<AppConfig, 'authority' | 'graphBaseUrl'>): string[] {
  const hosts: string[] = [];
  if (cloudsForAuthority(config.authority).length === 0)
    hosts.push(hostOf(config.authority) ?? config.authority);
  if (cloudForGraphBaseUrl(config.graphBaseUrl) === undefined) {
    hosts.push(hostOf(config.graphBaseUrl) ?? config.graphBaseUrl);
  }
  return [...new Set(hosts)];
}

function isHostPort(value: string): boolean {
  if (value.length > 260) return false;
  const match = HOST_PORT.exec(value);
  if (!match) return false;
  const port = match[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** Left out, null or "": the key takes its default (or is reported as missing when required). */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function hostOf(value: string): string | undefined {
  return parseUrl(value)?.host;
}

/** A value as a problem quotes it: a string as JSON, anything else by its kind (in words). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return t({ id: 'config.value.array', defaultMessage: 'an array' });
  if (value === null) return 'null';
  if (typeof value === 'object') return t({ id: 'config.value.object', defaultMessage: 'an object' });
  if (typeof value === 'number') {
    return t({ id: 'config.value.number', defaultMessage: 'number {value}' }, { value: String(value) });
  }
  if (typeof value === 'boolean') {
    return t({ id: 'config.value.boolean', defaultMessage: 'boolean {value}' }, { value: String(value) });
  }
  return typeof value;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function defaultPageOrigin(): string {
  // Outside a browser (tests, tools) there is no location; parseConfig then reports the missing redirectUri.
  return typeof location === 'undefined' ? '' : location.origin;
}
