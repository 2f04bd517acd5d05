// List, get and reprocess of access package assignment requests, in both API shapes:
// v1.0 /identityGovernance/entitlementManagement/assignmentRequests and
// beta /identityGovernance/entitlementManagement/accessPackageAssignmentRequests.
import { ACCESS_PACKAGES } from '../seed.ts';
import { FAILED_STATES, type AssignmentRequest } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import type { Settings } from '../store/settings.ts';
import { forbidden, hasPermission, type Principal } from './auth.ts';
import { graphError, ODataError } from './errors.ts';
import {
  compileFilter,
  parseExpand,
  parseSelect,
  readQueryOptions,
  type FilterClause,
  type QueryOptions,
} from './odata.ts';
import { decodeSkipToken, encodeSkipToken, isString, nextLink, contextUrl, odataHeaders } from './paging.ts';
import {
  ENTITY_TYPE,
  propertyNames,
  shapeRequest,
  V1_STATE_ENUM,
  validateShape,
  type ShapeOptions,
} from './shapes.ts';
import type { ApiVersion, GraphRequest, GraphResponse } from './types.ts';

export const COLLECTION: Record<ApiVersion, string> = {
  'v1.0': 'assignmentRequests',
  beta: 'accessPackageAssignmentRequests',
};

const REPROCESS_WINDOW_MS = 14 * 86_400_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RequestsContext {
  origin: string;
  store: Store;
  settings: () => Settings;
}

function shapeOptions(req: GraphRequest, version: ApiVersion, opts: QueryOptions): ShapeOptions {
  const prefer = (req.headers.prefer ?? '').toLowerCase();
  return {
    version,
    ...(opts.select ? { select: opts.select } : {}),
    expand: opts.expand,
    includeUnknownEnumMembers: prefer.split(/[,;]/).some((p) => p.trim() === 'include-unknown-enum-members'),
  };
}

function parseOptions(raw: Record<string, string>, version: ApiVersion): QueryOptions {
  const opts: QueryOptions = { expand: [] };
  if (raw.$select !== undefined) opts.select = parseSelect(raw.$select);
  if (raw.$expand !== undefined) opts.expand = parseExpand(raw.$expand);
  if (raw.$filter !== undefined) opts.filter = raw.$filter;
  if (raw.$skiptoken !== undefined) opts.skiptoken = raw.$skiptoken;
  validateShape({
    version,
    ...(opts.select ? { select: opts.select } : {}),
    expand: opts.expand,
    includeUnknownEnumMembers: false,
  });
  return opts;
}

function catalogOf(ctx: RequestsContext, packageId: string): string | undefined {
  return (
    ctx.store.catalogOfPackage(packageId) ??
    ACCESS_PACKAGES.find((p) => p.id.toLowerCase() === packageId.toLowerCase())?.catalog?.id
  );
}

/** Whether a catalog-scoped role covers this request's access package. */
function inCatalogs(row: AssignmentRequest, catalogIds: readonly string[]): boolean {
  const id = row.accessPackage?.catalog?.id;
  return id !== undefined && catalogIds.includes(id);
}

function matches(row: AssignmentRequest, clauses: readonly FilterClause[], version: ApiVersion): boolean {
  for (const c of clauses) {
    if (c.kind === 'state') {
      // beta's requestState is a plain string; entitlement management compares it without
      // regard to case (its store is case-insensitive), v1.0's enum compares exactly.
      if (
        version === 'beta' ? (row.state ?? '').toLowerCase() !== c.value.toLowerCase() : row.state !== c.value
      ) {
        return false;
      }
    } else if (c.kind === 'accessPackageId') {
      if ((row.accessPackage?.id ?? '').toLowerCase() !== c.value) return false;
    } else {
      const t = row.createdDateTime ? Date.parse(row.createdDateTime) : NaN;
      if (Number.isNaN(t)) return false;
      if (c.op === 'gt' && !(t > c.value)) return false;
      if (c.op === 'ge' && !(t >= c.value)) return false;
      if (c.op === 'lt' && !(t < c.value)) return false;
      if (c.op === 'le' && !(t <= c.value)) return false;
    }
  }
  return true;
}

export function listRequests(
  ctx: RequestsContext,
  req: GraphRequest,
  version: ApiVersion,
  principal: Principal,
): GraphResponse {
  if (!hasPermission(principal, 'read')) return forbidden(req);
  const raw = readQueryOptions(
    req.url.searchParams,
    new Set(['$select', '$expand', '$filter', '$skiptoken']),
  );
  const opts = parseOptions(raw, version);
  const clauses = opts.filter
    ? compileFilter(opts.filter, {
        stateProperty: version === 'v1.0' ? 'state' : 'requestState',
        ...(version === 'v1.0' ? { stateEnum: V1_STATE_ENUM } : {}),
        properties: propertyNames(version),
        entityType: ENTITY_TYPE,
      })
    : [];
  if (!ctx.settings().createdDateTimeFilter && clauses.some((c) => c.kind === 'createdDateTime')) {
    // Entitlement management's wording for a well-formed filter it cannot run (see odata.ts).
    throw new ODataError(
      "OData query is invalid: Filter 'createdDateTime' is not supported. .",
      'InvalidFilter',
    );
  }

  const role = principal.emRole;
  if (role.kind === 'none') return forbidden(req);
  if (role.kind === 'catalogs') {
    // Users in catalog roles must narrow the list to access packages in their catalogs
    // (documented on List assignmentRequests); Graph refuses the whole-tenant list. The
    // refusal's exact code is undocumented: 403 Authorization_RequestDenied is the most
    // plausible, as for any other missing role.
    const packageIds = clauses.filter((c) => c.kind === 'accessPackageId').map((c) => c.value);
    if (packageIds.length === 0) {
      return forbidden(
        req,
        'Insufficient privileges to complete the operation. Callers with catalog-scoped roles must filter by accessPackage/id.',
      );
    }
    for (const id of packageIds) {
      const cat = catalogOf(ctx, id);
      if (!cat || !role.catalogIds.includes(cat)) return forbidden(req);
    }
  }

  const afterId = opts.skiptoken !== undefined ? decodeSkipToken(opts.skiptoken, isString) : undefined;
  const pageSize = ctx.settings().pageSize;
  const page = ctx.store.scan(
    afterId,
    (row) => matches(row, clauses, version) && (role.kind !== 'catalogs' || inCatalogs(row, role.catalogIds)),
    pageSize + 1,
  );
  const more = page.length > pageSize;
  const items = more ? page.slice(0, pageSize) : page;
  const shape = shapeOptions(req, version, opts);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(ctx.origin, version, COLLECTION[version], opts.select, false),
  };
  body.value = items.map((row) => shapeRequest(row, shape));
  const last = items[items.length - 1];
  if (more && last) body['@odata.nextLink'] = nextLink(req, encodeSkipToken(last.id));
  return { status: 200, headers: odataHeaders(), body };
}

