// The words for the activity record: one place, shared by the page and the exports.
import type { ActivityEntry, ActivityOutcome } from '../../record/activity-record';
import { httpStatusText } from '../../graph/http-status';

export const OUTCOME_UNKNOWN = "Outcome unknown — check the request's state";

/** The label an entry's outcome reads as. `inFlight`: this tab is still waiting for its answer. */
export function outcomeLabel(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>, inFlight = false): string {
  switch (entry.outcome) {
    case 'pending':
      return inFlight ? 'Waiting for Graph’s answer…' : OUTCOME_UNKNOWN;
    case 'accepted':
      return 'Accepted';
    case 'refused':
      return 'Refused by Graph';
    case 'gone':
      return 'Request not found';
    case 'denied':
      return entry.httpStatus === 401 ? 'Sign-in not accepted' : 'Permission denied';
    case 'unavailable':
      return entry.httpStatus === 429 ? 'Throttled' : 'Graph unavailable';
    case 'network':
      return 'No answer (network failure)';
    case 'malformed':
      return 'Unexpected answer';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Not sent';
  }
}

/** For the outcome filter: one name per stored outcome. */
export const OUTCOME_FILTER_LABELS: Readonly<Record<ActivityOutcome, string>> = {
  pending: 'Outcome unknown',
  accepted: 'Accepted',
  refused: 'Refused by Graph',
  gone: 'Request not found',
  denied: 'Permission denied',
  unavailable: 'Unavailable or throttled',
  network: 'No answer (network failure)',
  malformed: 'Unexpected answer',
  cancelled: 'Cancelled',
  failed: 'Not sent',
};

/** What the outcome means for the agent's next step, shown under the label. */
export function outcomeHint(entry: Pick<ActivityEntry, 'outcome'>, inFlight = false): string | undefined {
  switch (entry.outcome) {
    case 'pending':
      return inFlight ? undefined : 'No answer was recorded: the call may or may not have reached Graph.';
    case 'accepted':
      return 'Accepted for processing; delivery is retried by the service.';
    case 'network':
    case 'malformed':
    case 'cancelled':
      return "The call may or may not have reached Graph: check the request's state.";
    default:
      return undefined;
  }
}

export type OutcomeTone = 'success' | 'danger' | 'warning' | 'neutral';

export function outcomeTone(entry: Pick<ActivityEntry, 'outcome'>): OutcomeTone {
  switch (entry.outcome) {
    case 'accepted':
      return 'success';
    case 'pending':
    case 'network':
    case 'malformed':
    case 'cancelled':
      return 'warning';
    case 'failed':
      return 'neutral';
    default:
      return 'danger';
  }
}

export function sourceLabel(entry: Pick<ActivityEntry, 'source'>): string {
  switch (entry.source) {
    case 'row':
      return 'Queue row';
    case 'drawer':
      return 'Request details';
    case 'by-id':
      return 'By request id';
    case 'bulk':
      return 'Bulk run';
  }
}

/** `2026-11-28 12:00:07 UTC`: what auditors compare with Graph's audit log. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const text = new Date(ms).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

const localFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** The same moment in the browser's time zone. */
export function formatLocal(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : localFormat.format(ms);
}

export function httpStatusLabel(status: number | undefined): string | undefined {
  if (status === undefined) return undefined;
  return `HTTP ${httpStatusText(status)}`;
}
