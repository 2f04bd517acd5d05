// Graph's error body (concepts/errors.md): code, message and innerError with the date (no
// milliseconds, no zone, as in Microsoft's examples), request-id and client-request-id.
import type { GraphRequest, GraphResponse } from './types.ts';

export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function innerErrorDate(ms: number = Date.now()): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function graphError(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): GraphResponse {
  return {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: innerErrorDate(),
          'request-id': req.requestId,
          'client-request-id': req.clientRequestId,
        },
      },
    },
  };
}

/** Graph's throttling body (concepts/throttling.md): innerError also carries code/status/message. */
export function throttledError(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  retryAfterSeconds: number,
): GraphResponse {
  return {
    status: 429,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, 'Retry-After': String(retryAfterSeconds) },
    body: {
      error: {
        code: 'TooManyRequests',
        innerError: {
          code: '429',
          date: innerErrorDate(),
          message: 'Please retry after',
          'request-id': req.requestId,
          status: '429',
          'client-request-id': req.clientRequestId,
        },
        message: 'Please retry again later.',
      },
    },
  };
}

/** An OData query problem: Graph answers these as 400 BadRequest. */
export class ODataError extends Error {
  constructor(
    message: string,
    readonly code: string = 'BadRequest',
    readonly status: number = 400,
  ) {
    super(message);
  }
}
