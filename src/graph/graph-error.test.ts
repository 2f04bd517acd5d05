import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphError, graphErrorFromResponse, isGraphError, parseRetryAfter } from './graph-error';

const CRID = 'e70c5c1b-8b47-68c0-3171-3d22f5e0bd54';

function graphBody(error: unknown): string {
  return JSON.stringify({ error });
}

describe('graphErrorFromResponse', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads code, message and the innerError ids of a documented Graph error', () => {
    const body = graphBody({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      innerError: {
        date: '2025-02-13T10:17:06',
        'request-id': '93b6f17e-c05d-4f45-ad2a-6665c708d8a0',
        'client-request-id': CRID,
      },
    });
    const e = graphErrorFromResponse(403, body, new Headers(), CRID);
    expect(e).toBeInstanceOf(GraphError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('GraphError');
    expect(e.kind).toBe('http');
    expect(e.status).toBe(403);
    expect(e.code).toBe('Authorization_RequestDenied');
    expect(e.graphMessage).toBe('Insufficient privileges to complete the operation.');
    expect(e.requestId).toBe('93b6f17e-c05d-4f45-ad2a-6665c708d8a0');
    expect(e.clientRequestId).toBe(CRID);
    expect(e.date).toBe('2025-02-13T10:17:06');
    expect(e.retryAfterSeconds).toBeUndefined();
    expect(e.attempts).toBe(1);
    expect(e.message).toContain('403');
    expect(e.message).toContain('Authorization_RequestDenied');
  });

  it('keeps an empty code as the empty string', () => {
    const e = graphErrorFromResponse(400, graphBody({ code: '', message: 'Bad thing' }), new Headers(), CRID);
    expect(e.code).toBe('');
    expect(e.graphMessage).toBe('Bad thing');
    expect(e.message).toBe('Microsoft Graph answered HTTP 400: Bad thing');
  });

  it('accepts the lower-case innererror spelling', () => {
    const body = graphBody({ code: 'x', innererror: { 'request-id': 'rid-lower' } });
    expect(graphErrorFromResponse(500, body, new Headers(), CRID).requestId).toBe('rid-lower');
  });

  it.each([
    ['an empty body', ''],
    ['whitespace', '  \n '],
    ['an HTML error page', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['plain text', 'upstream connect error or disconnect/reset before headers'],
    ['truncated JSON', '{"error":{"code":"Too'],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"error"'],
    ['an object without error', '{"message":"nope"}'],
  ])('tolerates %s: empty code and message, status kept', (_name, body) => {
    const e = graphErrorFromResponse(502, body, new Headers(), CRID);
    expect(e.kind).toBe('http');
    expect(e.status).toBe(502);
    expect(e.code).toBe('');
    expect(e.graphMessage).toBe('');
    expect(e.clientRequestId).toBe(CRID);
    expect(e.message).toBe('Microsoft Graph answered HTTP 502');
    // The HTML never leaks into what the UI may show.
    expect(e.message).not.toContain('<');
  });

  it('turns wrong-typed fields into empty strings and undefined', () => {
    const body = graphBody({
      code: 42,
      message: { text: 'x' },
      innerError: { 'request-id': 7, date: false, 'client-request-id': null },
    });
    const e = graphErrorFromResponse(400, body, new Headers(), CRID);
    expect(e.code).toBe('');
    expect(e.graphMessage).toBe('');
    expect(e.requestId).toBeUndefined();
    expect(e.date).toBeUndefined();
  });

  it('ignores an innerError that is not an object', () => {
    const e = graphErrorFromResponse(400, graphBody({ code: 'c', innerError: 'oops' }), new Headers(), CRID);
    expect(e.code).toBe('c');
    expect(e.requestId).toBeUndefined();
  });

  it('reads an OAuth-style error body', () => {
    const body = JSON.stringify({ error: 'invalid_token', error_description: 'The token is expired.' });
    const e = graphErrorFromResponse(401, body, new Headers(), CRID);
    expect(e.code).toBe('invalid_token');
    expect(e.graphMessage).toBe('The token is expired.');
  });

  it('falls back to the request-id and date headers when innerError lacks them', () => {
    const headers = new Headers({ 'request-id': 'from-header', date: 'Thu, 13 Feb 2025 10:17:06 GMT' });
    const e = graphErrorFromResponse(404, graphBody({ code: 'NotFound', message: '' }), headers, CRID);
    expect(e.requestId).toBe('from-header');
    expect(e.date).toBe('Thu, 13 Feb 2025 10:17:06 GMT');
    const html = graphErrorFromResponse(504, '<html></html>', headers, CRID);
    expect(html.requestId).toBe('from-header');
  });

  it('prefers innerError request-id over the header', () => {
    const headers = new Headers({ 'request-id': 'from-header' });
    const body = graphBody({ code: 'x', innerError: { 'request-id': 'from-body' } });
    expect(graphErrorFromResponse(500, body, headers, CRID).requestId).toBe('from-body');
  });

  it('treats an empty request-id as absent', () => {
    const headers = new Headers({ 'request-id': '' });
    const body = graphBody({ code: 'x', innerError: { 'request-id': '' } });
    expect(graphErrorFromResponse(500, body, headers, CRID).requestId).toBeUndefined();
  });

  it('keeps the client-request-id we sent, and uses the echo only when we have none', () => {
    const body = graphBody({ code: 'x', innerError: { 'client-request-id': 'echoed' } });
    expect(graphErrorFromResponse(500, body, new Headers(), CRID).clientRequestId).toBe(CRID);
    expect(graphErrorFromResponse(500, body, new Headers(), '').clientRequestId).toBe('echoed');
    const header = new Headers({ 'client-request-id': 'from-header' });
    expect(graphErrorFromResponse(500, '', header, '').clientRequestId).toBe('from-header');
  });

  it('reads the documented 429 body and an integer Retry-After', () => {
    const body = JSON.stringify({
      error: {
        code: 'TooManyRequests',
        innerError: {
          code: '429',
          date: '2020-08-18T12:51:51',
          message: 'Please retry after',
          'request-id': '94fb3b52-452a-4535-a601-69e0a90e3aa2',
          status: '429',
        },
        message: 'Please retry again later.',
      },
    });
    const e = graphErrorFromResponse(429, body, new Headers({ 'Retry-After': '10' }), CRID);
    expect(e.code).toBe('TooManyRequests');
    expect(e.requestId).toBe('94fb3b52-452a-4535-a601-69e0a90e3aa2');
    expect(e.retryAfterSeconds).toBe(10);
  });

  it('reads a fractional Retry-After', () => {
    const e = graphErrorFromResponse(429, '', new Headers({ 'Retry-After': '2.128' }), CRID);
    expect(e.retryAfterSeconds).toBeCloseTo(2.128);
  });

  it('reads an HTTP-date Retry-After relative to now', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-02-13T10:00:00Z'));
    const e = graphErrorFromResponse(
      503,
      '',
      new Headers({ 'Retry-After': 'Thu, 13 Feb 2025 10:00:30 GMT' }),
      CRID,
    );
    expect(e.retryAfterSeconds).toBe(30);
  });

  it('records how many attempts were made', () => {
    expect(graphErrorFromResponse(503, '', new Headers(), CRID, 4).attempts).toBe(4);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-02-13T10:00:00Z');

  it.each([
    ['0', 0],
    ['120', 120],
    [' 7 ', 7],
    ['2.128', 2.128],
    ['Thu, 13 Feb 2025 10:01:00 GMT', 60],
    ['Thu, 13 Feb 2025 09:00:00 GMT', 0], // a date in the past means "now"
  ])('%j -> %s seconds', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBeCloseTo(expected);
  });

  it.each([null, '', '   ', '-5', '1e3', 'soon', '12abc', '.5', 'NaN', 'Infinity'])(
    'an unreadable %j is undefined',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );
});

describe('GraphError', () => {
  it('has a readable default message per kind', () => {
    expect(new GraphError({ kind: 'network', status: 0, clientRequestId: CRID }).message).toMatch(
      /Could not reach Microsoft Graph/,
    );
    expect(new GraphError({ kind: 'aborted', status: 0, clientRequestId: CRID }).message).toMatch(
      /cancelled/,
    );
    expect(new GraphError({ kind: 'malformed', status: 200, clientRequestId: CRID }).message).toMatch(
      /HTTP 200.*could not be understood/,
    );
  });

  it('keeps the cause', () => {
    const cause = new TypeError('Failed to fetch');
    const e = new GraphError({ kind: 'network', status: 0, clientRequestId: CRID, cause });
    expect(e.cause).toBe(cause);
  });

  it('isGraphError tells it apart from other errors', () => {
    expect(isGraphError(new GraphError({ kind: 'network', status: 0, clientRequestId: CRID }))).toBe(true);
    expect(isGraphError(new Error('x'))).toBe(false);
    expect(isGraphError({ kind: 'http', status: 500 })).toBe(false);
    expect(isGraphError(undefined)).toBe(false);
  });
});
