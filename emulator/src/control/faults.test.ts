// The faults tests and the soak need: holding a call or a batch, jitter, and drops before and
// after the call was applied, through the control API.
import { describe, expect, it } from 'vitest';
import { Faults } from '../faults.ts';
import type { LogEntry } from '../request-log.ts';
import type { AssignmentRequest } from '../store/model.ts';
import { useEmulator, V1 } from './test-harness.ts';

const h = useEmulator();
const DAY = 86_400_000;
const REQUESTS = '/identityGovernance/entitlementManagement/assignmentRequests';

async function failedInWindow(): Promise<AssignmentRequest[]> {
  return (await h.storeRequests('?state=deliveryFailed')).filter(
    (r) => Date.now() - Date.parse(r.completedDateTime as string) < 13 * DAY,
  );
}

const reprocessStep = (id: string, requestId: string): Record<string, unknown> => ({
  id,
  method: 'POST',
  url: `${REQUESTS}/${requestId}/reprocess`,
  headers: { 'Content-Type': 'application/json' },
  body: {},
});

const batch = (requests: unknown): Promise<Response> =>
  h.graph('/v1.0/$batch', { method: 'POST', body: { requests } });

async function stateOf(id: string): Promise<string | undefined> {
  return (await h.storeRequests(`?id=${id}`))[0]?.state;
}

async function log(): Promise<LogEntry[]> {
  return (await h.controlJson<{ value: LogEntry[] }>('/log')).value;
}

