// How one canonical request looks on the wire in each API version, as each version's metadata
// declares it (emulator/metadata/, checked by conformance.test.ts). v1.0 is the canonical model;
// beta renames properties (requestState, requestStatus, completedDate, accessPackageAssignment),
// uses PascalCase strings for state and type, names the requestor's kind `type` (beside
// `connectedOrganizationId`), a schedule `requestSchedule`, and a catalog's state `catalogStatus`.
import { ODataError } from './errors.ts';
import type { ExpandItem } from './odata.ts';
import type { ApiVersion } from './types.ts';
import {
  EVOLVABLE_REQUEST_TYPES,
  REQUEST_STATES,
  type AccessPackage,
  type AccessPackageAssignment,
  type AccessPackageCatalog,
  type AccessPackageSubject,
  type AssignmentRequest,
  type Schedule,
} from '../store/model.ts';

export interface ShapeOptions {
  version: ApiVersion;
  select?: readonly string[];
  expand: readonly ExpandItem[];
  /** `Prefer: include-unknown-enum-members` was sent. */
  includeUnknownEnumMembers: boolean;
}

const V1_PROPERTIES = [
  'id',
  'answers',
  'completedDateTime',
  'createdDateTime',
  'customExtensionCalloutInstances',
  'justification',
  'requestType',
  'schedule',
  'state',
  'status',
] as const;
const BETA_PROPERTIES = [
  'id',
  'answers',
  'completedDate',
  'createdDateTime',
  'customExtensionCalloutInstances',
  'customExtensionHandlerInstances',
  'expirationDateTime',
  'isValidationOnly',
  'justification',
  'requestState',
  'requestStatus',
  'requestType',
  'schedule',
] as const;

export const NAVIGATIONS: Record<ApiVersion, readonly string[]> = {
  'v1.0': ['requestor', 'accessPackage', 'assignment'],
  beta: ['requestor', 'accessPackage', 'accessPackageAssignment'],
};

export const STRUCTURAL: Record<ApiVersion, readonly string[]> = {
  'v1.0': V1_PROPERTIES,
  beta: BETA_PROPERTIES,
};

export const ENTITY_TYPE = 'microsoft.graph.accessPackageAssignmentRequest';

/** An accessPackageCatalog's properties in each version, as expanded from a package. */
export const CATALOG_PROPERTIES: Record<ApiVersion, readonly string[]> = {
  'v1.0': [
    'id',
    'displayName',
    'description',
    'catalogType',
    'state',
    'isExternallyVisible',
    'createdDateTime',
    'modifiedDateTime',
  ],
  beta: [
    'id',
    'displayName',
    'description',
    'catalogType',
    'catalogStatus',
    'isExternallyVisible',
    'createdBy',
    'createdDateTime',
    'modifiedBy',
    'modifiedDateTime',
    'privilegeLevel',
  ],
};

/** A catalog for the wire: beta spells its type and state as PascalCase strings (beta docs' example). */
export function shapeCatalog(
  c: AccessPackageCatalog,
  version: ApiVersion,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (version === 'v1.0') return applySelect(pick(c, CATALOG_PROPERTIES['v1.0']), select);
  const out = pick(c, ['id', 'displayName', 'description']);
  if (c.catalogType !== undefined) out.catalogType = pascal(c.catalogType);
  if (c.state !== undefined) out.catalogStatus = pascal(c.state);
  if (c.isExternallyVisible !== undefined) out.isExternallyVisible = c.isExternallyVisible;
  // Who created the catalog: the seed does not say; Graph sends the creator's UPN or null.
  out.createdBy = null;
  if (c.createdDateTime !== undefined) out.createdDateTime = c.createdDateTime;
  out.modifiedBy = null;
  if (c.modifiedDateTime !== undefined) out.modifiedDateTime = c.modifiedDateTime;
  // Non-nullable in beta's metadata, so always sent.
  out.privilegeLevel = c.privilegeLevel ?? 'standard';
  return applySelect(out, select);
}

/** Every property name of the request entity in a version, for $select and $filter checks. */
export function propertyNames(version: ApiVersion): ReadonlySet<string> {
  return new Set([...STRUCTURAL[version], ...NAVIGATIONS[version]]);
}

export const V1_STATE_ENUM: ReadonlySet<string> = new Set(REQUEST_STATES);

