// Test support: a scripted stand-in for fetch, injected through GraphClientOptions.fetch. Not
// imported by app code. Each call is recorded as the Graph client made it, so tests can check the
// URL, method, headers and body without a network.

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
  init: RequestInit | undefined;
}

/** What one call answers: a Response, an error to reject with, or a function of the call. */
export type FakeStep =
  Response | Error | ((call: RecordedCall) => Response | Error | Promise<Response | Error>);

export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
}

/**
 * Answers calls in order from `steps`; with `fallback`, calls past the script use it, otherwise they
 * fail the test. A call whose signal is already aborted rejects with an AbortError, like fetch.
 */
export function fakeFetch(steps: FakeStep[], fallback?: FakeStep): FakeFetch {
  const calls: RecordedCall[] = [];
  let next = 0;
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call: RecordedCall = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? undefined,
      init,
    };
    calls.push(call);
    if (call.signal?.aborted) throw abortError();
    const step = steps[next++] ?? fallback;
    if (step === undefined) throw new Error(`fakeFetch: unexpected call ${call.method} ${call.url}`);
    const answer = typeof step === 'function' ? await step(call) : step;
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return { fetch: fn, calls };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers });
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

export function graphErrorResponse(
  status: number,
  code: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(
    status,
    { error: { code, message: `${code} happened`, innerError: { 'request-id': `rid-${status}` } } },
    headers,
  );
}

/** What fetch rejects with when offline, blocked by CORS or refused. */
export function networkError(): TypeError {
  return new TypeError('Failed to fetch');
}

export function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}
