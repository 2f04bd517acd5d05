// The one table of reprocess outcomes. Toasts, rows, the bulk results, the Activity page and the
// exports all read their words from here, so a request never reads "not sent" in one place and
// "cancelled" in another. Framework-free; its words are in the language in use when read, but the
// export files keep `englishLabel` (see entryEnglishLabel).
import { isGraphError, type GraphError } from '../graph/graph-error';
import { format, t } from '../i18n/i18n';
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
  /** Short: a badge, a filter option, a results column. In the language in use. */
  readonly label: string;
  /**
   * The label in English, whatever the language in use: the stable vocabulary of the export
   * files, which scripts read. Equal to `label` when the language is English.
   */
  readonly englishLabel: string;
  /** What it means and what to do, for a toast or the results' detail. */
  readonly sentence: string;
  /** What the row shows under its Reprocess button. */
  readonly rowNote: string;
  readonly tone: OutcomeTone;
  /**
   * What may be done again: `send` (nothing reached Graph, or Graph said "later"), `check` (it may
   * have landed: read the request's state first), or `none` (Graph decided).
   */
  readonly retry: 'send' | 'check' | 'none';
}

// The words are getters: formatted in the language in use each time they are read (a table built
// at import time would keep the English for good). `englishLabel` is plain data on purpose.
export const OUTCOMES: Readonly<Record<OutcomeKind, OutcomeWords>> = {
  accepted: {
    englishLabel: 'Accepted',
    get label() {
      return t({ id: 'outcome.accepted.label', defaultMessage: 'Accepted' });
    },
    get sentence() {
      return t({
        id: 'outcome.accepted.sentence',
        defaultMessage:
          'Microsoft Graph accepted the reprocess (202 Accepted). Entitlement management now retries the delivery.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.accepted.rowNote', defaultMessage: 'Accepted: delivery is being retried' });
    },
    tone: 'success',
    retry: 'none',
  },
  notFound: {
    englishLabel: 'Not found',
    get label() {
      return t({ id: 'outcome.notFound.label', defaultMessage: 'Not found' });
    },
    get sentence() {
      return t({
        id: 'outcome.notFound.sentence',
        defaultMessage:
          'Microsoft Graph has no request with this id (404 Not Found). It may have been removed.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.notFound.rowNote', defaultMessage: 'Not found in Graph' });
    },
    tone: 'danger',
    retry: 'none',
  },
  notReprocessable: {
    englishLabel: 'Not reprocessable',
    get label() {
      return t({ id: 'outcome.notReprocessable.label', defaultMessage: 'Not reprocessable' });
    },
    get sentence() {
      return t({
        id: 'outcome.notReprocessable.sentence',
        defaultMessage:
          'Microsoft Graph refused to reprocess it (400 Bad Request). Only requests in Delivery failed or Partially delivered, within 14 days of completion, can be reprocessed; while the service is itself retrying, a manual reprocess is refused too.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.notReprocessable.rowNote', defaultMessage: 'Refused: not reprocessable now' });
    },
    tone: 'danger',
    retry: 'none',
  },
  refused: {
    englishLabel: 'Refused: permission',
    get label() {
      return t({ id: 'outcome.refused.label', defaultMessage: 'Refused: permission' });
    },
    get sentence() {
      return t({
        id: 'outcome.refused.sentence',
        defaultMessage:
          'Microsoft Graph refused the call for lack of permission: reprocessing needs EntitlementManagement.ReadWrite.All and an entitlement-management role that covers this request (Access package assignment manager on its catalog, or Identity Governance Administrator).',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.refused.rowNote', defaultMessage: 'Refused: permission missing' });
    },
    tone: 'danger',
    retry: 'none',
  },
  throttled: {
    englishLabel: 'Throttled',
    get label() {
      return t({ id: 'outcome.throttled.label', defaultMessage: 'Throttled' });
    },
    get sentence() {
      return t({
        id: 'outcome.throttled.sentence',
        defaultMessage:
          'Microsoft Graph kept asking to slow down (429 Too Many Requests), even after waiting and retrying. It was not accepted: send it again in a minute.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.throttled.rowNote', defaultMessage: 'Throttled: not accepted' });
    },
    tone: 'warning',
    retry: 'send',
  },
  unavailable: {
    englishLabel: 'Unavailable',
    get label() {
      return t({ id: 'outcome.unavailable.label', defaultMessage: 'Unavailable' });
    },
    get sentence() {
      return t({
        id: 'outcome.unavailable.sentence',
        defaultMessage:
          'Microsoft Graph was unavailable (503 Service Unavailable), even after retrying. It was not accepted: send it again in a few minutes.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.unavailable.rowNote', defaultMessage: 'Graph unavailable: not accepted' });
    },
    tone: 'warning',
    retry: 'send',
  },
  unknown: {
    englishLabel: 'Outcome unknown',
    get label() {
      return t({ id: 'outcome.unknown.label', defaultMessage: 'Outcome unknown' });
    },
    get sentence() {
      return t({
        id: 'outcome.unknown.sentence',
        defaultMessage:
          'No usable answer came back: the reprocess may or may not have reached Microsoft Graph. Its state is read again before anything is sent a second time.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.unknown.rowNote', defaultMessage: 'No answer: outcome unknown' });
    },
    tone: 'warning',
    retry: 'check',
  },
  notSent: {
    englishLabel: 'Not sent',
    get label() {
      return t({ id: 'outcome.notSent.label', defaultMessage: 'Not sent' });
    },
    get sentence() {
      return t({
        id: 'outcome.notSent.sentence',
        defaultMessage: 'It never left this browser: nothing reached Microsoft Graph. It can be sent again.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.notSent.rowNote', defaultMessage: 'Not sent' });
    },
    tone: 'neutral',
    retry: 'send',
  },
  cancelled: {
    englishLabel: 'Cancelled',
    get label() {
      return t({ id: 'outcome.cancelled.label', defaultMessage: 'Cancelled' });
    },
    get sentence() {
      return t({
        id: 'outcome.cancelled.sentence',
        defaultMessage: 'Cancelled before it was sent: nothing reached Microsoft Graph.',
      });
    },
    get rowNote() {
      return t({ id: 'outcome.cancelled.rowNote', defaultMessage: 'Cancelled: not sent' });
    },
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

/** How many requests had one outcome: "18 accepted", "1 not found". */
function outcomeCount(kind: OutcomeKind, count: number): string {
  // Bare `{count}` in English: the digits as they have always read (tests wait for "1000").
  switch (kind) {
    case 'accepted':
      return t({ id: 'outcome.accepted.count', defaultMessage: '{count, number} accepted' }, { count });
    case 'notFound':
      return t({ id: 'outcome.notFound.count', defaultMessage: '{count, number} not found' }, { count });
    case 'notReprocessable':
      return t(
        { id: 'outcome.notReprocessable.count', defaultMessage: '{count, number} not reprocessable' },
        { count },
      );
    case 'refused':
      return t(
        { id: 'outcome.refused.count', defaultMessage: '{count, number} refused: permission' },
        { count },
      );
    case 'throttled':
      return t({ id: 'outcome.throttled.count', defaultMessage: '{count, number} throttled' }, { count });
    case 'unavailable':
      return t({ id: 'outcome.unavailable.count', defaultMessage: '{count, number} unavailable' }, { count });
    case 'unknown':
      return t({ id: 'outcome.unknown.count', defaultMessage: '{count, number} outcome unknown' }, { count });
    case 'notSent':
      return t({ id: 'outcome.notSent.count', defaultMessage: '{count, number} not sent' }, { count });
    case 'cancelled':
      return t({ id: 'outcome.cancelled.count', defaultMessage: '{count, number} cancelled' }, { count });
  }
}

/** "18 accepted, 1 not found": the non-zero counts, in a fixed order. */
export function outcomeSummary(counts: ReadonlyMap<OutcomeKind, number>): string {
  const parts = OUTCOME_ORDER.flatMap((k) => {
    const n = counts.get(k) ?? 0;
    return n > 0 ? [outcomeCount(k, n)] : [];
  });
  if (parts.length === 0) return t({ id: 'outcome.summary.nothingSent', defaultMessage: 'nothing was sent' });
  // A unit list: "a, b, c" in English, with the language's own last separator elsewhere.
  const list = format.list(parts, { type: 'unit', style: 'short' });
  return typeof list === 'string' ? list : list.join('');
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

/** The label of a record entry, as the Activity page shows it (in the language in use). */
export function entryLabel(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>, inFlight = false): string {
  const kind = outcomeOfEntry(entry, inFlight);
  return kind === 'sending' ? sendingLabel() : OUTCOMES[kind].label;
}

/** What an entry still on the wire reads as. */
export function sendingLabel(): string {
  return t({ id: 'outcome.sending', defaultMessage: 'Sending…' });
}

/**
 * The export files' outcome text: always English (scripts read it), whatever the language in
 * use. A file outlives the tab, so an entry without an answer is unknown there.
 */
export function entryEnglishLabel(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>): string {
  if (entry.outcome === 'pending') return `${OUTCOMES.unknown.englishLabel} — check the request's state`;
  const kind = outcomeOfEntry(entry);
  return kind === 'sending' ? 'Sending…' : OUTCOMES[kind].englishLabel;
}

/** What the state check found, in words: "checked: now Delivering — left alone". */
export function checkedText(checked: CheckResult | undefined): string | undefined {
  switch (checked?.kind) {
    case 'state':
      return t(
        { id: 'outcome.checked.state', defaultMessage: 'checked: now {state} — left alone' },
        { state: checked.stateLabel },
      );
    case 'gone':
      return t({ id: 'outcome.checked.gone', defaultMessage: 'checked: the request no longer exists' });
    case 'failed':
      return t(
        { id: 'outcome.checked.failed', defaultMessage: 'checked: its state could not be read ({message})' },
        { message: checked.message },
      );
    default:
      return undefined;
  }
}

export type AfterwardVerdict = 'delivered' | 'failedAgain' | 'delivering' | 'other' | 'gone' | 'unread';

/**
 * What a request became after its answered reprocess (FollowVerdict), in one word each. Getters:
 * in the language in use when read.
 */
export const AFTERWARD_LABELS: Readonly<Record<AfterwardVerdict, string>> = {
  get delivered() {
    return t({ id: 'outcome.afterward.delivered', defaultMessage: 'Delivered' });
  },
  get failedAgain() {
    return t({ id: 'outcome.afterward.failedAgain', defaultMessage: 'Failed again' });
  },
  get delivering() {
    return t({ id: 'outcome.afterward.delivering', defaultMessage: 'Still delivering' });
  },
  get other() {
    return t({ id: 'outcome.afterward.other', defaultMessage: 'Now in another state' });
  },
  get gone() {
    return t({ id: 'outcome.afterward.gone', defaultMessage: 'No longer in Microsoft Graph' });
  },
  get unread() {
    return t({ id: 'outcome.afterward.unread', defaultMessage: 'Could not be read again' });
  },
};
