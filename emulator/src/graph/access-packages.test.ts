import { describe, expect, it } from 'vitest';
import { CATALOG_IDS } from '../directory.ts';
import {
  filterQuery,
  listAll,
  useEmulator,
  type GraphErrorBody,
  type GraphList,
} from '../control/test-harness.ts';
import { ACCESS_PACKAGES } from '../seed.ts';

const h = useEmulator();

const V1 = '/v1.0/identityGovernance/entitlementManagement/accessPackages';
const BETA = '/beta/identityGovernance/entitlementManagement/accessPackages';

async function expectError(res: Response, status: number, code?: string): Promise<GraphErrorBody> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as GraphErrorBody;
  if (code !== undefined) expect(body.error.code).toBe(code);
  expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  return body;
}

const inCatalogs = (...catalogIds: string[]) =>
  ACCESS_PACKAGES.filter((p) => p.catalog && catalogIds.includes(p.catalog.id)).map((p) => p.id);

describe('list access packages: shapes', () => {
  it('v1.0: the documented properties, the catalog only when expanded', async () => {
    const plain = (await (await h.graph(V1)).json()) as GraphList;
    expect(plain['@odata.context']).toBe(
      `${h.emulator().graphOrigin}/v1.0/$metadata#identityGovernance/entitlementManagement/accessPackages`,
    );
    expect(plain.value).toHaveLength(ACCESS_PACKAGES.length);
    for (const item of plain.value) {
      expect(Object.keys(item).sort()).toEqual(
        ['createdDateTime', 'description', 'displayName', 'id', 'isHidden', 'modifiedDateTime'].sort(),
      );
    }
    const expanded = (await (await h.graph(`${V1}?$expand=catalog`)).json()) as GraphList;
    const campaign = expanded.value.find((p) => p.displayName === 'Campaign Hub');
    expect(campaign?.catalog).toMatchObject({ id: CATALOG_IDS.marketing, displayName: 'Marketing' });
    // beta's navigation name does not exist in v1.0.
    await expectError(await h.graph(`${V1}?$expand=accessPackageCatalog`), 400, 'BadRequest');
  });

  it('beta: catalogId and the accessPackageCatalog navigation', async () => {
    const page = (await (await h.graph(`${BETA}?$expand=accessPackageCatalog`)).json()) as GraphList;
    const campaign = page.value.find((p) => p.displayName === 'Campaign Hub');
    expect(campaign).toMatchObject({
      catalogId: CATALOG_IDS.marketing,
      isRoleScopesVisible: false,
      accessPackageCatalog: { id: CATALOG_IDS.marketing, displayName: 'Marketing' },
    });
    expect(campaign).not.toHaveProperty('catalog');
    await expectError(await h.graph(`${BETA}?$expand=catalog`), 400, 'BadRequest');
  });

  it('honours $select, also inside $expand', async () => {
    const page = (await (
      await h.graph(`${V1}?$select=id,displayName&$expand=catalog($select=displayName)`)
    ).json()) as GraphList;
    expect(page['@odata.context']).toMatch(/accessPackages\(id,displayName\)$/);
    for (const item of page.value) {
      expect(Object.keys(item).sort()).toEqual(['catalog', 'displayName', 'id']);
      expect(Object.keys(item.catalog as object)).toEqual(['displayName']);
    }
    await expectError(await h.graph(`${V1}?$select=id,nope`), 400, 'BadRequest');
  });

  it('lists packages that only stored requests name', async () => {
    const extra = { id: 'a7c3e9d1-0099-4b6f-9e2a-5d8c1f3b7099', displayName: 'Seeded by a test' };
    await h.controlJson('/seed', 'POST', { requests: [{ state: 'deliveryFailed', accessPackage: extra }] });
    const { items } = await listAll(h, V1);
    expect(items.map((p) => p.id)).toContain(extra.id);
  });
});

describe('list access packages: who sees what', () => {
  it('401 without a token, 403 without the permission', async () => {
    await expectError(await h.graph(V1, { token: null }), 401, 'InvalidAuthenticationToken');
    const token = await h.token('avery', { scopes: ['User.Read'] });
    await expectError(await h.graph(V1, { token }), 403, 'Authorization_RequestDenied');
  });

  it('reads with EntitlementManagement.Read.All alone', async () => {
    const token = await h.token('avery', { scopes: ['EntitlementManagement.Read.All'] });
    expect((await h.graph(V1, { token })).status).toBe(200);
    expect((await h.graph(V1, { user: 'morgan' })).status).toBe(200);
  });

  it('403 for a user with the permission but no entitlement-management role', async () => {
    await expectError(await h.graph(V1, { user: 'sam' }), 403, 'Authorization_RequestDenied');
    await expectError(await h.graph(BETA, { user: 'sam' }), 403, 'Authorization_RequestDenied');
  });

  it('a catalog-scoped user sees the packages of their catalogs only, without a filter', async () => {
    const expected = inCatalogs(CATALOG_IDS.marketing, CATALOG_IDS.partners);
    expect(expected.length).toBeGreaterThan(2);
    for (const path of [`${V1}?$expand=catalog`, `${BETA}?$expand=accessPackageCatalog`]) {
      const { items } = await listAll(h, path, 'jordan');
      expect(new Set(items.map((p) => p.id))).toEqual(new Set(expected));
    }
    const [finance] = inCatalogs(CATALOG_IDS.finance);
    await expectError(
      await h.graph(`${V1}/${finance}`, { user: 'jordan' }),
      403,
      'Authorization_RequestDenied',
    );
    expect((await h.graph(`${V1}/${expected[0]}`, { user: 'jordan' })).status).toBe(200);
  });
});

