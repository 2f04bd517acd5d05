// The control API (docs/design.md): tests and benchmarks reset and seed the tenant, tune
// delivery and paging, read the Graph request log and inject faults. Plain JSON over http on
// loopback; never part of the app's configuration.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEMO_USERS } from '../directory.ts';
import type { Faults } from '../faults.ts';
import { readBody, requestUrl, sendJson, type Handler } from '../http.ts';
import type { RequestLog } from '../request-log.ts';
import { customRequest, seed } from '../seed.ts';
import { FAILED_STATES, type AssignmentRequest } from '../store/model.ts';
import { defaultSettings, mergeSettings, type Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';

export interface ControlOptions {
  origin: string;
  store: Store;
  faults: Faults;
  log: RequestLog;
  getSettings(): Settings;
  setSettings(settings: Settings): void;
  /** Forgets sign-in sessions, codes, refresh tokens and granted permissions. */
  resetIdentity(): void;
  /** Graph's revokeSignInSessions for these users: their refresh tokens and browser sessions end. */
  revokeSessions(userIds: readonly string[]): { sessionsEnded: number };
  /** `POST /grants` `{ upn, scope }`: admin consent after sign-in (`DELETE`: revoked); an error message, or the result. */
  grant?: (body: unknown, granted: boolean) => object | string;
  /** Reported by GET /health. */
  origins: () => Record<string, string>;
}

/** Seeds the store: generated rows first, then the caller's custom rows. */
export function applySeed(
  store: Store,
  opts: {
    failed?: number;
    total?: number;
    seed?: number;
    detailedStatusShare?: number;
    requests?: readonly AssignmentRequest[];
  } = {},
): void {
  const generated = seed({
    ...(opts.detailedStatusShare !== undefined ? { detailedStatusShare: opts.detailedStatusShare } : {}),
    ...(opts.failed !== undefined ? { failed: opts.failed } : {}),
    ...(opts.total !== undefined ? { total: opts.total } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    now: store.now(),
  });
  // The audit history is worked out on its first read: a big tenant seeds in a fraction of the time.
  store.replace(generated.requests, () => generated.events);
  if (opts.requests) store.add(opts.requests);
}

class BadRequest extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequest('body must be a JSON object');
  return body as Record<string, unknown>;
}

function count(value: unknown, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) {
    throw new BadRequest(`${name} must be an integer from 0 to ${max}`);
  }
  return value as number;
}

function summary(store: Store): { requests: number; failed: number } {
  let failed = 0;
  for (const row of store.all()) if (row.state && FAILED_STATES.has(row.state)) failed++;
  return { requests: store.size, failed };
}

