import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../graph/graph-client';
import { fakeFetch, jsonResponse, networkError, type RecordedCall } from '../../../graph/fake-fetch';
import type { AssignmentRequest } from '../model';
import {
  runBulkReprocess,
  type BulkItemEvent,
  type BulkProgress,
  type BulkReprocessOptions,
} from './bulk-reprocess';

const BASE = 'https://graph.example.test';
const SCOPES = [`${BASE}/EntitlementManagement.ReadWrite.All`];

interface WireStep {
  id: string;
  method: string;
  url: string;
}

type StepAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

function request(id: string): AssignmentRequest {
  return { id, state: 'deliveryFailed', stateRaw: 'deliveryFailed', raw: {} };
}

function requests(n: number): AssignmentRequest[] {
  return Array.from({ length: n }, (_, i) => request(`req-${i + 1}`));
}

function stepsOf(call: RecordedCall): WireStep[] {
  return (JSON.parse(call.body ?? '{}') as { requests: WireStep[] }).requests;
}

/** The request id in a reprocess step URL. */
function idOf(step: WireStep): string {
  return /\/([^/]+)\/reprocess$/.exec(step.url)?.[1] ?? '';
}

function graphError(status: number, code: string, headers: Record<string, string> = {}): StepAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: { error: { code, message: code, innerError: { 'request-id': `rid-${code}` } } },
  };
}

/**
 * A Graph that answers each batch call by asking `answer` about each step; `gate` can hold a
 * call's answer back until the test releases it.
 */
function fakeGraph(
  answer: (requestId: string, attempt: number) => StepAnswer = () => ({ status: 202 }),
  apiVersion: 'v1.0' | 'beta' = 'v1.0',
) {
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const gates: (() => void)[] = [];
  let holding = false;
  const fake = fakeFetch([], async (call) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (holding) await new Promise<void>((resolve) => gates.push(resolve));
    inFlight -= 1;
    const responses = stepsOf(call).map((step) => {
      const id = idOf(step);
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      return { id: step.id, headers: {}, ...answer(id, n) };
    });
    return jsonResponse(200, { responses }, { 'request-id': 'batch-rid' });
  });
  let n = 0;
  const client = createGraphClient({
    baseUrl: BASE,
    apiVersion,
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
    random: () => 0,
    newId: () => `crid-${++n}`,
  });
  return {
    client,
    calls: fake.calls,
    maxInFlight: () => maxInFlight,
    hold: () => {
      holding = true;
    },
    /** Lets every held call answer. */
    release: () => {
      holding = false;
      gates.splice(0).forEach((g) => g());
    },
    held: () => gates.length,
  };
}

