// Conformance with Microsoft Graph's published metadata: every endpoint and query the app sends
// (src/features/requests/api, src/features/audit/api), in both API versions, with and without
// $expand and $select, on every page, with and without Prefer: include-unknown-enum-members, is
// answered in the shapes emulator/metadata/ (Microsoft's CSDL) declares.
import { describe, expect, it } from 'vitest';
import { BETA, useEmulator, V1 } from '../control/test-harness.ts';
import { DEFAULT_SEED } from '../seed.ts';
import type { AssignmentRequest } from '../store/model.ts';
import {
  checkNextLink,
  loadSchema,
  MetadataChecker,
  type CheckOptions,
  type Expansion,
} from './metadata-check.ts';
import type { ApiVersion } from './types.ts';

const h = useEmulator();

const ACCESS_PACKAGE_SUBJECT = {
  id: '5f0c8a2e-7b1d-4e3a-9c6f-2d8b4a1e7c30',
  displayName: 'Adele Vance',
  subjectType: 'user',
  subjectLifecycle: 'notDefined',
};

interface Names {
  requests: string;
  requestsSegment: string;
  state: string;
  failed: readonly [string, string];
  catalog: string;
  assignment: string;
  select: readonly string[];
}

const NAMES: Record<ApiVersion, Names> = {
  'v1.0': {
    requests: V1,
    requestsSegment: 'assignmentRequests',
    state: 'state',
    failed: ['deliveryFailed', 'partiallyDelivered'],
    catalog: 'catalog',
    assignment: 'assignment',
    select: ['id', 'state', 'status', 'requestType', 'completedDateTime'],
  },
  beta: {
    requests: BETA,
    requestsSegment: 'accessPackageAssignmentRequests',
    state: 'requestState',
    failed: ['DeliveryFailed', 'PartiallyDelivered'],
    catalog: 'accessPackageCatalog',
    assignment: 'accessPackageAssignment',
    select: ['id', 'requestState', 'requestStatus', 'requestType', 'completedDate'],
  },
};

const EM = ['identityGovernance', 'entitlementManagement'] as const;
const PREFER = 'include-unknown-enum-members';

interface Query {
  /** Path and query, as the app sends them. */
  url: string;
  itemType: string;
  contextPath: readonly string[];
  expansion: Expansion;
  /** One entity rather than a collection. */
  entity?: boolean;
  /** Checks an item's values against what the store holds (findings, none when right). */
  verify?: (item: Record<string, unknown>, checker: MetadataChecker, opts: CheckOptions) => string[];
}

const q = (params: Record<string, string>): string =>
  Object.keys(params).length === 0
    ? ''
    : `?${Object.entries(params)
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .join('&')}`;

/**
 * Lists each kind of deviation once, with how often it was seen and the first query that showed
 * it, so a failure reads as a short list rather than one line per item.
 */
function summarize(errors: readonly string[]): string[] {
  const counts = new Map<string, { n: number; where: string }>();
  for (const e of errors) {
    const split = e.indexOf(': ');
    const where = e.slice(0, split);
    const what = e.slice(split + 2).replace(/\[\d+\]/g, '[*]');
    const seen = counts.get(what);
    if (seen) seen.n++;
    else counts.set(what, { n: 1, where });
  }
  return [...counts.entries()].map(([what, { n, where }]) => `${what} (x${n}; first in ${where})`);
}

async function check(
  version: ApiVersion,
  queries: readonly Query[],
): Promise<{ errors: string[]; items: number; pages: number }> {
  const checker = new MetadataChecker(loadSchema(version));
  const origin = h.emulator().graphOrigin;
  const token = await h.token('avery');
  const errors: string[] = [];
  let items = 0;
  let pages = 0;
  for (const query of queries) {
    for (const prefer of [false, true]) {
      const label = `GET ${query.url}${prefer ? ' [Prefer]' : ''}`;
      let next: string | undefined = `${origin}${query.url}`;
      let page = 0;
      while (next !== undefined) {
        const url = new URL(next);
        const res = await fetch(url, {
          headers: { Authorization: `Bearer ${token}`, ...(prefer ? { Prefer: PREFER } : {}) },
        });
        const at = `${label} page ${page + 1}`;
        if (res.status !== 200) {
          errors.push(`${at}: HTTP ${res.status} ${await res.text()}`);
          break;
        }
        const body = (await res.json()) as Record<string, unknown>;
        pages++;
        page++;
        const select = query.expansion.select;
        errors.push(
          ...checker
            .checkContext(body['@odata.context'], {
              origin,
              path: query.contextPath,
              itemType: query.itemType,
              ...(select ? { select } : {}),
              entity: query.entity === true,
            })
            .map((e) => `${at}: ${e}`),
        );
        const opts = { includeUnknownEnumMembers: prefer };
        if (query.entity) {
          const { '@odata.context': _context, ...entity } = body;
          errors.push(...checker.checkEntity(query.itemType, entity, `${at}: item`, query.expansion, opts));
          errors.push(...(query.verify?.(entity, checker, opts) ?? []).map((e) => `${at}: item${e}`));
          items++;
          break;
        }
        const value = body.value;
        if (!Array.isArray(value)) {
          errors.push(`${at}: value is not an array`);
          break;
        }
        for (const [key] of Object.entries(body)) {
          if (!['@odata.context', '@odata.nextLink', 'value'].includes(key)) {
            errors.push(`${at}: unexpected member '${key}' of a collection answer`);
          }
        }
        value.forEach((item, i) => {
          errors.push(
            ...checker.checkEntity(query.itemType, item, `${at}: value[${i}]`, query.expansion, opts),
          );
          if (typeof item === 'object' && item !== null) {
            const found = query.verify?.(item as Record<string, unknown>, checker, opts) ?? [];
            errors.push(...found.map((e) => `${at}: value[${i}]${e}`));
          }
        });
        items += value.length;
        const link = body['@odata.nextLink'];
        if (link !== undefined) errors.push(...checkNextLink(link, url).map((e) => `${at}: ${e}`));
        next = typeof link === 'string' ? link : undefined;
      }
    }
  }
  return { errors: summarize(errors), items, pages };
}

