// Turns what a reprocess call came back with into the facts the record keeps. Structural on
// purpose: the requests feature's ReprocessOutcome fits `OutcomeLike` without this layer importing
// a feature, and a bulk run can pass the same shape per item.
import { isGraphError, type GraphError } from '../graph/graph-error';
import type { ActivityOutcome, ActivityResult } from './activity-record';

export interface OutcomeLike {
  kind: Exclude<ActivityOutcome, 'pending'>;
  status?: number;
  requestId?: string;
  clientRequestId?: string;
  error?: unknown;
}

/**
 * What a GraphError says happened, for a caller that could only say "failed" (e.g. a whole batch
 * that came back with no answer). A lost answer must read as "may or may not have arrived", never
 * as "not sent".
 */
function outcomeOfGraphError(error: GraphError): Exclude<ActivityOutcome, 'pending'> {
  if (error.kind === 'network') return 'network';
  if (error.kind === 'malformed') return 'malformed';
  if (error.kind === 'aborted') return 'cancelled';
  if (error.status === 404) return 'gone';
  if (error.status === 401 || error.status === 403) return 'denied';
  if (error.status === 429 || error.status >= 500) return 'unavailable';
  return 'refused';
}

export function toActivityResult(outcome: OutcomeLike): ActivityResult {
  const error = outcome.error;
  const kind = outcome.kind === 'failed' && isGraphError(error) ? outcomeOfGraphError(error) : outcome.kind;
  const result: ActivityResult = { outcome: kind };
  if (isGraphError(error)) {
    // status 0 means no HTTP answer at all (network, cancelled): there is no status to record.
    if (error.status !== 0) result.httpStatus = error.status;
    if (error.code !== '') result.graphErrorCode = error.code;
    if (error.requestId !== undefined) result.graphRequestId = error.requestId;
    if (error.clientRequestId !== '') result.clientRequestId = error.clientRequestId;
    result.message = error.message;
  } else if (error !== undefined) {
    result.message =
      error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unexpected failure.';
  }
  if (outcome.status !== undefined && outcome.status !== 0) result.httpStatus = outcome.status;
  if (outcome.requestId !== undefined) result.graphRequestId = outcome.requestId;
  if (outcome.clientRequestId !== undefined && outcome.clientRequestId !== '')
    result.clientRequestId = outcome.clientRequestId;
  return result;
}
