// A small typed fetch client for Microsoft Graph. No SDK: the JS SDK v3 mangles /v1.0 batch URLs
// and is slated for deprecation, and its Kiota successor has no MSAL-browser provider (see
// /work/shared/graph-contract.md section 6).

import type { GraphApiVersion } from '../config/app-config';
import { GraphError, graphErrorFromResponse } from './graph-error';
import { abortableSleep } from './abortable-sleep';
import { randomUuid } from '../lib/random-uuid';
import { t } from '../i18n/i18n';

export interface RetryPolicy {
  /** Total HTTP attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on the total time spent waiting between attempts of one call. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  budgetMs: 20_000,
};

export interface AttemptInfo {
  method: string;
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** HTTP status, or 0 when there was no answer. */
  status: number;
  clientRequestId: string;
}

export interface GraphClientOptions {
  /** Graph origin without version, e.g. `https://graph.microsoft.com`. */
  baseUrl: string;
  apiVersion: GraphApiVersion;
  /** Called before every attempt, so a token renewed during a backoff is picked up. */
  getAccessToken(scopes: readonly string[]): Promise<string>;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Must reject when the signal fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1), like Math.random. */
  random?: () => number;
  /** A fresh client-request-id (a UUID). */
  newId?: () => string;
  /** Observes every HTTP attempt (status 0 when there was no answer), e.g. for a request log. */
  onAttempt?: (info: AttemptInfo) => void;
}

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphRequest {
  method: GraphMethod;
  /**
   * A path relative to the version (`/identityGovernance/...`), or an absolute https URL such as an
   * `@odata.nextLink`, which must be on the configured Graph origin.
   */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  scopes: readonly string[];
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface GraphResponse<T> {
  status: number;
  /** The parsed JSON body; undefined when the answer had no body (202, 204). */
  data: T | undefined;
  requestId?: string;
  clientRequestId: string;
  attempts: number;
}

export interface GraphPage<T> {
  items: T[];
  /** 0 for the first page. */
  pageIndex: number;
  nextLink?: string;
}

export interface GraphClient {
  readonly apiVersion: GraphApiVersion;
  /**
   * One logical call, retried on throttling and transient failures. Rejects only with a
   * GraphError, except that errors from `getAccessToken` (MSAL's, e.g. interaction required)
   * pass through untouched so the auth layer can act on them. A fired AbortSignal rejects with a
   * GraphError of kind 'aborted' (never a DOMException), so callers check `kind`.
   */
  request<T>(req: GraphRequest): Promise<GraphResponse<T>>;
  /**
   * Every page of a collection, following `@odata.nextLink` until absent, yielded as each arrives.
   * With `readAhead`, the next page is requested as soon as its link is known, before the current
   * one is handed over; leave it off where each read counts against a tight limit (audit logs).
   */
  pages<T>(req: GraphRequest, opts?: { readAhead?: boolean }): AsyncGenerator<GraphPage<T>>;
}

// Throttling and transient gateway/service failures (Graph throttling and error docs).
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
// For writes only the answers that say "not done, come back later": after a 500/502/504 or no
// answer at all, a POST may already have been applied, and repeating it blindly could act twice
// (a second reprocess of a request that is already delivering is refused with a 4xx, which would
// hide that the first one worked). The user can retry with the result in front of them.
const RETRYABLE_WRITE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

function isRetryable(method: GraphMethod, error: GraphError): boolean {
  if (error.kind === 'network') return method === 'GET';
  if (error.kind !== 'http') return false;
  return (method === 'GET' ? RETRYABLE_STATUSES : RETRYABLE_WRITE_STATUSES).has(error.status);
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(baseUrl).origin;
  const versionRoot = `${baseUrl}/${opts.apiVersion}`;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  // Called as a plain function, not as a method of `opts`: a browser's fetch throws
  // "Illegal invocation" when `this` is some other object.
  const fetchFn: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const newId = opts.newId ?? randomUuid;

  function buildUrl(req: GraphRequest, clientRequestId: string): string {
    let url: string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(req.path)) {
      const parsed = parseUrl(req.path);
      // The bearer token must only ever go to the configured Graph: a nextLink is data from the
      // network, and following one to another origin would hand that origin the token.
      if (!parsed || parsed.protocol !== 'https:' || parsed.origin !== baseOrigin) {
        throw new GraphError({
          kind: 'malformed',
          status: 0,
          clientRequestId,
          attempts: 0,
          message: parsed
            ? t(
                {
                  id: 'graphError.untrustedOrigin',
                  defaultMessage: 'Refusing to call {origin}: only {trusted} is trusted with the token.',
                },
                { origin: parsed.origin, trusted: baseOrigin },
              )
            : t(
                {
                  id: 'graphError.invalidUrl',
                  defaultMessage:
                    'Refusing to call an invalid URL: only {trusted} is trusted with the token.',
                },
                { trusted: baseOrigin },
              ),
        });
      }
      url = parsed.href;
    } else {
      url = `${versionRoot}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
    }
    const query = encodeQuery(req.query);
    if (query !== '') url += (url.includes('?') ? '&' : '?') + query;
    return url;
  }

  function buildHeaders(req: GraphRequest, token: string, clientRequestId: string): Headers {
    const headers = new Headers(req.headers);
    // ConsistencyLevel switches Graph to advanced query mode, which entitlement management does
    // not document; never send it.
    headers.delete('ConsistencyLevel');
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept', 'application/json');
    headers.set('client-request-id', clientRequestId);
    if (req.body !== undefined) headers.set('Content-Type', 'application/json');
    return headers;
  }

  async function request<T>(req: GraphRequest): Promise<GraphResponse<T>> {
    // One id per logical call, reused across its retries, so Graph's logs and ours tie every
    // attempt of this call together (the id Microsoft support asks for).
    const clientRequestId = newId();
    const url = buildUrl(req, clientRequestId);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    let attempt = 0;
    let waitedMs = 0;
    // `made`: HTTP attempts actually sent, so an abort before sending does not count one.
    const aborted = (cause: unknown, made = attempt): GraphError =>
      new GraphError({ kind: 'aborted', status: 0, clientRequestId, attempts: made, cause });

    for (;;) {
      attempt += 1;
      if (req.signal?.aborted) throw aborted(req.signal.reason, attempt - 1);
      // Per attempt: a token can expire or be renewed while we back off.
      const token = await opts.getAccessToken(req.scopes);
      if (req.signal?.aborted) throw aborted(req.signal.reason, attempt - 1);

      const outcome = await attemptOnce(req, url, body, token, clientRequestId, attempt);
      if (outcome.kind === 'aborted') throw aborted(outcome.cause);
      if (outcome.kind === 'ok') {
        return {
          status: outcome.response.status,
          data: outcome.data as T | undefined,
          clientRequestId,
          attempts: attempt,
          ...(outcome.requestId !== undefined && { requestId: outcome.requestId }),
        };
      }
      const failure = outcome.error;
      if (!isRetryable(req.method, failure)) throw failure;
      if (attempt >= policy.maxAttempts) throw failure;
      const delay = backoffDelay(attempt, failure.retryAfterSeconds, policy.budgetMs - waitedMs);
      if (delay === undefined) throw failure;
      try {
        await sleep(delay, req.signal);
      } catch (e) {
        if (req.signal?.aborted || isAbortError(e)) throw aborted(e);
        throw e;
      }
      waitedMs += delay;
    }
  }

  type Outcome =
    | { kind: 'ok'; response: Response; data: unknown; requestId: string | undefined }
    | { kind: 'failed'; error: GraphError }
    | { kind: 'aborted'; cause: unknown };

  async function attemptOnce(
    req: GraphRequest,
    url: string,
    body: string | undefined,
    token: string,
    clientRequestId: string,
    attempt: number,
  ): Promise<Outcome> {
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, {
        method: req.method,
        headers: buildHeaders(req, token, clientRequestId),
        body,
        signal: req.signal,
      });
      text = await response.text();
    } catch (e) {
      report(req.method, url, attempt, 0, clientRequestId);
      if (req.signal?.aborted || isAbortError(e)) return { kind: 'aborted', cause: e };
      return {
        kind: 'failed',
        error: new GraphError({ kind: 'network', status: 0, clientRequestId, attempts: attempt, cause: e }),
      };
    }
    report(req.method, url, attempt, response.status, clientRequestId);
    const requestId = headerValue(response.headers, 'request-id');
    if (!response.ok) {
      return {
        kind: 'failed',
        error: graphErrorFromResponse(response.status, text, response.headers, clientRequestId, attempt),
      };
    }
    if (text.trim() === '') return { kind: 'ok', response, data: undefined, requestId };
    try {
      return { kind: 'ok', response, data: JSON.parse(text) as unknown, requestId };
    } catch (e) {
      return {
        kind: 'failed',
        error: new GraphError({
          kind: 'malformed',
          status: response.status,
          clientRequestId,
          attempts: attempt,
          cause: e,
          ...(requestId !== undefined && { requestId }),
        }),
      };
    }
  }

  /**
   * Full jitter (delay = random * min(maxDelay, base * 2^(attempt-1))), so many clients throttled
   * together do not retry in step. A readable Retry-After is a floor. Undefined when the waiting
   * budget cannot cover the next wait: waiting less than the server asked for would only be
   * throttled again.
   */
  function backoffDelay(
    attempt: number,
    retryAfterSeconds: number | undefined,
    budgetLeftMs: number,
  ): number | undefined {
    if (budgetLeftMs <= 0) return undefined;
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    const jitter = Math.floor(random() * cap);
    if (retryAfterSeconds !== undefined) {
      const serverMs = Math.ceil(retryAfterSeconds * 1000);
      if (serverMs > budgetLeftMs) return undefined;
      return Math.max(serverMs, Math.min(jitter, budgetLeftMs));
    }
    return Math.min(jitter, budgetLeftMs);
  }

  function report(
    method: string,
    url: string,
    attempt: number,
    status: number,
    clientRequestId: string,
  ): void {
    opts.onAttempt?.({ method, url, attempt, status, clientRequestId });
  }

  async function* pages<T>(
    req: GraphRequest,
    { readAhead = false }: { readAhead?: boolean } = {},
  ): AsyncGenerator<GraphPage<T>> {
    const seen = new Set<string>();
    let pending = request<unknown>(req);
    for (let pageIndex = 0; ; pageIndex += 1) {
      const response = await pending;
      const malformed = (message: string): GraphError =>
        new GraphError({
          kind: 'malformed',
          status: response.status,
          clientRequestId: response.clientRequestId,
          attempts: response.attempts,
          message,
          ...(response.requestId !== undefined && { requestId: response.requestId }),
        });
      const data = response.data;
      if (typeof data !== 'object' || data === null || !Array.isArray((data as { value?: unknown }).value)) {
        throw malformed(
          t(
            {
              id: 'graphError.pageNoValue',
              defaultMessage: 'Page {page} from Microsoft Graph has no "value" array.',
            },
            { page: pageIndex + 1 },
          ),
        );
      }
      const record = data as { value: T[]; '@odata.nextLink'?: unknown };
      const link = record['@odata.nextLink'];
      if (link !== undefined && link !== null && (typeof link !== 'string' || link === '')) {
        throw malformed(
          t(
            {
              id: 'graphError.pageBadNextLink',
              defaultMessage: 'Page {page} from Microsoft Graph has an invalid "@odata.nextLink".',
            },
            { page: pageIndex + 1 },
          ),
        );
      }
      const nextLink = typeof link === 'string' ? link : undefined;
      if (nextLink === undefined) {
        yield { items: record.value, pageIndex };
        return;
      }
      // A nextLink pointing back at a page already read would loop for ever.
      if (seen.has(nextLink))
        throw malformed(
          t({
            id: 'graphError.nextLinkTwice',
            defaultMessage: 'Microsoft Graph returned the same "@odata.nextLink" twice.',
          }),
        );
      seen.add(nextLink);
      // The nextLink already carries the query ($filter, $expand, $skiptoken): send it whole.
      const { query: _query, body: _body, ...rest } = req;
      const next: GraphRequest = { ...rest, method: 'GET', path: nextLink };
      if (readAhead) {
        // One page ahead: the caller's work on this page overlaps the next round trip. Awaited
        // on the next turn; if the caller stops reading first, its failure goes unheard.
        pending = request<unknown>(next);
        pending.catch(() => undefined);
      }
      yield { items: record.value, pageIndex, nextLink };
      if (!readAhead) pending = request<unknown>(next);
    }
  }

  return { apiVersion: opts.apiVersion, request, pages };
}

/**
 * Encodes query parameters as RFC 3986 query components (space as %20, not '+', which OData
 * treats literally), leaving `$`, `,`, `(`, `)`, `/`, `:`, `'` and `@` readable: they are legal in
 * a query and keep `$filter=state eq 'x'` recognisable in logs.
 */
export function encodeQuery(query: Record<string, string> | undefined): string {
  if (!query) return '';
  return Object.entries(query)
    .map(([key, value]) => `${encodeComponent(key)}=${encodeComponent(value)}`)
    .join('&');
}

function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/%(24|2C|3A|2F|40)/gi, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers.get(name);
  return value === null || value.trim() === '' ? undefined : value;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
