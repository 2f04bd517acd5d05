import { OUTCOMES } from '../../reprocess/outcomes';
import type { RequestActivity } from './api/use-reprocess';
import { stateLabel } from './model';
import { checkedText } from '../../reprocess/outcomes';

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
        short: 'Refused: already being retried',
        full: 'Refused: the service is already retrying; try again later',
      };
    const text = `Refused: it is ${stateLabel(settled.stateRaw)} now`;
    return { short: text, full: text };
  }
  if (settled && !inProgress) {
    const text = `Reprocessed: now ${stateLabel(settled.stateRaw)}`;
    return { short: text, full: text };
  }
  switch (status?.phase) {
    case 'queued':
      return status.bulk
        ? { short: 'In a bulk run, queued', full: 'In a bulk run, queued: it is sent when its turn comes' }
        : { short: 'Queued…', full: 'Queued…' };
    case 'sending':
      return { short: 'Sending…', full: 'Sending to Microsoft Graph…' };
    case 'checking':
      return {
        short: 'Checking its state…',
        full: 'No answer came: reading its state before anything is sent again',
      };
    case 'paused':
      return { short: 'Paused: not sent yet', full: 'In a paused run: it is sent when the run resumes' };
    case 'elsewhere':
      return { short: 'In another tab', full: 'Being reprocessed in another tab of this browser' };
    case 'done': {
      const words = OUTCOMES[status.outcome.kind];
      const checked = checkedText(status.outcome.checked);
      return { short: words.rowNote, full: checked ? `${words.rowNote} (${checked})` : words.sentence };
    }
    default:
      return undefined;
  }
}
