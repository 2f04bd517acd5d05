// The words for the activity record: one place, shared by the page and the exports.
import type { ActivityEntry, ActivityOutcome } from '../../record/activity-record';
import { httpStatusText } from '../../graph/http-status';
import { REQUEST_STATE_LABELS, enumLabel, statusBeyondState } from '../../graph/enum-labels';
import { AFTERWARD_LABELS, OUTCOMES, entryLabel, outcomeOfEntry } from '../../reprocess/outcomes';
import { format, t } from '../../i18n/i18n';

/** The words for an entry whose answer never came (the page closed, the connection dropped). */
export function outcomeUnknownText(): string {
  return t(
    { id: 'activity.outcome.unknownCheck', defaultMessage: "{unknown} — check the request's state" },
    { unknown: OUTCOMES.unknown.label },
  );
}

/**
 * The label an entry's outcome reads as, from the one outcome table (src/reprocess/outcomes.ts).
 * `inFlight`: this tab is still waiting for its answer.
 */
export function outcomeLabel(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>, inFlight = false): string {
  if (entry.outcome === 'pending' && !inFlight) return outcomeUnknownText();
  return entryLabel(entry, inFlight);
}

/**
 * For the outcome filter: one name per stored outcome, in the table's words; the stored values
 * that read alike say how they differ. Getters: each is worded in the language in use when read.
 */
export const OUTCOME_FILTER_LABELS: Readonly<Record<ActivityOutcome, string>> = {
  get pending() {
    return t(
      { id: 'activity.outcomeFilter.pending', defaultMessage: '{unknown} (no answer recorded)' },
      { unknown: OUTCOMES.unknown.label },
    );
  },
  get accepted() {
    return OUTCOMES.accepted.label;
  },
  get refused() {
    return OUTCOMES.notReprocessable.label;
  },
  get gone() {
    return OUTCOMES.notFound.label;
  },
  get denied() {
    return OUTCOMES.refused.label;
  },
  get unavailable() {
    return t(
      { id: 'activity.outcomeFilter.unavailable', defaultMessage: '{throttled} or {unavailable}' },
      { throttled: OUTCOMES.throttled.label, unavailable: OUTCOMES.unavailable.label.toLowerCase() },
    );
  },
  get network() {
    return t(
      { id: 'activity.outcomeFilter.network', defaultMessage: '{unknown} (no answer)' },
      { unknown: OUTCOMES.unknown.label },
    );
  },
  get malformed() {
    return t(
      { id: 'activity.outcomeFilter.malformed', defaultMessage: '{unknown} (unreadable answer)' },
      { unknown: OUTCOMES.unknown.label },
    );
  },
  get cancelled() {
    return OUTCOMES.cancelled.label;
  },
  get failed() {
    return OUTCOMES.notSent.label;
  },
};

/** What the outcome means for the agent's next step, shown under the label. */
export function outcomeHint(
  entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>,
  inFlight = false,
): string | undefined {
  const kind = outcomeOfEntry(entry, inFlight);
  if (kind === 'sending') return undefined;
  if (entry.outcome === 'pending')
    return t({
      id: 'activity.outcome.noAnswerHint',
      defaultMessage: 'No answer was recorded: the call may or may not have reached Graph.',
    });
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
      return t({ id: 'activity.source.row', defaultMessage: 'Queue row' });
    case 'drawer':
      return t({ id: 'activity.source.drawer', defaultMessage: 'Request details' });
    case 'by-id':
      return t({ id: 'activity.source.byId', defaultMessage: 'By request id' });
    case 'bulk':
      return t({ id: 'activity.source.bulk', defaultMessage: 'Bulk run' });
  }
}

/** `2026-11-28 12:00:07 UTC`: what auditors compare with Graph's audit log (the same in every language). */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const text = new Date(ms).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** The same moment in the browser's time zone, in the language in use. */
export function formatLocal(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format.dateTime(ms, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "HTTP 400 Bad Request": the protocol's own words, as Graph's documentation writes them. */
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
      ? t({ id: 'activity.afterward.now', defaultMessage: 'Now {state}' }, { state })
      : (AFTERWARD_LABELS[a.verdict] ?? AFTERWARD_LABELS.unread);
  const details =
    a.verdict !== 'failedAgain' && a.verdict !== 'other'
      ? []
      : [
          a.verdict === 'failedAgain' ? state : undefined,
          statusBeyondState(REQUEST_STATE_LABELS, a.state, a.status),
        ].filter((x): x is string => x !== undefined);
  return t(
    { id: 'activity.afterward.then', defaultMessage: 'Then: {what}' },
    { what: [label, ...details].join(' · ') },
  );
}
