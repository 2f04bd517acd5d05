import { describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClientOptions } from '../../../graph/graph-client';
import {
  fakeFetch,
  graphErrorResponse,
  jsonResponse,
  type FakeStep,
  type RecordedCall,
} from '../../../graph/fake-fetch';
import { isGraphError, type GraphError } from '../../../graph/graph-error';
import type { AssignmentRequest } from '../model';
import { listFailedRequests, requestsEndpoints, type ListProgress } from './requests-api';
import { odataString } from '../../../graph/odata';

const BASE = 'https://graph.example.test';
const READ = [`${BASE}/EntitlementManagement.Read.All`];
const V1_LIST = `${BASE}/v1.0/identityGovernance/entitlementManagement/assignmentRequests`;
const BETA_LIST = `${BASE}/beta/identityGovernance/entitlementManagement/accessPackageAssignmentRequests`;

function client(
  steps: FakeStep[],
  apiVersion: 'v1.0' | 'beta' = 'v1.0',
  fallback?: FakeStep,
  extra: Partial<GraphClientOptions> = {},
) {
  const fake = fakeFetch(steps, fallback);
  const graph = createGraphClient({
    baseUrl: BASE,
    apiVersion,
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    random: () => 0,
    sleep: () => Promise.resolve(),
    ...extra,
  });
  return { graph, calls: fake.calls };
}

function filterOf(call: RecordedCall): string | null {
  return new URL(call.url).searchParams.get('$filter');
}