const pascal = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Checks $select and $expand against the entity before any data is read. */
export function validateShape(opts: ShapeOptions): void {
  const props = propertyNames(opts.version);
  for (const s of opts.select ?? []) {
    if (s !== '*' && !props.has(s)) {
      throw new ODataError(`Could not find a property named '${s}' on type '${ENTITY_TYPE}'.`);
    }
  }
  for (const e of opts.expand) {
    if (e.name === '*') continue;
    if (!NAVIGATIONS[opts.version].includes(e.name)) {
      throw new ODataError(
        props.has(e.name)
          ? `Property '${e.name}' on type '${ENTITY_TYPE}' is not a navigation property or complex property. Only navigation properties can be expanded.`
          : `Could not find a property named '${e.name}' on type '${ENTITY_TYPE}'.`,
      );
    }
    const nested = allowedNested(opts.version, e.name);
    for (const n of e.expand) {
      if (!nested.includes(n.name)) {
        throw new ODataError(`Could not find a property named '${n.name}' on type '${nestedType(e.name)}'.`);
      }
    }
  }
}

function allowedNested(version: ApiVersion, nav: string): readonly string[] {
  if (nav === 'accessPackage') return version === 'beta' ? ['accessPackageCatalog'] : ['catalog'];
  if (nav === 'requestor') return ['connectedOrganization'];
  return [];
}

function nestedType(nav: string): string {
  if (nav === 'accessPackage') return 'microsoft.graph.accessPackage';
  if (nav === 'requestor') return 'microsoft.graph.accessPackageSubject';
  return 'microsoft.graph.accessPackageAssignment';
}

/** Keeps only the `$select`ed properties (all of them for none or `*`). */
export function applySelect(
  obj: Record<string, unknown>,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (!select || select.includes('*')) return obj;
  const out: Record<string, unknown> = {};
  for (const key of select) if (key in obj) out[key] = obj[key];
  return out;
}

