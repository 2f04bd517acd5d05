// The ids Microsoft support asks for, named in the language in use. Its own module: the queue's
// first screen says them too, without loading the message bars of load-failure-bar.tsx.
import { t } from '../../../i18n/i18n';
import type { LoadFailure } from '../load-failure';

/** The ids support asks for, each named: "Graph error code …", "request-id …", "client-request-id …". */
export function supportIds(failure: Pick<LoadFailure, 'code' | 'requestId' | 'clientRequestId'>): string[] {
  return [
    failure.code
      ? t({ id: 'queue.ids.code', defaultMessage: 'Graph error code {code}' }, { code: failure.code })
      : '',
    failure.requestId
      ? t({ id: 'queue.ids.requestId', defaultMessage: 'request-id {id}' }, { id: failure.requestId })
      : '',
    failure.clientRequestId
      ? t(
          { id: 'queue.ids.clientRequestId', defaultMessage: 'client-request-id {id}' },
          { id: failure.clientRequestId },
        )
      : '',
  ].filter(Boolean);
}