function options(
  graph: ReturnType<typeof fakeGraph>,
  reqs: readonly AssignmentRequest[],
  extra: Partial<BulkReprocessOptions> = {},
): BulkReprocessOptions {
  return {
    client: graph.client,
    requests: reqs,
    scopes: SCOPES,
    batch: { sleep: () => Promise.resolve(), random: () => 0 },
    ...extra,
  };
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('runBulkReprocess', () => {
  it('sends ceil(n/20) batch calls when nothing is throttled, each step a well-formed reprocess', async () => {
    const graph = fakeGraph();
    const results = await runBulkReprocess(options(graph, requests(45)));
    expect(graph.calls).toHaveLength(3);
    expect(graph.calls.map((c) => stepsOf(c).length).sort((a, b) => a - b)).toEqual([5, 20, 20]);
    const step = stepsOf(graph.calls[0] as RecordedCall)[0];
    expect(step).toMatchObject({
      method: 'POST',
      url: expect.stringMatching(
        /^\/identityGovernance\/entitlementManagement\/assignmentRequests\/req-\d+\/reprocess$/,
      ) as unknown,
      headers: { 'Content-Type': 'application/json' },
      body: {},
    });
    expect(results).toHaveLength(45);
    expect(results.every((r) => r.outcome.kind === 'accepted' && r.status === 202 && r.attempts === 1)).toBe(
      true,
    );
    expect(results.map((r) => r.request.id)).toEqual(requests(45).map((r) => r.id));
  });

  it('uses the beta path in beta', async () => {
    const graph = fakeGraph(undefined, 'beta');
    await runBulkReprocess(options(graph, requests(1)));
    expect(graph.calls[0]?.url).toBe(`${BASE}/beta/$batch`);
    expect(stepsOf(graph.calls[0] as RecordedCall)[0]?.url).toBe(
      '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests/req-1/reprocess',
    );
  });

  it('keeps at most `concurrency` batch calls in flight', async () => {
    const graph = fakeGraph();
    graph.hold();
    const run = runBulkReprocess(options(graph, requests(200), { concurrency: 4 }));
    await settle();
    expect(graph.held()).toBe(4);
    // Release one round at a time: never more than four out at once.
    while (graph.held() > 0) {
      graph.release();
      graph.hold();
      await settle();
    }
    graph.release();
    const results = await run;
    expect(graph.calls).toHaveLength(10);
    expect(graph.maxInFlight()).toBe(4);
    expect(results.every((r) => r.outcome.kind === 'accepted')).toBe(true);
  });

  it('on cancel sends nothing more; batches already sent finish and the rest end as not sent', async () => {
    const graph = fakeGraph();
    graph.hold();
    const controller = new AbortController();
    const events: [string, BulkItemEvent['phase']][] = [];
    const progress: BulkProgress[] = [];
    const run = runBulkReprocess(
      options(graph, requests(100), {
        concurrency: 2,
        signal: controller.signal,
        onItem: (item, e) => events.push([item.id, e.phase]),
        onProgress: (p) => progress.push(p),
      }),
    );
    await settle();
    expect(graph.held()).toBe(2);
    controller.abort();
    // The unsent ones are reported at once, before the batches in flight answer.
    expect(events.filter(([, phase]) => phase === 'done')).toHaveLength(60);
    graph.release();
    const results = await run;

    expect(graph.calls).toHaveLength(2);
    const sentIds = new Set(graph.calls.flatMap((c) => stepsOf(c).map(idOf)));
    expect(sentIds.size).toBe(40);
    for (const r of results) {
      if (sentIds.has(r.request.id)) {
        expect(r.outcome.kind).toBe('accepted');
      } else {
        expect(r).toMatchObject({ status: 0, attempts: 0, outcome: { kind: 'cancelled' } });
      }
    }
    expect(progress.at(-1)).toEqual({ sent: 40, answered: 40, total: 100 });
  });

  it('awaits beforeSend before each batch call, with the requests it carries', async () => {
    const graph = fakeGraph();
    const written: string[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = runBulkReprocess(
      options(graph, requests(25), {
        concurrency: 1,
        beforeSend: async (items) => {
          written.push(items.map((i) => i.id));
          await gate;
        },
      }),
    );
    await settle();
    expect(written).toEqual([requests(20).map((r) => r.id)]);
    expect(graph.calls).toHaveLength(0);
    release();
    await run;
    expect(written).toHaveLength(2);
    expect(written[1]).toEqual(['req-21', 'req-22', 'req-23', 'req-24', 'req-25']);
    expect(graph.calls).toHaveLength(2);
  });

  it('does not send a batch whose write-ahead failed', async () => {
    const graph = fakeGraph();
    const results = await runBulkReprocess(
      options(graph, requests(3), { beforeSend: () => Promise.reject(new Error('disk full')) }),
    );
    expect(graph.calls).toHaveLength(0);
    for (const r of results) {
      expect(r.outcome.kind).toBe('failed');
      expect(r.outcome.kind === 'failed' && String(r.outcome.error)).toContain('disk full');
    }
  });

  it('maps each step answer to its outcome: 202, 400, 404, 429 then 202, persistent 503', async () => {
    const graph = fakeGraph((id, attempt) => {
      switch (id) {
        case 'ok':
          return { status: 202 };
        case 'old':
          return graphError(400, 'ReprocessWindowExpired');
        case 'gone':
          return graphError(404, 'ResourceNotFound');
        case 'throttled':
          return attempt === 1 ? graphError(429, 'TooManyRequests', { 'Retry-After': '1' }) : { status: 202 };
        case 'denied':
          return graphError(403, 'Authorization_RequestDenied');
        default:
          return graphError(503, 'ServiceUnavailable');
      }
    });
    const sleeps: number[] = [];
    const results = await runBulkReprocess(
      options(graph, ['ok', 'old', 'gone', 'throttled', 'denied', 'down'].map(request), {
        batch: {
          random: () => 0,
          sleep: (ms) => {
            sleeps.push(ms);
            return Promise.resolve();
          },
        },
      }),
    );
    const byId = Object.fromEntries(results.map((r) => [r.request.id, r]));
    expect(byId.ok).toMatchObject({ status: 202, attempts: 1, outcome: { kind: 'accepted', status: 202 } });
    expect(byId.old).toMatchObject({
      status: 400,
      errorCode: 'ReprocessWindowExpired',
      outcome: { kind: 'refused' },
    });
    expect(byId.gone).toMatchObject({
      status: 404,
      errorCode: 'ResourceNotFound',
      outcome: { kind: 'gone' },
    });
    expect(byId.throttled).toMatchObject({ status: 202, attempts: 2, outcome: { kind: 'accepted' } });
    expect(byId.denied).toMatchObject({ status: 403, outcome: { kind: 'denied' } });
    expect(byId.down).toMatchObject({
      status: 503,
      attempts: 4,
      outcome: { kind: 'unavailable', status: 503 },
    });
    expect(byId.old?.graphRequestId).toBe('rid-ReprocessWindowExpired');
    expect(byId.ok?.graphRequestId).toBe('batch-rid');
    expect(byId.ok?.clientRequestId).toBe('crid-1');
    expect(sleeps).toContain(1000);
  });

  it('marks the requests of a batch call that got no answer as network: outcome unknown', async () => {
    const fake = fakeFetch([networkError()]);
    const client = createGraphClient({
      baseUrl: BASE,
      apiVersion: 'v1.0',
      getAccessToken: () => Promise.resolve('token'),
      fetch: fake.fetch,
      sleep: () => Promise.resolve(),
    });
    const results = await runBulkReprocess({ client, requests: requests(2), scopes: SCOPES });
    expect(fake.calls).toHaveLength(1);
    expect(results.map((r) => r.outcome.kind)).toEqual(['network', 'network']);
    expect(results[0]?.clientRequestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('reports sending then done for each request, and progress up to the total', async () => {
    const graph = fakeGraph();
    const events: [string, string][] = [];
    const progress: BulkProgress[] = [];
    await runBulkReprocess(
      options(graph, requests(2), {
        onItem: (item, e) => events.push([item.id, e.phase]),
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(events).toEqual([
      ['req-1', 'sending'],
      ['req-2', 'sending'],
      ['req-1', 'done'],
      ['req-2', 'done'],
    ]);
    expect(progress[0]).toEqual({ sent: 0, answered: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ sent: 2, answered: 2, total: 2 });
  });

  it('sends a request listed twice once, and never sends an id that is not a path segment', async () => {
    const graph = fakeGraph();
    const results = await runBulkReprocess(options(graph, [request('a'), request('a'), request('..')]));
    expect(graph.calls.flatMap((c) => stepsOf(c).map(idOf))).toEqual(['a']);
    expect(results.map((r) => [r.request.id, r.outcome.kind])).toEqual([
      ['a', 'accepted'],
      ['..', 'failed'],
    ]);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const graph = fakeGraph();
    const controller = new AbortController();
    controller.abort();
    const results = await runBulkReprocess(options(graph, requests(3), { signal: controller.signal }));
    expect(graph.calls).toHaveLength(0);
    expect(results.every((r) => r.outcome.kind === 'cancelled')).toBe(true);
  });
});