/** Copies only the properties that are present, so missing fields stay missing. */
export function pick<T extends object>(src: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (src as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function betaSchedule(s: Schedule | undefined): unknown {
  if (!s) return undefined;
  // beta's requestSchedule: startDateTime, expiration and recurrence, as v1.0's schedule.
  return {
    startDateTime: s.startDateTime ?? null,
    expiration: s.expiration ?? null,
    recurrence: s.recurrence ?? null,
  };
}

function v1Schedule(s: Schedule | undefined): unknown {
  if (!s) return undefined;
  // As in the docs' example; an OData type annotation is a URI fragment, so it starts with '#'.
  return { '@odata.type': '#microsoft.graph.entitlementManagementSchedule', ...s };
}

function requestType(value: string, opts: ShapeOptions): string {
  if (opts.version === 'beta') return pascal(value);
  // Evolvable enum: members declared after unknownFutureValue reach only clients that opt in.
  if (EVOLVABLE_REQUEST_TYPES.has(value) && !opts.includeUnknownEnumMembers) return 'unknownFutureValue';
  return value;
}

function subject(
  s: AccessPackageSubject,
  version: ApiVersion,
  expandOrg: boolean,
  select?: readonly string[],
): unknown {
  const out = pick(s, [
    'id',
    'displayName',
    'email',
    'objectId',
    'principalName',
    ...(version === 'v1.0' ? ['subjectType'] : []),
    'subjectLifecycle',
    'onPremisesSecurityIdentifier',
  ]);
  if (version === 'beta') {
    // beta has no subjectType: its subject says `type` ("User" in the docs' example).
    out.type =
      s.subjectType === 'servicePrincipal' ? 'ServicePrincipal' : s.subjectType === 'user' ? 'User' : null;
    out.connectedOrganizationId = s.connectedOrganization?.id ?? null;
  }
  // A navigation property in both versions' metadata: present only when expanded
  // (requestor($expand=connectedOrganization)), and then null for a requestor without one. The
  // beta docs' list example shows it without an $expand in its request line; the metadata wins.
  if (expandOrg) {
    out.connectedOrganization = s.connectedOrganization
      ? pick(s.connectedOrganization, ['id', 'displayName', 'description', 'state', 'createdDateTime'])
      : null;
  }
  return applySelect(out, select);
}

function accessPackage(p: AccessPackage, version: ApiVersion, item: ExpandItem): unknown {
  const out = pick(p, [
    'id',
    'displayName',
    'description',
    'isHidden',
    'createdDateTime',
    'modifiedDateTime',
  ]);
  if (version === 'beta') {
    out.catalogId = p.catalog?.id ?? null;
    out.isRoleScopesVisible = false;
  }
  for (const nested of item.expand) {
    if (nested.name === (version === 'beta' ? 'accessPackageCatalog' : 'catalog')) {
      out[nested.name] = p.catalog ? shapeCatalog(p.catalog, version, nested.select) : null;
    }
  }
  return applySelect(out, item.select);
}

function assignment(
  a: AccessPackageAssignment,
  req: AssignmentRequest,
  version: ApiVersion,
  select?: readonly string[],
): unknown {
  if (version === 'v1.0') {
    const out = pick(a, ['id', 'state', 'status', 'expiredDateTime']);
    if (a.schedule) out.schedule = v1Schedule(a.schedule);
    return applySelect(out, select);
  }
  const out: Record<string, unknown> = {
    id: a.id,
    accessPackageId: req.accessPackage?.id ?? null,
    assignmentPolicyId: req.accessPackage?.assignmentPolicyId ?? null,
    catalogId: req.accessPackage?.catalog?.id ?? null,
    targetId: req.requestor?.id ?? null,
    assignmentState: a.state ? pascal(a.state) : null,
    assignmentStatus: a.status ?? null,
    expiredDateTime: a.expiredDateTime ?? null,
    isExtended: false,
  };
  if (a.schedule) out.schedule = betaSchedule(a.schedule);
  return applySelect(out, select);
}

/** Projects a stored request for the wire. */
export function shapeRequest(req: AssignmentRequest, opts: ShapeOptions): Record<string, unknown> {
  const v = opts.version;
  const out: Record<string, unknown> = { id: req.id };
  if (v === 'v1.0') {
    if (req.requestType !== undefined) out.requestType = requestType(req.requestType, opts);
    if (req.state !== undefined) out.state = req.state;
    if (req.status !== undefined) out.status = req.status;
    if (req.createdDateTime !== undefined) out.createdDateTime = req.createdDateTime;
    if (req.completedDateTime !== undefined) out.completedDateTime = req.completedDateTime;
    if (req.justification !== undefined) out.justification = req.justification;
    if (req.schedule !== undefined) out.schedule = v1Schedule(req.schedule);
    if (req.answers !== undefined) out.answers = req.answers;
    if (req.customExtensionCalloutInstances !== undefined) {
      out.customExtensionCalloutInstances = req.customExtensionCalloutInstances;
    }
  } else {
    if (req.requestType !== undefined) out.requestType = requestType(req.requestType, opts);
    if (req.state !== undefined) out.requestState = pascal(req.state);
    if (req.status !== undefined) out.requestStatus = req.status;
    if (req.createdDateTime !== undefined) out.createdDateTime = req.createdDateTime;
    if (req.completedDateTime !== undefined) out.completedDate = req.completedDateTime;
    out.expirationDateTime = null;
    out.isValidationOnly = false;
    if (req.justification !== undefined) out.justification = req.justification;
    if (req.schedule !== undefined) out.schedule = betaSchedule(req.schedule);
    if (req.answers !== undefined) out.answers = req.answers;
    if (req.customExtensionCalloutInstances !== undefined) {
      out.customExtensionCalloutInstances = req.customExtensionCalloutInstances;
      out.customExtensionHandlerInstances = [];
    }
  }
  const shaped = applySelect(out, opts.select);

  const expand = opts.expand.some((e) => e.name === '*')
    ? NAVIGATIONS[v].map((name) => opts.expand.find((e) => e.name === name) ?? { name, expand: [] })
    : opts.expand;
  for (const item of expand) {
    if (item.name === 'requestor') {
      const expandOrg = item.expand.some((n) => n.name === 'connectedOrganization');
      shaped.requestor = req.requestor ? subject(req.requestor, v, expandOrg, item.select) : null;
    } else if (item.name === 'accessPackage') {
      shaped.accessPackage = req.accessPackage ? accessPackage(req.accessPackage, v, item) : null;
    } else if (item.name === 'assignment' || item.name === 'accessPackageAssignment') {
      shaped[item.name] = req.assignment ? assignment(req.assignment, req, v, item.select) : null;
    }
  }
  return shaped;
}
