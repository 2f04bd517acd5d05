// The one table of reprocess outcomes. Toasts, rows, the bulk results, the Activity page and the
// exports all read their words from here, so a request never reads "not sent" in one place and
// "cancelled" in another. Framework-free.
import { isGraphError, type GraphError } from '../graph/graph-error';
import type { ActivityEntry, ActivityOutcome } from '../record/activity-record';
import type { CheckResult } from './engine-types';

export type OutcomeKind =
  /** 202: Graph accepted it for processing; the service retries the delivery. */
  | 'accepted'
  /** 404: no such request (removed meanwhile, or a wrong id). */
  | 'notFound'
  /** 400 and other 4xx: Graph refused it (wrong state, outside the window, invalid id). */
  | 'notReprocessable'
  /** 401 / 403: the sign-in or the role does not allow it. */
  | 'refused'
  /** 429 after the automatic retries. */
  | 'throttled'
  /** 503 after the automatic retries: Graph said it did not take the call. */
  | 'unavailable'
  /** No answer, a 500/502/504, or an answer we cannot read: the call may have reached Graph. */
  | 'unknown'
  /** Never left this browser (offline, sign-in needed, the record could not be written). */
  | 'notSent'
  /** Stopped by the agent before it was sent. */
  | 'cancelled';

export type OutcomeTone = 'success' | 'danger' | 'warning' | 'neutral';

export interface OutcomeWords {
  /** Short: a badge, a filter option, a results column. */
  label: string;
  /** What it means and what to do, for a toast or the results' detail. */
  sentence: string;
  /** What the row shows under its Reprocess button. */
  rowNote: string;
  tone: OutcomeTone;
  /**
   * What may be done again: `send` (nothing reached Graph, or Graph said "later"), `check` (it may
   * have landed: read the request's state first), or `none` (Graph decided).
   */
  retry: 'send' | 'check' | 'none';
}

export const OUTCOMES: Readonly<Record<OutcomeKind, OutcomeWords>> = {
  accepted: {
    label: 'Accepted',
    sentence:
      'Microsoft Graph accepted the reprocess (202 Accepted). Entitlement management now retries the delivery.',
    rowNote: 'Accepted: delivery is being retried',
    tone: 'success',
    retry: 'none',
  },
  notFound: {
    label: 'Not found',
    sentence: 'Microsoft Graph has no request with this id (404 Not Found). It may have been removed.',
    rowNote: 'Not found in Graph',
    tone: 'danger',
    retry: 'none',
  },
  notReprocessable: {
    label: 'Not reprocessable',
    sentence:
      'Microsoft Graph refused to reprocess it (400 Bad Request). Only requests in Delivery failed or Partially delivered, within 14 days of completion, can be reprocessed; while the service is itself retrying, a manual reprocess is refused too.',
    rowNote: 'Refused: not reprocessable now',
    tone: 'danger',
    retry: 'none',
  },
  refused: {
    label: 'Refused: permission',
    sentence:
      'Microsoft Graph refused the call for lack of permission: reprocessing needs EntitlementManagement.ReadWrite.All and an entitlement-management role that covers this request (Access package assignment manager on its catalog, or Identity Governance Administrator).',
    rowNote: 'Refused: permission missing',
    tone: 'danger',
    retry: 'none',
  },
  throttled: {
    label: 'Throttled',
    sentence:
      'Microsoft Graph kept asking to slow down (429 Too Many Requests), even after waiting and retrying. It was not accepted: send it again in a minute.',
    rowNote: 'Throttled: not accepted',
    tone: 'warning',
    retry: 'send',
  },
  unavailable: {
    label: 'Unavailable',
    sentence:
      'Microsoft Graph was unavailable (503 Service Unavailable), even after retrying. It was not accepted: send it again in a few minutes.',
    rowNote: 'Graph unavailable: not accepted',
    tone: 'warning',
    retry: 'send',
  },
  unknown: {
    label: 'Outcome unknown',
    sentence:
      'No usable answer came back: the reprocess may or may not have reached Microsoft Graph. Its state is read again before anything is sent a second time.',
    rowNote: 'No answer: outcome unknown',
    tone: 'warning',
    retry: 'check',
  },
  notSent: {
    label: 'Not sent',
    sentence: 'It never left this browser: nothing reached Microsoft Graph. It can be sent again.',
    rowNote: 'Not sent',
    tone: 'neutral',
    retry: 'send',
  },
  cancelled: {
    label: 'Cancelled',
    sentence: 'Cancelled before it was sent: nothing reached Microsoft Graph.',
    rowNote: 'Cancelled: not sent',
    tone: 'neutral',
    retry: 'send',
  },
};

