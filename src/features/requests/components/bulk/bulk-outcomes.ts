// The words for a bulk run's outcomes: one place for the summary toast, the filter and the
// results table, so they always agree.
import type { BulkItemResult } from '../../api/bulk-reprocess';
import {
  FAILED_STATES,
  REPROCESS_WINDOW_DAYS,
  isReprocessable,
  reprocessWindow,
  stateLabel,
  type AssignmentRequest,
} from '../../model';
import type { ReprocessOutcome } from '../../reprocess-outcome';

export type OutcomeKind = ReprocessOutcome['kind'];

/** The order outcomes are summed up and offered in the filter: good news first, "not sent" last. */
export const OUTCOME_ORDER: readonly OutcomeKind[] = [
  'accepted',
  'gone',
  'refused',
  'denied',
  'unavailable',
  'network',
  'malformed',
  'failed',
  'cancelled',
];

/** What "Retry the failed ones" sends again: the ones Graph did not decide on. */
export const RETRYABLE_KINDS: ReadonlySet<OutcomeKind> = new Set([
  'unavailable',
  'network',
  'cancelled',
  'malformed',
  // Not sent because the sign-in or the activity record failed: nothing reached Graph.
  'failed',
]);

const LABELS: Readonly<Record<OutcomeKind, string>> = {
  accepted: 'Accepted',
  gone: 'No longer exists',
  refused: 'Not reprocessable',
  denied: 'Permission missing',
  unavailable: 'Throttled or unavailable',
  network: 'No answer: outcome unknown',
  malformed: 'Unexpected answer',
  failed: 'Could not be sent',
  cancelled: 'Not sent',
};

export function outcomeLabel(kind: OutcomeKind): string {
  return LABELS[kind];
}

/** A request's outcome in the results table; a cancelled call that did go out is not "not sent". */
export function resultLabel(result: BulkItemResult): string {
  if (result.outcome.kind === 'cancelled' && result.attempts > 0) return 'Cancelled: outcome unknown';
  if (result.outcome.kind === 'unavailable' && result.status === 429) return 'Throttled: not accepted';
  if (result.outcome.kind === 'unavailable') return 'Graph unavailable: not accepted';
  return outcomeLabel(result.outcome.kind);
}

function part(kind: OutcomeKind, n: number): string {
  switch (kind) {
    case 'accepted':
      return `${n} accepted`;
    case 'gone':
      return n === 1 ? '1 no longer exists' : `${n} no longer exist`;
    case 'refused':
      return `${n} not reprocessable`;
    case 'denied':
      return `${n} refused for lack of permission`;
    case 'unavailable':
      return `${n} not accepted (Graph throttling or unavailable)`;
    case 'network':
      return `${n} with no answer`;
    case 'malformed':
      return `${n} with an unexpected answer`;
    case 'failed':
      return `${n} could not be sent`;
    case 'cancelled':
      return `${n} not sent`;
  }
}

export function countOutcomes(results: Iterable<BulkItemResult>): Map<OutcomeKind, number> {
  const counts = new Map<OutcomeKind, number>();
  for (const r of results) counts.set(r.outcome.kind, (counts.get(r.outcome.kind) ?? 0) + 1);
  return counts;
}

/** "18 accepted, 1 no longer exists, 1 not reprocessable": only the non-zero parts, in a fixed order. */
export function summaryText(counts: ReadonlyMap<OutcomeKind, number>): string {
  const parts = OUTCOME_ORDER.flatMap((k) => {
    const n = counts.get(k) ?? 0;
    return n > 0 ? [part(k, n)] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'nothing was sent';
}

/** Why a selected request looks ineligible, or undefined when it looks reprocessable. */
export function ineligibleReason(request: AssignmentRequest, now: Date): string | undefined {
  if (isReprocessable(request, now)) return undefined;
  if (request.state === 'unknown' || !FAILED_STATES.includes(request.state)) {
    return `Not in a failed state (${stateLabel(request)})`;
  }
  return reprocessWindow(request, now).expired
    ? `Outside the ${REPROCESS_WINDOW_DAYS}-day reprocess window`
    : 'Not reprocessable';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Access package for Requestor", or the id when Graph left both out. */
export function describeRequest(request: AssignmentRequest): string {
  const who = request.requestor?.displayName ?? request.requestor?.principalName ?? request.requestor?.email;
  const pkg = request.accessPackage?.displayName;
  if (pkg && who) return `${pkg} for ${who}`;
  return pkg ?? who ?? `Request ${request.id}`;
}
