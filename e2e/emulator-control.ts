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
  method: string;
  path: string;
  query: string | Record<string, string>;
  status: number;
  clientRequestId?: string;
  requestId?: string;
  upn?: string;
  steps?: { id: string; method: string; url: string; status: number; hasBody: boolean }[];
}

export interface Fault {
  path: string;
  method?: string;
  kind: 'latency' | 'status' | 'drop';
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  share?: number;
  count?: number;
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
  seed: (opts: { failed?: number; total?: number; seed?: number; requests?: Partial<CanonicalRequest>[] }) =>
    call<unknown>('POST', '/seed', opts),
  settings: (s: {
    pageSize?: number;
    deliveryDelayMs?: number;
    deliveryOutcome?: string;
    auditPageSize?: number;
    auditRateLimit?: { requests: number; windowMs: number };
  }) => call<unknown>('PATCH', '/settings', s),
  requests: async (state?: string) =>
    unwrap(
      await call<CanonicalRequest[] | { value: CanonicalRequest[] }>(
        'GET',
        `/requests${state ? `?state=${state}` : ''}`,
      ),
    ),
  log: async () => unwrap(await call<LogEntry[] | { entries: LogEntry[] }>('GET', '/log')),
  clearLog: () => call<unknown>('DELETE', '/log'),
  fault: (f: Fault) => call<unknown>('POST', '/faults', f),
  clearFaults: () => call<unknown>('DELETE', '/faults'),
  /** An administrator grants a delegated permission (e.g. `AuditLog.Read.All`) after sign-in. */
  grant: (upn: string, scope: string) => call<unknown>('POST', '/grants', { upn, scope }),
  /** ... or revokes it: the user's next token request goes without it. */
  revoke: (upn: string, scope: string) => call<unknown>('DELETE', '/grants', { upn, scope }),
};