/** Good news first, then Graph's refusals, then what can still be done. */
export const OUTCOME_ORDER: readonly OutcomeKind[] = [
  'accepted',
  'notFound',
  'notReprocessable',
  'refused',
  'throttled',
  'unavailable',
  'unknown',
  'notSent',
  'cancelled',
];

export function outcomeWords(kind: OutcomeKind): OutcomeWords {
  return OUTCOMES[kind];
}

/** "18 accepted, 1 not found": the non-zero counts, in a fixed order. */
export function outcomeSummary(counts: ReadonlyMap<OutcomeKind, number>): string {
  const parts = OUTCOME_ORDER.flatMap((k) => {
    const n = counts.get(k) ?? 0;
    return n > 0 ? [`${n} ${OUTCOMES[k].label.toLowerCase()}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'nothing was sent';
}

/** What an HTTP answer or a failure to get one means. `sent`: the call left the browser. */
export function outcomeOfError(error: unknown, sent: boolean): OutcomeKind {
  if (!isGraphError(error)) return sent ? 'unknown' : 'notSent';
  return outcomeOfGraphError(error);
}

export function outcomeOfGraphError(error: GraphError): OutcomeKind {
  switch (error.kind) {
    case 'aborted':
      return error.attempts > 0 ? 'unknown' : 'cancelled';
    case 'network':
      return 'unknown';
    case 'malformed':
      // A 2xx whose body we could not read was still accepted, but nothing else can be trusted.
      return 'unknown';
    case 'http':
      break;
  }
  const s = error.status;
  if (s === 404) return 'notFound';
  if (s === 401 || s === 403) return 'refused';
  if (s === 429) return 'throttled';
  if (s === 503) return 'unavailable';
  // 500, 502, 504 and the rest of 5xx: the write may have been applied before the failure.
  if (s >= 500) return 'unknown';
  return 'notReprocessable';
}

/**
 * The record keeps the outcome vocabulary it always had (its exports are read by scripts); this
 * reads an entry in the table's terms. `inFlight`: this tab is still waiting for its answer.
 */
export function outcomeOfEntry(
  entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>,
  inFlight = false,
): OutcomeKind | 'sending' {
  switch (entry.outcome) {
    case 'pending':
      return inFlight ? 'sending' : 'unknown';
    case 'accepted':
      return 'accepted';
    case 'gone':
      return 'notFound';
    case 'refused':
      return 'notReprocessable';
    case 'denied':
      return 'refused';
    case 'unavailable':
      if (entry.httpStatus === 429) return 'throttled';
      if (entry.httpStatus === 503 || entry.httpStatus === undefined) return 'unavailable';
      return 'unknown';
    case 'network':
    case 'malformed':
      return 'unknown';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'notSent';
  }
}

/** The record's outcome for one of ours (the inverse of outcomeOfEntry). */
export function entryOutcomeOf(kind: OutcomeKind, httpStatus: number | undefined): ActivityOutcome {
  switch (kind) {
    case 'accepted':
      return 'accepted';
    case 'notFound':
      return 'gone';
    case 'notReprocessable':
      return 'refused';
    case 'refused':
      return 'denied';
    case 'throttled':
    case 'unavailable':
      return 'unavailable';
    case 'unknown':
      return httpStatus !== undefined && httpStatus >= 500 ? 'unavailable' : 'network';
    case 'notSent':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

/** The label of a record entry, as the Activity page and the exports show it. */
export function entryLabel(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>, inFlight = false): string {
  const kind = outcomeOfEntry(entry, inFlight);
  return kind === 'sending' ? 'Sending…' : OUTCOMES[kind].label;
}

/** What the state check found, in words: "checked: now Delivering — left alone". */
export function checkedText(checked: CheckResult | undefined): string | undefined {
  switch (checked?.kind) {
    case 'state':
      return `checked: now ${checked.stateLabel} — left alone`;
    case 'gone':
      return 'checked: the request no longer exists';
    case 'failed':
      return `checked: its state could not be read (${checked.message})`;
    default:
      return undefined;
  }
}

/** What a request became after its answered reprocess (FollowVerdict), in one word each. */
export const AFTERWARD_LABELS: Readonly<
  Record<'delivered' | 'failedAgain' | 'delivering' | 'other' | 'gone' | 'unread', string>
> = {
  delivered: 'Delivered',
  failedAgain: 'Failed again',
  delivering: 'Still delivering',
  other: 'Now in another state',
  gone: 'No longer in Microsoft Graph',
  unread: 'Could not be read again',
};
