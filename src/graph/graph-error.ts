// The one error type for everything that goes wrong talking to Microsoft Graph. Only the Graph
// client creates it; the UI turns it into words in one place and shows the two ids Microsoft
// support asks for (request-id and client-request-id).

import { t } from '../i18n/i18n';
import { isRecord } from '../lib/is-record';

export type GraphErrorKind =
  /** Graph (or a proxy in front of it) answered with a non-2xx status. */
  | 'http'
  /** No HTTP answer at all: DNS, TLS, CORS refusal, connection reset, offline. `status` is 0. */
  | 'network'
  /** A 2xx answer whose body is not what Graph documents (bad JSON, `value` not an array, foreign nextLink). */
  | 'malformed'
  /** The caller's AbortSignal fired. Not a failure to show: the caller asked for it. `status` is 0. */
  | 'aborted';

export interface GraphErrorInit {
  kind: GraphErrorKind;
  status: number;
  clientRequestId: string;
  code?: string;
  graphMessage?: string;
  requestId?: string;
  date?: string;
  retryAfterSeconds?: number;
  claims?: string;
  attempts?: number;
  message?: string;
  cause?: unknown;
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly kind: GraphErrorKind;
  /** HTTP status, or 0 when there was no HTTP answer (network, aborted). */
  readonly status: number;
  /** Graph's `error.code`; may be '' (Graph sends empty codes) and is '' when the body was not Graph JSON. */
  readonly code: string;
  /** Graph's `error.message`: for logs and support, not for end users, and never to branch on. */
  readonly graphMessage: string;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly date?: string;
  /** From a readable Retry-After header; browsers usually cannot read it (Graph does not expose it). */
  readonly retryAfterSeconds?: number;
  /**
   * A claims challenge (Conditional Access, continuous access evaluation): the decoded `claims` of
   * a 401's `WWW-Authenticate: Bearer error="insufficient_claims", claims="<base64>"`, ready to pass
   * to MSAL as `claims`.
   */
  readonly claims?: string;
  /** HTTP attempts made before giving up: 1 when not retried, 0 when aborted before sending. */
  readonly attempts: number;

  constructor(init: GraphErrorInit) {
    super(init.message ?? defaultMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code ?? '';
    this.graphMessage = init.graphMessage ?? '';
    this.clientRequestId = init.clientRequestId;
    this.attempts = init.attempts ?? 1;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.date !== undefined) this.date = init.date;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.claims !== undefined) this.claims = init.claims;
  }
}

export function isGraphError(e: unknown): e is GraphError {
  return e instanceof GraphError;
}

/**
 * Builds the error for a non-2xx answer. Tolerates anything in the body: Graph's documented
 * `{ error: { code, message, innerError } }`, an empty code, OAuth-style `{ error: "x" }`, an HTML
 * page from a gateway, an empty body, or fields of the wrong type.
 */
export function graphErrorFromResponse(
  status: number,
  bodyText: string,
  headers: Headers,
  clientRequestId: string,
  attempts = 1,
): GraphError {
  const body = parseJson(bodyText);
  const error = isRecord(body) ? body.error : undefined;

  let code = '';
  let graphMessage = '';
  let inner: Record<string, unknown> | undefined;
  if (isRecord(error)) {
    code = stringOr(error.code, '');
    graphMessage = stringOr(error.message, '');
    const innerRaw = error.innerError ?? error.innererror;
    inner = isRecord(innerRaw) ? innerRaw : undefined;
  } else if (typeof error === 'string' && isRecord(body)) {
    // Token endpoints and some gateways answer OAuth-style.
    code = error;
    graphMessage = stringOr(body.error_description, '');
  }

  // innerError first: a browser can only read the headers Graph lists in Access-Control-Expose-Headers.
  const requestId = nonEmpty(inner?.['request-id']) ?? nonEmpty(headers.get('request-id'));
  const date = nonEmpty(inner?.date) ?? nonEmpty(headers.get('date'));
  const echoedClientRequestId =
    nonEmpty(inner?.['client-request-id']) ?? nonEmpty(headers.get('client-request-id'));
  const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
  const claims = status === 401 ? parseClaimsChallenge(headers.get('www-authenticate')) : undefined;

  return new GraphError({
    kind: 'http',
    status,
    code,
    graphMessage,
    // Ours when we sent one: it is the id we also recorded; Graph's echo is the fallback.
    clientRequestId: clientRequestId !== '' ? clientRequestId : (echoedClientRequestId ?? ''),
    attempts,
    ...(requestId !== undefined && { requestId }),
    ...(date !== undefined && { date }),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    ...(claims !== undefined && { claims }),
  });
}

/**
 * The claims of a claims challenge, decoded: `Bearer authorization_uri="…", error="insufficient_claims",
 * claims="eyJhY2Nlc3NfdG9rZW4iOnsi…"` (Microsoft identity platform, "Claims challenges, claims
 * requests and client capabilities"). Undefined for any other WWW-Authenticate value.
 */
export function parseClaimsChallenge(header: string | null): string | undefined {
  if (!header) return undefined;
  const params = new Map<string, string>();
  for (const m of header.matchAll(/([a-z_]+)\s*=\s*"([^"]*)"/gi)) params.set(m[1]!.toLowerCase(), m[2]!);
  if (params.get('error') !== 'insufficient_claims') return undefined;
  const encoded = params.get('claims');
  if (!encoded) return undefined;
  try {
    const text = new TextDecoder().decode(
      Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3). Graph sends seconds and
 * sometimes fractional ones ("2.128"), which the RFC does not allow but we accept.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds : undefined;
  }
  // Only date-like text: Date.parse accepts odd inputs such as "1" or "-5".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - now) / 1000);
}

/**
 * The error's own words, in the language in use when it happened (they reach the screen as the
 * detail of an outcome). Graph's code and message stay as Graph sent them.
 */
function defaultMessage(init: GraphErrorInit): string {
  switch (init.kind) {
    case 'network':
      return t({
        id: 'graphError.network',
        defaultMessage: 'Could not reach Microsoft Graph (no answer: offline, blocked or refused).',
      });
    case 'aborted':
      return t({ id: 'graphError.aborted', defaultMessage: 'The request to Microsoft Graph was cancelled.' });
    case 'malformed':
      return t(
        {
          id: 'graphError.malformed',
          defaultMessage:
            'Microsoft Graph answered HTTP {status} with a response that could not be understood.',
        },
        { status: init.status },
      );
    case 'http': {
      const values = { status: init.status, code: init.code ?? '', message: init.graphMessage ?? '' };
      if (init.code && init.graphMessage)
        return t(
          {
            id: 'graphError.httpCodeMessage',
            defaultMessage: 'Microsoft Graph answered HTTP {status} {code}: {message}',
          },
          values,
        );
      if (init.code)
        return t(
          { id: 'graphError.httpCode', defaultMessage: 'Microsoft Graph answered HTTP {status} {code}' },
          values,
        );
      if (init.graphMessage)
        return t(
          {
            id: 'graphError.httpMessage',
            defaultMessage: 'Microsoft Graph answered HTTP {status}: {message}',
          },
          values,
        );
      return t({ id: 'graphError.http', defaultMessage: 'Microsoft Graph answered HTTP {status}' }, values);
    }
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
