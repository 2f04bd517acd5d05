import { describe, expect, it, vi } from 'vitest';
import { createGraphClient, encodeQuery, type AttemptInfo, type GraphClientOptions } from './graph-client';
import {
  emptyResponse,
  fakeFetch,
  graphErrorResponse,
  jsonResponse,
  networkError,
  textResponse,
  abortError,
  type FakeStep,
} from './fake-fetch';
import { isGraphError, type GraphError } from './graph-error';

const BASE = 'https://graph.example.test';
const SCOPES = ['https://graph.example.test/EntitlementManagement.Read.All'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Harness {
  client: ReturnType<typeof createGraphClient>;
  calls: ReturnType<typeof fakeFetch>['calls'];
  sleeps: number[];
  attempts: AttemptInfo[];
  getAccessToken: ReturnType<typeof vi.fn<(scopes: readonly string[]) => Promise<string>>>;
}

function harness(steps: FakeStep[], options: Partial<GraphClientOptions> = {}, fallback?: FakeStep): Harness {
  const fake = fakeFetch(steps, fallback);
  const sleeps: number[] = [];
  const attempts: AttemptInfo[] = [];
  let tokenNo = 0;
  const getAccessToken = vi.fn((_scopes: readonly string[]) => Promise.resolve(`token-${++tokenNo}`));
  const client = createGraphClient({
    baseUrl: BASE,
    apiVersion: 'v1.0',
    getAccessToken,
    fetch: fake.fetch,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    onAttempt: (info) => attempts.push(info),
    ...options,
  });
  return { client, calls: fake.calls, sleeps, attempts, getAccessToken };
}

async function rejection(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (e) {
    if (isGraphError(e)) return e;
    throw new Error(`expected a GraphError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a rejection');
}

function firstCall(h: Harness) {
  const call = h.calls[0];
  if (!call) throw new Error('no fetch call was made');
  return call;
}

describe('request: URL and headers', () => {
  it('joins base URL, version and path and sends the auth, accept and client-request-id headers', async () => {
    const h = harness([jsonResponse(200, { id: 'x' })], { newId: () => 'crid-1' });
    const res = await h.client.request<{ id: string }>({ method: 'GET', path: '/me', scopes: SCOPES });

    expect(res).toEqual({ status: 200, data: { id: 'x' }, clientRequestId: 'crid-1', attempts: 1 });
    const call = firstCall(h);
    expect(call.url).toBe(`${BASE}/v1.0/me`);
    expect(call.method).toBe('GET');
    expect(call.headers.get('Authorization')).toBe('Bearer token-1');
    expect(call.headers.get('Accept')).toBe('application/json');
    expect(call.headers.get('client-request-id')).toBe('crid-1');
    expect(call.headers.has('Content-Type')).toBe(false);
    expect(call.body).toBeUndefined();
    expect(h.getAccessToken).toHaveBeenCalledWith(SCOPES);
  });

  it('uses the beta version and tolerates a trailing slash on the base URL', async () => {
    const h = harness([jsonResponse(200, {})], { baseUrl: `${BASE}/`, apiVersion: 'beta' });
    await h.client.request({ method: 'GET', path: 'identityGovernance', scopes: SCOPES });
    expect(firstCall(h).url).toBe(`${BASE}/beta/identityGovernance`);
    expect(h.client.apiVersion).toBe('beta');
  });

  it('encodes query values (spaces, quotes, & and +) and keeps $ readable', async () => {
    const h = harness([jsonResponse(200, {})]);
    await h.client.request({
      method: 'GET',
      path: '/identityGovernance/entitlementManagement/assignmentRequests',
      query: {
        $filter: "state eq 'deliveryFailed' and x eq 'a&b+c=d#e'",
        $expand: 'accessPackage($expand=catalog)',
      },
      scopes: SCOPES,
    });
    const url = new URL(firstCall(h).url);
    expect(url.searchParams.get('$filter')).toBe("state eq 'deliveryFailed' and x eq 'a&b+c=d#e'");
    expect(url.searchParams.get('$expand')).toBe('accessPackage($expand=catalog)');
    expect(firstCall(h).url).toContain(
      "?$filter=state%20eq%20'deliveryFailed'%20and%20x%20eq%20'a%26b%2Bc%3Dd%23e'",
    );
    expect(firstCall(h).url).toContain('&$expand=accessPackage($expand%3Dcatalog)');
  });

  it('sends a JSON body with Content-Type only when there is one', async () => {
    const h = harness([emptyResponse(204)]);
    await h.client.request({ method: 'PATCH', path: '/x', body: { a: 1, b: 'é' }, scopes: SCOPES });
    const call = firstCall(h);
    expect(call.method).toBe('PATCH');
    expect(call.headers.get('Content-Type')).toBe('application/json');
    expect(call.body).toBe('{"a":1,"b":"é"}');
  });

  it('passes caller headers but never ConsistencyLevel, and never lets them replace the auth header', async () => {
    const h = harness([jsonResponse(200, {})]);
    await h.client.request({
      method: 'GET',
      path: '/x',
      scopes: SCOPES,
      headers: {
        Prefer: 'include-unknown-enum-members',
        consistencylevel: 'eventual',
        Authorization: 'Bearer evil',
      },
    });
    const call = firstCall(h);
    expect(call.headers.get('Prefer')).toBe('include-unknown-enum-members');
    expect(call.headers.has('ConsistencyLevel')).toBe(false);
    expect(call.headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('gives every logical call a fresh UUID client-request-id by default', async () => {
    const h = harness([jsonResponse(200, {}), jsonResponse(200, {})], { newId: undefined });
    const a = await h.client.request({ method: 'GET', path: '/a', scopes: SCOPES });
    const b = await h.client.request({ method: 'GET', path: '/b', scopes: SCOPES });
    expect(a.clientRequestId).toMatch(UUID);
    expect(b.clientRequestId).toMatch(UUID);
    expect(a.clientRequestId).not.toBe(b.clientRequestId);
    expect(h.calls.map((c) => c.headers.get('client-request-id'))).toEqual([
      a.clientRequestId,
      b.clientRequestId,
    ]);
  });

  it('reports the request-id header of a success', async () => {
    const h = harness([jsonResponse(200, {}, { 'request-id': 'rid-ok' })]);
    const res = await h.client.request({ method: 'GET', path: '/x', scopes: SCOPES });
    expect(res.requestId).toBe('rid-ok');
  });
});

describe('request: absolute URLs', () => {
  it('accepts an absolute URL on the Graph origin and does not rewrite it', async () => {
    const link = `${BASE}/v1.0/identityGovernance/x?$skiptoken=abc%3D%3D`;
    const h = harness([jsonResponse(200, {})]);
    await h.client.request({ method: 'GET', path: link, scopes: SCOPES });
    expect(firstCall(h).url).toBe(link);
  });

  it.each([
    ['another host', 'https://evil.example/v1.0/identityGovernance/x'],
    ['a look-alike host', 'https://graph.example.test.evil.example/v1.0/x'],
    ['another port', 'https://graph.example.test:8443/v1.0/x'],
    ['http on the same host', 'http://graph.example.test/v1.0/x'],
    ['another scheme', 'javascript:alert(1)'],
  ])('refuses %s without calling fetch or asking for a token', async (_name, path) => {
    const h = harness([]);
    const e = await rejection(h.client.request({ method: 'GET', path, scopes: SCOPES }));
    expect(e.kind).toBe('malformed');
    expect(e.status).toBe(0);
    expect(e.attempts).toBe(0);
    expect(h.calls).toHaveLength(0);
    expect(h.getAccessToken).not.toHaveBeenCalled();
  });
});

describe('request: answers', () => {
  it('gives undefined data for a 202 with an empty body', async () => {
    const h = harness([emptyResponse(202, { 'request-id': 'rid-202' })]);
    const res = await h.client.request({ method: 'POST', path: '/x/reprocess', scopes: SCOPES });
    expect(res).toMatchObject({ status: 202, data: undefined, requestId: 'rid-202', attempts: 1 });
  });

  it('gives undefined data for a 204', async () => {
    const h = harness([emptyResponse(204)]);
    const res = await h.client.request({ method: 'DELETE', path: '/x', scopes: SCOPES });
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
  });

  it('turns a 2xx with broken JSON into a malformed GraphError, not retried', async () => {
    const h = harness([textResponse(200, '<html>proxy login</html>', { 'request-id': 'rid-m' })], {
      newId: () => 'crid-m',
    });
    const e = await rejection(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    expect(e.kind).toBe('malformed');
    expect(e.status).toBe(200);
    expect(e.requestId).toBe('rid-m');
    expect(e.clientRequestId).toBe('crid-m');
    expect(h.calls).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409])('turns %i into an http GraphError without retrying', async (status) => {
    const h = harness([graphErrorResponse(status, 'SomeCode')], { newId: () => 'crid-e' });
    const e = await rejection(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    expect(e.kind).toBe('http');
    expect(e.status).toBe(status);
    expect(e.code).toBe('SomeCode');
    expect(e.requestId).toBe(`rid-${status}`);
    expect(e.clientRequestId).toBe('crid-e');
    expect(e.attempts).toBe(1);
    expect(h.calls).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('lets a token failure through untouched: the auth layer must see it', async () => {
    class InteractionRequired extends Error {}
    const failure = new InteractionRequired('interaction_required');
    const h = harness([], { getAccessToken: () => Promise.reject(failure) });
    await expect(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES })).rejects.toBe(failure);
    expect(h.calls).toHaveLength(0);
  });

  it('reports every attempt to onAttempt', async () => {
    const h = harness([graphErrorResponse(503, 'x'), networkError(), jsonResponse(200, {})], {
      newId: () => 'crid-a',
    });
    await h.client.request({ method: 'GET', path: '/x', scopes: SCOPES });
    expect(h.attempts).toEqual([
      { method: 'GET', url: `${BASE}/v1.0/x`, attempt: 1, status: 503, clientRequestId: 'crid-a' },
      { method: 'GET', url: `${BASE}/v1.0/x`, attempt: 2, status: 0, clientRequestId: 'crid-a' },
      { method: 'GET', url: `${BASE}/v1.0/x`, attempt: 3, status: 200, clientRequestId: 'crid-a' },
    ]);
  });
});

describe('request: retry and backoff', () => {
  it('recovers from a 429 with one jittered wait, a new token and the same client-request-id', async () => {
    const h = harness([graphErrorResponse(429, 'TooManyRequests'), jsonResponse(200, { ok: true })]);
    const res = await h.client.request<{ ok: boolean }>({ method: 'GET', path: '/x', scopes: SCOPES });

    expect(res.data).toEqual({ ok: true });
    expect(res.attempts).toBe(2);
    // full jitter: random (0.5) * min(maxDelay, base * 2^0)
    expect(h.sleeps).toEqual([250]);
    const ids = h.calls.map((c) => c.headers.get('client-request-id'));
    expect(ids[0]).toBe(ids[1]);
    expect(res.clientRequestId).toBe(ids[0]);
    expect(h.calls.map((c) => c.headers.get('Authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it.each([500, 502, 503, 504])('retries a GET answered %i', async (status) => {
    const h = harness([graphErrorResponse(status, 'x'), jsonResponse(200, {})]);
    const res = await h.client.request({ method: 'GET', path: '/x', scopes: SCOPES });
    expect(res.attempts).toBe(2);
  });

  it('stops a persistent 503 at maxAttempts, with exponentially growing jittered waits', async () => {
    const h = harness([], {}, graphErrorResponse(503, 'ServiceUnavailable'));
    const e = await rejection(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    expect(e.kind).toBe('http');
    expect(e.status).toBe(503);
    expect(e.code).toBe('ServiceUnavailable');
    expect(e.attempts).toBe(5);
    expect(h.calls).toHaveLength(5);
    expect(h.sleeps).toEqual([250, 500, 1000, 2000]);
    expect(new Set(h.calls.map((c) => c.headers.get('client-request-id'))).size).toBe(1);
  });

  it('caps each wait at maxDelayMs', async () => {
    const h = harness(
      [],
      { random: () => 0.999, retry: { maxAttempts: 8, budgetMs: 1e9 } },
      graphErrorResponse(503, 'x'),
    );
    const e = await rejection(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    expect(e.attempts).toBe(8);
    expect(h.sleeps).toEqual([499, 999, 1998, 3996, 7992, 7992, 7992]);
  });

  it('stops when the waiting budget is spent and reports the attempts made', async () => {
    const h = harness([], { random: () => 1, retry: { budgetMs: 1200 } }, graphErrorResponse(503, 'x'));
    const e = await rejection(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    // waits 500, then 700 (1000 capped to what is left), then nothing is left
    expect(h.sleeps).toEqual([500, 700]);
    expect(e.attempts).toBe(3);
    expect(h.calls).toHaveLength(3);
  });

  it('honours a readable Retry-After as a floor', async () => {
    const h = harness([graphErrorResponse(429, 'x', { 'Retry-After': '2.128' }), jsonResponse(200, {})]);
    await h.client.request({ method: 'GET', path: '/x', scopes: SCOPES });
    expect(h.sleeps).toEqual([2128]);
  });

  it('keeps the jitter when it is longer than Retry-After', async () => {
    const h = harness([graphErrorResponse(503, 'x', { 'Retry-After': '0' }), jsonResponse(200, {})]);
    await h.client.request({ method: 'GET', path: '/x', scopes: SCOPES });
    expect(h.sleeps).toEqual([250]);
  });

  it('gives up at once when Retry-After is beyond the budget, and says how long to wait', async () => {
    const h = harness([graphErrorResponse(429, 'TooManyRequests', { 'Retry-After': '120' })]);
    const e = await rejection(h.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    expect(e.status).toBe(429);
    expect(e.retryAfterSeconds).toBe(120);
    expect(e.attempts).toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  it('retries a GET after a network failure, and then reports it as network with status 0', async () => {
    const ok = harness([networkError(), jsonResponse(200, { v: 1 })]);
    expect((await ok.client.request({ method: 'GET', path: '/x', scopes: SCOPES })).attempts).toBe(2);

    const down = harness([], { retry: { maxAttempts: 3 } }, networkError());
    const e = await rejection(down.client.request({ method: 'GET', path: '/x', scopes: SCOPES }));
    expect(e.kind).toBe('network');
    expect(e.status).toBe(0);
    expect(e.attempts).toBe(3);
    expect(e.message).toMatch(/Could not reach Microsoft Graph/);
    expect(e.cause).toBeInstanceOf(TypeError);
  });

  it('does not retry a POST after a network failure: it may have landed', async () => {
    const h = harness([networkError(), emptyResponse(202)]);
    const e = await rejection(h.client.request({ method: 'POST', path: '/x/reprocess', scopes: SCOPES }));
    expect(e.kind).toBe('network');
    expect(e.attempts).toBe(1);
    expect(h.calls).toHaveLength(1);
  });

  it.each([429, 503])('retries a POST refused with %i (not applied)', async (status) => {
    const h = harness([graphErrorResponse(status, 'x'), emptyResponse(202)]);
    const res = await h.client.request({ method: 'POST', path: '/x/reprocess', scopes: SCOPES });
    expect(res.status).toBe(202);
    expect(res.attempts).toBe(2);
  });

  it.each([500, 502, 504])('does not retry a POST answered %i: it may have been applied', async (status) => {
    const h = harness([graphErrorResponse(status, 'x'), emptyResponse(202)]);
    const e = await rejection(h.client.request({ method: 'POST', path: '/x/reprocess', scopes: SCOPES }));
    expect(e.status).toBe(status);
    expect(h.calls).toHaveLength(1);
  });
});

describe('request: abort', () => {
  it('rejects with kind aborted and makes no call when the signal has already fired', async () => {
    const h = harness([jsonResponse(200, {})]);
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(
      h.client.request({ method: 'GET', path: '/x', scopes: SCOPES, signal: controller.signal }),
    );
    expect(e.kind).toBe('aborted');
    expect(e.status).toBe(0);
    expect(e.attempts).toBe(0);
    expect(h.calls).toHaveLength(0);
  });

  it('rejects with kind aborted when fetch is aborted, without retrying', async () => {
    const controller = new AbortController();
    const h = harness([
      (call) =>
        new Promise<Error>((resolve) => {
          call.signal?.addEventListener('abort', () => resolve(abortError()));
          controller.abort();
        }),
    ]);
    const e = await rejection(
      h.client.request({ method: 'GET', path: '/x', scopes: SCOPES, signal: controller.signal }),
    );
    expect(e.kind).toBe('aborted');
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.signal).toBe(controller.signal);
  });

  it('stops waiting when aborted during a backoff (real timer)', async () => {
    const controller = new AbortController();
    const h = harness([graphErrorResponse(503, 'x')], {
      sleep: undefined,
      random: () => 1,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, budgetMs: 600_000 },
    });
    const started = Date.now();
    const pending = rejection(
      h.client.request({ method: 'GET', path: '/x', scopes: SCOPES, signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);
    const e = await pending;
    expect(e.kind).toBe('aborted');
    expect(e.attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(h.calls).toHaveLength(1);
  });

  it('stops waiting when aborted during an injected backoff', async () => {
    const controller = new AbortController();
    const sleep = vi.fn(
      (_ms: number, signal?: AbortSignal) =>
        new Promise<void>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(abortError()));
          controller.abort();
        }),
    );
    const h = harness([graphErrorResponse(429, 'x'), jsonResponse(200, {})], { sleep });
    const e = await rejection(
      h.client.request({ method: 'GET', path: '/x', scopes: SCOPES, signal: controller.signal }),
    );
    expect(e.kind).toBe('aborted');
    expect(sleep).toHaveBeenCalledWith(250, controller.signal);
    expect(h.calls).toHaveLength(1);
  });
});

describe('pages', () => {
  const path = '/identityGovernance/entitlementManagement/assignmentRequests';
  const link = (n: number) => `${BASE}/v1.0${path}?$skiptoken=page${n}`;

  it('follows every nextLink whole, through an empty page, yielding each page as it arrives', async () => {
    const h = harness([
      jsonResponse(200, { value: [{ id: 'a' }, { id: 'b' }], '@odata.nextLink': link(2) }),
      jsonResponse(200, { value: [], '@odata.nextLink': link(3) }),
      jsonResponse(200, { '@odata.context': 'x', value: [{ id: 'c' }] }),
    ]);
    const iterator = h.client.pages<{ id: string }>({
      method: 'GET',
      path,
      query: { $filter: "state eq 'deliveryFailed'" },
      scopes: SCOPES,
    });

    const first = await iterator.next();
    expect(first.value).toEqual({ items: [{ id: 'a' }, { id: 'b' }], pageIndex: 0, nextLink: link(2) });
    // Nothing is fetched ahead of the consumer.
    expect(h.calls).toHaveLength(1);

    const rest = [];
    for await (const page of { [Symbol.asyncIterator]: () => iterator }) rest.push(page);
    expect(rest).toEqual([
      { items: [], pageIndex: 1, nextLink: link(3) },
      { items: [{ id: 'c' }], pageIndex: 2 },
    ]);
    expect(h.calls.map((c) => c.url)).toEqual([
      `${BASE}/v1.0${path}?$filter=state%20eq%20'deliveryFailed'`,
      link(2),
      link(3),
    ]);
    // Each page is its own logical call, with its own id.
    expect(new Set(h.calls.map((c) => c.headers.get('client-request-id'))).size).toBe(3);
  });

  it('with readAhead, requests the next page before handing over the current one', async () => {
    const h = harness([
      jsonResponse(200, { value: [{ id: 'a' }], '@odata.nextLink': link(2) }),
      jsonResponse(200, { value: [{ id: 'b' }], '@odata.nextLink': link(3) }),
      jsonResponse(200, { value: [{ id: 'c' }] }),
    ]);
    const iterator = h.client.pages<{ id: string }>(
      { method: 'GET', path, scopes: SCOPES },
      { readAhead: true },
    );
    const first = await iterator.next();
    expect(first.value).toMatchObject({ items: [{ id: 'a' }], pageIndex: 0 });
    // The second page is already on its way; the third waits for the second's link.
    expect(h.calls.map((c) => c.url)).toEqual([`${BASE}/v1.0${path}`, link(2)]);
    const rest = [];
    for await (const page of { [Symbol.asyncIterator]: () => iterator }) rest.push(page.items);
    expect(rest).toEqual([[{ id: 'b' }], [{ id: 'c' }]]);
    expect(h.calls).toHaveLength(3);
  });

  it('yields a single empty page for an empty collection', async () => {
    const h = harness([jsonResponse(200, { value: [] })]);
    const pages = [];
    for await (const page of h.client.pages({ method: 'GET', path, scopes: SCOPES })) pages.push(page);
    expect(pages).toEqual([{ items: [], pageIndex: 0 }]);
  });

  it('retries a throttled page and carries on', async () => {
    const h = harness([
      jsonResponse(200, { value: [1], '@odata.nextLink': link(2) }),
      graphErrorResponse(429, 'x'),
      jsonResponse(200, { value: [2] }),
    ]);
    const items: number[] = [];
    for await (const page of h.client.pages<number>({ method: 'GET', path, scopes: SCOPES }))
      items.push(...page.items);
    expect(items).toEqual([1, 2]);
    expect(h.calls[1]?.headers.get('client-request-id')).toBe(h.calls[2]?.headers.get('client-request-id'));
  });

  it.each([
    ['value is not an array', { value: { id: 'a' } }],
    ['value is missing', { items: [] }],
    ['the body is null', null],
    ['the body is an array', [1, 2]],
    ['nextLink is not a string', { value: [], '@odata.nextLink': 42 }],
    ['nextLink is empty', { value: [], '@odata.nextLink': '' }],
  ])('throws malformed when %s', async (_name, body) => {
    const h = harness([jsonResponse(200, body, { 'request-id': 'rid-p' })], { newId: () => 'crid-p' });
    const e = await rejection(
      (async () => {
        for await (const _page of h.client.pages({ method: 'GET', path, scopes: SCOPES })) {
          // consume
        }
      })(),
    );
    expect(e.kind).toBe('malformed');
    expect(e.status).toBe(200);
    expect(e.requestId).toBe('rid-p');
    expect(e.clientRequestId).toBe('crid-p');
  });

  it('throws malformed for an empty 2xx page', async () => {
    const h = harness([emptyResponse(204)]);
    const e = await rejection(h.client.pages({ method: 'GET', path, scopes: SCOPES }).next());
    expect(e.kind).toBe('malformed');
  });

  it('yields the good pages before a malformed one', async () => {
    const h = harness([
      jsonResponse(200, { value: [1], '@odata.nextLink': link(2) }),
      jsonResponse(200, { value: 'oops' }),
    ]);
    const seen: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const page of h.client.pages<number>({ method: 'GET', path, scopes: SCOPES }))
          seen.push(...page.items);
      })(),
    );
    expect(seen).toEqual([1]);
    expect(e.kind).toBe('malformed');
  });

  it('refuses a nextLink to another origin without sending the token there', async () => {
    const h = harness([
      jsonResponse(200, { value: [1], '@odata.nextLink': 'https://evil.example/v1.0/steal' }),
    ]);
    const seen: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const page of h.client.pages<number>({ method: 'GET', path, scopes: SCOPES }))
          seen.push(...page.items);
      })(),
    );
    expect(seen).toEqual([1]);
    expect(e.kind).toBe('malformed');
    expect(h.calls.map((c) => c.url)).toEqual([`${BASE}/v1.0${path}`]);
  });

  it('stops a nextLink loop', async () => {
    const h = harness([], {}, jsonResponse(200, { value: [], '@odata.nextLink': link(2) }));
    const e = await rejection(
      (async () => {
        for await (const _page of h.client.pages({ method: 'GET', path, scopes: SCOPES })) {
          // consume
        }
      })(),
    );
    expect(e.kind).toBe('malformed');
    expect(h.calls.length).toBeLessThanOrEqual(3);
  });

  it('passes an error of a later page through as the GraphError it is', async () => {
    const h = harness([
      jsonResponse(200, { value: [1], '@odata.nextLink': link(2) }),
      graphErrorResponse(403, 'Denied'),
    ]);
    const e = await rejection(
      (async () => {
        for await (const _page of h.client.pages({ method: 'GET', path, scopes: SCOPES })) {
          // consume
        }
      })(),
    );
    expect(e.kind).toBe('http');
    expect(e.status).toBe(403);
  });
});

describe('encodeQuery', () => {
  it('encodes as RFC 3986 query components, keeping OData punctuation readable', () => {
    expect(encodeQuery(undefined)).toBe('');
    expect(encodeQuery({})).toBe('');
    expect(encodeQuery({ $top: '5', $select: 'id,state' })).toBe('$top=5&$select=id,state');
    expect(encodeQuery({ $filter: "accessPackage/id eq 'O''Brien'" })).toBe(
      "$filter=accessPackage/id%20eq%20'O''Brien'",
    );
    expect(encodeQuery({ q: 'a+b&c=d#e%f?' })).toBe('q=a%2Bb%26c%3Dd%23e%25f%3F');
    expect(encodeQuery({ q: 'ü 😀' })).toBe('q=%C3%BC%20%F0%9F%98%80');
  });
});
