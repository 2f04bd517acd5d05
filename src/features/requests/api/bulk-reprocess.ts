// Reprocess many requests through Graph JSON batching, framework-free: 20 reprocess steps per
// `$batch` call, a few batch calls in flight, per-step throttling handled by sendBatch. The React
// layer (the bulk panel) wraps this and wires the activity record in through `beforeSend`.

import type { GraphApiVersion } from '../../../config/app-config';
import {
  MAX_BATCH_STEPS,
  notSentError,
  sendBatch,
  type BatchOptions,
  type BatchStepResult,
} from '../../../graph/batch';
import type { GraphClient } from '../../../graph/graph-client';
import { isGraphError } from '../../../graph/graph-error';
import type { AssignmentRequest } from '../model';
import { classifyReprocessError, type ReprocessOutcome } from '../reprocess-outcome';
import { requestsEndpoints } from './requests-api';

/** Batch calls in flight at once: enough to keep a run brisk without inviting throttling. */
export const DEFAULT_BULK_CONCURRENCY = 4;

export interface BulkItemResult {
  request: AssignmentRequest;
  /** The HTTP status of the step's last answer; 0 when there was none (not sent, or no answer). */
  status: number;
  outcome: ReprocessOutcome;
  /** The step's own request-id, else that of the batch call that carried it. */
  graphRequestId?: string;
  /** The client-request-id of the batch call that carried the step. */
  clientRequestId?: string;
  /** Graph's `error.code` for a refused step. */
  errorCode?: string;
  /** Batch calls that carried this request (0 when it was never sent). */
  attempts: number;
}

export type BulkItemEvent =
  /** Its batch call is about to go out. */
  | { phase: 'sending' }
  /** Final: answered, failed, or never sent (outcome `cancelled` with attempts 0). */
  | { phase: 'done'; result: BulkItemResult };

export interface BulkProgress {
  /** Requests whose batch call has gone out. */
  sent: number;
  /** Requests sent that have their final outcome. */
  answered: number;
  total: number;
}

export interface BulkReprocessOptions {
  client: GraphClient;
  requests: readonly AssignmentRequest[];
  /** Must be the client's; defaults to it. */
  apiVersion?: GraphApiVersion;
  scopes: readonly string[];
  /** Batch calls in flight at once (default 4). */
  concurrency?: number;
  /** Cancel: nothing more is sent; batches already sent finish and their answers are reported. */
  signal?: AbortSignal;
  /**
   * Awaited before each batch is sent, with the requests it carries: the activity record writes
   * ahead here. If it rejects, that batch is not sent and its requests end as 'failed'.
   */
  beforeSend?: (items: readonly AssignmentRequest[]) => Promise<void>;
  onItem?: (item: AssignmentRequest, event: BulkItemEvent) => void;
  onProgress?: (progress: BulkProgress) => void;
  /** Step retry tuning and test seams (sleep, random), passed to sendBatch. */
  batch?: Omit<BatchOptions, 'scopes' | 'signal' | 'onSend'>;
}

/**
 * Sends one reprocess step per request (duplicates by id are sent once), in ceil(n/20) batch
 * calls when nothing is throttled, at most `concurrency` at a time. Resolves with one result per
 * distinct request, in the order given; never rejects.
 */
