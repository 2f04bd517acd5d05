import { describe, expect, it } from 'vitest';
import { useEmulator, type GraphErrorBody } from '../control/test-harness.ts';
import type { LogEntry } from '../request-log.ts';
import type { AssignmentRequest } from '../store/model.ts';

const h = useEmulator();
const DAY = 86_400_000;
const REQUESTS = '/identityGovernance/entitlementManagement/assignmentRequests';

interface BatchItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: GraphErrorBody & Record<string, unknown>;
}

const reprocessStep = (id: string, requestId: string): Record<string, unknown> => ({
  id,
  method: 'POST',
  url: `${REQUESTS}/${requestId}/reprocess`,
  headers: { 'Content-Type': 'application/json' },
  body: {},
});

async function batch(requests: unknown, version = 'v1.0'): Promise<Response> {
  return h.graph(`/${version}/$batch`, { method: 'POST', body: { requests } });
}

async function failedInWindow(): Promise<AssignmentRequest[]> {
  return (await h.storeRequests('?state=deliveryFailed')).filter(
    (r) => Date.now() - Date.parse(r.completedDateTime as string) < 13 * DAY,
  );
}

describe('$batch validation (outer 400)', () => {
  it.each([
    [
      'more than 20 steps',
      Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: REQUESTS })),
    ],
    [
      'duplicate ids',
      [
        { id: '1', method: 'GET', url: REQUESTS },
        { id: '1', method: 'GET', url: REQUESTS },
      ],
    ],
    ['a missing url', [{ id: '1', method: 'GET' }]],
    ['a missing id', [{ method: 'GET', url: REQUESTS }]],
    ['a version-prefixed url', [{ id: '1', method: 'GET', url: `/v1.0${REQUESTS}` }]],
    ['an absolute url', [{ id: '1', method: 'GET', url: `https://graph.microsoft.com/v1.0${REQUESTS}` }]],
    ['no array', { id: '1' }],
    ['dependsOn an unknown id', [{ id: '1', method: 'GET', url: REQUESTS, dependsOn: ['9'] }]],
  ])('refuses %s', async (_name, requests) => {
    const res = await batch(requests);
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphErrorBody;
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  });

  it('refuses malformed JSON', async () => {
    const res = await h.graph('/v1.0/$batch', {
      method: 'POST',
      body: '{"requests": [',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('accepts exactly 20 steps', async () => {
    const res = await batch(
      Array.from({ length: 20 }, (_, i) => ({
        id: String(i + 1),
        method: 'GET',
        url: `${REQUESTS}?$select=id`,
      })),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { responses: BatchItem[] };
    expect(body.responses).toHaveLength(20);
    expect(body.responses.every((r) => r.status === 200)).toBe(true);
  });
});

describe('$batch steps', () => {
  it('answers a bodiless or Content-Type-less write step 400, the others normally', async () => {
    const [a, b, c] = await failedInWindow();
    const res = await batch([
      {
        id: 'no-body',
        method: 'POST',
        url: `${REQUESTS}/${a?.id}/reprocess`,
        headers: { 'Content-Type': 'application/json' },
      },
      { id: 'no-type', method: 'POST', url: `${REQUESTS}/${b?.id}/reprocess`, body: {} },
      reprocessStep('ok', c?.id as string),
    ]);
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as { responses: BatchItem[] };
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect(byId.get('no-body')?.status).toBe(400);
    expect(byId.get('no-body')?.body?.error.message).toBe(
      'Write request id : no-body does not contain Content-Type header or body.',
    );
    expect(byId.get('no-type')?.status).toBe(400);
    expect(byId.get('no-type')?.body?.error.message).toBe(
      'Write request id : no-type does not contain Content-Type header or body.',
    );
    expect(byId.get('ok')?.status).toBe(202);
    expect(byId.get('ok')).not.toHaveProperty('body');
    expect((await h.storeRequests(`?id=${a?.id}`))[0]?.state).toBe('deliveryFailed');
  });

  it('mixes outcomes in one 200 and keeps every id', async () => {
    const all = await h.storeRequests();
    const delivered = all.find((r) => r.state === 'delivered') as AssignmentRequest;
    const [ok] = await failedInWindow();
    const res = await batch([
      reprocessStep('1', ok?.id as string),
      reprocessStep('2', delivered.id),
      reprocessStep('3', '6f1d2c3b-0000-4000-8000-000000000000'),
      { id: '4', method: 'GET', url: `${REQUESTS}?$filter=state eq 'deliveryFailed'&$select=id` },
      { id: '5', method: 'GET', url: `${REQUESTS}?$top=1` },
    ]);
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as { responses: BatchItem[] };
    const status = Object.fromEntries(responses.map((r) => [r.id, r.status]));
    expect(status).toEqual({ '1': 202, '2': 400, '3': 404, '4': 200, '5': 400 });
    const notFound = responses.find((r) => r.id === '3');
    expect(notFound?.body?.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers in any order', async () => {
    const steps = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `${REQUESTS}?$select=id`,
    }));
    let reordered = false;
    for (let attempt = 0; attempt < 5 && !reordered; attempt++) {
      const { responses } = (await (await batch(steps)).json()) as { responses: BatchItem[] };
      reordered = responses.map((r) => r.id).join() !== steps.map((s) => s.id).join();
    }
    expect(reordered).toBe(true);
  });

  it('uses the batch version for steps (beta shape under /beta/$batch)', async () => {
    const [row] = await failedInWindow();
    const res = await batch(
      [
        {
          id: '1',
          method: 'GET',
          url: `/identityGovernance/entitlementManagement/accessPackageAssignmentRequests/${row?.id}`,
        },
      ],
      'beta',
    );
    const { responses } = (await res.json()) as { responses: BatchItem[] };
    expect(responses[0]?.status).toBe(200);
    expect(responses[0]?.body).toMatchObject({ id: row?.id, requestState: 'DeliveryFailed' });
  });

  it('authorizes each step with the batch token', async () => {
    const res = await h.graph('/v1.0/$batch', {
      method: 'POST',
      token: null,
      body: { requests: [{ id: '1', method: 'GET', url: REQUESTS }] },
    });
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as { responses: BatchItem[] };
    expect(responses[0]?.status).toBe(401);
    expect(responses[0]?.body?.error.code).toBe('InvalidAuthenticationToken');
  });

  it('applies faults per step: a throttled step carries Retry-After in its headers', async () => {
    await h.controlJson('/faults', 'POST', {
      path: '/reprocess$',
      kind: 'status',
      status: 429,
      retryAfter: 2.5,
      count: 1,
    });
    const [a, b] = await failedInWindow();
    const res = await batch([reprocessStep('a', a?.id as string), reprocessStep('b', b?.id as string)]);
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as { responses: BatchItem[] };
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.headers['Retry-After']).toBe('2.5');
    expect(throttled[0]?.body?.error.code).toBe('TooManyRequests');
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
  });

  it('runs independent steps in parallel, and steps with dependsOn one after another', async () => {
    // Each step waits 600 ms: ten steps in parallel take about 0.6 s, one after another 6 s.
    await h.controlJson('/faults', 'POST', { path: '/reprocess$', kind: 'latency', latencyMs: 600 });
    const ids = (await failedInWindow()).slice(0, 12).map((r) => r.id);
    expect(ids).toHaveLength(12);
    let t0 = Date.now();
    const parallel = await batch(ids.slice(0, 10).map((id, i) => reprocessStep(String(i + 1), id)));
    const parallelMs = Date.now() - t0;
    expect(parallel.status).toBe(200);
    const { responses } = (await parallel.json()) as { responses: BatchItem[] };
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(parallelMs).toBeLessThan(3_000);

    t0 = Date.now();
    const chained = await batch([
      reprocessStep('1', ids[10] as string),
      { ...reprocessStep('2', ids[11] as string), dependsOn: ['1'] },
    ]);
    expect(chained.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_200);
  });

  it('logs the batch with its steps', async () => {
    const [a] = await failedInWindow();
    await h.control('/log', 'DELETE');
    await batch([
      reprocessStep('1', a?.id as string),
      { id: '2', method: 'POST', url: `${REQUESTS}/${a?.id}/reprocess` },
    ]);
    const { value } = await h.controlJson<{ value: LogEntry[] }>('/log');
    expect(value).toHaveLength(1);
    const entry = value[0] as LogEntry;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1.0/$batch',
      status: 200,
      upn: 'avery.howard@contoso.example',
    });
    expect(entry.steps).toEqual([
      {
        id: '1',
        method: 'POST',
        url: `${REQUESTS}/${a?.id}/reprocess`,
        status: 202,
        headers: { 'Content-Type': 'application/json' },
        hasBody: true,
      },
      {
        id: '2',
        method: 'POST',
        url: `${REQUESTS}/${a?.id}/reprocess`,
        status: 400,
        headers: {},
        hasBody: false,
      },
    ]);
  });
});