const COLLECTION_ONLY = new Set(['$filter', '$orderby', '$count', '$skip', '$top', '$skiptoken']);

function readEntityOptions(req: GraphRequest, allowed: ReadonlySet<string>): Record<string, string> {
  for (const [k] of req.url.searchParams) {
    if (COLLECTION_ONLY.has(k.toLowerCase()) && !allowed.has(k.toLowerCase())) {
      throw new ODataError(
        'The query specified in the URI is not valid. The requested resource is not a collection. Query options $filter, $orderby, $count, $skip, and $top can be applied only on collections.',
      );
    }
  }
  return readQueryOptions(req.url.searchParams, allowed);
}

/** Finds a request by id, answering the errors Graph gives for a bad or unknown id. */
function findRequest(
  ctx: RequestsContext,
  req: GraphRequest,
  id: string,
): { ok: true; row: AssignmentRequest } | { ok: false; response: GraphResponse } {
  if (!GUID.test(id)) {
    // Documented: "400 Bad Request: the id is not valid". The code is our choice.
    return {
      ok: false,
      response: graphError(req, 400, 'BadRequest', `Invalid request id '${id}': the id must be a GUID.`),
    };
  }
  const row = ctx.store.get(id);
  if (!row) {
    // Documented as 404; the code is undocumented. ResourceNotFound is what Graph's
    // non-directory workloads use for a missing entity.
    return {
      ok: false,
      response: graphError(
        req,
        404,
        'ResourceNotFound',
        `The access package assignment request '${id}' was not found.`,
      ),
    };
  }
  return { ok: true, row };
}

export function getRequest(
  ctx: RequestsContext,
  req: GraphRequest,
  version: ApiVersion,
  principal: Principal,
  id: string,
): GraphResponse {
  if (!hasPermission(principal, 'read')) return forbidden(req);
  const raw = readEntityOptions(req, new Set(['$select', '$expand']));
  const opts = parseOptions(raw, version);
  const role = principal.emRole;
  if (role.kind === 'none') return forbidden(req);
  const found = findRequest(ctx, req, id);
  if (!found.ok) return found.response;
  if (role.kind === 'catalogs' && !inCatalogs(found.row, role.catalogIds)) return forbidden(req);
  return {
    status: 200,
    headers: odataHeaders(),
    body: {
      '@odata.context': contextUrl(ctx.origin, version, COLLECTION[version], opts.select, true),
      ...shapeRequest(found.row, shapeOptions(req, version, opts)),
    },
  };
}

export function reprocessRequest(
  ctx: RequestsContext,
  req: GraphRequest,
  _version: ApiVersion,
  principal: Principal,
  id: string,
): GraphResponse {
  if (!hasPermission(principal, 'write')) return forbidden(req);
  readEntityOptions(req, new Set());
  const role = principal.emRole;
  if (role.kind === 'none') return forbidden(req);
  if (role.kind === 'tenant' && !role.canWrite) return forbidden(req);
  const found = findRequest(ctx, req, id);
  if (!found.ok) return found.response;
  const row = found.row;
  if (role.kind === 'catalogs' && (!role.canWrite || !inCatalogs(row, role.catalogIds))) {
    return forbidden(req);
  }

  // The payloads of the two refusals below are undocumented. Both are 400s with distinct codes,
  // so a client can tell "not failed (any more)" from "too old to retry" without reading text.
  if (!row.state || !FAILED_STATES.has(row.state)) {
    return graphError(
      req,
      400,
      'InvalidRequestState',
      `The request is in state '${row.state ?? 'unknown'}'. Only requests in state deliveryFailed or partiallyDelivered can be reprocessed.`,
    );
  }
  const completed = row.completedDateTime ? Date.parse(row.completedDateTime) : NaN;
  // A failed request without a completion time has no known window; treat it as inside.
  if (!Number.isNaN(completed) && ctx.store.now() - completed > REPROCESS_WINDOW_MS) {
    return graphError(
      req,
      400,
      'ReprocessWindowExpired',
      'The request was completed more than 14 days ago and can no longer be reprocessed. The requestor must cancel it and submit a new request.',
    );
  }
  const settings = ctx.settings();
  ctx.store.beginReprocess(row.id, {
    delayMs: settings.deliveryDelayMs,
    outcome: settings.deliveryOutcome,
    ...(principal.upn ? { initiatedByUpn: principal.upn } : {}),
  });
  return { status: 202, headers: {} };
}
