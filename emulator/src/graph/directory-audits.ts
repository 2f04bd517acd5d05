// GET /{v1.0|beta}/auditLogs/directoryAudits (and /{id}): Entra's directory audit log, limited to
// the events entitlement management writes as requests change state (the store records them).
// Documented: $filter (eq, ge, le, startswith), $top, $orderby and paging by $skiptoken
// (api-reference/v1.0/api/directoryaudit-list.md); AuditLog.Read.All plus a directory role that
// can read audit logs; reads throttled at about 5 requests per 10 seconds per app per tenant
// (concepts/throttling.md).
import { TENANT_ID } from '../directory.ts';
import type { AuditEvent } from '../store/model.ts';
import type { Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import type { Principal, TokenVerifier } from './auth.ts';
import { compileAuditFilter, type AuditPredicate } from './directory-audits-filter.ts';
import { graphError, JSON_CONTENT_TYPE, ODataError, throttledError } from './errors.ts';
import { readQueryOptions } from './odata.ts';
import { decodeSkipToken, encodeSkipToken, nextLink } from './paging.ts';
import type { ApiVersion, GraphRequest, GraphResponse } from './types.ts';

export interface DirectoryAuditsContext {
  origin: string;
  store: Store;
  settings: () => Settings;
  verifier: TokenVerifier;
}

export type DirectoryAuditsRoute = (
  req: GraphRequest,
  version: ApiVersion,
  /** Path segments after the version, e.g. ['auditLogs', 'directoryAudits']. */
  segments: readonly string[],
  record: { upn?: string },
) => Promise<GraphResponse>;

const DAY = 86_400_000;
/** Entra keeps audit events for 30 days (P1/P2 licences); older ones are gone from Graph. */
export const AUDIT_RETENTION_MS = 30 * DAY;
/** The largest $top the reporting API takes. */
const MAX_TOP = 1000;
const SERVICE = 'Entitlement Management';
const CATEGORY = 'EntitlementManagement';

export function createDirectoryAuditsRoute(ctx: DirectoryAuditsContext): DirectoryAuditsRoute {
  const throttle = new SlidingWindowThrottle(ctx.store, () => ctx.settings().auditRateLimit);

  return async (req, version, segments, record) => {
    const lower = segments.map((s) => s.toLowerCase());
    if (lower[1] !== 'directoryaudits' || lower.length > 3) {
      return graphError(
        req,
        400,
        'BadRequest',
        `Resource not found for the segment '${segments[lower[1] === 'directoryaudits' ? 3 : 1] ?? ''}'.`,
      );
    }
    if (req.method !== 'GET') {
      return graphError(
        req,
        405,
        'Request_BadRequest',
        `The HTTP method '${req.method}' is not allowed on this resource.`,
      );
    }
    const auth = await ctx.verifier.authenticate(req);
    if (!auth.ok) return auth.response;
    const principal = auth.principal;
    if (principal.upn) record.upn = principal.upn;

    // Every authenticated read counts against the app's window, refused ones included: the
    // limit is on the app's traffic, not on its successes.
    const retryAfter = throttle.admit(appOf(req), ctx.store.now());
    if (retryAfter !== undefined) return throttledError(req, retryAfter);

    const denied = authorize(req, principal);
    if (denied) return denied;

    const id = segments[2];
    if (id !== undefined) return getAudit(ctx, req, version, id);
    return listAudits(ctx, req, version);
  };
}

/**
 * The permission first (403 Authorization_RequestDenied, as for any missing scope), then the role.
 * The newest permissions table lists AuditLog.Read.All "and" Directory.Read.All; AuditLog.Read.All
 * alone is what the API has long needed and what the demo tenant consents to, so it is checked.
 */
function authorize(req: GraphRequest, principal: Principal): GraphResponse | undefined {
  if (!principal.permissions.has('AuditLog.Read.All')) {
    return graphError(
      req,
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
  // Delegated callers also need a directory role that can read audit logs (Reports Reader,
  // Security Reader, Global Reader...). The demo directory models entitlement-management roles
  // only: a tenant-wide one stands in for such a role; catalog roles grant nothing outside
  // entitlement management. The reporting API words this refusal as below.
  if (principal.kind === 'user' && principal.emRole.kind !== 'tenant') {
    return graphError(
      req,
      403,
      'Authentication_RequestFromUnsupportedUserRole',
      'User is not in the allowed roles',
    );
  }
  return undefined;
}

/** The calling app (token `azp`/`appid`): the throttling limit applies per app per tenant. */
function appOf(req: GraphRequest): string {
  const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      azp?: unknown;
      appid?: unknown;
    };
    const app = typeof payload.azp === 'string' ? payload.azp : payload.appid;
    return typeof app === 'string' ? app.toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * A sliding window per app: at most `requests` admitted in any `windowMs`. A refused request is
 * not admitted, so it does not push the window further out; Retry-After says when the oldest
 * admitted request leaves the window. A new tenant (reset, reseed) starts with empty windows.
 */
export class SlidingWindowThrottle {
  private readonly windows = new Map<string, number[]>();
  private generation: number;

  constructor(
    private readonly store: Pick<Store, 'generation'>,
    private readonly limit: () => { requests: number; windowMs: number },
  ) {
    this.generation = store.generation;
  }

  /** Undefined when admitted; otherwise the seconds to wait (whole, at least 1). */
  admit(app: string, now: number): number | undefined {
    if (this.store.generation !== this.generation) {
      this.windows.clear();
      this.generation = this.store.generation;
    }
    const { requests, windowMs } = this.limit();
    const stamps = (this.windows.get(app) ?? []).filter((t) => t > now - windowMs);
    if (stamps.length >= requests) {
      this.windows.set(app, stamps);
      const oldest = stamps[stamps.length - requests] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    stamps.push(now);
    this.windows.set(app, stamps);
    return undefined;
  }
}

function odataHeaders(): Record<string, string> {
  return { 'Content-Type': JSON_CONTENT_TYPE, 'OData-Version': '4.0' };
}

function nullable(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** PascalCase, as audit details spell enum values ("userAdd" -> "UserAdd"). */
function pascal(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function target(
  id: string,
  displayName: string | null,
  type: string,
  userPrincipalName: string | null = null,
): Record<string, unknown> {
  return { id, displayName, type, userPrincipalName, groupType: null, modifiedProperties: [] };
}

/** A stored event in Graph's directoryAudit shape (api-reference/v1.0/resources/directoryaudit.md). */
export function shapeAudit(event: AuditEvent): Record<string, unknown> {
  const by = event.initiatedBy;
  const user =
    by?.kind === 'user'
      ? {
          id: by.id,
          displayName: nullable(by.displayName),
          userPrincipalName: nullable(by.userPrincipalName),
          // The emulator does not know where the call came from.
          ipAddress: null,
          userType: 'Member',
          homeTenantId: TENANT_ID,
          homeTenantName: null,
        }
      : null;
  const app =
    by?.kind === 'app'
      ? {
          appId: by.appId,
          displayName: by.displayName,
          servicePrincipalId: by.servicePrincipalId,
          servicePrincipalName: by.displayName,
        }
      : null;

  const targets: Record<string, unknown>[] = [];
  if (event.accessPackageId)
    targets.push(target(event.accessPackageId, nullable(event.accessPackageName), 'AccessPackage'));
  targets.push(target(event.requestId, null, 'AccessPackageAssignmentRequest'));
  const userId = event.requestorObjectId ?? event.requestorId;
  if (userId) {
    targets.push(
      target(userId, nullable(event.requestorName), 'User', nullable(event.requestorPrincipalName)),
    );
  }
  if (event.assignmentId) targets.push(target(event.assignmentId, null, 'AccessPackageAssignment'));
  if (event.catalogId)
    targets.push(target(event.catalogId, nullable(event.catalogName), 'AccessPackageCatalog'));

  const details: { key: string; value: string }[] = [];
  if (event.requestType) details.push({ key: 'RequestType', value: pascal(event.requestType) });
  if (event.requestState) details.push({ key: 'RequestState', value: pascal(event.requestState) });
  if (event.policyId) details.push({ key: 'AccessPackageAssignmentPolicyId', value: event.policyId });

  return {
    id: event.id,
    category: CATEGORY,
    correlationId: event.correlationId ?? event.id,
    result: event.result ?? 'success',
    resultReason: event.resultReason ?? '',
    activityDisplayName: event.activityDisplayName,
    activityDateTime: event.activityDateTime,
    loggedByService: SERVICE,
    // The request is updated: each of these activities moves its state on.
    operationType: 'Update',
    initiatedBy: { user, app },
    targetResources: targets,
    additionalDetails: details,
  };
}

interface Position {
  /** The order the token was made for: a token is refused under the other order. */
  o: 'asc' | 'desc';
  t: number;
  id: string;
}

function positionIn(order: 'asc' | 'desc') {
  return (p: unknown): p is Position => {
    const q = p as Partial<Position> | null;
    return (
      typeof q === 'object' &&
      q !== null &&
      q.o === order &&
      typeof q.t === 'number' &&
      typeof q.id === 'string'
    );
  };
}

function parseTop(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ODataError(`Invalid value '${raw}' for $top query option found.`);
  const top = Number(raw);
  if (top < 1 || top > MAX_TOP) {
    throw new ODataError(`The limit of '${MAX_TOP}' for Top query has been exceeded, or $top is below 1.`);
  }
  return top;
}

function parseOrder(raw: string | undefined): 'asc' | 'desc' {
  // Unordered, the log comes newest first.
  if (raw === undefined) return 'desc';
  const m = /^\s*activityDateTime(?:\s+(asc|desc))?\s*$/i.exec(raw);
  if (!m)
    throw new ODataError(`Invalid $orderby: '${raw}'. Only activityDateTime (asc or desc) is supported.`);
  return (m[1]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc';
}

interface Row {
  at: number;
  audit: Record<string, unknown>;
  id: string;
}

/** Events still within retention, shaped, oldest first. */
function retained(store: Store): Row[] {
  const cutoff = store.now() - AUDIT_RETENTION_MS;
  const rows: Row[] = [];
  for (const event of store.auditEvents()) {
    const at = Date.parse(event.activityDateTime);
    if (Number.isNaN(at) || at < cutoff) continue;
    rows.push({ at, id: event.id, audit: shapeAudit(event) });
  }
  return rows.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function listAudits(ctx: DirectoryAuditsContext, req: GraphRequest, version: ApiVersion): GraphResponse {
  const raw = readQueryOptions(req.url.searchParams, new Set(['$filter', '$top', '$orderby', '$skiptoken']));
  const predicate: AuditPredicate | undefined =
    raw.$filter !== undefined ? compileAuditFilter(raw.$filter) : undefined;
  const top = parseTop(raw.$top);
  const order = parseOrder(raw.$orderby);
  const after = raw.$skiptoken !== undefined ? decodeSkipToken(raw.$skiptoken, positionIn(order)) : undefined;
  const pageSize = top ?? ctx.settings().auditPageSize;

  let rows = retained(ctx.store);
  if (order === 'desc') rows.reverse();
  if (predicate) rows = rows.filter((r) => predicate(r.audit));
  if (after) {
    const beyond = (r: Row): boolean =>
      order === 'desc'
        ? r.at < after.t || (r.at === after.t && r.id < after.id)
        : r.at > after.t || (r.at === after.t && r.id > after.id);
    rows = rows.filter(beyond);
  }
  const page = rows.slice(0, pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.origin}/${version}/$metadata#auditLogs/directoryAudits`,
    value: page.map((r) => r.audit),
  };
  const last = page[page.length - 1];
  if (rows.length > pageSize && last) {
    body['@odata.nextLink'] = nextLink(req, encodeSkipToken({ o: order, t: last.at, id: last.id }));
  }
  return { status: 200, headers: odataHeaders(), body };
}

function getAudit(
  ctx: DirectoryAuditsContext,
  req: GraphRequest,
  version: ApiVersion,
  id: string,
): GraphResponse {
  readQueryOptions(req.url.searchParams, new Set());
  const row = retained(ctx.store).find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!row) {
    return graphError(req, 404, 'ResourceNotFound', `The directory audit event '${id}' was not found.`);
  }
  return {
    status: 200,
    headers: odataHeaders(),
    body: {
      '@odata.context': `${ctx.origin}/${version}/$metadata#auditLogs/directoryAudits/$entity`,
      ...row.audit,
    },
  };
}
