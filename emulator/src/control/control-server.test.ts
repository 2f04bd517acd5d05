import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../request-log.ts';
import { DEFAULT_SEED, seed } from '../seed.ts';
import type { AssignmentRequest } from '../store/model.ts';
import {
  filterQuery,
  listAll,
  useEmulator,
  V1,
  type GraphErrorBody,
  type GraphList,
} from './test-harness.ts';

const h = useEmulator();

describe('health and reset', () => {
  it('reports the origins', async () => {
    const body = await h.controlJson<Record<string, unknown>>('/health');
    expect(body).toMatchObject({
      status: 'ok',
      graphOrigin: h.emulator().graphOrigin,
      idpOrigin: h.emulator().idpOrigin,
      requests: DEFAULT_SEED.total,
      failed: DEFAULT_SEED.failed,
    });
  });

  it('restores the default seed, settings, log and faults', async () => {
    await h.controlJson('/seed', 'POST', { failed: 3, total: 5 });
    await h.controlJson('/settings', 'PATCH', { pageSize: 2 });
    await h.controlJson('/faults', 'POST', { path: '.', kind: 'status', status: 503 });
    await h.graph(V1);
    await h.controlJson('/reset', 'POST');
    expect(await h.storeRequests()).toHaveLength(DEFAULT_SEED.total);
    expect(await h.controlJson('/settings')).toEqual({
      pageSize: 100,
      deliveryDelayMs: 4000,
      deliveryOutcome: 'asSeeded',
      auditPageSize: 100,
      auditRateLimit: { requests: 5, windowMs: 10_000 },
      accessTokenLifetimeSeconds: 3600,
      createdDateTimeFilter: true,
    });
    expect((await h.controlJson<{ value: unknown[] }>('/log')).value).toEqual([]);
    expect((await h.controlJson<{ value: unknown[] }>('/faults')).value).toEqual([]);
    expect((await h.graph(V1)).status).toBe(200);
  });

  it('answers 404 for unknown routes and 405 for wrong methods', async () => {
    expect((await h.control('/nope')).status).toBe(404);
    expect((await h.control('/reset')).status).toBe(405);
  });
});

