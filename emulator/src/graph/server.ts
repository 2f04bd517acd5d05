// The Graph emulator's HTTP entry: CORS as Graph does it, request and client-request ids on
// every answer, faults, the request log, and the routes of this app's slice of Graph.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import type { Faults } from '../faults.ts';
import { dropCall, readBody, type Handler } from '../http.ts';
import type { DropPoint, LoggedStep, RequestLog } from '../request-log.ts';
import type { Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import {
  COLLECTION,
  getRequest,
  listRequests,
  reprocessRequest,
  type RequestsContext,
} from './assignment-requests.ts';
import { ACCESS_PACKAGES_SEGMENT, getAccessPackage, listAccessPackages } from './access-packages.ts';
import { claimsChallenge, graphAudiences, TokenVerifier, type Principal, type TokenSource } from './auth.ts';
import { runBatch, type Dropped, type StepResult } from './batch.ts';
import { createDirectoryAuditsRoute } from './directory-audits.ts';
import { graphError, ODataError, throttledError } from './errors.ts';
import type { ApiVersion, GraphRequest, GraphResponse } from './types.ts';

export interface GraphServerOptions {
  /** Where this server is reachable, e.g. https://localhost:8444. */
  origin: string;
  store: Store;
  settings: () => Settings;
  faults: Faults;
  log: RequestLog;
  /** The identity provider's issuer and keys; undefined until it is up. */
  tokens: () => TokenSource | undefined;
  /** Where unexpected errors are reported (default: stderr). */
  report?: (message: string) => void;
}

// What Graph lets a browser read. Retry-After is deliberately absent: Graph does not expose
// it, so a browser app cannot see it on a single request (only inside $batch bodies).
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Preference-Applied',
  'Content-Range',
  'request-id',
  'client-request-id',
  'ReadWriteConsistencyToken',
  'SdkVersion',
  // Graph's CORS documentation names no exposed headers; Microsoft's CAE guidance for MSAL.js
  // (app-resilience-continuous-access-evaluation, JavaScript) reads WWW-Authenticate from the
  // browser's fetch response to get a claims challenge, so it must be readable.
  'WWW-Authenticate',
  'x-ms-ags-diagnostic',
].join(', ');
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'client-request-id',
  'return-client-request-id',
  'Prefer',
  'ConsistencyLevel',
  'SdkVersion',
  'If-Match',
  'If-None-Match',
  'Cache-Control',
  'X-Requested-With',
].join(', ');
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

const DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: 'Localhost Emulator',
    Slice: 'E',
    Ring: '0',
    ScaleUnit: '000',
    RoleInstance: 'EMU',
  },
});

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  };
}