export async function runBulkReprocess(opts: BulkReprocessOptions): Promise<BulkItemResult[]> {
  const apiVersion = opts.apiVersion ?? opts.client.apiVersion;
  if (apiVersion !== opts.client.apiVersion) {
    throw new RangeError(`The Graph client speaks ${opts.client.apiVersion}, not ${apiVersion}.`);
  }
  const endpoints = requestsEndpoints(apiVersion);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_BULK_CONCURRENCY));

  const seen = new Set<string>();
  const items = opts.requests.filter((r) => !seen.has(r.id) && seen.add(r.id));
  const results = new Map<string, BulkItemResult>();
  const progress: BulkProgress = { sent: 0, answered: 0, total: items.length };
  const reportProgress = (): void => opts.onProgress?.({ ...progress });

  const finish = (result: BulkItemResult, wasSent: boolean): void => {
    if (results.has(result.request.id)) return;
    results.set(result.request.id, result);
    if (wasSent) progress.answered += 1;
    opts.onItem?.(result.request, { phase: 'done', result });
  };

  // A request whose id cannot be put in a URL is never sent; the rest go into batches of 20.
  const sendable: { request: AssignmentRequest; url: string }[] = [];
  for (const request of items) {
    try {
      sendable.push({ request, url: endpoints.reprocessPath(request.id) });
    } catch (error) {
      finish({ request, status: 0, outcome: { kind: 'failed', error }, attempts: 0 }, false);
    }
  }
  const chunks: (typeof sendable)[] = [];
  for (let i = 0; i < sendable.length; i += MAX_BATCH_STEPS)
    chunks.push(sendable.slice(i, i + MAX_BATCH_STEPS));

  reportProgress();
  const notSent = (request: AssignmentRequest): void =>
    finish(
      {
        request,
        status: 0,
        outcome: { kind: 'cancelled', error: notSentError('Not sent: the bulk run was cancelled first.') },
        attempts: 0,
      },
      false,
    );

  let nextChunk = 0;
  // On cancel, every batch not yet taken ends at once, so the user sees "not sent" straight away.
  const onAbort = (): void => {
    for (const chunk of chunks.slice(nextChunk)) chunk.forEach((c) => notSent(c.request));
    nextChunk = chunks.length;
    reportProgress();
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  const runChunk = async (chunk: typeof sendable): Promise<void> => {
    const requests = chunk.map((c) => c.request);
    if (opts.beforeSend) {
      try {
        await opts.beforeSend(requests);
      } catch (cause) {
        const error = new Error(
          `Not sent: the activity record could not be written first (${cause instanceof Error ? cause.message : String(cause)}).`,
          { cause },
        );
        for (const request of requests)
          finish({ request, status: 0, outcome: { kind: 'failed', error }, attempts: 0 }, false);
        reportProgress();
        return;
      }
    }
    if (opts.signal?.aborted) {
      requests.forEach(notSent);
      reportProgress();
      return;
    }
    progress.sent += requests.length;
    for (const request of requests) opts.onItem?.(request, { phase: 'sending' });
    reportProgress();

    // Step ids are positions in the batch: unique within it, and short.
    const byStep = new Map(chunk.map((c, i) => [String(i + 1), c.request]));
    let answers: BatchStepResult[];
    try {
      answers = await sendBatch(
        opts.client,
        chunk.map((c, i) => ({ id: String(i + 1), method: 'POST', url: c.url })),
        { ...opts.batch, scopes: opts.scopes, ...(opts.signal !== undefined && { signal: opts.signal }) },
      );
    } catch (error) {
      for (const request of requests)
        finish({ request, status: 0, outcome: { kind: 'failed', error }, attempts: 0 }, true);
      reportProgress();
      return;
    }
    for (const answer of answers) {
      const request = byStep.get(answer.id);
      if (request) finish(toItemResult(request, answer), answer.attempts > 0);
    }
    reportProgress();
  };

  const worker = async (): Promise<void> => {
    while (!opts.signal?.aborted && nextChunk < chunks.length) {
      const chunk = chunks[nextChunk++];
      if (chunk) await runChunk(chunk);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  // Anything without a result (cannot happen unless a callback threw) ends as not sent.
  for (const { request } of sendable) if (!results.has(request.id)) notSent(request);
  return items.map((r) => results.get(r.id)).filter((r): r is BulkItemResult => r !== undefined);
}

/** What one step's answer means for its request. */
export function toItemResult(request: AssignmentRequest, answer: BatchStepResult): BulkItemResult {
  const base = {
    request,
    status: answer.status,
    attempts: answer.attempts,
    ...(answer.clientRequestId !== '' && { clientRequestId: answer.clientRequestId }),
    ...(answer.requestId !== undefined && { graphRequestId: answer.requestId }),
  };
  if (answer.error === undefined && answer.status >= 200 && answer.status < 300) {
    return {
      ...base,
      outcome: {
        kind: 'accepted',
        status: answer.status,
        clientRequestId: answer.clientRequestId,
        ...(answer.requestId !== undefined && { requestId: answer.requestId }),
      },
    };
  }
  const outcome = classifyReprocessError(answer.error ?? notSentError());
  const error = answer.error;
  return {
    ...base,
    outcome,
    ...(isGraphError(error) && error.code !== '' && { errorCode: error.code }),
  };
}