/**
 * The evolvable-enum rule on real values: a v1.0 request's type and state are the stored member,
 * or unknownFutureValue for a member declared after it when the client did not opt in.
 */
function enumTruth(store: ReadonlyMap<string, AssignmentRequest>): NonNullable<Query['verify']> {
  return (item, checker, opts) => {
    const row = typeof item.id === 'string' ? store.get(item.id) : undefined;
    if (!row) return [`: id ${JSON.stringify(item.id)} is not in the store`];
    const out: string[] = [];
    for (const [prop, enumName, stored] of [
      ['requestType', 'accessPackageRequestType', row.requestType],
      ['state', 'accessPackageRequestState', row.state],
    ] as const) {
      if (!(prop in item) || stored === undefined) continue;
      const expected = checker.wireEnumValue(enumName, stored, opts);
      if (item[prop] !== expected) {
        out.push(
          `.${prop}: '${String(item[prop])}' sent for stored '${stored}'; the metadata says '${expected}'`,
        );
      }
    }
    return out;
  };
}

function requestQueries(
  version: ApiVersion,
  packageId: string,
  ids: readonly string[],
  store: ReadonlyMap<string, AssignmentRequest>,
): Query[] {
  const n = NAMES[version];
  const base = {
    itemType: 'accessPackageAssignmentRequest',
    contextPath: [...EM, n.requestsSegment],
    ...(version === 'v1.0' ? { verify: enumTruth(store) } : {}),
  };
  // The queue's list (requests-api.ts), and the catalog-scoped agent's (accessPackage/id).
  const appExpand = `requestor,accessPackage($expand=${n.catalog})`;
  const appExpansion: Expansion = {
    expand: { requestor: {}, accessPackage: { expand: { [n.catalog]: {} } } },
  };
  // The details drawer (request-details-query.ts).
  const detailsExpand = `requestor($expand=connectedOrganization),accessPackage($expand=${n.catalog}),${n.assignment}`;
  const detailsExpansion: Expansion = {
    expand: {
      requestor: { expand: { connectedOrganization: {} } },
      accessPackage: { expand: { [n.catalog]: {} } },
      [n.assignment]: {},
    },
  };
  const queries: Query[] = [];
  for (const state of n.failed) {
    const filter = `${n.state} eq '${state}'`;
    queries.push({
      ...base,
      url: `${n.requests}${q({ $filter: filter, $expand: appExpand })}`,
      expansion: appExpansion,
    });
    queries.push({ ...base, url: `${n.requests}${q({ $filter: filter })}`, expansion: {} });
    queries.push({
      ...base,
      url: `${n.requests}${q({ $filter: `${filter} and accessPackage/id eq '${packageId}'`, $expand: appExpand })}`,
      expansion: appExpansion,
    });
  }
  // Every state and request type, bare, with every navigation, and with a $select.
  queries.push({ ...base, url: n.requests, expansion: {} });
  queries.push({
    ...base,
    url: `${n.requests}${q({ $expand: detailsExpand })}`,
    expansion: detailsExpansion,
  });
  queries.push({
    ...base,
    url: `${n.requests}${q({ $select: n.select.join(',') })}`,
    expansion: { select: n.select },
  });
  queries.push({
    ...base,
    url: `${n.requests}${q({ $select: n.select.join(','), $expand: appExpand })}`,
    expansion: { ...appExpansion, select: n.select },
  });
  for (const id of ids) {
    queries.push({
      ...base,
      url: `${n.requests}/${id}${q({ $expand: detailsExpand })}`,
      expansion: detailsExpansion,
      entity: true,
    });
    queries.push({
      ...base,
      url: `${n.requests}/${id}${q({ $expand: appExpand })}`,
      expansion: appExpansion,
      entity: true,
    });
    queries.push({ ...base, url: `${n.requests}/${id}`, expansion: {}, entity: true });
  }
  return queries;
}

