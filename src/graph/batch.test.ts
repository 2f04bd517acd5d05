import { describe, expect, it } from 'vitest';
import { MAX_BATCH_STEPS, sendBatch, toWireStep, type BatchOptions, type BatchStep } from './batch';
import { createGraphClient } from './graph-client';
import {
  fakeFetch,
  jsonResponse,
  networkError,
  textResponse,
  type FakeStep,
  type RecordedCall,
} from './fake-fetch';
import { isGraphError } from './graph-error';

const BASE = 'https://graph.example.test';
const SCOPES = [`${BASE}/EntitlementManagement.ReadWrite.All`];
const V1_PATH = '/identityGovernance/entitlementManagement/assignmentRequests';
const BETA_PATH = '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests';

interface StepAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function batchAnswer(responses: StepAnswer[], headers: Record<string, string> = {}): Response {
  return jsonResponse(
    200,
    { responses: responses.map((r) => ({ headers: {}, ...r })) },
    { 'request-id': 'batch-rid', ...headers },
  );
}

function graphStepError(id: string, status: number, code: string, headers: Record<string, string> = {}) {
  return {
    id,
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: { error: { code, message: `${code} happened`, innerError: { 'request-id': `step-rid-${id}` } } },
  };
}

function harness(steps: FakeStep[], apiVersion: 'v1.0' | 'beta' = 'v1.0', fallback?: FakeStep) {
  const fake = fakeFetch(steps, fallback);
  let n = 0;
  const client = createGraphClient({
    baseUrl: BASE,
    apiVersion,
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    random: () => 0.5,
    sleep: () => Promise.resolve(),
    newId: () => `crid-${++n}`,
  });
  const sleeps: number[] = [];
  const options: BatchOptions = {
    scopes: SCOPES,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
  return { client, calls: fake.calls, sleeps, options };
}

function reprocessStep(id: string, path = V1_PATH): BatchStep {
  return { id, method: 'POST', url: `${path}/r-${id}/reprocess` };
}

function sentSteps(call: RecordedCall | undefined): Record<string, unknown>[] {
  const body = JSON.parse(call?.body ?? 'null') as { requests: Record<string, unknown>[] };
  return body.requests;
}

describe('toWireStep', () => {
  it('gives a bodiless POST an empty body and a JSON Content-Type, as Graph requires', () => {
    expect(toWireStep(reprocessStep('1'))).toEqual({
      id: '1',
      method: 'POST',
      url: `${V1_PATH}/r-1/reprocess`,
      headers: { 'Content-Type': 'application/json' },
      body: {},
    });
  });

  it('leaves a GET without body or headers and keeps a Content-Type given in any case', () => {
    expect(toWireStep({ id: 'a', method: 'GET', url: '/me' })).toEqual({
      id: 'a',
      method: 'GET',
      url: '/me',
    });
    expect(
      toWireStep({
        id: 'b',
        method: 'PATCH',
        url: '/x',
        body: { a: 1 },
        headers: { 'content-type': 'application/json' },
      }),
    ).toEqual({
      id: 'b',
      method: 'PATCH',
      url: '/x',
      body: { a: 1 },
      headers: { 'content-type': 'application/json' },
    });
  });

  it.each(['https://graph.example.test/v1.0/me', '/v1.0/me', '/beta/x', 'me', '//evil.test/x'])(
    'refuses the URL %s: steps are relative to the version root',
    (url) => {
      expect(() => toWireStep({ id: '1', method: 'GET', url })).toThrow(RangeError);
    },
  );
});

describe('sendBatch', () => {
  it('posts one batch to /v1.0/$batch with well-formed reprocess steps', async () => {
    const h = harness([
      batchAnswer([
        { id: '2', status: 202 },
        { id: '1', status: 202 },
      ]),
    ]);
    const results = await sendBatch(h.client, [reprocessStep('1'), reprocessStep('2')], h.options);
    expect(h.calls).toHaveLength(1);
    const call = h.calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe(`${BASE}/v1.0/$batch`);
    expect(call?.headers.get('Content-Type')).toBe('application/json');
    expect(call?.headers.get('client-request-id')).toBe('crid-1');
    expect(sentSteps(call)).toEqual([
      {
        id: '1',
        method: 'POST',
        url: `${V1_PATH}/r-1/reprocess`,
        headers: { 'Content-Type': 'application/json' },
        body: {},
      },
      {
        id: '2',
        method: 'POST',
        url: `${V1_PATH}/r-2/reprocess`,
        headers: { 'Content-Type': 'application/json' },
        body: {},
      },
    ]);
    expect(results.map((r) => [r.id, r.status, r.error, r.attempts, r.clientRequestId])).toEqual([
      ['1', 202, undefined, 1, 'crid-1'],
      ['2', 202, undefined, 1, 'crid-1'],
    ]);
  });

  it('posts to /beta/$batch with beta step URLs, still without a version prefix', async () => {
    const h = harness([batchAnswer([{ id: '1', status: 202 }])], 'beta');
    await sendBatch(h.client, [reprocessStep('1', BETA_PATH)], h.options);
    expect(h.calls[0]?.url).toBe(`${BASE}/beta/$batch`);
    expect(sentSteps(h.calls[0])[0]?.url).toBe(`${BETA_PATH}/r-1/reprocess`);
  });

  it('matches answers to steps by id, whatever their order', async () => {
    const h = harness([
      batchAnswer([
        graphStepError('3', 404, 'ResourceNotFound'),
        { id: '1', status: 202 },
        graphStepError('2', 400, 'InvalidRequestState'),
      ]),
    ]);
    const results = await sendBatch(
      h.client,
      ['1', '2', '3'].map((id) => reprocessStep(id)),
      h.options,
    );
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['1', 202],
      ['2', 400],
      ['3', 404],
    ]);
    const refused = results[1]?.error;
    expect(isGraphError(refused) && refused).toMatchObject({
      kind: 'http',
      status: 400,
      code: 'InvalidRequestState',
      requestId: 'step-rid-2',
      clientRequestId: 'crid-1',
    });
    expect(results[2]?.requestId).toBe('step-rid-3');
  });

  it("retries a throttled step after that step's own Retry-After, alone", async () => {
    const h = harness([
      batchAnswer([
        { id: '1', status: 202 },
        graphStepError('2', 429, 'TooManyRequests', { 'Retry-After': '2.5' }),
      ]),
      batchAnswer([{ id: '2', status: 202 }]),
    ]);
    const results = await sendBatch(h.client, [reprocessStep('1'), reprocessStep('2')], h.options);
    expect(h.sleeps).toEqual([2500]);
    expect(h.calls).toHaveLength(2);
    expect(sentSteps(h.calls[1]).map((s) => s.id)).toEqual(['2']);
    expect(results.map((r) => [r.id, r.status, r.attempts])).toEqual([
      ['1', 202, 1],
      ['2', 202, 2],
    ]);
    // Each batch call is its own logical call with its own client-request-id.
    expect(results[1]?.clientRequestId).toBe('crid-2');
  });

  it('retries a 503 step with jittered backoff up to the bound, then reports its last answer', async () => {
    const h = harness([], 'v1.0', () => batchAnswer([graphStepError('1', 503, 'ServiceUnavailable')]));
    const [result] = await sendBatch(h.client, [reprocessStep('1')], h.options);
    expect(h.calls).toHaveLength(4);
    // random() = 0.5 of min(8000, 500 * 2^(n-1))
    expect(h.sleeps).toEqual([250, 500, 1000]);
    expect(result).toMatchObject({ status: 503, attempts: 4 });
    expect(isGraphError(result?.error) && result.error).toMatchObject({
      status: 503,
      code: 'ServiceUnavailable',
    });
  });

  it('does not repeat a write step after a 500: it may already have been applied', async () => {
    const h = harness([batchAnswer([graphStepError('1', 500, 'InternalServerError')])]);
    const [result] = await sendBatch(h.client, [reprocessStep('1')], h.options);
    expect(h.calls).toHaveLength(1);
    expect(result).toMatchObject({ status: 500, attempts: 1 });
  });

  it('retries a 500 on a read step', async () => {
    const h = harness([
      batchAnswer([graphStepError('1', 500, 'InternalServerError')]),
      batchAnswer([{ id: '1', status: 200, body: { id: 'me' } }]),
    ]);
    const [result] = await sendBatch(h.client, [{ id: '1', method: 'GET', url: '/me' }], h.options);
    expect(result).toMatchObject({ status: 200, body: { id: 'me' }, attempts: 2 });
  });

  it('ends a step asked to wait longer than the bound with its 429', async () => {
    const h = harness([batchAnswer([graphStepError('1', 429, 'TooManyRequests', { 'retry-after': '600' })])]);
    const [result] = await sendBatch(h.client, [reprocessStep('1')], h.options);
    expect(h.calls).toHaveLength(1);
    expect(result).toMatchObject({ status: 429, attempts: 1 });
  });

  it('sends at most 20 steps: more is refused before anything is sent', async () => {
    const h = harness([]);
    const steps = Array.from({ length: MAX_BATCH_STEPS + 1 }, (_, i) => reprocessStep(String(i + 1)));
    await expect(sendBatch(h.client, steps, h.options)).rejects.toThrow(RangeError);
    await expect(sendBatch(h.client, [reprocessStep('1'), reprocessStep('1')], h.options)).rejects.toThrow(
      RangeError,
    );
    expect(h.calls).toHaveLength(0);
  });

  it('takes exactly 20 steps in one call', async () => {
    const ids = Array.from({ length: MAX_BATCH_STEPS }, (_, i) => String(i + 1));
    const h = harness([batchAnswer(ids.map((id) => ({ id, status: 202 })))]);
    const results = await sendBatch(
      h.client,
      ids.map((id) => reprocessStep(id)),
      h.options,
    );
    expect(h.calls).toHaveLength(1);
    expect(sentSteps(h.calls[0])).toHaveLength(20);
    expect(results.every((r) => r.status === 202)).toBe(true);
  });

  it('marks every step malformed when the batch answer has no responses list', async () => {
    const h = harness([jsonResponse(200, { value: [] })]);
    const results = await sendBatch(h.client, [reprocessStep('1'), reprocessStep('2')], h.options);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(isGraphError(r.error) && r.error.kind).toBe('malformed');
    }
  });

  it('marks a step malformed when its answer is missing or unusable, and ignores strangers', async () => {
    const h = harness([
      jsonResponse(200, {
        responses: [
          'nonsense',
          null,
          { id: 'stranger', status: 202 },
          { id: '1', status: 202 },
          { id: '1', status: 404 }, // a second answer for the same id does not count
          { id: '2', status: 'ok' },
          { id: '3', status: 999 },
        ],
      }),
    ]);
    const results = await sendBatch(
      h.client,
      ['1', '2', '3', '4'].map((id) => reprocessStep(id)),
      h.options,
    );
    expect(results[0]?.status).toBe(202);
    expect(results[0]?.error).toBeUndefined();
    for (const r of results.slice(1)) expect(isGraphError(r.error) && r.error.kind).toBe('malformed');
  });

  it('tolerates odd headers and bodies in a step answer', async () => {
    const h = harness([
      batchAnswer([
        {
          id: '1',
          status: 400,
          headers: { 'bad header': 'x', 'request-id': 'own' },
          body: 'plain text',
        },
        { id: '2', status: 404, headers: 'nope' as unknown as Record<string, string> },
      ]),
    ]);
    const results = await sendBatch(h.client, [reprocessStep('1'), reprocessStep('2')], h.options);
    expect(results[0]).toMatchObject({ status: 400, requestId: 'own' });
    // Without a request-id of its own a step is traced through the batch call.
    expect(results[1]).toMatchObject({ status: 404, requestId: 'batch-rid' });
  });

  it('gives every step the failure of a batch call that got no answer, without resending a write', async () => {
    const h = harness([networkError()]);
    const results = await sendBatch(h.client, [reprocessStep('1'), reprocessStep('2')], h.options);
    expect(h.calls).toHaveLength(1);
    for (const r of results) {
      expect(r).toMatchObject({ status: 0, attempts: 1, clientRequestId: 'crid-1' });
      expect(isGraphError(r.error) && r.error.kind).toBe('network');
    }
  });

  it('gives every step the refusal of a batch Graph rejected as a whole', async () => {
    const h = harness([textResponse(400, '{"error":{"code":"BadRequest","message":"Duplicate id"}}')]);
    const results = await sendBatch(h.client, [reprocessStep('1')], h.options);
    expect(isGraphError(results[0]?.error) && results[0].error).toMatchObject({
      status: 400,
      code: 'BadRequest',
    });
  });

  it('sends nothing when already stopped', async () => {
    const h = harness([]);
    const controller = new AbortController();
    controller.abort();
    const results = await sendBatch(h.client, [reprocessStep('1')], {
      ...h.options,
      signal: controller.signal,
    });
    expect(h.calls).toHaveLength(0);
    expect(results[0]).toMatchObject({ status: 0, attempts: 0 });
    expect(isGraphError(results[0]?.error) && results[0].error.kind).toBe('aborted');
  });

  it('stops retrying when stopped while waiting: the step keeps its last answer', async () => {
    const controller = new AbortController();
    const h = harness([batchAnswer([graphStepError('1', 429, 'TooManyRequests', { 'Retry-After': '1' })])]);
    const results = await sendBatch(h.client, [reprocessStep('1')], {
      ...h.options,
      signal: controller.signal,
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
    });
    expect(h.calls).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 429, attempts: 1 });
  });

  it('does not abort a batch call already on the wire', async () => {
    const controller = new AbortController();
    const h = harness([
      (call) => {
        controller.abort();
        expect(call.signal).toBeUndefined();
        return batchAnswer([{ id: '1', status: 202 }]);
      },
    ]);
    const results = await sendBatch(h.client, [reprocessStep('1')], {
      ...h.options,
      signal: controller.signal,
    });
    expect(results[0]?.status).toBe(202);
    expect(results[0]?.error).toBeUndefined();
  });
});
