import { isGraphError, type GraphError } from '../../graph/graph-error';
import type { Notice } from '../../components/notify';
import type { AssignmentRequest } from './model';
import { httpStatusText } from '../../graph/http-status';

/** What happened to one reprocess call, as the row and the record keep it. */
export type ReprocessOutcome =
  | { kind: 'accepted'; status: number; requestId?: string; clientRequestId: string }
  | { kind: 'refused'; status: number; error: GraphError } // 400 and other 4xx: Graph said no
  | { kind: 'gone'; status: 404; error: GraphError }
  | { kind: 'denied'; status: 401 | 403; error: GraphError }
  | { kind: 'unavailable'; status: number; error: GraphError } // 429 / 5xx after retries
  | { kind: 'network'; error: GraphError }
  | { kind: 'malformed'; error: GraphError }
  | { kind: 'cancelled'; error: GraphError } // stopped by the dashboard before an answer came
  | { kind: 'failed'; error: unknown }; // anything else (sign-in problems)

export function classifyReprocessError(error: unknown): ReprocessOutcome {
  if (!isGraphError(error)) return { kind: 'failed', error };
  if (error.kind === 'network') return { kind: 'network', error };
  if (error.kind === 'malformed') return { kind: 'malformed', error };
  if (error.kind === 'aborted') return { kind: 'cancelled', error };
  const status = error.status;
  if (status === 404) return { kind: 'gone', status, error };
  if (status === 401 || status === 403) return { kind: 'denied', status, error };
  if (status === 429 || status >= 500) return { kind: 'unavailable', status, error };
  return { kind: 'refused', status, error };
}

function who(req: AssignmentRequest | undefined): string {
  const requestor = req?.requestor?.displayName ?? req?.requestor?.principalName ?? req?.requestor?.email;
  const pkg = req?.accessPackage?.displayName;
  if (requestor && pkg) return `${pkg} for ${requestor}`;
  return pkg ?? requestor ?? (req ? `request ${req.id}` : 'the request');
}

function graphFacts(error: GraphError): Pick<Notice, 'details' | 'requestId' | 'clientRequestId'> {
  return {
    details: error.code ? [`Graph error code: ${error.code}`] : undefined,
    requestId: error.requestId,
    clientRequestId: error.clientRequestId,
  };
}

function attemptsText(error: GraphError): string {
  const attempts = error.attempts;
  return attempts > 1 ? `Tried ${attempts} times, waiting longer each time. ` : '';
}

/** Turns an outcome into the toast an agent reads. One place for these words. */
export function describeReprocessOutcome(
  outcome: ReprocessOutcome,
  req: AssignmentRequest | undefined,
): Notice {
  switch (outcome.kind) {
    case 'accepted':
      return {
        intent: 'success',
        title: `Reprocess accepted (${httpStatusText(outcome.status)})`,
        body: `Entitlement management will retry delivering ${who(req)}. The row updates when the request's state changes.`,
        requestId: outcome.requestId,
        clientRequestId: outcome.clientRequestId,
      };
    case 'refused':
      return {
        intent: 'error',
        title: `Not reprocessable (${httpStatusText(outcome.status)})`,
        body: `Graph refused to reprocess ${who(req)}. Only requests in Delivery failed or Partially delivered state can be reprocessed, within ${14} days of completion, and the id must be a valid request id.`,
        ...graphFacts(outcome.error),
      };
    case 'gone':
      return {
        intent: 'error',
        title: `Request no longer exists (${httpStatusText(404)})`,
        body: `Graph has no request with this id any more (${who(req)}). It may have been removed. Refresh the list.`,
        ...graphFacts(outcome.error),
      };
    case 'denied':
      return outcome.status === 401
        ? {
            intent: 'error',
            title: `Sign-in not accepted (${httpStatusText(401)})`,
            body: 'Microsoft Graph did not accept your sign-in token. Sign out and sign in again.',
            ...graphFacts(outcome.error),
          }
        : {
            intent: 'error',
            title: `Permission missing (${httpStatusText(403)})`,
            body: 'Reprocessing needs the delegated permission EntitlementManagement.ReadWrite.All (with admin consent) and an entitlement-management role that covers this request: Access package assignment manager on its catalog, or Identity Governance Administrator.',
            ...graphFacts(outcome.error),
          };
    case 'unavailable':
      return outcome.status === 429
        ? {
            intent: 'error',
            title: `Graph is throttling requests (${httpStatusText(429)})`,
            body: `${attemptsText(outcome.error)}Microsoft Graph is still asking us to slow down. Wait a minute, then reprocess again.`,
            ...graphFacts(outcome.error),
          }
        : {
            intent: 'error',
            title: `Microsoft Graph is unavailable (${httpStatusText(outcome.status)})`,
            body: `${attemptsText(outcome.error)}The service did not accept the request. Try again in a few minutes.`,
            ...graphFacts(outcome.error),
          };
    case 'network':
      return {
        intent: 'error',
        title: 'Network failure: Graph could not be reached',
        body: `No answer came back for ${who(req)}. The reprocess may or may not have reached Microsoft Graph: check the request's state before trying again.`,
        clientRequestId: outcome.error.clientRequestId,
      };
    case 'malformed':
      return {
        intent: 'error',
        title: 'Unexpected answer from Microsoft Graph',
        body: `Graph answered ${outcome.error.status ? httpStatusText(outcome.error.status) : ''} in a form this dashboard does not understand. Check the request's state before trying again.`.replace(
          '  ',
          ' ',
        ),
        ...graphFacts(outcome.error),
      };
    case 'cancelled':
      return {
        intent: 'warning',
        title: 'Reprocess cancelled',
        body: `The call for ${who(req)} was stopped before Graph answered; it may or may not have been received. Check the request's state.`,
        clientRequestId: outcome.error.clientRequestId,
      };
    case 'failed':
      return {
        intent: 'error',
        title: 'Reprocess could not be sent',
        body: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
      };
  }
}
