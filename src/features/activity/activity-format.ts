// The words for the activity record: one place, shared by the page and the exports.
import type { ActivityEntry, ActivityOutcome } from '../../record/activity-record';
import { httpStatusText } from '../../graph/http-status';
import { REQUEST_STATE_LABELS, enumLabel, statusBeyondState } from '../../graph/enum-labels';
import { AFTERWARD_LABELS, OUTCOMES, entryLabel, outcomeOfEntry } from '../../reprocess/outcomes';

/** The words for an entry whose answer never came (the page closed, the connection dropped). */
export const OUTCOME_UNKNOWN = `${OUTCOMES.unknown.label} — check the request's state`;

/**
 * The label an entry's outcome reads as, from the one outcome table (src/reprocess/outcomes.ts).
 * `inFlight`: this tab is still waiting for its answer.
 */
export function outcomeLabel(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>, inFlight = false): string {
  if (entry.outcome === 'pending' && !inFlight) return OUTCOME_UNKNOWN;
  return entryLabel(entry, inFlight);
}

/**
 * For the outcome filter: one name per stored outcome, in the table's words; the stored values
 * that read alike say how they differ.
 */
export const OUTCOME_FILTER_LABELS: Readonly<Record<ActivityOutcome, string>> = {
  pending: `${OUTCOMES.unknown.label} (no answer recorded)`,
  accepted: OUTCOMES.accepted.label,
  refused: OUTCOMES.notReprocessable.label,
  gone: OUTCOMES.notFound.label,
  denied: OUTCOMES.refused.label,
  unavailable: `${OUTCOMES.throttled.label} or ${OUTCOMES.unavailable.label.toLowerCase()}`,
  network: `${OUTCOMES.unknown.label} (no answer)`,
  malformed: `${OUTCOMES.unknown.label} (unreadable answer)`,
  cancelled: OUTCOMES.cancelled.label,
  failed: OUTCOMES.notSent.label,
};

/** What the outcome means for the agent's next step, shown under the label. */
export function outcomeHint(
  entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>,
  inFlight = false,
): string | undefined {
  const kind = outcomeOfEntry(entry, inFlight);
  if (kind === 'sending') return undefined;
  if (entry.outcome === 'pending')
    return 'No answer was recorded: the call may or may not have reached Graph.';
  if (kind === 'accepted' || kind === 'unknown' || kind === 'notSent') return OUTCOMES[kind].sentence;
  return undefined;
}

export type OutcomeTone = 'success' | 'danger' | 'warning' | 'neutral';

export function outcomeTone(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>): OutcomeTone {
  const kind = outcomeOfEntry(entry);
  return kind === 'sending' ? 'neutral' : OUTCOMES[kind].tone;
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

/**
 * What the record learnt afterwards: "Then: Delivered", "Then: Failed again · Partially
 * delivered", with Graph's status text as sent when it says more than the state. The record keeps
 * the raw values (the exports carry them); these are the words.
 */
export function afterwardText(entry: Pick<ActivityEntry, 'afterward'>): string | undefined {
  const a = entry.afterward;
  if (!a) return undefined;
  const state = enumLabel(REQUEST_STATE_LABELS, a.state);
  const label =
    a.verdict === 'other' && state
      ? `Now ${state}`
      : (AFTERWARD_LABELS[a.verdict] ?? AFTERWARD_LABELS.unread);
  if (a.verdict !== 'failedAgain' && a.verdict !== 'other') return `Then: ${label}`;
  const details = [
    a.verdict === 'failedAgain' ? state : undefined,
    statusBeyondState(REQUEST_STATE_LABELS, a.state, a.status),
  ].filter((x): x is string => x !== undefined);
  return `Then: ${[label, ...details].join(' · ')}`;
}