/** Code and message of each injected status, as Graph words them for real failures of that kind. */
const FAULT_ERRORS: Record<number, [code: string, message: string]> = {
  400: ['BadRequest', 'The request is not valid.'],
  401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
  403: ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
  404: ['ResourceNotFound', 'The requested resource was not found.'],
  409: ['Conflict', 'The request conflicts with the current state of the resource.'],
  500: ['InternalServerError', 'An internal server error occurred. Please retry later.'],
  502: ['BadGateway', 'The service is temporarily unreachable. Please retry later.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
  504: ['GatewayTimeout', 'The request timed out. Please retry later.'],
};

function faultResponse(req: GraphRequest, status: number, retryAfter: number | undefined): GraphResponse {
  if (status === 429) return throttledError(req, retryAfter ?? 2);
  const extra: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
  const [code, message] = FAULT_ERRORS[status] ?? [
    status >= 500 ? 'UnknownError' : 'BadRequest',
    `The request failed with status ${status}.`,
  ];
  return graphError(req, status, code, message, extra);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/**
 * A batch step met a drop fault. A step cannot lose a connection of its own, so the whole
 * batch's connection goes: the client learns nothing about any step, as on a network failure.
 */
class DropConnection extends Error {
  constructor(readonly point: DropPoint) {
    super(`connection dropped ${point}`);
  }
}

interface CallRecord {
  upn?: string;
  steps?: LoggedStep[];
  /** Set when the answer was computed but a drop fault destroyed the connection instead. */
  appliedStatus?: number;
}

/** `iat` of the bearer token, read without verifying it (the route verifies). */
function tokenIssuedAt(req: GraphRequest): number | undefined {
  const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization?.trim() ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { iat } = decodeJwt(token);
    return typeof iat === 'number' ? iat : undefined;
  } catch {
    return undefined;
  }
}

export function createGraphHandler(opts: GraphServerOptions): Handler {
  const verifier = new TokenVerifier(opts.tokens, graphAudiences(opts.origin));
  const ctx: RequestsContext = { origin: opts.origin, store: opts.store, settings: opts.settings };
  const directoryAudits = createDirectoryAuditsRoute({ ...ctx, verifier });
  const report = opts.report ?? ((m: string) => process.stderr.write(`${m}\n`));

  /**
   * Faults first, as at Graph's front door, then the route. A drop fault with `after: 'apply'`
   * lets the route run (its effects stand) and then loses the answer.
   */
  async function dispatch(req: GraphRequest, record: CallRecord, isStep: boolean): Promise<StepResult> {
    const decision = opts.faults.evaluate(req.method, req.url.pathname, {
      tokenIssuedAt: tokenIssuedAt(req),
    });
    if (decision.latencyMs > 0) {
      const generation = opts.store.generation;
      await opts.faults.hold(decision.latencyMs);
      // A reset or reseed during the wait made a new tenant: a call from before it must not
      // change the new data (a test's slow call would otherwise land in the next test).
      if (opts.store.generation !== generation) return { dropped: 'beforeApply' };
    }
    const action = decision.action;
    if (action?.kind === 'drop' && action.after === 'receive') return { dropped: 'beforeApply' };
    if (action?.kind === 'status') return faultResponse(req, action.status, action.retryAfter);
    if (action?.kind === 'claims') return claimsChallenge(req, opts.tokens(), action.notBefore);
    let response: GraphResponse;
    try {
      response = await route(req, record, isStep);
    } catch (err) {
      if (err instanceof DropConnection) throw err;
      if (err instanceof ODataError) response = graphError(req, err.status, err.code, err.message);
      else {
        report(`graph emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        response = graphError(req, 500, 'InternalServerError', 'An internal server error occurred.');
      }
    }
    if (action?.kind === 'drop') return { dropped: 'afterApply', applied: response };
    return response;
  }

  async function route(req: GraphRequest, record: CallRecord, isStep: boolean): Promise<GraphResponse> {
    let segments: string[];
    try {
      segments = req.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return graphError(req, 400, 'BadRequest', 'The request URL is not valid.');
    }
    const [first, ...rest] = segments;
    if (first !== 'v1.0' && first !== 'beta') {
      return graphError(req, 400, 'BadRequest', `Invalid version: ${first ?? ''}`);
    }
    const version: ApiVersion = first;

    if (rest.length === 1 && rest[0] === '$batch') {
      if (isStep) {
        return graphError(req, 400, 'BadRequest', 'A batch request cannot contain another batch request.');
      }
      if (req.method !== 'POST') return methodNotAllowed(req);
      // The batch itself is not authorized; each step is. Its token's user is logged if valid.
      const auth = await verifier.authenticate(req);
      if (auth.ok && auth.principal.upn) record.upn = auth.principal.upn;
      const outcome = await runBatch(req, version, (step) => dispatch(step, {}, true), shuffle);
      if (outcome.steps) record.steps = outcome.steps;
      if (isDropped(outcome.response)) throw new DropConnection(outcome.response.dropped);
      return outcome.response;
    }

    // Segment names compare case-insensitively in Graph.
    const lower = rest.map((s) => s.toLowerCase());
    const collection = COLLECTION[version].toLowerCase();
    if (lower[0] === 'auditlogs') return directoryAudits(req, version, rest, record);
    if (lower[0] !== 'identitygovernance') return segmentNotFound(req, rest[0]);
    if (lower[1] !== 'entitlementmanagement') return segmentNotFound(req, rest[1]);
    if (lower[2] === ACCESS_PACKAGES_SEGMENT.toLowerCase()) {
      if (rest.length > 4) return segmentNotFound(req, rest[4]);
      if (req.method !== 'GET') return methodNotAllowed(req);
      const auth = await verifier.authenticate(req);
      if (!auth.ok) return auth.response;
      if (auth.principal.upn) record.upn = auth.principal.upn;
      const packageId = rest[3];
      return packageId === undefined
        ? listAccessPackages(ctx, req, version, auth.principal)
        : getAccessPackage(ctx, req, version, auth.principal, packageId);
    }
    // Both key forms: .../assignmentRequests/{id} and .../assignmentRequests('{id}').
    let id: string | undefined;
    let tail: string[];
    const keyed = /^([^(]+)\('?([^')]*)'?\)$/.exec(rest[2] ?? '');
    if (keyed?.[1] && keyed[2] !== undefined && keyed[1].toLowerCase() === collection) {
      id = keyed[2];
      tail = lower.slice(3);
    } else {
      if (lower[2] !== collection) return segmentNotFound(req, rest[2]);
      id = rest[3];
      tail = lower.slice(4);
    }

    let action: 'list' | 'get' | 'reprocess';
    if (id === undefined) action = 'list';
    else if (tail.length === 0) action = 'get';
    else if (tail.length === 1 && (tail[0] === 'reprocess' || tail[0] === 'microsoft.graph.reprocess')) {
      action = 'reprocess';
    } else return segmentNotFound(req, tail[0]);

    if (action === 'reprocess' ? req.method !== 'POST' : req.method !== 'GET') return methodNotAllowed(req);

    const auth = await verifier.authenticate(req);
    if (!auth.ok) return auth.response;
    const principal: Principal = auth.principal;
    if (principal.upn) record.upn = principal.upn;
    if (action === 'list') return listRequests(ctx, req, version, principal);
    if (action === 'get') return getRequest(ctx, req, version, principal, id as string);
    return reprocessRequest(ctx, req, version, principal, id as string);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const sentClientId =
      typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
    const clientRequestId = sentClientId ?? requestId;
    const cors = corsHeaders(req);

    if (req.method === 'OPTIONS') {
      res.writeHead(200, {
        ...cors,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '3600',
        'Content-Length': '0',
      });
      res.end();
      return;
    }

    const url = new URL(req.url ?? '/', opts.origin);
    const receivedAt = performance.now();
    const record: CallRecord = {};
    const startGeneration = opts.store.generation;
    const logEntry = (status: number, dropped?: DropPoint): void => {
      // A call that began before a reset belongs to the old tenant and its (cleared) log.
      if (opts.store.generation !== startGeneration) return;
      let query = url.search.slice(1);
      try {
        query = decodeURIComponent(query.replace(/\+/g, ' '));
      } catch {
        // keep the raw text
      }
      opts.log.add({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        status,
        clientRequestId: sentClientId ?? null,
        requestId,
        upn: record.upn ?? null,
        durationMs: Math.round(performance.now() - receivedAt),
        ...(record.steps ? { steps: record.steps } : {}),
        ...(dropped ? { dropped } : {}),
        ...(record.appliedStatus !== undefined ? { appliedStatus: record.appliedStatus } : {}),
      });
    };

    let response: StepResult;
    try {
      const body = await readBody(req);
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const greq: GraphRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        headers,
        ...(body ? { body } : {}),
        requestId,
        clientRequestId,
      };
      response = await dispatch(greq, record, false);
    } catch (err) {
      // A step's drop: the steps that ran before it (or beside it) have been applied.
      if (err instanceof DropConnection) response = { dropped: err.point };
      else {
        report(`graph emulator: ${err instanceof Error ? err.message : String(err)}`);
        response = graphError(
          { requestId, clientRequestId },
          400,
          'BadRequest',
          'The request could not be read.',
        );
      }
    }

    if (isDropped(response)) {
      if (response.dropped === 'afterApply' && response.applied) {
        record.appliedStatus = response.applied.status;
      }
      logEntry(0, response.dropped);
      dropCall(req, response.dropped);
      return;
    }
    const text = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...cors,
      'Cache-Control': 'no-cache',
      'request-id': requestId,
      'client-request-id': clientRequestId,
      'x-ms-ags-diagnostic': DIAGNOSTIC,
      'Strict-Transport-Security': 'max-age=31536000',
      ...(text ? {} : { 'Content-Type': 'text/plain' }),
      ...response.headers,
      'Content-Length': String(Buffer.byteLength(text)),
    });
    res.end(text);
    logEntry(response.status);
  };
}

function segmentNotFound(req: GraphRequest, segment: string | undefined): GraphResponse {
  return graphError(req, 400, 'BadRequest', `Resource not found for the segment '${segment ?? ''}'.`);
}

function methodNotAllowed(req: GraphRequest): GraphResponse {
  return graphError(
    req,
    405,
    'Request_BadRequest',
    `The HTTP method '${req.method}' is not allowed on this resource.`,
  );
}

function isDropped(r: StepResult): r is Dropped {
  return 'dropped' in r;
}