export function createControlHandler(opts: ControlOptions): Handler {
  const routes: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>
  > = {
    'GET /health': (_req, res) => {
      sendJson(res, 200, { status: 'ok', ...opts.origins(), ...summary(opts.store) });
    },
    'POST /reset': async (req, res) => {
      await readBody(req);
      applySeed(opts.store);
      opts.setSettings(defaultSettings());
      opts.log.reset();
      opts.faults.clear();
      opts.resetIdentity();
      sendJson(res, 200, { status: 'reset', ...summary(opts.store) });
    },
    'POST /seed': async (req, res) => {
      const body = asObject(await readJson(req));
      const known = ['failed', 'total', 'seed', 'detailedStatusShare', 'requests'];
      const unknown = Object.keys(body).find((k) => !known.includes(k));
      if (unknown) throw new BadRequest(`unknown seed option '${unknown}'`);
      const failed = count(body.failed, 'failed', 1_000_000);
      const total = count(body.total, 'total', 1_000_000);
      const seedNumber = count(body.seed, 'seed', 2 ** 32 - 1);
      const share = body.detailedStatusShare;
      if (share !== undefined && (typeof share !== 'number' || !(share >= 0 && share <= 1)))
        throw new BadRequest('detailedStatusShare must be a number from 0 to 1');
      let rows: AssignmentRequest[] = [];
      if (body.requests !== undefined) {
        if (!Array.isArray(body.requests)) throw new BadRequest('requests must be an array');
        rows = body.requests.map((r: unknown, i) => {
          const row = customRequest(r);
          if (typeof row === 'string') throw new BadRequest(`requests[${i}]: ${row}`);
          return row;
        });
      }
      // Omitted numbers take the default seed's, so `{ requests: [...] }` adds rows to a normal
      // tenant; send `failed: 0, total: 0` for a tenant with only the custom rows.
      applySeed(opts.store, {
        ...(failed !== undefined ? { failed } : {}),
        ...(total !== undefined ? { total } : {}),
        ...(seedNumber !== undefined ? { seed: seedNumber } : {}),
        ...(share !== undefined ? { detailedStatusShare: share } : {}),
        requests: rows,
      });
      sendJson(res, 200, { ...summary(opts.store), added: rows.map((r) => r.id) });
    },
    'GET /requests': (_req, res, url) => {
      const states = url.searchParams.getAll('state').flatMap((s) => s.split(','));
      const ids = new Set(url.searchParams.getAll('id').map((s) => s.toLowerCase()));
      const value = opts.store
        .all()
        .filter(
          (r) => (states.length === 0 || states.includes(r.state ?? '')) && (ids.size === 0 || ids.has(r.id)),
        );
      sendJson(res, 200, { value });
    },
    // Someone else reprocessed a request (another agent, the Entra admin center): it is then
    // delivering, and settles as the settings say, exactly as after a reprocess through Graph.
    'POST /requests/reprocess': async (req, res) => {
      const body = asObject(await readJson(req));
      const id = typeof body.id === 'string' ? body.id : undefined;
      const row = id === undefined ? undefined : opts.store.get(id);
      if (!row) throw new BadRequest('id must name a stored request');
      const settings = opts.getSettings();
      opts.store.beginReprocess(row.id, {
        delayMs: settings.deliveryDelayMs,
        outcome: settings.deliveryOutcome,
        ...(typeof body.byUpn === 'string' ? { initiatedByUpn: body.byUpn } : {}),
      });
      sendJson(res, 200, { id: row.id, state: row.state });
    },
    'GET /settings': (_req, res) => {
      sendJson(res, 200, opts.getSettings());
    },
    'PATCH /settings': async (req, res) => {
      const merged = mergeSettings(opts.getSettings(), await readJson(req));
      if (typeof merged === 'string') throw new BadRequest(merged);
      opts.setSettings(merged);
      sendJson(res, 200, merged);
    },
    'GET /log': (_req, res, url) => {
      const since = Number(url.searchParams.get('since') ?? 0);
      sendJson(res, 200, { value: opts.log.list(Number.isFinite(since) ? since : 0) });
    },
    'DELETE /log': async (req, res) => {
      await readBody(req);
      opts.log.clear();
      res.writeHead(204).end();
    },
    // Graph's revokeSignInSessions (POST /users/{id}/revokeSignInSessions) for one user, or every
    // demo user when no upn is given. Refresh tokens and codes from earlier sign-ins then fail with
    // invalid_grant AADSTS50173 and silent (prompt=none) sign-in with login_required, which MSAL
    // turns into InteractionRequiredAuthError; an interactive sign-in works again. Access tokens
    // already issued stay valid until they expire.
    'POST /revoke-sessions': async (req, res) => {
      const body = asObject(await readJson(req));
      const unknown = Object.keys(body).find((k) => k !== 'upn');
      if (unknown) throw new BadRequest(`unknown revoke-sessions option '${unknown}'`);
      if (body.upn !== undefined && typeof body.upn !== 'string')
        throw new BadRequest('upn must be a string');
      const upn = body.upn?.toLowerCase();
      const users = DEMO_USERS.filter((u) => upn === undefined || u.userPrincipalName.toLowerCase() === upn);
      if (users.length === 0) throw new BadRequest(`no demo user '${String(body.upn)}'`);
      const { sessionsEnded } = opts.revokeSessions(users.map((u) => u.id));
      sendJson(res, 200, { revoked: users.map((u) => u.userPrincipalName), sessionsEnded });
    },
    'GET /faults': (_req, res) => {
      sendJson(res, 200, { value: opts.faults.list() });
    },
    'POST /faults': async (req, res) => {
      const fault = opts.faults.add(await readJson(req));
      if (typeof fault === 'string') throw new BadRequest(fault);
      sendJson(res, 201, fault);
    },
    'POST /grants': async (req, res) => {
      const result = opts.grant?.(await readJson(req), true) ?? 'grants are not available here';
      if (typeof result === 'string') throw new BadRequest(result);
      sendJson(res, 200, result);
    },
    'DELETE /grants': async (req, res) => {
      const result = opts.grant?.(await readJson(req), false) ?? 'grants are not available here';
      if (typeof result === 'string') throw new BadRequest(result);
      sendJson(res, 200, result);
    },
    'DELETE /faults': async (req, res) => {
      await readBody(req);
      opts.faults.clear();
      res.writeHead(204).end();
    },
  };

  return async (req, res) => {
    const url = requestUrl(req, opts.origin);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const route = routes[`${req.method ?? 'GET'} ${path}`];
    if (!route) {
      const known = Object.keys(routes).some((k) => k.endsWith(` ${path}`));
      sendJson(res, known ? 405 : 404, {
        error: known ? `method ${req.method} not allowed on ${path}` : `no route ${path}`,
      });
      return;
    }
    try {
      await route(req, res, url);
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof BadRequest) sendJson(res, 400, { error: err.message });
      else sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
