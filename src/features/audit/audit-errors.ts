// Turns a failed audit-log read into words for the person at the desk, with the ids Microsoft
// support asks for. Never branches on Graph's message text.
import { isGraphError } from '../../graph/graph-error';
import { t } from '../../i18n/i18n';

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
      title: t({ id: 'audit.error.readFailed', defaultMessage: 'The audit log could not be read' }),
      detail:
        error instanceof Error
          ? error.message
          : t({ id: 'audit.error.somethingWrong', defaultMessage: 'Something went wrong while reading it.' }),
    };
  }
  const ids = {
    clientRequestId: error.clientRequestId,
    ...(error.requestId !== undefined && { requestId: error.requestId }),
    ...(error.code !== '' && { code: error.code }),
  };
  // Graph's code, when it sent one, after the status: "HTTP 400 (BadRequest)".
  const code = error.code || undefined;
  if (error.kind === 'network') {
    return {
      denied: false,
      title: t({ id: 'audit.error.network', defaultMessage: 'Microsoft Graph could not be reached' }),
      detail: t({
        id: 'audit.error.networkDetail',
        defaultMessage: 'No answer came back after several tries. Check the connection, then retry.',
      }),
      ...ids,
    };
  }
  if (error.kind === 'malformed') {
    return {
      denied: false,
      title: t({
        id: 'audit.error.malformed',
        defaultMessage: 'The audit log answered in an unexpected form',
      }),
      detail: t(
        {
          id: 'audit.error.malformedDetail',
          defaultMessage: 'Graph answered HTTP {status} with something this dashboard does not understand.',
        },
        { status: error.status },
      ),
      ...ids,
    };
  }
  if (error.status === 403) {
    return {
      denied: true,
      title: t({ id: 'audit.error.denied', defaultMessage: 'Access to the audit log was refused' }),
      detail: code ? `HTTP 403 (${code}).` : 'HTTP 403.',
      ...ids,
    };
  }
  if (error.status === 401) {
    return {
      denied: false,
      title: t({ id: 'audit.error.unauthorized', defaultMessage: 'Your sign-in was not accepted' }),
      detail: code
        ? t(
            {
              id: 'audit.error.unauthorizedDetailCode',
              defaultMessage: 'Graph answered 401 ({code}). Sign out and sign in again.',
            },
            { code },
          )
        : t({
            id: 'audit.error.unauthorizedDetail',
            defaultMessage: 'Graph answered 401. Sign out and sign in again.',
          }),
      ...ids,
    };
  }
  if (error.status === 429) {
    return {
      denied: false,
      title: t({ id: 'audit.error.throttled', defaultMessage: 'Entra’s audit log is still busy' }),
      detail: t({
        id: 'audit.error.throttledDetail',
        defaultMessage: 'It kept answering 429 Too Many Requests after several waits. Try again in a minute.',
      }),
      ...ids,
    };
  }
  if (error.status === 400) {
    return {
      denied: false,
      title: t({ id: 'audit.error.badRequest', defaultMessage: 'Graph refused the audit query' }),
      detail: code
        ? t(
            {
              id: 'audit.error.badRequestDetailCode',
              defaultMessage: 'HTTP 400 ({code}). Change the dates or the request id, then try again.',
            },
            { code },
          )
        : t({
            id: 'audit.error.badRequestDetail',
            defaultMessage: 'HTTP 400. Change the dates or the request id, then try again.',
          }),
      ...ids,
    };
  }
  return {
    denied: false,
    title: t({ id: 'audit.error.readFailed', defaultMessage: 'The audit log could not be read' }),
    detail: code
      ? t(
          { id: 'audit.error.httpDetailCode', defaultMessage: 'Graph answered HTTP {status} ({code}).' },
          { status: error.status, code },
        )
      : t(
          { id: 'audit.error.httpDetail', defaultMessage: 'Graph answered HTTP {status}.' },
          { status: error.status },
        ),
    ...ids,
  };
}
