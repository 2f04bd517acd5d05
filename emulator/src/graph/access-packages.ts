// List and get of access packages, in both API shapes:
// v1.0 and beta GET /identityGovernance/entitlementManagement/accessPackages[/{id}].
// Documented (entitlementmanagement-list-accesspackages.md): "The resulting list includes all the
// access packages that the caller has access to read, across all catalogs", with $select, $filter
// and $expand. Catalog-scoped callers may list without a filter (unlike assignment requests) and
// see only the packages of their catalogs.
import { createHash } from 'node:crypto';
import { ACCESS_PACKAGES, PACKAGE_RESOURCES, type SeededResource } from '../seed.ts';
import type { AccessPackage } from '../store/model.ts';
import type { Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import { forbidden, hasPermission, type Principal } from './auth.ts';
import { graphError, ODataError } from './errors.ts';
import { parseExpand, parseSelect, readQueryOptions, type ExpandItem, readStringLiteral } from './odata.ts';
import { decodeSkipToken, encodeSkipToken, isString, nextLink, contextUrl, odataHeaders } from './paging.ts';
import { applySelect, CATALOG_PROPERTIES, pick, shapeCatalog } from './shapes.ts';
import type { ApiVersion, GraphRequest, GraphResponse } from './types.ts';

export const ACCESS_PACKAGES_SEGMENT = 'accessPackages';

export interface AccessPackagesContext {
  origin: string;
  store: Store;
  settings: () => Settings;
}

const ENTITY_TYPE = 'microsoft.graph.accessPackage';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PROPERTIES: Record<ApiVersion, readonly string[]> = {
  'v1.0': ['id', 'displayName', 'description', 'isHidden', 'createdDateTime', 'modifiedDateTime'],
  beta: [
    'id',
    'displayName',
    'description',
    'isHidden',
    'catalogId',
    'isRoleScopesVisible',
    'createdBy',
    'createdDateTime',
    'modifiedBy',
    'modifiedDateTime',
  ],
};

/** v1.0 names the catalog navigation `catalog`, beta `accessPackageCatalog` (metadata of each). */
const CATALOG_NAV: Record<ApiVersion, string> = { 'v1.0': 'catalog', beta: 'accessPackageCatalog' };

// The other navigations of the entity. The emulator models no policies or incompatibilities, so
// expanding one answers what a tenant without any would: an empty collection. Resource role scopes
// are modelled for the seeded packages (see ROLE_SCOPES_NAV); a package seeded by a test has none.
const EMPTY_NAVS: Record<ApiVersion, readonly string[]> = {
  'v1.0': [
    'assignmentPolicies',
    'resourceRoleScopes',
    'incompatibleAccessPackages',
    'incompatibleGroups',
    'accessPackagesIncompatibleWith',
  ],
  beta: [
    'accessPackageAssignmentPolicies',
    'accessPackageResourceRoleScopes',
    'incompatibleAccessPackages',
    'incompatibleGroups',
    'accessPackagesIncompatibleWith',
  ],
};

/**
 * The resource role scopes navigation and its two navigations, per version: v1.0
 * `resourceRoleScopes($expand=role,scope)`, beta
 * `accessPackageResourceRoleScopes($expand=accessPackageResourceRole,accessPackageResourceScope)`.
 */
const ROLE_SCOPES_NAV: Record<ApiVersion, { name: string; role: string; scope: string }> = {
  'v1.0': { name: 'resourceRoleScopes', role: 'role', scope: 'scope' },
  beta: {
    name: 'accessPackageResourceRoleScopes',
    role: 'accessPackageResourceRole',
    scope: 'accessPackageResourceScope',
  },
};

interface Options {
  select?: string[];
  expand: ExpandItem[];
  filter?: Clause[];
  skiptoken?: string;
}

/**
 * Every access package of the tenant: the fixed ones of the seed, plus any other package that
 * stored requests name (tests seed requests for packages of their own). Sorted by id, so paging
 * is stable.
 */
export function tenantAccessPackages(store: Store): AccessPackage[] {
  const byId = new Map<string, AccessPackage>();
  for (const p of ACCESS_PACKAGES) byId.set(p.id.toLowerCase(), p);
  for (const row of store.all()) {
    const p = row.accessPackage;
    if (p?.id && !byId.has(p.id.toLowerCase())) byId.set(p.id.toLowerCase(), p);
  }
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

function visibleTo(p: AccessPackage, principal: Principal): boolean {
  const role = principal.emRole;
  if (role.kind === 'tenant') return true;
  if (role.kind === 'none') return false;
  return p.catalog?.id !== undefined && role.catalogIds.includes(p.catalog.id);
}

function parseOptions(raw: Record<string, string>, version: ApiVersion): Options {
  const opts: Options = { expand: [] };
  const props = new Set(PROPERTIES[version]);
  const navs = new Set([CATALOG_NAV[version], ...EMPTY_NAVS[version]]);
  if (raw.$select !== undefined) {
    opts.select = parseSelect(raw.$select);
    for (const s of opts.select) {
      if (s !== '*' && !props.has(s) && !navs.has(s)) {
        throw new ODataError(`Could not find a property named '${s}' on type '${ENTITY_TYPE}'.`);
      }
    }
  }
  if (raw.$expand !== undefined) {
    opts.expand = parseExpand(raw.$expand);
    for (const e of opts.expand) {
      if (e.name === '*') continue;
      if (!navs.has(e.name)) {
        throw new ODataError(
          props.has(e.name)
            ? `Property '${e.name}' on type '${ENTITY_TYPE}' is not a navigation property or complex property. Only navigation properties can be expanded.`
            : `Could not find a property named '${e.name}' on type '${ENTITY_TYPE}'.`,
        );
      }
      for (const s of e.select ?? []) {
        if (e.name === CATALOG_NAV[version] && s !== '*' && !CATALOG_PROPERTIES[version].includes(s)) {
          throw new ODataError(
            `Could not find a property named '${s}' on type 'microsoft.graph.accessPackageCatalog'.`,
          );
        }
      }
      const roleScopes = ROLE_SCOPES_NAV[version];
      for (const inner of e.expand) {
        // Only a role scope has navigations of its own (its role and its scope).
        if (e.name !== roleScopes.name) {
          throw new ODataError(`Query option '$expand' is not allowed inside $expand of '${e.name}'.`);
        }
        if (inner.name !== roleScopes.role && inner.name !== roleScopes.scope) {
          throw new ODataError(
            `Could not find a property named '${inner.name}' on type 'microsoft.graph.accessPackageResourceRoleScope'.`,
          );
        }
      }
    }
  }
  if (raw.$filter !== undefined) opts.filter = compilePackageFilter(raw.$filter, version);
  if (raw.$skiptoken !== undefined) opts.skiptoken = raw.$skiptoken;
  return opts;
}

/** Projects a stored access package for the wire. */
export function shapeAccessPackage(
  p: AccessPackage,
  version: ApiVersion,
  opts: Pick<Options, 'select' | 'expand'>,
): Record<string, unknown> {
  const out = pick(p, PROPERTIES['v1.0']);
  if (version === 'beta') {
    out.catalogId = p.catalog?.id ?? null;
    out.isRoleScopesVisible = false;
    // Who created the package: the seed does not say; Graph sends the creator's UPN or null.
    out.createdBy = null;
    out.modifiedBy = null;
  }
  const shaped = applySelect(out, opts.select);
  const catalogNav = CATALOG_NAV[version];
  const expand = opts.expand.some((e) => e.name === '*')
    ? [catalogNav, ...EMPTY_NAVS[version]].map(
        (name) => opts.expand.find((e) => e.name === name) ?? { name, expand: [] },
      )
    : opts.expand;
  for (const item of expand) {
    if (item.name === catalogNav)
      shaped[catalogNav] = p.catalog ? shapeCatalog(p.catalog, version, item.select) : null;
    else if (item.name === ROLE_SCOPES_NAV[version].name)
      shaped[item.name] = shapeRoleScopes(p, version, item);
    else shaped[item.name] = [];
  }
  return shaped;
}

/** A stable GUID for a seeded role or scope, so the same package answers the same ids on every call. */
function stableGuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The package's resource role scopes as Graph's "List resourceRoleScopes" example shows them: an
 * id joining the role's and the scope's, and the role and the scope only when expanded, each with
 * the resource's `originSystem` (AadGroup, AadApplication, SharePointOnline).
 */
function shapeRoleScopes(p: AccessPackage, version: ApiVersion, item: ExpandItem): Record<string, unknown>[] {
  const nav = ROLE_SCOPES_NAV[version];
  const resources: readonly SeededResource[] = PACKAGE_RESOURCES.get(p.id.toLowerCase()) ?? [];
  const withRole = item.expand.some((e) => e.name === nav.role);
  const withScope = item.expand.some((e) => e.name === nav.scope);
  return resources.map((r, i) => {
    const originId = stableGuid(`${p.id}:${i}:resource`);
    const roleId = stableGuid(`${p.id}:${i}:role`);
    const scopeId = stableGuid(`${p.id}:${i}:scope`);
    const out: Record<string, unknown> = {
      id: `${roleId}_${scopeId}`,
      createdDateTime: p.createdDateTime ?? null,
    };
    if (withRole) {
      out[nav.role] = {
        id: roleId,
        displayName: r.roleName,
        description: null,
        originSystem: r.originSystem,
        originId:
          r.originSystem === 'AadGroup' ? `Member_${originId}` : stableGuid(`${p.id}:${i}:origin-role`),
      };
    }
    if (withScope) {
      out[nav.scope] = {
        id: scopeId,
        displayName: r.displayName,
        description: r.originSystem === 'SharePointOnline' ? 'Root Scope' : null,
        originId: r.originSystem === 'SharePointOnline' ? r.displayName : originId,
        originSystem: r.originSystem,
        isRootScope: true,
      };
    }
    return out;
  });
}

export function listAccessPackages(
  ctx: AccessPackagesContext,
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
  // Without any entitlement-management role there is no catalog to read from; Graph refuses
  // the call rather than answering an empty list (the role check of every entitlement API).
  if (principal.emRole.kind === 'none') return forbidden(req);

  const afterId =
    opts.skiptoken !== undefined ? decodeSkipToken(opts.skiptoken, isString).toLowerCase() : undefined;
  const pageSize = ctx.settings().pageSize;
  const matching = tenantAccessPackages(ctx.store).filter(
    (p) =>
      (afterId === undefined || p.id.toLowerCase() > afterId) &&
      visibleTo(p, principal) &&
      matchesFilter(p, opts.filter ?? [], version),
  );
  const items = matching.slice(0, pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(ctx.origin, version, ACCESS_PACKAGES_SEGMENT, opts.select, false),
  };
  body.value = items.map((p) => shapeAccessPackage(p, version, opts));
  const last = items[items.length - 1];
  if (matching.length > pageSize && last) body['@odata.nextLink'] = nextLink(req, encodeSkipToken(last.id));
  return { status: 200, headers: odataHeaders(), body };
}

export function getAccessPackage(
  ctx: AccessPackagesContext,
  req: GraphRequest,
  version: ApiVersion,
  principal: Principal,
  id: string,
): GraphResponse {
  if (!hasPermission(principal, 'read')) return forbidden(req);
  for (const [k] of req.url.searchParams) {
    if (['$filter', '$top', '$skip', '$orderby', '$count', '$skiptoken'].includes(k.toLowerCase())) {
      throw new ODataError(
        'The query specified in the URI is not valid. The requested resource is not a collection. Query options $filter, $orderby, $count, $skip, and $top can be applied only on collections.',
      );
    }
  }
  const opts = parseOptions(readQueryOptions(req.url.searchParams, new Set(['$select', '$expand'])), version);
  if (principal.emRole.kind === 'none') return forbidden(req);
  if (!GUID.test(id)) {
    return graphError(req, 400, 'BadRequest', `Invalid access package id '${id}': the id must be a GUID.`);
  }
  const found = tenantAccessPackages(ctx.store).find((p) => p.id.toLowerCase() === id.toLowerCase());
  // A package outside the caller's catalogs is refused, as a request outside them is: the
  // caller may not learn more about it than that they lack the role.
  if (found && !visibleTo(found, principal)) return forbidden(req);
  if (!found) {
    return graphError(req, 404, 'ResourceNotFound', `The access package '${id}' was not found.`);
  }
  return {
    status: 200,
    headers: odataHeaders(),
    body: {
      '@odata.context': contextUrl(ctx.origin, version, ACCESS_PACKAGES_SEGMENT, opts.select, true),
      ...shapeAccessPackage(found, version, opts),
    },
  };
}

// ---- $filter ----
// The clauses people use on access packages, joined by `and`: the documented
// contains(tolower(displayName),'team'), plus startswith/endswith, displayName/id eq, the catalog
// (v1.0 catalog/id, beta catalogId) and isHidden. Anything else is refused, as Graph refuses a
// filter a resource does not support.

type Clause =
  | { kind: 'eq'; property: 'id' | 'displayName' | 'catalogId' | 'isHidden'; value: string }
  | {
      kind: 'text';
      fn: 'contains' | 'startswith' | 'endswith';
      lower: boolean;
      property: 'displayName' | 'description';
      value: string;
    };

type Tok = { t: 'str' | 'word' | 'punct'; v: string; pos: number };

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'punct', v: c, pos: i++ });
    } else if (c === "'") {
      const { value, end } = readStringLiteral(text, i);
      out.push({ t: 'str', v: value, pos: i });
      i = end;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i));
      if (!m) throw new ODataError(`Invalid filter clause: syntax error at position ${i} in '${text}'.`);
      out.push({ t: 'word', v: m[0], pos: i });
      i += m[0].length;
    }
  }
  return out;
}

