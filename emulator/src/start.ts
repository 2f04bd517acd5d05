// Starts the three emulator servers on loopback: the identity provider and Graph (https, so
// MSAL accepts the authority) and the control API (http). Port 0 picks free ports; origins are
// known only after listening, so handlers are bound late.
//
// Graph is served over HTTP/2 (with HTTP/1.1 for clients that do not offer h2 in ALPN), as
// graph.microsoft.com is: a browser then multiplexes its calls over one connection instead of
// queueing them behind six HTTP/1.1 connections per host, which is what lets a bulk run keep
// more than six batches in flight. The identity provider stays on HTTPS/1.1 (its pages and
// token calls are few).
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createControlHandler, applySeed } from './control/control-server.ts';
import { CONTROL_PORT, GRAPH_PORT, HOST, IDP_PORT } from './endpoints.ts';
import { Faults } from './faults.ts';
import { createGraphHandler } from './graph/server.ts';
import type { Handler } from './http.ts';
import { createIdentity, type Identity } from './identity/identity.ts';
import { RequestLog } from './request-log.ts';
import { defaultSettings, type Settings } from './store/settings.ts';
import { Store } from './store/store.ts';
import { loadOrCreateCertificate } from './tls.ts';

export interface StartOptions {
  idpPort?: number;
  graphPort?: number;
  controlPort?: number;
  /** Default true. false serves plain http, for tests that talk to the servers from node. */
  tls?: boolean;
  /** No diagnostics on stderr. */
  quiet?: boolean;
}

export interface RunningEmulator {
  idpOrigin: string;
  graphOrigin: string;
  controlOrigin: string;
  /** Path of the certificate to trust; undefined without TLS. */
  certPath?: string;
  /** The identity provider, for tests that mint tokens directly. */
  identity: Identity;
  close(): Promise<void>;
}

type AnyServer = Server | Http2SecureServer;

/** Sockets still open on a server, so that close() can end them (HTTP/2 sessions included). */
function trackConnections(server: AnyServer): Set<Socket> {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return open;
}

function serve(server: AnyServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: AnyServer, open: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    for (const socket of open) socket.destroy();
  });
}

export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  const tls = opts.tls ?? true;
  const report = opts.quiet ? () => undefined : (m: string) => void process.stderr.write(`${m}\n`);
  const cert = tls ? await loadOrCreateCertificate() : undefined;

  const store = new Store();
  applySeed(store);
  let settings: Settings = defaultSettings();
  const faults = new Faults();
  const log = new RequestLog();
  let identity: Identity | undefined;

  // Handlers are bound after listening: each needs its own origin, known only then.
  const handlers: { idp?: Handler; graph?: Handler; control?: Handler } = {};
  const listener =
    (name: keyof typeof handlers) =>
    (request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse): void => {
      // The HTTP/2 compatibility API's request and response offer what the handlers use of
      // node:http's (headers, url, method, body stream, writeHead/end); dropCall() tells them apart.
      const req = request as IncomingMessage;
      const res = response as ServerResponse;
      const handler = handlers[name];
      if (!handler) {
        res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('starting');
        return;
      }
      handler(req, res).catch((err: unknown) => {
        report(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    };
  const make = (name: keyof typeof handlers, secure: 'h2' | 'h1' | false): AnyServer =>
    secure && cert
      ? secure === 'h2'
        ? createSecureServer({ cert: cert.cert, key: cert.key, allowHTTP1: true }, listener(name))
        : createHttpsServer({ cert: cert.cert, key: cert.key }, listener(name))
      : createHttpServer(listener(name));

  const idpServer = make('idp', 'h1');
  const graphServer = make('graph', 'h2');
  const controlServer = make('control', false);
  const servers = [idpServer, graphServer, controlServer].map((server) => ({
    server,
    open: trackConnections(server),
  }));
  try {
    const scheme = tls ? 'https' : 'http';
    // "localhost" in the https origins: the certificate names it and MSAL's knownAuthorities uses it.
    const idpOrigin = `${scheme}://localhost:${await serve(idpServer, opts.idpPort ?? IDP_PORT)}`;
    const graphOrigin = `${scheme}://localhost:${await serve(graphServer, opts.graphPort ?? GRAPH_PORT)}`;
    const controlOrigin = `http://${HOST}:${await serve(controlServer, opts.controlPort ?? CONTROL_PORT)}`;

    const id = await createIdentity({
      origin: idpOrigin,
      accessTokenLifetimeSeconds: () => settings.accessTokenLifetimeSeconds,
    });
    identity = id;
    handlers.idp = id.handle;
    handlers.graph = createGraphHandler({
      origin: graphOrigin,
      store,
      settings: () => settings,
      faults,
      log,
      tokens: () => identity,
      report,
    });
    handlers.control = createControlHandler({
      origin: controlOrigin,
      store,
      faults,
      log,
      getSettings: () => settings,
      setSettings: (s) => {
        settings = s;
      },
      resetIdentity: () => id.reset(),
      revokeSessions: (userIds) => id.revokeSessions(userIds),
      grant: (body, granted) => id.grant(body, granted),
      origins: () => ({ idpOrigin, graphOrigin, controlOrigin }),
    });

    return {
      idpOrigin,
      graphOrigin,
      controlOrigin,
      ...(cert ? { certPath: cert.certPath } : {}),
      identity: id,
      close: async () => {
        store.cancelDeliveries();
        await Promise.all(servers.map((s) => close(s.server, s.open)));
      },
    };
  } catch (err) {
    store.cancelDeliveries();
    await Promise.all(servers.map((s) => close(s.server, s.open)));
    throw err;
  }
}
