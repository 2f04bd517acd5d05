// A client for the emulator's control API (tests and benchmarks only).
const CONTROL = process.env.EMULATOR_CONTROL_ORIGIN ?? 'http://127.0.0.1:8445';

export interface CanonicalRequest {
  id: string;
  state: string;
  status?: string;
  requestType?: string;
  createdDateTime?: string;
  completedDateTime?: string;
  requestor?: { id?: string; displayName?: string; email?: string; principalName?: string };
  accessPackage?: { id?: string; displayName?: string; catalog?: { id?: string; displayName?: string } };
  [key: string]: unknown;
}

export interface LogEntry {
  seq: number;
  time: string;
  /** Time spent inside the emulator, ms. */
  durationMs?: number;
  method: string;
  path: string;
  query: string | Record<string, string>;
  status: number;
  clientRequestId?: string;
  requestId?: string;
  upn?: string;
  /** 0 when the connection was dropped (see `dropped`). */
  steps?: {
    id: string;
    method: string;
    url: string;
    status: number;
    hasBody: boolean;
    dropped?: 'beforeApply' | 'afterApply';
  }[];
  /** Set on a dropped call: 'afterApply' when it (or some of its batch steps) had been applied. */
  dropped?: 'beforeApply' | 'afterApply';
  /** With dropped 'afterApply': the status of the answer that was lost. */
  appliedStatus?: number;
}

/** POST /faults (docs/design.md, emulator/src/faults.ts). */
export interface Fault {
  /** Regular expression matched against the path; batch steps are matched as `/<version>` + their path. */
  path: string;
  method?: string;
  kind: 'latency' | 'status' | 'drop' | 'claims';
  status?: number;
  retryAfter?: number;
  /** Holds the call this long (latency, or before another kind's action). */
  latencyMs?: number;
  /** A random extra delay from 0 to jitterMs per call. */
  jitterMs?: number;
  /** drop only: 'apply' handles the call first (its effects stand), then drops the connection. */
  after?: 'apply';
  share?: number;
  count?: number;
}

export interface AddedFault extends Fault {
  id: string;
  hits: number;
  /** claims only: the challenge's nbf (epoch seconds). */
  notBefore?: number;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${CONTROL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator control ${method} ${path} -> ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

function unwrap<T>(body: T[] | { value: T[] } | { entries: T[] } | { requests: T[] }): T[] {
  if (Array.isArray(body)) return body;
  if ('value' in body) return body.value;
  if ('entries' in body) return body.entries;
  return body.requests;
}

export const emulator = {
  reset: () => call<unknown>('POST', '/reset'),
  seed: (opts: {
    failed?: number;
    total?: number;
    seed?: number;
    /** 0: every failed row's status is its state's code ("DeliveryFailed"); default 0.3. */
    detailedStatusShare?: number;
    requests?: Partial<CanonicalRequest>[];
  }) => call<unknown>('POST', '/seed', opts),
  settings: (s: {
    pageSize?: number;
    deliveryDelayMs?: number;
    deliveryOutcome?: string;
    auditPageSize?: number;
    auditRateLimit?: { requests: number; windowMs: number };
    /** Access tokens issued from now on (1..86400, default 3600). MSAL renews 300 s before expiry. */
    accessTokenLifetimeSeconds?: number;
    /** false: the request list refuses createdDateTime comparisons with 400 (default true). */
    createdDateTimeFilter?: boolean;
  }) => call<unknown>('PATCH', '/settings', s),
  /**
   * Graph's revokeSignInSessions for one demo user (or all): their refresh tokens fail with
   * invalid_grant AADSTS50173 and their browser sessions end (prompt=none: login_required), so
   * MSAL needs interaction; issued access tokens stay valid until they expire.
   */
  revokeSessions: (upn?: string) =>
    call<{ revoked: string[]; sessionsEnded: number }>('POST', '/revoke-sessions', upn ? { upn } : {}),
  /**
   * A 401 claims challenge (CAE) on the next `count` matching calls made with a token issued
   * before now; a token got with the challenge's claims (or issued a second later) passes.
   */
  claimsChallenge: (path: string, opts: { method?: string; count?: number; share?: number } = {}) =>
    call<AddedFault>('POST', '/faults', { path, kind: 'claims', ...opts }),
  requests: async (state?: string) =>
    unwrap(
      await call<CanonicalRequest[] | { value: CanonicalRequest[] }>(
        'GET',
        `/requests${state ? `?state=${state}` : ''}`,
      ),
    ),
  /** Someone else (another agent, the admin center) reprocesses the request: it is delivering now. */
  reprocessElsewhere: (id: string) =>
    call<{ id: string; state: string }>('POST', '/requests/reprocess', { id }),
  log: async () => unwrap(await call<LogEntry[] | { entries: LogEntry[] }>('GET', '/log')),
  clearLog: () => call<unknown>('DELETE', '/log'),
  fault: (f: Fault) => call<AddedFault>('POST', '/faults', f),
  faults: async () => unwrap(await call<{ value: AddedFault[] }>('GET', '/faults')),
  /** Removes every fault; calls held by a latency fault are released and handled normally. */
  clearFaults: () => call<unknown>('DELETE', '/faults'),
  /** Holds matching calls (a `$batch`: path '/\\$batch$') for ms, until the faults are cleared. */
  hold: (path: string, ms: number, opts: { method?: string; count?: number } = {}) =>
    call<AddedFault>('POST', '/faults', { path, kind: 'latency', latencyMs: ms, ...opts }),
  /** Drops the connection of matching calls after they were applied: the outcome is unknown to the client. */
  dropAfterApply: (path: string, opts: { method?: string; count?: number; share?: number } = {}) =>
    call<AddedFault>('POST', '/faults', { path, kind: 'drop', after: 'apply', ...opts }),
  /** An administrator grants a delegated permission (e.g. `AuditLog.Read.All`) after sign-in. */
  grant: (upn: string, scope: string) => call<unknown>('POST', '/grants', { upn, scope }),
  /** ... or revokes it: the user's next token request goes without it. */
  revoke: (upn: string, scope: string) => call<unknown>('DELETE', '/grants', { upn, scope }),
};

const DAY_MS = 86_400_000;

/**
 * A failed request to seed, inside the reprocess window (completed two days ago), with a requestor
 * named `name` (searchable) and a stable id made of `idPrefix` and `i`.
 */
export function failedRequestSeed(
  name: string,
  i: number,
  opts: { idPrefix: string; packageId: string; packageName: string },
): Omit<CanonicalRequest, 'id'> {
  return {
    state: 'deliveryFailed',
    status: 'DeliveryFailed',
    requestType: 'userAdd',
    createdDateTime: new Date(Date.now() - 3 * DAY_MS).toISOString(),
    completedDateTime: new Date(Date.now() - 2 * DAY_MS).toISOString(),
    requestor: {
      id: `${opts.idPrefix}${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`,
      displayName: name,
    },
    accessPackage: { id: opts.packageId, displayName: opts.packageName },
  };
}