describe('latency holds a call', () => {
  it('holds a whole $batch before any step runs, once with count 1', async () => {
    const [a] = await failedInWindow();
    if (!a) throw new Error('no reprocessable request in the seed');
    await h.controlJson('/settings', 'PATCH', { deliveryDelayMs: 60_000 });
    await h.controlJson('/faults', 'POST', {
      path: '/\\$batch$',
      kind: 'latency',
      latencyMs: 400,
      count: 1,
    });
    const started = Date.now();
    const pending = batch([reprocessStep('1', a.id)]);
    await new Promise((r) => setTimeout(r, 200));
    // Held at the door: the step has not run yet.
    expect(await stateOf(a.id)).toBe('deliveryFailed');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(await stateOf(a.id)).toBe('delivering');
    const again = Date.now();
    expect((await batch([{ id: '1', method: 'GET', url: REQUESTS }])).status).toBe(200);
    expect(Date.now() - again).toBeLessThan(300);
  });

  it('holds one step of a batch; the batch answers when that step is done', async () => {
    const [a, b] = await failedInWindow();
    if (!a || !b) throw new Error('not enough reprocessable requests in the seed');
    await h.controlJson('/faults', 'POST', {
      path: `${a.id}/reprocess$`,
      kind: 'latency',
      latencyMs: 300,
    });
    const started = Date.now();
    const res = await batch([reprocessStep('1', a.id), reprocessStep('2', b.id)]);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('releases held calls when the faults are cleared; they are then handled normally', async () => {
    const [a] = await failedInWindow();
    if (!a) throw new Error('no reprocessable request in the seed');
    await h.controlJson('/faults', 'POST', { path: 'reprocess$', kind: 'latency', latencyMs: 600_000 });
    const started = Date.now();
    const pending = h.graph(`${V1}/${a.id}/reprocess`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await stateOf(a.id)).toBe('deliveryFailed');
    await h.control('/faults', 'DELETE');
    expect((await pending).status).toBe(202);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await stateOf(a.id)).toBe('delivering');
  });

  it('adds a random 0..jitterMs per call', () => {
    const draws = [0.5, 0.25];
    const faults = new Faults(() => draws.shift() ?? 0);
    expect(faults.add({ path: '.', kind: 'latency', latencyMs: 100, jitterMs: 1000 })).toMatchObject({
      jitterMs: 1000,
    });
    // The first draw decides the share (1 by default), the second the jitter.
    expect(faults.evaluate('GET', '/v1.0/x').latencyMs).toBe(350);
    expect(typeof faults.add({ path: '.', kind: 'latency', jitterMs: -1 })).toBe('string');
    expect(typeof faults.add({ path: '.', kind: 'status', status: 500, after: 'apply' })).toBe('string');
  });
});

describe('drop after apply', () => {
  it('applies a single POST, logs it, and destroys the connection without an answer', async () => {
    const [a] = await failedInWindow();
    if (!a) throw new Error('no reprocessable request in the seed');
    const fault = await h.controlJson<Record<string, unknown>>('/faults', 'POST', {
      path: 'reprocess$',
      kind: 'drop',
      after: 'apply',
      count: 1,
    });
    expect(fault).toMatchObject({ kind: 'drop', after: 'apply', count: 1, hits: 0 });
    await expect(h.graph(`${V1}/${a.id}/reprocess`, { method: 'POST' })).rejects.toThrow();
    expect(await stateOf(a.id)).toBe('delivering');
    const [entry] = await log();
    expect(entry).toMatchObject({
      method: 'POST',
      path: `${V1}/${a.id}/reprocess`,
      status: 0,
      dropped: 'afterApply',
      appliedStatus: 202,
      upn: 'avery.howard@contoso.example',
    });
    // Sent again, the request is already delivering: Graph refuses it.
    expect((await h.graph(`${V1}/${a.id}/reprocess`, { method: 'POST' })).status).toBe(400);
  });

  it('a plain drop applies nothing and says so in the log', async () => {
    const [a] = await failedInWindow();
    if (!a) throw new Error('no reprocessable request in the seed');
    await h.controlJson('/faults', 'POST', { path: 'reprocess$', kind: 'drop', count: 1 });
    await expect(h.graph(`${V1}/${a.id}/reprocess`, { method: 'POST' })).rejects.toThrow();
    expect(await stateOf(a.id)).toBe('deliveryFailed');
    expect((await log())[0]).toMatchObject({ status: 0, dropped: 'beforeApply' });
    expect((await log())[0]).not.toHaveProperty('appliedStatus');
  });

  it('on a batch step: every step applied, the batch answerless, each step logged', async () => {
    const [a, b] = await failedInWindow();
    if (!a || !b) throw new Error('not enough reprocessable requests in the seed');
    await h.controlJson('/faults', 'POST', {
      path: `${a.id}/reprocess$`,
      kind: 'drop',
      after: 'apply',
    });
    await expect(batch([reprocessStep('1', a.id), reprocessStep('2', b.id)])).rejects.toThrow();
    expect(await stateOf(a.id)).toBe('delivering');
    expect(await stateOf(b.id)).toBe('delivering');
    const [entry] = await log();
    expect(entry).toMatchObject({ path: '/v1.0/$batch', status: 0, dropped: 'afterApply' });
    const steps = Object.fromEntries((entry?.steps ?? []).map((s) => [s.id, s]));
    expect(steps['1']).toMatchObject({ status: 202, dropped: 'afterApply' });
    expect(steps['2']).toMatchObject({ status: 202 });
    expect(steps['2']).not.toHaveProperty('dropped');
  });

  it('a plain drop on a batch step: that step not applied, the others applied', async () => {
    const [a, b] = await failedInWindow();
    if (!a || !b) throw new Error('not enough reprocessable requests in the seed');
    await h.controlJson('/faults', 'POST', { path: `${a.id}/reprocess$`, kind: 'drop' });
    await expect(batch([reprocessStep('1', a.id), reprocessStep('2', b.id)])).rejects.toThrow();
    expect(await stateOf(a.id)).toBe('deliveryFailed');
    expect(await stateOf(b.id)).toBe('delivering');
    const steps = Object.fromEntries(((await log())[0]?.steps ?? []).map((s) => [s.id, s]));
    expect(steps['1']).toMatchObject({ status: 0, dropped: 'beforeApply' });
    expect(steps['2']).toMatchObject({ status: 202 });
  });

  it('after apply on $batch itself: the whole batch runs, then the answer is lost', async () => {
    const [a] = await failedInWindow();
    if (!a) throw new Error('no reprocessable request in the seed');
    await h.controlJson('/faults', 'POST', { path: '\\$batch$', kind: 'drop', after: 'apply' });
    await expect(batch([reprocessStep('1', a.id)])).rejects.toThrow();
    expect(await stateOf(a.id)).toBe('delivering');
    expect((await log())[0]).toMatchObject({ status: 0, dropped: 'afterApply', appliedStatus: 200 });
  });

  it('mixes drops before and after apply by share', () => {
    const faults = new Faults(() => 0.3);
    faults.add({ path: 'reprocess', kind: 'drop', after: 'apply', share: 0.01 });
    faults.add({ path: 'reprocess', kind: 'drop', share: 0.5 });
    expect(faults.evaluate('POST', '/v1.0/x/reprocess').action).toEqual({ kind: 'drop', after: 'receive' });
    const first = new Faults(() => 0.001);
    first.add({ path: 'reprocess', kind: 'drop', after: 'apply', share: 0.01 });
    first.add({ path: 'reprocess', kind: 'drop', share: 0.5 });
    expect(first.evaluate('POST', '/v1.0/x/reprocess').action).toEqual({ kind: 'drop', after: 'apply' });
  });
});
