// Turns a failed audit-log read into words for the person at the desk, with the ids Microsoft
// support asks for. Never branches on Graph's message text.
import { isGraphError } from '../../graph/graph-error';

export interface AuditLoadProblem {
  /** Graph refused for lack of a permission or role: show what to ask for, not an error. */
  denied: boolean;
  title: string;
  detail: string;
  /** Graph's error code, when it sent one. */
  code?: string;
  requestId?: string;
  clientRequestId?: string;
}

export function describeAuditError(error: unknown): AuditLoadProblem {
  if (!isGraphError(error)) {
    return {
      denied: false,
      title: 'The audit log could not be read',
      detail: error instanceof Error ? error.message : 'Something went wrong while reading it.',
    };
  }
  const ids = {
    clientRequestId: error.clientRequestId,
    ...(error.requestId !== undefined && { requestId: error.requestId }),
    ...(error.code !== '' && { code: error.code }),
  };
  const code = error.code ? ` (${error.code})` : '';
  if (error.kind === 'network') {
    return {
      denied: false,
      title: 'Microsoft Graph could not be reached',
      detail: 'No answer came back after several tries. Check the connection, then retry.',
      ...ids,
    };
  }
  if (error.kind === 'malformed') {
    return {
      denied: false,
      title: 'The audit log answered in an unexpected form',
      detail: `Graph answered HTTP ${error.status} with something this dashboard does not understand.`,
      ...ids,
    };
  }
  if (error.status === 403) {
    return { denied: true, title: 'Access to the audit log was refused', detail: `HTTP 403${code}.`, ...ids };
  }
  if (error.status === 401) {
    return {
      denied: false,
      title: 'Your sign-in was not accepted',
      detail: `Graph answered 401${code}. Sign out and sign in again.`,
      ...ids,
    };
  }
  if (error.status === 429) {
    return {
      denied: false,
      title: 'Entra’s audit log is still busy',
      detail: `It kept answering 429 Too Many Requests after several waits. Try again in a minute.`,
      ...ids,
    };
  }
  if (error.status === 400) {
    return {
      denied: false,
      title: 'Graph refused the audit query',
      detail: `HTTP 400${code}. Change the dates or the request id, then try again.`,
      ...ids,
    };
  }
  return {
    denied: false,
    title: 'The audit log could not be read',
    detail: `Graph answered HTTP ${error.status}${code}.`,
    ...ids,
  };
}