async function rejection(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (e) {
    if (isGraphError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

const v1 = (id: string, state: string, extra: Record<string, unknown> = {}) => ({
  id,
  state,
  requestType: 'userAdd',
  completedDateTime: '2025-02-01T00:00:00Z',
  ...extra,
});

/** A Graph stand-in answering the list per state filter, with pages chained by nextLink. */
function pagedGraph(pagesByFilter: Record<string, unknown[][]>): (call: RecordedCall) => Response {
  return (call) => {
    const url = new URL(call.url);
    const filter = url.searchParams.get('$filter') ?? url.searchParams.get('f') ?? '';
    const pages = pagesByFilter[filter];
    if (!pages) return graphErrorResponse(400, 'BadFilter');
    const index = Number(url.searchParams.get('$skiptoken') ?? '0');
    const value = pages[index] ?? [];
    const next =
      index + 1 < pages.length
        ? `${url.origin}${url.pathname}?f=${encodeURIComponent(filter)}&$skiptoken=${index + 1}`
        : undefined;
    return jsonResponse(200, { value, ...(next && { '@odata.nextLink': next }) });
  };
}

describe('requestsEndpoints', () => {
  it('v1.0: assignmentRequests, state, camelCase failed states, catalog expand', () => {
    const e = requestsEndpoints('v1.0');
    expect(e.collectionPath).toBe('/identityGovernance/entitlementManagement/assignmentRequests');
    expect(e.stateProperty).toBe('state');
    expect(e.failedStates).toEqual(['deliveryFailed', 'partiallyDelivered']);
    expect(e.expand).toBe('requestor,accessPackage($expand=catalog)');
    expect(e.reprocessPath('d82eb508-acc4-43cc-bcf1-7c1c4a2c073b')).toBe(
      '/identityGovernance/entitlementManagement/assignmentRequests/d82eb508-acc4-43cc-bcf1-7c1c4a2c073b/reprocess',
    );
  });

  it('beta: accessPackageAssignmentRequests, requestState, PascalCase failed states, accessPackageCatalog expand', () => {
    const e = requestsEndpoints('beta');
    expect(e.collectionPath).toBe(
      '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests',
    );
    expect(e.stateProperty).toBe('requestState');
    expect(e.failedStates).toEqual(['DeliveryFailed', 'PartiallyDelivered']);
    expect(e.expand).toBe('requestor,accessPackage($expand=accessPackageCatalog)');
    expect(e.reprocessPath('abc')).toBe(
      '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests/abc/reprocess',
    );
  });

  it('encodes the id as one path segment', () => {
    expect(requestsEndpoints('v1.0').reprocessPath('a/b?c#d %')).toBe(
      '/identityGovernance/entitlementManagement/assignmentRequests/a%2Fb%3Fc%23d%20%25/reprocess',
    );
  });

  it.each(['', '.', '..'])('refuses the id %j, which would point the URL elsewhere', (id) => {
    expect(() => requestsEndpoints('v1.0').reprocessPath(id)).toThrow(RangeError);
    expect(() => requestsEndpoints('beta').reprocessPath(id)).toThrow(RangeError);
  });
});

describe('odataString', () => {
  it.each([
    ['deliveryFailed', "'deliveryFailed'"],
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ['', "''"],
    ["a' or 1 eq 1 or 'b", "'a'' or 1 eq 1 or ''b'"],
  ])('%j -> %s', (value, literal) => {
    expect(odataString(value)).toBe(literal);
  });
});

describe('listFailedRequests', () => {
  it('runs one query per failed state with filter and expand, follows every page and reports each', async () => {
    const { graph, calls } = client([], 'v1.0', (call) =>
      pagedGraph({
        "state eq 'deliveryFailed'": [
          [v1('a', 'deliveryFailed'), v1('b', 'deliveryFailed')],
          [],
          [v1('c', 'deliveryFailed')],
        ],
        "state eq 'partiallyDelivered'": [[v1('d', 'partiallyDelivered')]],
      })(call),
    );
    const reported: { ids: string[]; progress: ListProgress }[] = [];

    const all = await listFailedRequests(graph, {
      scopes: READ,
      onPage: (items, progress) => reported.push({ ids: items.map((r) => r.id), progress }),
    });

    expect(all.map((r) => r.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(all.every((r) => r.state === 'deliveryFailed' || r.state === 'partiallyDelivered')).toBe(true);

    const firstTwo = calls.slice(0, 2);
    expect(firstTwo.map(filterOf).sort()).toEqual([
      "state eq 'deliveryFailed'",
      "state eq 'partiallyDelivered'",
    ]);
    for (const call of firstTwo) {
      expect(call.url.startsWith(`${V1_LIST}?`)).toBe(true);
      expect(new URL(call.url).searchParams.get('$expand')).toBe('requestor,accessPackage($expand=catalog)');
      expect(call.headers.has('ConsistencyLevel')).toBe(false);
    }
    expect(calls).toHaveLength(4);

    expect(reported).toHaveLength(4);
    expect(reported.map((r) => r.progress.pagesLoaded)).toEqual([1, 2, 3, 4]);
    expect(reported.map((r) => r.progress.done)).toEqual([false, false, false, true]);
    expect(reported.at(-1)?.progress.itemsLoaded).toBe(4);
    expect(reported.flatMap((r) => r.ids).sort()).toEqual(['a', 'b', 'c', 'd']);
    // the empty page is reported too, with no items
    expect(reported.some((r) => r.ids.length === 0)).toBe(true);
  });

  it('runs both queries concurrently', async () => {
    const release: (() => void)[] = [];
    const { graph, calls } = client([], 'v1.0', () => {
      return new Promise<Response>((resolve) =>
        release.push(() => resolve(jsonResponse(200, { value: [] }))),
      );
    });
    const done = listFailedRequests(graph, { scopes: READ, onPage: () => undefined });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(2);
    release.forEach((go) => go());
    await expect(done).resolves.toEqual([]);
  });

  it('de-duplicates a request seen in both queries and skips rows without an id', async () => {
    const { graph } = client([], 'v1.0', (call) =>
      pagedGraph({
        "state eq 'deliveryFailed'": [
          [v1('a', 'deliveryFailed'), { state: 'deliveryFailed' }, v1('a', 'deliveryFailed')],
        ],
        "state eq 'partiallyDelivered'": [[v1('a', 'partiallyDelivered'), v1('b', 'partiallyDelivered')]],
      })(call),
    );
    const seen: AssignmentRequest[] = [];
    const all = await listFailedRequests(graph, { scopes: READ, onPage: (items) => seen.push(...items) });
    expect(all.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(seen.map((r) => r.id).sort()).toEqual(['a', 'b']);
  });

  it('uses the beta shape: requestState filter, PascalCase values, accessPackageCatalog', async () => {
    const { graph, calls } = client([], 'beta', (call) =>
      pagedGraph({
        "requestState eq 'DeliveryFailed'": [
          [
            {
              id: 'b1',
              requestState: 'DeliveryFailed',
              requestType: 'UserAdd',
              accessPackage: { displayName: 'P', accessPackageCatalog: { displayName: 'C' } },
            },
          ],
        ],
        "requestState eq 'PartiallyDelivered'": [[{ id: 'b2', requestState: 'PartiallyDelivered' }]],
      })(call),
    );
    const all = await listFailedRequests(graph, { scopes: READ, onPage: () => undefined });
    expect(calls.every((c) => c.url.startsWith(`${BETA_LIST}?`))).toBe(true);
    expect(new URL(calls[0]?.url ?? '').searchParams.get('$expand')).toBe(
      'requestor,accessPackage($expand=accessPackageCatalog)',
    );
    const byId = new Map(all.map((r) => [r.id, r]));
    expect(byId.get('b1')).toMatchObject({
      state: 'deliveryFailed',
      requestType: 'userAdd',
      accessPackage: { displayName: 'P', catalog: { displayName: 'C' } },
    });
    expect(byId.get('b2')?.state).toBe('partiallyDelivered');
  });

  it('narrows to one access package, quoting the id safely', async () => {
    const { graph, calls } = client([], 'v1.0', jsonResponse(200, { value: [] }));
    await listFailedRequests(graph, { scopes: READ, accessPackageId: "p'1", onPage: () => undefined });
    expect(calls.map(filterOf).sort()).toEqual([
      "state eq 'deliveryFailed' and accessPackage/id eq 'p''1'",
      "state eq 'partiallyDelivered' and accessPackage/id eq 'p''1'",
    ]);
  });

  it('asks for the token with the given scopes', async () => {
    const asked: (readonly string[])[] = [];
    const { graph } = client([], 'v1.0', jsonResponse(200, { value: [] }), {
      getAccessToken: (scopes) => {
        asked.push(scopes);
        return Promise.resolve('t');
      },
    });
    await listFailedRequests(graph, { scopes: READ, onPage: () => undefined });
    expect(asked).toEqual([READ, READ]);
  });

  it('rejects with the first failure and cancels the other query', async () => {
    let otherSignal: AbortSignal | undefined;
    const { graph } = client([], 'v1.0', (call) => {
      if (filterOf(call)?.includes('deliveryFailed'))
        return graphErrorResponse(403, 'Authorization_RequestDenied');
      otherSignal = call.signal;
      return new Promise<Response>((_resolve, reject) => {
        call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    const pages: unknown[] = [];
    const e = await rejection(
      listFailedRequests(graph, { scopes: READ, onPage: (items) => pages.push(items) }),
    );
    expect(e.kind).toBe('http');
    expect(e.status).toBe(403);
    expect(e.code).toBe('Authorization_RequestDenied');
    expect(otherSignal?.aborted).toBe(true);
    expect(pages).toEqual([]);
  });

  it('rejects with a malformed GraphError for a page without a value array', async () => {
    const { graph } = client([], 'v1.0', jsonResponse(200, { value: 'nope' }));
    const e = await rejection(listFailedRequests(graph, { scopes: READ, onPage: () => undefined }));
    expect(e.kind).toBe('malformed');
  });

  it('stops with kind aborted when the caller aborts', async () => {
    const controller = new AbortController();
    const { graph } = client([], 'v1.0', (call) => {
      controller.abort();
      return new Promise<Response>((_resolve, reject) => {
        if (call.signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    const e = await rejection(
      listFailedRequests(graph, { scopes: READ, signal: controller.signal, onPage: () => undefined }),
    );
    expect(e.kind).toBe('aborted');
  });

  it('makes no call when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const { graph, calls } = client([], 'v1.0', jsonResponse(200, { value: [] }));
    const e = await rejection(
      listFailedRequests(graph, { scopes: READ, signal: controller.signal, onPage: () => undefined }),
    );
    expect(e.kind).toBe('aborted');
    expect(calls).toHaveLength(0);
  });
});

describe('listFailedRequests in createdDateTime partitions', () => {
  const DAY = 86_400_000;
  const NOW = Date.parse('2026-12-01T00:00:00Z');
  const PAGE = 10;

  /** A tenant of `n` failed requests per state over 60 days, answered in pages of 10 in id order. */
  function tenant(n: number, { refuseDates = false } = {}) {
    const rows = ['deliveryFailed', 'partiallyDelivered'].flatMap((state) =>
      Array.from({ length: n }, (_, i) =>
        v1(`${state}-${i}`, state, {
          // not in date order: ids and dates are shuffled against each other
          createdDateTime: new Date(NOW - ((i * 7919) % n) * ((60 * DAY) / n)).toISOString(),
        }),
      ),
    );
    let inFlight = 0;
    let maxInFlight = 0;
    const filters: string[] = [];
    const respond = async (call: RecordedCall): Promise<Response> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight -= 1;
      const url = new URL(call.url);
      const filter = url.searchParams.get('$filter') ?? '';
      filters.push(filter);
      if (refuseDates && filter.includes('createdDateTime')) return graphErrorResponse(400, 'BadRequest');
      const state = /state eq '(\w+)'/.exec(filter)?.[1];
      const ge = /createdDateTime ge (\S+)/.exec(filter)?.[1];
      const lt = /createdDateTime lt (\S+)/.exec(filter)?.[1];
      const matching = rows.filter((r) => {
        const t = Date.parse((r as { createdDateTime?: string }).createdDateTime ?? '');
        return r.state === state && (!ge || t >= Date.parse(ge)) && (!lt || t < Date.parse(lt));
      });
      const offset = Number(url.searchParams.get('$skiptoken') ?? '0');
      const value = matching.slice(offset, offset + PAGE);
      const next =
        offset + PAGE < matching.length
          ? `${url.origin}${url.pathname}?$filter=${encodeURIComponent(filter)}&$skiptoken=${offset + PAGE}`
          : undefined;
      return jsonResponse(200, { value, ...(next && { '@odata.nextLink': next }) });
    };
    return { rows, respond, filters, maxInFlight: () => maxInFlight };
  }

  it('loads every request once, at most 8 calls in flight, in far fewer sequential steps than one chain', async () => {
    const t = tenant(200);
    const { graph, calls } = client([], 'v1.0', (call) => t.respond(call));
    const progress: ListProgress[] = [];
    const seen: string[] = [];
    const all = await listFailedRequests(graph, {
      scopes: READ,
      now: () => NOW,
      onPage: (items, p) => {
        seen.push(...items.map((r) => r.id));
        progress.push(p);
      },
    });
    expect(all.map((r) => r.id).sort()).toEqual(t.rows.map((r) => r.id).sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(400);
    expect(t.maxInFlight()).toBeLessThanOrEqual(8);
    expect(t.maxInFlight()).toBeGreaterThan(2);
    // the first call per state has no date clause, so the first rows come as before
    expect(t.filters.slice(0, 2).sort()).toEqual([
      "state eq 'deliveryFailed'",
      "state eq 'partiallyDelivered'",
    ]);
    expect(t.filters.some((f) => /^state eq 'deliveryFailed' and createdDateTime (ge|lt) /.test(f))).toBe(
      true,
    );
    // one chain per state would take 20 pages each; the partitions share the work
    expect(calls.length).toBeLessThan(80);
    expect(progress.filter((p) => p.done)).toHaveLength(1);
    expect(progress.at(-1)?.done).toBe(true);
    expect(progress.some((p) => p.partitionsRefused)).toBe(false);
  });

  it('falls back to the plain nextLink chain when Graph refuses a partition filter (400), and says so', async () => {
    const t = tenant(50, { refuseDates: true });
    const { graph } = client([], 'v1.0', (call) => t.respond(call));
    const progress: ListProgress[] = [];
    const all = await listFailedRequests(graph, {
      scopes: READ,
      now: () => NOW,
      onPage: (_items, p) => progress.push(p),
    });
    expect(all.map((r) => r.id).sort()).toEqual(t.rows.map((r) => r.id).sort());
    expect(progress.at(-1)?.partitionsRefused).toBe(true);
    // each state's plain chain is read once after the refusal: 5 pages each, after the first
    const plain = t.filters.filter((f) => !f.includes('createdDateTime'));
    expect(plain.length).toBeLessThanOrEqual(2 + 2 * 5);
  });

  it('keeps the limit of calls in flight asked for', async () => {
    const t = tenant(100);
    const { graph } = client([], 'v1.0', (call) => t.respond(call));
    const all = await listFailedRequests(graph, {
      scopes: READ,
      now: () => NOW,
      maxInFlight: 3,
      onPage: () => undefined,
    });
    expect(all).toHaveLength(200);
    expect(t.maxInFlight()).toBeLessThanOrEqual(3);
  });
});
