// The words for the activity record: one place, shared by the page and the exports.
import type { ActivityEntry, ActivityOutcome } from '../../record/activity-record';
import { httpStatusText } from '../../graph/http-status';
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

/** What the record learnt afterwards: "Then: Delivered", "Then: Failed again · <Graph's status>". */
export function afterwardText(entry: Pick<ActivityEntry, 'afterward'>): string | undefined {
  const a = entry.afterward;
  if (!a) return undefined;
  const label =
    a.verdict === 'other' && a.state
      ? `Now ${a.state}`
      : (AFTERWARD_LABELS[a.verdict] ?? AFTERWARD_LABELS.unread);
  const detail = a.verdict === 'failedAgain' && a.status ? ` · ${a.status}` : '';
  return `Then: ${label}${detail}`;
}
