// Words for a failed read (the details of one request, the access packages, one package's
// requests), shown inline where the data would be. Framework-free; reprocess answers have their
// own words in src/reprocess/outcomes.ts.

import { InteractionStartedError } from '../../auth/access-token';
import { isGraphError } from '../../graph/graph-error';
import { httpStatusText } from '../../graph/http-status';

export interface LoadFailure {
  title: string;
  body: string;
  /** Graph's error code, request-id and client-request-id: what Microsoft support asks for. */
  code?: string;
  requestId?: string;
  clientRequestId?: string;
  /** Whether trying again can help (not for "no such request" or "not allowed"). */
  retryable: boolean;
  /** The page is on its way to the sign-in page: nothing to show. */
  signingIn?: boolean;
}

/** `what` names the thing that could not be read, e.g. "this request" or "the access packages". */
export function describeLoadFailure(error: unknown, what: string): LoadFailure {
  if (error instanceof InteractionStartedError) {
    return { title: 'Signing in again…', body: error.message, retryable: false, signingIn: true };
  }
  if (!isGraphError(error)) {
    return {
      title: `Could not load ${what}`,
      body: error instanceof Error ? error.message : String(error),
      retryable: true,
    };
  }
  const ids = {
    ...(error.code !== '' && { code: error.code }),
    ...(error.requestId !== undefined && { requestId: error.requestId }),
    clientRequestId: error.clientRequestId,
  };
  if (error.kind === 'network') {
    return {
      title: 'Microsoft Graph could not be reached',
      body: `No answer came back while loading ${what}. Check the connection, then retry.`,
      retryable: true,
      ...ids,
    };
  }
  if (error.kind === 'malformed') {
    return {
      title: 'Unexpected answer from Microsoft Graph',
      body: `Graph answered in a form this dashboard does not understand while loading ${what}.`,
      retryable: true,
      ...ids,
    };
  }
  if (error.kind === 'aborted') {
    return { title: 'Loading was cancelled', body: `Loading ${what} was stopped.`, retryable: true, ...ids };
  }
  const status = httpStatusText(error.status);
  switch (error.status) {
    case 400:
      return {
        title: `Graph refused the id (${status})`,
        body: `Graph says the id is not valid, so it could not load ${what}.`,
        retryable: false,
        ...ids,
      };
    case 401:
      return {
        title: `Sign-in not accepted (${status})`,
        body: 'Microsoft Graph did not accept your sign-in token. Sign out and sign in again.',
        retryable: false,
        ...ids,
      };
    case 403:
      return {
        title: `Not allowed (${status})`,
        body: `Graph refused to show ${what}. Reading needs the permission EntitlementManagement.Read.All and an entitlement-management role that covers the access package's catalog.`,
        retryable: false,
        ...ids,
      };
    case 404:
      return {
        title: `Not found (${status})`,
        body: `Graph has no record of ${what}. It may have been removed, or the id may be mistyped.`,
        retryable: false,
        ...ids,
      };
    case 429:
      return {
        title: `Graph is throttling requests (${status})`,
        body: `The dashboard retried and gave up for now. Wait a minute, then retry loading ${what}.`,
        retryable: true,
        ...ids,
      };
    default:
      return {
        title:
          error.status >= 500 ? `Microsoft Graph is unavailable (${status})` : `Graph answered ${status}`,
        body: `Loading ${what} failed. Try again in a few minutes.`,
        retryable: true,
        ...ids,
      };
  }
}
