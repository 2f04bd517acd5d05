// Which selected requests Graph will most likely refuse, and how to name a request: the bulk
// confirmation's words. The outcomes' words are in src/reprocess/outcomes.ts.
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
    return `Not in a failed state (${stateLabel(request)})`;
  }
  return reprocessWindow(request, now).expired
    ? `Outside the ${REPROCESS_WINDOW_DAYS}-day reprocess window`
    : 'Not reprocessable';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Access package for Requestor", or the id when Graph left both out. */
export function describeRequest(request: AssignmentRequest): string {
  const who = request.requestor?.displayName ?? request.requestor?.principalName ?? request.requestor?.email;
  const pkg = request.accessPackage?.displayName;
  if (pkg && who) return `${pkg} for ${who}`;
  return pkg ?? who ?? `Request ${request.id}`;
}