function packageQueries(version: ApiVersion, packageId: string): Query[] {
  const n = NAMES[version];
  const path = `/${version}/identityGovernance/entitlementManagement/accessPackages`;
  const base = { itemType: 'accessPackage', contextPath: [...EM, 'accessPackages'] };
  const expansion: Expansion = { expand: { [n.catalog]: {} } };
  return [
    // The package picker (access-packages.ts): every package with its catalog, or by name.
    { ...base, url: `${path}${q({ $expand: n.catalog })}`, expansion },
    {
      ...base,
      url: `${path}${q({ $expand: n.catalog, $filter: "contains(tolower(displayName),'team')" })}`,
      expansion,
    },
    { ...base, url: path, expansion: {} },
    {
      ...base,
      url: `${path}${q({ $select: 'id,displayName' })}`,
      expansion: { select: ['id', 'displayName'] },
    },
    { ...base, url: `${path}/${packageId}${q({ $expand: n.catalog })}`, expansion, entity: true },
  ];
}

function auditQueries(version: ApiVersion, requestId: string, auditId: string): Query[] {
  const path = `/${version}/auditLogs/directoryAudits`;
  const base = { itemType: 'directoryAudit', contextPath: ['auditLogs', 'directoryAudits'] };
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  // The audit page (audit-filter.ts, directory-audits-api.ts): a time range, or one request.
  const range = `loggedByService eq 'Entitlement Management' and activityDateTime ge ${from} and activityDateTime le ${to}`;
  return [
    { ...base, url: `${path}${q({ $filter: range, $orderby: 'activityDateTime desc' })}`, expansion: {} },
    {
      ...base,
      url: `${path}${q({ $filter: `${range} and targetResources/any(t: t/id eq '${requestId}')`, $orderby: 'activityDateTime desc' })}`,
      expansion: {},
    },
    { ...base, url: `${path}/${auditId}`, expansion: {}, entity: true },
  ];
}

/** Requests whose requestors differ in what an expanded connectedOrganization must be. */
function sampleIds(rows: readonly AssignmentRequest[]): string[] {
  const member = rows.find((r) => r.requestor && !r.requestor.principalName?.includes('#EXT#'));
  const guestWithOrg = rows.find((r) => r.requestor?.connectedOrganization);
  const guestWithout = rows.find((r) => r.requestor?.connectedOrganization === null);
  const onBehalf = rows.find((r) => r.requestType === 'onBehalfAdd');
  const evolvable = rows.find((r) => r.requestType === 'approverRemove');
  return [member, guestWithOrg, guestWithout, onBehalf, evolvable].map((r) => {
    if (!r) throw new Error('the default seed lacks a request the conformance test needs');
    return r.id;
  });
}

// Thousands of items per test: give a busy machine room.
describe.each(['v1.0', 'beta'] as const)(
  '%s answers in the shapes of its metadata',
  { timeout: 60_000 },
  (version) => {
    it('assignment requests: the queue, the catalog-scoped list, details, $select, every page', async () => {
      // The default tenant, plus a request of the one type v1.0 declares after unknownFutureValue.
      await h.controlJson('/seed', 'POST', {
        ...DEFAULT_SEED,
        requests: [
          {
            requestType: 'approverRemove',
            state: 'delivered',
            status: 'Delivered',
            createdDateTime: '2026-01-05T10:00:00Z',
            completedDateTime: '2026-01-05T10:01:00Z',
            requestor: ACCESS_PACKAGE_SUBJECT,
          },
        ],
      });
      await h.controlJson('/settings', 'PATCH', { pageSize: 60 });
      const rows = await h.storeRequests();
      const store = new Map(rows.map((r) => [r.id, r]));
      const packageId = rows.find((r) => r.accessPackage)?.accessPackage?.id ?? '';
      const result = await check(version, requestQueries(version, packageId, sampleIds(rows), store));
      expect(result.errors).toEqual([]);
      // 400 rows under each of the four whole-list queries, both with and without Prefer.
      expect(result.items).toBeGreaterThan(8 * rows.length);
      expect(result.pages).toBeGreaterThan(50);
    });

    it('access packages: the picker with its catalog, by name, bare, $select, every page', async () => {
      await h.controlJson('/settings', 'PATCH', { pageSize: 5 });
      const rows = await h.storeRequests();
      const packageId = rows.find((r) => r.accessPackage)?.accessPackage?.id ?? '';
      const result = await check(version, packageQueries(version, packageId));
      expect(result.errors).toEqual([]);
      expect(result.pages).toBeGreaterThan(10);
    });

    it('directory audits: a time range and one request, every page', async () => {
      await h.controlJson('/settings', 'PATCH', {
        auditPageSize: 40,
        auditRateLimit: { requests: 100_000, windowMs: 10_000 },
      });
      const rows = await h.storeRequests('?state=deliveryFailed');
      const requestId = rows.find((r) => r.completedDateTime)?.id ?? '';
      const token = await h.token('avery');
      const first = await fetch(`${h.emulator().graphOrigin}/${version}/auditLogs/directoryAudits?$top=1`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const auditId = ((await first.json()) as { value: { id: string }[] }).value[0]?.id ?? '';
      const result = await check(version, auditQueries(version, requestId, auditId));
      expect(result.errors).toEqual([]);
      expect(result.pages).toBeGreaterThan(6);
    });
  },
);
