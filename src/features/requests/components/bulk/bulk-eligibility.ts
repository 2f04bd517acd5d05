// Which selected requests Graph will most likely refuse, and how to name a request: the bulk
// confirmation's words. The outcomes' words are in src/reprocess/outcomes.ts.
import { t } from '../../../../i18n/i18n';
import {
  FAILED_STATES,
  REPROCESS_WINDOW_DAYS,
  isReprocessable,
  reprocessWindow,
  stateLabel,
  type AssignmentRequest,
} from '../../model';

/** Why a selected request looks ineligible, or undefined when it looks reprocessable. */
export function ineligibleReason(request: AssignmentRequest, now: Date): string | undefined {
  if (isReprocessable(request, now)) return undefined;
  if (request.state === 'unknown' || !FAILED_STATES.includes(request.state)) {
    return t(
      { id: 'bulk.ineligible.state', defaultMessage: 'Not in a failed state ({state})' },
      { state: stateLabel(request) },
    );
  }
  return reprocessWindow(request, now).expired
    ? t(
        { id: 'bulk.ineligible.window', defaultMessage: 'Outside the {days, number}-day reprocess window' },
        { days: REPROCESS_WINDOW_DAYS },
      )
    : t({ id: 'bulk.ineligible.other', defaultMessage: 'Not reprocessable' });
}

/** "Access package for Requestor", or the id when Graph left both out. */
export function describeRequest(request: AssignmentRequest): string {
  const who = request.requestor?.displayName ?? request.requestor?.principalName ?? request.requestor?.email;
  const pkg = request.accessPackage?.displayName;
  if (pkg && who)
    return t(
      { id: 'bulk.request.name', defaultMessage: '{accessPackage} for {requestor}' },
      { accessPackage: pkg, requestor: who },
    );
  return pkg ?? who ?? t({ id: 'bulk.request.id', defaultMessage: 'Request {id}' }, { id: request.id });
}
