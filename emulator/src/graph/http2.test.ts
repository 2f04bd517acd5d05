// Graph is served over HTTP/2 (as graph.microsoft.com is) with HTTP/1.1 for clients that do not
// offer h2; a dropped call resets only its own stream, so its siblings on the connection answer
// and the browser has nothing to re-send on its own.
import { readFile } from 'node:fs/promises';
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmulator, V1 } from '../control/test-harness.ts';
import type { LogEntry } from '../request-log.ts';

const h = useEmulator({ tls: true });
let session: ClientHttp2Session | undefined;

afterEach(() => {
  session?.close();
  session = undefined;
});

async function trustedCa(): Promise<string> {
  const path = h.emulator().certPath;
  if (!path) throw new Error('the emulator runs without TLS');
  return readFile(path, 'utf8');
}

interface StreamAnswer {
  status?: number;
  body: string;
  /** The RST_STREAM code when the server reset the stream, 0 when it ended normally. */
  rstCode: number;
}

function call(s: ClientHttp2Session, method: string, path: string, token: string): Promise<StreamAnswer> {
  return new Promise((resolve) => {
    const stream = s.request({ ':method': method, ':path': path, authorization: `Bearer ${token}` });
    const answer: StreamAnswer = { body: '', rstCode: 0 };
    stream.on('response', (headers) => (answer.status = Number(headers[':status'])));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (answer.body += chunk));
    // A reset stream emits 'error' before 'close'; the code is what matters here.
    stream.on('error', () => undefined);
    stream.on('close', () => resolve({ ...answer, rstCode: stream.rstCode ?? 0 }));
    stream.end();
  });
}

describe('Graph over HTTP/2', () => {
  it('negotiates h2, and still answers an HTTP/1.1 client', { timeout: 30_000 }, async () => {
    const ca = await trustedCa();
    const token = await h.token('avery');
    session = connect(h.emulator().graphOrigin, { ca });
    const list = await call(session, 'GET', `${V1}`, token);
    expect((session.socket as TLSSocket).alpnProtocol).toBe('h2');
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toHaveProperty('value');

    const http1 = await new Promise<{ status: number; version: string }>((resolve, reject) => {
      const req = request(
        `${h.emulator().graphOrigin}${V1}`,
        { ca, headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, version: res.httpVersion });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(http1).toEqual({ status: 200, version: '1.1' });
  });

  it(
    'a drop after the call was applied resets that stream only: the others on the connection answer',
    { timeout: 30_000 },
    async () => {
      const [target, other] = await h.storeRequests('?state=deliveryFailed');
      if (!target || !other) throw new Error('the demo tenant has no failed requests');
      await h.controlJson('/faults', 'POST', {
        path: `/assignmentRequests/${target.id}/reprocess$`,
        kind: 'drop',
        after: 'apply',
        latencyMs: 200,
      });
      const token = await h.token('avery');
      session = connect(h.emulator().graphOrigin, { ca: await trustedCa() });
      const [dropped, sibling] = await Promise.all([
        call(session, 'POST', `${V1}/${target.id}/reprocess`, token),
        call(session, 'GET', `${V1}/${other.id}`, token),
      ]);
      expect(dropped.status).toBeUndefined();
      expect(dropped.rstCode).toBe(constants.NGHTTP2_INTERNAL_ERROR);
      expect(sibling).toMatchObject({ status: 200, rstCode: 0 });
      expect(session.closed || session.destroyed).toBe(false);

      const log = (await h.controlJson<{ value: LogEntry[] }>('/log')).value;
      const posts = log.filter((e) => e.method === 'POST' && e.path.endsWith(`${target.id}/reprocess`));
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({ status: 0, dropped: 'afterApply' });
    },
  );
});