describe('list access packages: paging and $filter', () => {
  it('pages with an absolute nextLink that keeps the query, to the end', async () => {
    await h.controlJson('/settings', 'PATCH', { pageSize: 5 });
    const first = (await (await h.graph(`${V1}?$expand=catalog`)).json()) as GraphList;
    expect(first.value).toHaveLength(5);
    const next = new URL(first['@odata.nextLink'] as string);
    expect(next.origin).toBe(h.emulator().graphOrigin);
    expect(next.searchParams.get('$expand')).toBe('catalog');
    const { items, pages } = await listAll(h, `${V1}?$expand=catalog`);
    expect(pages).toBe(Math.ceil(ACCESS_PACKAGES.length / 5));
    expect(new Set(items.map((p) => p.id))).toEqual(new Set(ACCESS_PACKAGES.map((p) => p.id)));
    await expectError(await h.graph(`${V1}?$skiptoken=garbage`), 400, 'BadRequest');
  });

  it('filters by name as documented, by catalog, and refuses what it cannot run', async () => {
    const byName = (await (
      await h.graph(`${V1}${filterQuery("contains(tolower(displayName),'campaign')")}`)
    ).json()) as GraphList;
    expect(byName.value.map((p) => p.displayName)).toEqual(['Campaign Hub']);

    const v1Catalog = await listAll(h, `${V1}${filterQuery(`catalog/id eq '${CATALOG_IDS.finance}'`)}`);
    expect(new Set(v1Catalog.items.map((p) => p.id))).toEqual(new Set(inCatalogs(CATALOG_IDS.finance)));
    const betaCatalog = await listAll(h, `${BETA}${filterQuery(`catalogId eq '${CATALOG_IDS.finance}'`)}`);
    expect(betaCatalog.items).toHaveLength(v1Catalog.items.length);

    const quoted = await h.graph(`${V1}${filterQuery("displayName eq 'O''Brien''s team'")}`);
    expect(((await quoted.json()) as GraphList).value).toEqual([]);

    await expectError(await h.graph(`${V1}${filterQuery("description ne 'x'")}`), 400, 'InvalidFilter');
    await expectError(await h.graph(`${V1}${filterQuery("nope eq 'x'")}`), 400, 'BadRequest');
    await expectError(await h.graph(`${V1}${filterQuery("displayName eq 'x")}`), 400, 'BadRequest');
    await expectError(await h.graph(`${V1}?$top=5`), 400, 'BadRequest');
  });

  it('get one: 400 for a malformed id, 404 for an unknown one', async () => {
    await expectError(await h.graph(`${V1}/not-a-guid`), 400, 'BadRequest');
    await expectError(await h.graph(`${V1}/00000000-0000-4000-8000-000000000000`), 404, 'ResourceNotFound');
    await expectError(await h.graph(V1, { method: 'POST', body: {} }), 405);
  });

  it('get one with its resource role scopes: role and scope with their origin system, in each version', async () => {
    const hub = ACCESS_PACKAGES.find((p) => p.displayName === 'Campaign Hub');
    if (!hub) throw new Error('seed changed');
    type Scoped = Record<
      string,
      { id: string; role?: Record<string, unknown>; scope?: Record<string, unknown> }[]
    >;
    const v1 = (await (
      await h.graph(`${V1}/${hub.id}?$expand=resourceRoleScopes($expand=role,scope)`)
    ).json()) as Scoped;
    expect(v1.resourceRoleScopes?.map((s) => [s.role?.originSystem, s.scope?.originSystem])).toEqual([
      ['SharePointOnline', 'SharePointOnline'],
      ['AadGroup', 'AadGroup'],
    ]);
    expect(v1.resourceRoleScopes?.[1]?.scope?.displayName).toBe('Campaign Hub Members');
    // The same ids on every call; the role and the scope only when expanded.
    const again = (await (await h.graph(`${V1}/${hub.id}?$expand=resourceRoleScopes`)).json()) as Scoped;
    expect(again.resourceRoleScopes?.map((s) => s.id)).toEqual(v1.resourceRoleScopes?.map((s) => s.id));
    expect(again.resourceRoleScopes?.[0]?.role).toBeUndefined();

    const beta = (await (
      await h.graph(
        `${BETA}/${hub.id}?$expand=accessPackageResourceRoleScopes($expand=accessPackageResourceRole,accessPackageResourceScope)`,
      )
    ).json()) as Record<string, { accessPackageResourceScope?: { originSystem?: string } }[]>;
    expect(
      beta.accessPackageResourceRoleScopes?.map((s) => s.accessPackageResourceScope?.originSystem),
    ).toEqual(['SharePointOnline', 'AadGroup']);
    await expectError(
      await h.graph(`${V1}/${hub.id}?$expand=resourceRoleScopes($expand=nope)`),
      400,
      'BadRequest',
    );
    await expectError(await h.graph(`${V1}/${hub.id}?$expand=catalog($expand=x)`), 400, 'BadRequest');
  });
});
