// Why a request cannot be reprocessed now, in the words its disabled Reprocess control gives
// (tooltip and accessible description). What the engine knows (in flight, accepted, delivered
// after a reading) comes first; this is what the request itself says.
import { t } from '../../i18n/i18n';
import { REPROCESS_WINDOW_DAYS, reprocessWindow, stateLabel, type AssignmentRequest } from './model';

/** Why Reprocess cannot be pressed for this request now; undefined when it can. */
export function notReprocessableReason(
  request: Pick<AssignmentRequest, 'state' | 'stateRaw' | 'completedDateTime'>,
  now: Date,
): string | undefined {
  if (request.state === 'delivered')
    return t({ id: 'eligibility.delivered', defaultMessage: 'Delivered: there is nothing to reprocess' });
  if (request.state !== 'deliveryFailed' && request.state !== 'partiallyDelivered')
    return t(
      { id: 'eligibility.notFailed', defaultMessage: 'Now {state}: only failed requests can be reprocessed' },
      { state: stateLabel(request.stateRaw) },
    );
  if (reprocessWindow(request, now).expired)
    return t(
      {
        id: 'eligibility.outsideWindow',
        defaultMessage:
          'Outside the {days}-day reprocess window: Microsoft Graph would refuse it. Cancel the request and ask for the access again in My Access.',
      },
      { days: REPROCESS_WINDOW_DAYS },
    );
  return undefined;
}