export function compilePackageFilter(text: string, version: ApiVersion): Clause[] {
  const toks = tokenize(text);
  let p = 0;
  const syntax = (tok?: Tok): never => {
    throw new ODataError(
      `Invalid filter clause: syntax error at position ${tok ? tok.pos : text.length} in '${text}'.`,
    );
  };
  const unsupported = (): never => {
    // Entitlement management's own wording for a well-formed filter it cannot run.
    throw new ODataError(`OData query is invalid: Filter '${text}' is not supported. .`, 'InvalidFilter');
  };
  const punct = (v: string): void => {
    const tok = toks[p];
    if (tok?.t !== 'punct' || tok.v !== v) syntax(tok);
    p++;
  };
  const word = (): Tok => {
    const tok = toks[p];
    if (tok?.t !== 'word') return syntax(tok);
    p++;
    return tok;
  };
  const str = (): string => {
    const tok = toks[p];
    if (tok?.t !== 'str') {
      if (tok?.t === 'word') return unsupported();
      return syntax(tok);
    }
    p++;
    return tok.v;
  };
  const knownProperty = (name: string): void => {
    const head = name.split('/')[0] ?? name;
    const props = new Set([...PROPERTIES[version], CATALOG_NAV[version], ...EMPTY_NAVS[version]]);
    if (!props.has(head))
      throw new ODataError(`Could not find a property named '${head}' on type '${ENTITY_TYPE}'.`);
  };

  const clause = (): Clause => {
    const first = word();
    const next = toks[p];
    if (next?.t === 'punct' && next.v === '(') {
      const fn = first.v.toLowerCase();
      if (fn !== 'contains' && fn !== 'startswith' && fn !== 'endswith') return unsupported();
      punct('(');
      let lower = false;
      let prop = word();
      if (prop.v.toLowerCase() === 'tolower' && toks[p]?.v === '(') {
        punct('(');
        lower = true;
        prop = word();
        punct(')');
      }
      knownProperty(prop.v);
      punct(',');
      const value = str();
      punct(')');
      if (prop.v !== 'displayName' && prop.v !== 'description') return unsupported();
      return { kind: 'text', fn, lower, property: prop.v, value };
    }
    knownProperty(first.v);
    const op = word();
    if (op.v.toLowerCase() !== 'eq') return unsupported();
    const catalogPath = version === 'v1.0' ? ['catalog/id'] : ['catalogId', 'accessPackageCatalog/id'];
    if (first.v === 'isHidden') {
      const lit = word();
      if (lit.v !== 'true' && lit.v !== 'false') return unsupported();
      return { kind: 'eq', property: 'isHidden', value: lit.v };
    }
    const value = str();
    if (first.v === 'id' || first.v === 'displayName') return { kind: 'eq', property: first.v, value };
    if (catalogPath.includes(first.v)) return { kind: 'eq', property: 'catalogId', value };
    return unsupported();
  };

  if (toks.length === 0) syntax();
  const clauses = [clause()];
  while (p < toks.length) {
    const tok = word();
    if (tok.v.toLowerCase() !== 'and') return unsupported();
    clauses.push(clause());
  }
  return clauses;
}

function matchesFilter(p: AccessPackage, clauses: readonly Clause[], _version: ApiVersion): boolean {
  for (const c of clauses) {
    if (c.kind === 'eq') {
      if (c.property === 'isHidden') {
        if ((p.isHidden ?? false) !== (c.value === 'true')) return false;
      } else if (c.property === 'displayName') {
        // Directory-style string equality in Graph ignores case.
        if ((p.displayName ?? '').toLowerCase() !== c.value.toLowerCase()) return false;
      } else {
        const actual = c.property === 'id' ? p.id : (p.catalog?.id ?? '');
        if (actual.toLowerCase() !== c.value.toLowerCase()) return false;
      }
    } else {
      const raw = p[c.property] ?? '';
      // Without tolower() the comparison is exact: that is why the docs' example lowers the name.
      const actual = c.lower ? raw.toLowerCase() : raw;
      if (c.fn === 'contains' && !actual.includes(c.value)) return false;
      if (c.fn === 'startswith' && !actual.startsWith(c.value)) return false;
      if (c.fn === 'endswith' && !actual.endsWith(c.value)) return false;
    }
  }
  return true;
}
