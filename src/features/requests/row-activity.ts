import { t } from '../../i18n/i18n';
import { OUTCOMES, checkedText } from '../../reprocess/outcomes';
import type { RequestActivity } from './api/use-reprocess';
import { stateLabel } from './model';

/**
 * What a row (and the details drawer) says about the dashboard's own activity on a request:
 * `short` fits the grid's column, `full` is the sentence. Words from the outcome table.
 */
export function rowActivityNote(activity: RequestActivity): { short: string; full: string } | undefined {
  const { status, settled } = activity;
  // While the delivery is still under way the answer's own note says more than "now Delivering".
  const answered = status?.phase === 'done' ? status.outcome.kind : undefined;
  const inProgress = settled?.state === 'delivering' || settled?.state === 'submitted';
  const stillFailed = settled?.state === 'deliveryFailed' || settled?.state === 'partiallyDelivered';
  if (settled && answered !== undefined && answered !== 'accepted' && !stillFailed) {
    // Graph refused it; the reading says why better than the refusal did.
    if (inProgress)
      return {
        short: t({ id: 'reprocess.row.refusedRetrying', defaultMessage: 'Refused: already being retried' }),
        full: t({
          id: 'reprocess.row.refusedRetryingFull',
          defaultMessage: 'Refused: the service is already retrying; try again later',
        }),
      };
    const text = t(
      { id: 'reprocess.row.refusedNow', defaultMessage: 'Refused: it is {state} now' },
      { state: stateLabel(settled.stateRaw) },
    );
    return { short: text, full: text };
  }
  if (settled && !inProgress) {
    const text = t(
      { id: 'reprocess.row.reprocessedNow', defaultMessage: 'Reprocessed: now {state}' },
      { state: stateLabel(settled.stateRaw) },
    );
    return { short: text, full: text };
  }
  switch (status?.phase) {
    case 'queued':
      if (status.bulk)
        return {
          short: t({ id: 'reprocess.status.bulkQueued', defaultMessage: 'In a bulk run, queued' }),
          full: t({
            id: 'reprocess.row.bulkQueuedFull',
            defaultMessage: 'In a bulk run, queued: it is sent when its turn comes',
          }),
        };
      return same(t({ id: 'reprocess.status.queued', defaultMessage: 'Queued…' }));
    case 'sending':
      return {
        short: t({ id: 'reprocess.status.sending', defaultMessage: 'Sending…' }),
        full: t({ id: 'reprocess.row.sendingFull', defaultMessage: 'Sending to Microsoft Graph…' }),
      };
    case 'checking':
      return {
        short: t({ id: 'reprocess.row.checking', defaultMessage: 'Checking its state…' }),
        full: t({
          id: 'reprocess.row.checkingFull',
          defaultMessage: 'No answer came: reading its state before anything is sent again',
        }),
      };
    case 'paused':
      return {
        short: t({ id: 'reprocess.row.paused', defaultMessage: 'Paused: not sent yet' }),
        full: t({
          id: 'reprocess.row.pausedFull',
          defaultMessage: 'In a paused run: it is sent when the run resumes',
        }),
      };
    case 'elsewhere':
      return {
        short: t({ id: 'reprocess.row.elsewhere', defaultMessage: 'In another tab' }),
        full: t({
          id: 'reprocess.row.elsewhereFull',
          defaultMessage: 'Being reprocessed in another tab of this browser',
        }),
      };
    case 'done': {
      const words = OUTCOMES[status.outcome.kind];
      const checked = checkedText(status.outcome.checked);
      return {
        short: words.rowNote,
        full: checked
          ? t(
              { id: 'reprocess.row.noteChecked', defaultMessage: '{note} ({checked})' },
              { note: words.rowNote, checked },
            )
          : words.sentence,
      };
    }
    default:
      return undefined;
  }
}

function same(text: string): { short: string; full: string } {
  return { short: text, full: text };
}