describe('seed', () => {
  it('is deterministic and covers every state, both failure states and the 14-day boundary', () => {
    const now = Date.now();
    const a = seed({ seed: 7, now });
    const b = seed({ seed: 7, now });
    expect(a.requests.map((r) => r.id)).toEqual(b.requests.map((r) => r.id));
    const count = (s: string): number => a.requests.filter((r) => r.state === s).length;
    expect(count('deliveryFailed')).toBe(150);
    expect(count('partiallyDelivered')).toBe(60);
    for (const s of ['delivered', 'pendingApproval', 'denied', 'canceled', 'delivering', 'scheduled']) {
      expect(count(s)).toBeGreaterThan(0);
    }
    const failed = a.requests.filter((r) => r.state === 'deliveryFailed' || r.state === 'partiallyDelivered');
    const age = (r: AssignmentRequest): number => now - Date.parse(r.completedDateTime as string);
    expect(failed.some((r) => age(r) < 14 * 86_400_000)).toBe(true);
    expect(failed.some((r) => age(r) > 14 * 86_400_000)).toBe(true);
    expect(failed.every((r) => r.reprocessOutcome === 'delivered' || r.reprocessOutcome === 'failed')).toBe(
      true,
    );
    expect(failed.some((r) => r.reprocessOutcome === 'failed')).toBe(true);
    expect(new Set(a.requests.map((r) => r.accessPackage?.catalog?.id)).size).toBe(5);
    expect(new Set(a.requests.map((r) => r.requestor?.id)).size).toBeGreaterThan(40);
    expect(a.requests.some((r) => r.requestType === 'onBehalfAdd')).toBe(true);
    expect(a.events.some((e) => e.activityDisplayName === 'Failed access package assignment request')).toBe(
      true,
    );
  });

  it('writes codes in most failed statuses and sentences in some; a share of 0 leaves only codes and changes nothing else', () => {
    const now = Date.now();
    const isFailed = (r: AssignmentRequest) =>
      r.state === 'deliveryFailed' || r.state === 'partiallyDelivered';
    const mixed = seed({ seed: 7, now }).requests.filter(isFailed);
    const codes = mixed.filter((r) => r.status === 'DeliveryFailed' || r.status === 'PartiallyDelivered');
    expect(codes.length / mixed.length).toBeGreaterThan(0.55);
    expect(codes.length / mixed.length).toBeLessThan(0.85);
    const sentences = mixed.filter((r) => !codes.includes(r));
    expect(sentences.some((r) => r.status?.includes('SharePoint Online'))).toBe(true);
    expect(sentences.some((r) => r.status?.includes('unexpected error'))).toBe(true);

    const onlyCodes = seed({ seed: 7, now, detailedStatusShare: 0 }).requests;
    expect(onlyCodes.filter(isFailed).map((r) => r.status)).toEqual(
      mixed.map((r) => (r.state === 'deliveryFailed' ? 'DeliveryFailed' : 'PartiallyDelivered')),
    );
    // The same tenant otherwise: ids, packages and callouts stay put.
    expect(onlyCodes.filter(isFailed).map((r) => [r.id, r.accessPackage?.id])).toEqual(
      mixed.map((r) => [r.id, r.accessPackage?.id]),
    );
  });

  it('refuses a detailedStatusShare outside 0 to 1', async () => {
    expect((await h.control('/seed', 'POST', { detailedStatusShare: 2 })).status).toBe(400);
    expect((await h.control('/seed', 'POST', { detailedStatusShare: 'all' })).status).toBe(400);
  });

  it('makes 10,000 failed requests in under a second', () => {
    const started = performance.now();
    const { requests } = seed({ failed: 10_000, seed: 3 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(
      requests.filter((r) => r.state === 'deliveryFailed' || r.state === 'partiallyDelivered'),
    ).toHaveLength(10_000);
  });

  it('serves 10,000 failed requests through Graph, page by page', async () => {
    const summary = await h.controlJson<{ requests: number; failed: number }>('/seed', 'POST', {
      failed: 10_000,
    });
    expect(summary.failed).toBe(10_000);
    await h.controlJson('/settings', 'PATCH', { pageSize: 999 });
    const df = await listAll(h, `${V1}${filterQuery("state eq 'deliveryFailed'", '&$select=id')}`);
    const pd = await listAll(h, `${V1}${filterQuery("state eq 'partiallyDelivered'", '&$select=id')}`);
    expect(df.items.length + pd.items.length).toBe(10_000);
    expect(df.pages).toBe(Math.ceil(df.items.length / 999));
  });

  it('adds custom rows and keeps missing fields missing', async () => {
    const hostile = '<img src=x onerror=alert(1)> "Robert\'); DROP TABLE--" \u202e';
    const { added } = await h.controlJson<{ added: string[] }>('/seed', 'POST', {
      failed: 0,
      total: 0,
      requests: [
        {
          id: 'AAAAAAAA-0000-4000-8000-000000000001',
          state: 'deliveryFailed',
          requestor: { id: 'r1', displayName: hostile },
        },
        { state: 'someFutureState' },
        {},
      ],
    });
    expect(added).toHaveLength(3);
    expect(added[0]).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    const res = await h.graph(`${V1}?$expand=requestor`);
    const page = (await res.json()) as GraphList;
    expect(page.value).toHaveLength(3);
    const first = page.value.find((v) => v.id === added[0]) as Record<string, unknown>;
    expect(first.requestor).toEqual({ id: 'r1', displayName: hostile });
    expect(first).not.toHaveProperty('requestType');
    expect(first).not.toHaveProperty('completedDateTime');
    expect(page.value.find((v) => v.state === 'someFutureState')).toBeDefined();
    const empty = page.value.find((v) => v.id === added[2]) as Record<string, unknown>;
    expect(empty).toEqual({ id: added[2], requestor: null });
  });

  it('validates its input', async () => {
    expect((await h.control('/seed', 'POST', { failed: -1 })).status).toBe(400);
    expect((await h.control('/seed', 'POST', { requests: [42] })).status).toBe(400);
    expect((await h.control('/settings', 'PATCH', { deliveryOutcome: 'maybe' })).status).toBe(400);
    expect((await h.control('/settings', 'PATCH', { pageSize: 0 })).status).toBe(400);
  });
});

describe('faults', () => {
  it('throttles once with 429, Retry-After and the Graph body, then succeeds', async () => {
    await h.controlJson('/faults', 'POST', {
      path: 'assignmentRequests$',
      method: 'GET',
      kind: 'status',
      status: 429,
      retryAfter: 2.128,
      count: 1,
    });
    const first = await h.graph(V1, {
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-00000000000a' },
    });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2.128');
    const body = (await first.json()) as GraphErrorBody & { error: { innerError: Record<string, string> } };
    expect(body.error.code).toBe('TooManyRequests');
    expect(body.error.innerError).toMatchObject({
      code: '429',
      status: '429',
      'client-request-id': 'c0ffee00-0000-4000-8000-00000000000a',
    });
    expect((await h.graph(V1)).status).toBe(200);
  });

  it('answers 503 with a Graph error body', async () => {
    await h.controlJson('/faults', 'POST', { path: '^/v1\\.0/', kind: 'status', status: 503 });
    const res = await h.graph(V1);
    expect(res.status).toBe(503);
    expect(((await res.json()) as GraphErrorBody).error.code).toBe('ServiceUnavailable');
  });

  it('drops the connection and logs status 0', async () => {
    await h.controlJson('/faults', 'POST', { path: 'assignmentRequests', kind: 'drop', count: 1 });
    await expect(h.graph(V1)).rejects.toThrow();
    expect((await h.graph(V1)).status).toBe(200);
    const { value } = await h.controlJson<{ value: LogEntry[] }>('/log');
    expect(value.map((e) => e.status)).toEqual([0, 200]);
  });

  it('adds latency and respects method, share and count', async () => {
    await h.controlJson('/faults', 'POST', { path: 'assignmentRequests', kind: 'latency', latencyMs: 150 });
    await h.controlJson('/faults', 'POST', {
      path: 'assignmentRequests',
      method: 'POST',
      kind: 'status',
      status: 500,
    });
    await h.controlJson('/faults', 'POST', {
      path: 'assignmentRequests',
      kind: 'status',
      status: 500,
      share: 0,
    });
    const started = Date.now();
    expect((await h.graph(V1)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await h.control('/faults', 'DELETE');
    expect((await h.controlJson<{ value: unknown[] }>('/faults')).value).toEqual([]);
  });

  it('refuses a bad fault', async () => {
    expect((await h.control('/faults', 'POST', { path: '(', kind: 'drop' })).status).toBe(400);
    expect((await h.control('/faults', 'POST', { path: '.', kind: 'status' })).status).toBe(400);
    expect((await h.control('/faults', 'POST', { path: '.', kind: 'explode' })).status).toBe(400);
  });
});

describe('request log', () => {
  it('records Graph calls with ids, query and user, but not preflights', async () => {
    await fetch(`${h.emulator().graphOrigin}${V1}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET' },
    });
    const res = await h.graph(`${V1}${filterQuery("state eq 'deliveryFailed'")}`, {
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-0000000000bb' },
    });
    await h.graph(V1, { token: null });
    const { value } = await h.controlJson<{ value: LogEntry[] }>('/log');
    expect(value).toHaveLength(2);
    expect(value[0]).toMatchObject({
      seq: 1,
      method: 'GET',
      path: V1,
      query: "$filter=state eq 'deliveryFailed'",
      status: 200,
      clientRequestId: 'c0ffee00-0000-4000-8000-0000000000bb',
      requestId: res.headers.get('request-id'),
      upn: 'avery.howard@contoso.example',
    });
    expect(value[1]).toMatchObject({ seq: 2, status: 401, clientRequestId: null, upn: null });
    await h.control('/log', 'DELETE');
    expect((await h.controlJson<{ value: unknown[] }>('/log')).value).toEqual([]);
  });
});
