// Shared by the emulator's own tests: an emulator on free ports (plain http unless asked), tokens for the
// demo users, and small fetch helpers for Graph and the control API.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEMO_USERS, type DemoUser, type GraphScope } from '../directory.ts';
import type { AssignmentRequest } from '../store/model.ts';
import { startEmulator, type RunningEmulator } from '../start.ts';

export type UserKey = 'avery' | 'morgan' | 'sam' | 'jordan';

export const USERS: Record<UserKey, DemoUser> = {
  avery: DEMO_USERS[0] as DemoUser,
  morgan: DEMO_USERS[1] as DemoUser,
  sam: DEMO_USERS[2] as DemoUser,
  jordan: DEMO_USERS[3] as DemoUser,
};

export const V1 = '/v1.0/identityGovernance/entitlementManagement/assignmentRequests';
export const BETA = '/beta/identityGovernance/entitlementManagement/accessPackageAssignmentRequests';

export interface Harness {
  emulator(): RunningEmulator;
  token(
    user: UserKey,
    opts?: { scopes?: readonly GraphScope[]; audience?: string; expiresInSeconds?: number },
  ): Promise<string>;
  graph(
    path: string,
    init?: {
      method?: string;
      token?: string | null;
      user?: UserKey;
      headers?: Record<string, string>;
      body?: unknown;
    },
  ): Promise<Response>;
  control(path: string, method?: string, body?: unknown): Promise<Response>;
  controlJson<T>(path: string, method?: string, body?: unknown): Promise<T>;
  storeRequests(query?: string): Promise<AssignmentRequest[]>;
}

/**
 * Starts one emulator for the file and resets it before each test. Over plain http by default;
 * `tls: true` serves HTTPS as the app sees it (Graph over HTTP/2), with the emulator's certificate.
 */
export function useEmulator(opts: { tls?: boolean } = {}): Harness {
  let running: RunningEmulator | undefined;
  const emulator = (): RunningEmulator => {
    if (!running) throw new Error('emulator not started');
    return running;
  };
  beforeAll(async () => {
    running = await startEmulator({
      tls: opts.tls ?? false,
      idpPort: 0,
      graphPort: 0,
      controlPort: 0,
      quiet: true,
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  const h: Harness = {
    emulator,
    token: (user, opts = {}) =>
      emulator().identity.mintAccessToken({
        userId: USERS[user].id,
        audience: opts.audience ?? 'https://graph.microsoft.com',
        ...(opts.scopes ? { scopes: opts.scopes } : {}),
        ...(opts.expiresInSeconds !== undefined ? { expiresInSeconds: opts.expiresInSeconds } : {}),
      }),
    async graph(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const token = init.token === undefined ? await h.token(init.user ?? 'avery') : init.token;
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['Content-Type'] ??= 'application/json';
      }
      return fetch(`${emulator().graphOrigin}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
      });
    },
    control: (path, method = 'GET', body) =>
      fetch(`${emulator().controlOrigin}${path}`, {
        method,
        ...(body !== undefined
          ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
          : {}),
      }),
    async controlJson<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
      const res = await h.control(path, method, body);
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async storeRequests(query = '') {
      return (await h.controlJson<{ value: AssignmentRequest[] }>(`/requests${query}`)).value;
    },
  };

  beforeEach(async () => {
    await h.controlJson('/reset', 'POST');
  });
  return h;
}

export interface GraphList {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

/** Follows nextLinks to the end, as the app must. */
export async function listAll(
  h: Harness,
  path: string,
  user: UserKey = 'avery',
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let pages = 0;
  let next: string | undefined = `${h.emulator().graphOrigin}${path}`;
  const token = await h.token(user);
  while (next) {
    const res: Response = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${next}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as GraphList;
    items.push(...page.value);
    pages++;
    next = page['@odata.nextLink'];
  }
  return { items, pages };
}

export function filterQuery(filter: string, extra = ''): string {
  return `?$filter=${encodeURIComponent(filter)}${extra}`;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}
