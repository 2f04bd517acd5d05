// Small helpers shared by the emulator's servers (plain node:http, no framework).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as h2, type Http2ServerRequest } from 'node:http2';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Reads the whole request body as text; rejects bodies over 4 MiB. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

/** Escapes text for an HTML text node or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function parseCookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** The request's URL, resolved against the server's own origin. */
export function requestUrl(req: IncomingMessage, origin: string): URL {
  return new URL(req.url ?? '/', origin);
}

/**
 * Ends a call without an answer, as a lost connection would, without the browser sending it a
 * second time on its own (so the emulator sees each call the page made exactly once):
 * - over HTTP/2, only this call's stream is reset (RST_STREAM, INTERNAL_ERROR); its siblings on
 *   the connection are answered. Chromium retries a stream on its own only after REFUSED_STREAM
 *   or a GOAWAY that did not cover it, so the page sees a network error, once;
 * - over HTTP/1.1, browsers re-send a request by themselves when a reused keep-alive connection
 *   closes before any byte of an answer (it may never have arrived). Before the call is applied
 *   that is harmless and a bare destroy is used; after it was applied, the first bytes of a
 *   status line go out and then nothing: a call whose answer had begun is never re-sent, and its
 *   outcome is truly unknown to the page.
 */
export function dropCall(req: IncomingMessage, point: 'beforeApply' | 'afterApply'): void {
  const stream = (req as unknown as Partial<Http2ServerRequest>).stream;
  if (stream) {
    stream.close(h2.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  if (point === 'afterApply') {
    req.socket.end('HTTP/1.1 2', () => req.socket.destroy());
    setTimeout(() => req.socket.destroy(), 50).unref();
  } else req.socket.destroy();
}
