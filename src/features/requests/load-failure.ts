// Words for a failed read (the details of one request, the access packages, one package's
// requests), shown inline where the data would be. Framework-free; reprocess answers have their
// own words in src/reprocess/outcomes.ts.

import { InteractionStartedError } from '../../auth/access-token';
import { isGraphError } from '../../graph/graph-error';
import { httpStatusText } from '../../graph/http-status';
import { t } from '../../i18n/i18n';

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

/**
 * `what` names the thing that could not be read, e.g. "this request" or "the access packages", in
 * the language in use (the caller translates it).
 */
export function describeLoadFailure(error: unknown, what: string): LoadFailure {
  if (error instanceof InteractionStartedError) {
    return {
      title: t({ id: 'load.signingIn', defaultMessage: 'Signing in again…' }),
      body: error.message,
      retryable: false,
      signingIn: true,
    };
  }
  if (!isGraphError(error)) {
    return {
      title: t({ id: 'load.failed', defaultMessage: 'Could not load {what}' }, { what }),
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
      title: t({ id: 'load.network.title', defaultMessage: 'Microsoft Graph could not be reached' }),
      body: t(
        {
          id: 'load.network.body',
          defaultMessage: 'No answer came back while loading {what}. Check the connection, then retry.',
        },
        { what },
      ),
      retryable: true,
      ...ids,
    };
  }
  if (error.kind === 'malformed') {
    return {
      title: t({ id: 'load.malformed.title', defaultMessage: 'Unexpected answer from Microsoft Graph' }),
      body: t(
        {
          id: 'load.malformed.body',
          defaultMessage: 'Graph answered in a form this dashboard does not understand while loading {what}.',
        },
        { what },
      ),
      retryable: true,
      ...ids,
    };
  }
  if (error.kind === 'aborted') {
    return {
      title: t({ id: 'load.aborted.title', defaultMessage: 'Loading was cancelled' }),
      body: t({ id: 'load.aborted.body', defaultMessage: 'Loading {what} was stopped.' }, { what }),
      retryable: true,
      ...ids,
    };
  }
  // "404 Not Found" stays as HTTP says it; the sentence around it is translated.
  const status = httpStatusText(error.status);
  switch (error.status) {
    case 400:
      return {
        title: t({ id: 'load.badId.title', defaultMessage: 'Graph refused the id ({status})' }, { status }),
        body: t(
          {
            id: 'load.badId.body',
            defaultMessage: 'Graph says the id is not valid, so it could not load {what}.',
          },
          { what },
        ),
        retryable: false,
        ...ids,
      };
    case 401:
      return {
        title: t(
          { id: 'load.signInRefused.title', defaultMessage: 'Sign-in not accepted ({status})' },
          { status },
        ),
        body: t({
          id: 'load.signInRefused.body',
          defaultMessage: 'Microsoft Graph did not accept your sign-in token. Sign out and sign in again.',
        }),
        retryable: false,
        ...ids,
      };
    case 403:
      return {
        title: t({ id: 'load.forbidden.title', defaultMessage: 'Not allowed ({status})' }, { status }),
        body: t(
          {
            id: 'load.forbidden.body',
            defaultMessage:
              "Graph refused to show {what}. Reading needs the permission EntitlementManagement.Read.All and an entitlement-management role that covers the access package's catalog.",
          },
          { what },
        ),
        retryable: false,
        ...ids,
      };
    case 404:
      return {
        title: t({ id: 'load.notFound.title', defaultMessage: 'Not found ({status})' }, { status }),
        body: t(
          {
            id: 'load.notFound.body',
            defaultMessage:
              'Graph has no record of {what}. It may have been removed, or the id may be mistyped.',
          },
          { what },
        ),
        retryable: false,
        ...ids,
      };
    case 429:
      return {
        title: t(
          { id: 'load.throttled.title', defaultMessage: 'Graph is throttling requests ({status})' },
          { status },
        ),
        body: t(
          {
            id: 'load.throttled.body',
            defaultMessage:
              'The dashboard retried and gave up for now. Wait a minute, then retry loading {what}.',
          },
          { what },
        ),
        retryable: true,
        ...ids,
      };
    default:
      return {
        title:
          error.status >= 500
            ? t(
                { id: 'load.unavailable.title', defaultMessage: 'Microsoft Graph is unavailable ({status})' },
                { status },
              )
            : t({ id: 'load.other.title', defaultMessage: 'Graph answered {status}' }, { status }),
        body: t(
          { id: 'load.other.body', defaultMessage: 'Loading {what} failed. Try again in a few minutes.' },
          { what },
        ),
        retryable: true,
        ...ids,
      };
  }
}
