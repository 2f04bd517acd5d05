// JSON batching (concepts/json-batching.md, /work/shared/graph-contract.md section 6): up to 20
// Graph calls in one `POST /{version}/$batch`. The outer call goes through the GraphClient (token,
// client-request-id, its own retry of a throttled or unavailable batch); this module adds what
// only a batch has: per-step answers in any order, and per-step throttling, which nobody retries
// but the caller. Framework-free.

import type { GraphClient, GraphMethod, GraphResponse } from './graph-client';
import { GraphError, graphErrorFromResponse, isGraphError, parseRetryAfter } from './graph-error';
import { abortableSleep } from './abortable-sleep';
import { t } from '../i18n/i18n';
import { isRecord } from '../lib/is-record';

/** Graph refuses a batch of more than 20 steps as a whole (400). */
export const MAX_BATCH_STEPS = 20;

export interface BatchStep {
  /** Unique within the batch. */
  id: string;
  method: GraphMethod;
  /** Relative to the version root, e.g. `/identityGovernance/...`: no origin, no `/v1.0` or `/beta`. */
  url: string;
  /** For POST and PATCH an absent body is sent as `{}`: Graph refuses a bodiless write step. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** A step as it travels inside the batch body. */
export interface WireStep {
  id: string;
  method: GraphMethod;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchStepResult {
  id: string;
  /** The HTTP status of the step's last answer; 0 when it has none (the batch call failed, or it was never sent). */
  status: number;
  /** The step's own response headers, as Graph put them in the batch body. */
  headers: Readonly<Record<string, string>>;
  /** The step's response body, as Graph put it in the batch body (undefined for a 202). */
  body: unknown;
  /**
   * Undefined when the step succeeded (2xx). Otherwise a GraphError: the step's own refusal, a
   * malformed answer, or the failure of the batch call that carried it; an error from token
   * acquisition (MSAL's) passes through untouched, as the GraphClient lets it.
   */
  error?: unknown;
  /** The step's own request-id when Graph gave one, else the request-id of the batch call that carried it. */
  requestId?: string;
  /** The client-request-id of the batch call that carried the step's last attempt; '' when never sent. */
  clientRequestId: string;
  /** How many batch calls carried this step (0 when it was never sent). */
  attempts: number;
}

export interface BatchOptions {
  scopes: readonly string[];
  /**
   * Stops any further sending: a batch call not yet made is not made, and steps waiting to be
   * retried end with their last answer. A batch call already on the wire is let finish (it is not
   * aborted): Graph may already be acting on it, and its answer is what the caller must record.
   */
  signal?: AbortSignal;
  /** Batch calls that may carry one step, the first included (default 4). */
  maxStepAttempts?: number;
  /** Backoff for a 503 step or a 429 step without Retry-After: full jitter over base * 2^(n-1), capped. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The longest Retry-After waited for (default 60 s); a step asked to wait longer ends with its 429. */
  maxRetryAfterMs?: number;
  /** Must reject when the signal fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1), like Math.random. */
  random?: () => number;
  /** Called just before each batch call with the ids of the steps it carries. */
  onSend?: (stepIds: readonly string[]) => void;
}

type Tunables = Required<
  Pick<BatchOptions, 'maxStepAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'>
>;

const DEFAULTS: Readonly<Tunables> = {
  maxStepAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const WRITE_METHODS: ReadonlySet<GraphMethod> = new Set(['POST', 'PATCH']);
// Which step answers are retried. For writes only the ones that say "not done, come back later",
// as the GraphClient does for single calls: after a 500, 502 or 504 the write may already have
// been applied, and repeating a reprocess that worked is refused with a 400 that hides the success.
const RETRYABLE_READ: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_WRITE: ReadonlySet<number> = new Set([429, 503]);

/**
 * The step as Graph wants it: a bodiless POST or PATCH gets `"body": {}` and a JSON Content-Type,
 * without which Graph answers the step 400 ("does not contain Content-Type header or body").
 * Throws a RangeError for a URL that is not relative to the version root.
 */
export function toWireStep(step: BatchStep): WireStep {
  checkRelativeUrl(step);
  const headers: Record<string, string> = { ...step.headers };
  const write = WRITE_METHODS.has(step.method);
  const body = step.body === undefined && write ? {} : step.body;
  if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const wire: WireStep = { id: step.id, method: step.method, url: step.url };
  if (Object.keys(headers).length > 0) wire.headers = headers;
  if (body !== undefined) wire.body = body;
  return wire;
}

function checkRelativeUrl(step: BatchStep): void {
  // Graph resolves step URLs against the batch's own version; an absolute URL or a version prefix
  // is refused (or, worse, would address /v1.0/v1.0/...).
  if (!step.url.startsWith('/') || step.url.startsWith('//') || /^\/(v1\.0|beta)(\/|$|\?)/i.test(step.url)) {
    throw new RangeError(
      `Batch step ${step.id}: the URL must be relative to the version root, like /identityGovernance/...; got ${JSON.stringify(step.url)}.`,
    );
  }
}

/** The error a step carries when it was never sent because the caller stopped. */
export function notSentError(
  message = t({ id: 'graphError.notSent', defaultMessage: 'Not sent: stopped before this call was sent.' }),
): GraphError {
  return new GraphError({ kind: 'aborted', status: 0, clientRequestId: '', attempts: 0, message });
}

interface Pending {
  step: BatchStep;
  wire: WireStep;
  attempts: number;
  /** When the step may be sent again (ms on the batch's virtual clock: the sum of waits so far). */
  dueAt: number;
  /** Its last answer, kept as the final one if it is not retried. */
  last?: BatchStepResult;
}

/**
 * Sends up to 20 steps in one batch call, then re-sends (in smaller batches) the steps Graph
 * answered 429 (after that step's own Retry-After, readable inside the batch body) or 503 (after
 * a jittered backoff), up to `maxStepAttempts` calls per step. Resolves with one result per step,
 * in the order given; never rejects once the steps are valid. Throws a RangeError, before sending
 * anything, for more than 20 steps, duplicate ids or a URL that is not relative.
 */
export async function sendBatch(
  client: GraphClient,
  steps: readonly BatchStep[],
  opts: BatchOptions,
): Promise<BatchStepResult[]> {
  if (steps.length > MAX_BATCH_STEPS) {
    throw new RangeError(`A batch holds at most ${MAX_BATCH_STEPS} steps; got ${steps.length}.`);
  }
  const ids = new Set<string>();
  for (const step of steps) {
    if (step.id === '' || ids.has(step.id)) {
      throw new RangeError(`Batch step ids must be unique and not empty; got ${JSON.stringify(step.id)}.`);
    }
    ids.add(step.id);
  }
  const wires = steps.map(toWireStep);
  const settings = { ...DEFAULTS, ...definedOnly(opts) };
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;

  const results = new Map<string, BatchStepResult>();
  let pending: Pending[] = steps.map((step, i) => ({
    step,
    wire: wires[i] as WireStep,
    attempts: 0,
    dueAt: 0,
  }));
  let clock = 0;

  const finishWithLast = (list: readonly Pending[]): void => {
    for (const p of list) results.set(p.step.id, p.last ?? neverSent(p.step.id));
  };

  while (pending.length > 0) {
    const next = Math.min(...pending.map((p) => p.dueAt));
    if (next > clock) {
      try {
        await sleep(next - clock, opts.signal);
      } catch {
        // Stopped while waiting to retry: those steps keep the answer they last had.
        finishWithLast(pending);
        break;
      }
      clock = next;
    }
    if (opts.signal?.aborted) {
      finishWithLast(pending);
      break;
    }
    const due = pending.filter((p) => p.dueAt <= clock);
    pending = pending.filter((p) => p.dueAt > clock);
    for (const p of due) p.attempts += 1;

    opts.onSend?.(due.map((p) => p.step.id));
    const round = await sendOnce(client, due, opts.scopes);
    // One backoff per round for the steps that need one, so they travel together again.
    let backoffMs: number | undefined;
    for (const p of due) {
      const answer = round.get(p.step.id) ?? neverSent(p.step.id);
      const delay = retryDelay(p, answer);
      if (delay === undefined) {
        results.set(p.step.id, answer);
        continue;
      }
      let wait = delay;
      if (wait < 0) {
        backoffMs ??= Math.floor(
          random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (p.attempts - 1)),
        );
        wait = backoffMs;
      }
      pending.push({ ...p, last: answer, dueAt: clock + wait });
    }
  }

  return steps.map((s) => results.get(s.id) ?? neverSent(s.id));

  /** Undefined: final. -1: retry after a backoff. Otherwise: retry after this many ms. */
  function retryDelay(p: Pending, answer: BatchStepResult): number | undefined {
    if (answer.status === 0 || p.attempts >= settings.maxStepAttempts) return undefined;
    const retryable = WRITE_METHODS.has(p.step.method) ? RETRYABLE_WRITE : RETRYABLE_READ;
    if (!retryable.has(answer.status)) return undefined;
    const retryAfter = parseRetryAfter(headerOf(answer.headers, 'retry-after') ?? null);
    if (retryAfter === undefined) return -1;
    const ms = Math.ceil(retryAfter * 1000);
    // Waiting less than Graph asked for would only be throttled again; too long a wait is reported.
    return ms > settings.maxRetryAfterMs ? undefined : ms;
  }
}

/** One batch call carrying `due`; a result for every step in it, failed ones included. */
async function sendOnce(
  client: GraphClient,
  due: readonly Pending[],
  scopes: readonly string[],
): Promise<Map<string, BatchStepResult>> {
  const out = new Map<string, BatchStepResult>();
  let response: GraphResponse<unknown>;
  try {
    // No signal: once sent, the batch is let finish (see BatchOptions.signal).
    response = await client.request<unknown>({
      method: 'POST',
      path: '/$batch',
      body: { requests: due.map((p) => p.wire) },
      scopes,
    });
  } catch (error) {
    const clientRequestId = isGraphError(error) ? error.clientRequestId : '';
    for (const p of due) {
      out.set(p.step.id, {
        id: p.step.id,
        status: 0,
        headers: {},
        body: undefined,
        error,
        clientRequestId,
        attempts: p.attempts,
        ...(isGraphError(error) && error.requestId !== undefined && { requestId: error.requestId }),
      });
    }
    return out;
  }

  const { clientRequestId, requestId: batchRequestId } = response;
  const malformed = (p: Pending, status: number, message: string): BatchStepResult => ({
    id: p.step.id,
    status,
    headers: {},
    body: undefined,
    error: new GraphError({
      kind: 'malformed',
      status,
      clientRequestId,
      attempts: p.attempts,
      message,
      ...(batchRequestId !== undefined && { requestId: batchRequestId }),
    }),
    clientRequestId,
    attempts: p.attempts,
    ...(batchRequestId !== undefined && { requestId: batchRequestId }),
  });

  const data = response.data;
  const responses =
    isRecord(data) && Array.isArray(data.responses) ? (data.responses as unknown[]) : undefined;
  if (responses === undefined) {
    for (const p of due) {
      out.set(
        p.step.id,
        malformed(
          p,
          response.status,
          t({
            id: 'graphError.batchNoResponses',
            defaultMessage: 'Microsoft Graph answered the batch without a "responses" list.',
          }),
        ),
      );
    }
    return out;
  }

  // Answers come in any order; the first answer for an id counts, anything without a known id is ignored.
  const byId = new Map<string, Record<string, unknown>>();
  const wanted = new Set(due.map((p) => p.step.id));
  for (const item of responses) {
    if (!isRecord(item)) continue;
    const id =
      typeof item.id === 'string' ? item.id : typeof item.id === 'number' ? String(item.id) : undefined;
    if (id !== undefined && wanted.has(id) && !byId.has(id)) byId.set(id, item);
  }

  for (const p of due) {
    const item = byId.get(p.step.id);
    if (item === undefined) {
      out.set(
        p.step.id,
        malformed(
          p,
          response.status,
          t(
            {
              id: 'graphError.batchNoStepResponse',
              defaultMessage: "Microsoft Graph's batch answer has no response for step {step}.",
            },
            { step: p.step.id },
          ),
        ),
      );
      continue;
    }
    const status = item.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      out.set(
        p.step.id,
        malformed(
          p,
          response.status,
          t(
            {
              id: 'graphError.batchNoStepStatus',
              defaultMessage: "Microsoft Graph's answer for step {step} has no valid status.",
            },
            { step: p.step.id },
          ),
        ),
      );
      continue;
    }
    const headers = stringRecord(item.headers);
    const body = item.body;
    const ownRequestId = headerOf(headers, 'request-id');
    const base = {
      id: p.step.id,
      status,
      headers,
      body,
      clientRequestId,
      attempts: p.attempts,
    };
    if (status >= 200 && status < 300) {
      const rid = ownRequestId ?? batchRequestId;
      out.set(p.step.id, { ...base, ...(rid !== undefined && { requestId: rid }) });
      continue;
    }
    const bodyText = typeof body === 'string' ? body : body === undefined ? '' : safeStringify(body);
    let error = graphErrorFromResponse(status, bodyText, toHeaders(headers), clientRequestId, p.attempts);
    // Without a request-id of its own the step is traced through the batch call that carried it.
    if (error.requestId === undefined && batchRequestId !== undefined) {
      error = new GraphError({
        kind: 'http',
        status,
        code: error.code,
        graphMessage: error.graphMessage,
        clientRequestId,
        attempts: p.attempts,
        requestId: batchRequestId,
        ...(error.date !== undefined && { date: error.date }),
        ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
        ...(error.claims !== undefined && { claims: error.claims }),
      });
    }
    out.set(p.step.id, {
      ...base,
      error,
      ...(error.requestId !== undefined && { requestId: error.requestId }),
    });
  }
  return out;
}

function neverSent(id: string): BatchStepResult {
  return {
    id,
    status: 0,
    headers: {},
    body: undefined,
    error: notSentError(),
    clientRequestId: '',
    attempts: 0,
  };
}

function definedOnly(opts: BatchOptions): Partial<Tunables> {
  const out: Partial<Tunables> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof Tunables)[]) {
    const value = opts[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = value;
  }
  return out;
}

/** Only string values: the step's headers are data from the network. */
function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
  }
  return out;
}

function headerOf(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name && v.trim() !== '') return v;
  }
  return undefined;
}

/** A Headers object from untrusted names and values; ones Headers refuses are skipped. */
function toHeaders(record: Readonly<Record<string, string>>): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(record)) {
    try {
      headers.set(k, v);
    } catch {
      // an invalid header name or value: not something to trust or show
    }
  }
  return headers;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '';
  }
}
