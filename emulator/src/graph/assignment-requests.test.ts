import { describe, expect, it } from 'vitest';
import { CATALOG_IDS } from '../directory.ts';
import {
  BETA,
  filterQuery,
  listAll,
  useEmulator,
  V1,
  waitFor,
  type GraphErrorBody,
  type GraphList,
} from '../control/test-harness.ts';
import type { AssignmentRequest } from '../store/model.ts';

const h = useEmulator();
const DAY = 86_400_000;

const inWindow = (r: AssignmentRequest): boolean =>
  !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 13 * DAY;
const outsideWindow = (r: AssignmentRequest): boolean =>
  !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) > 15 * DAY;

async function expectError(res: Response, status: number, code?: string): Promise<GraphErrorBody> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as GraphErrorBody;
  if (code !== undefined) expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  return body;
}

describe('list: v1.0 shape', () => {
  it('filters by state, leaves navigations out unless expanded, and pages to the end', async () => {
    await h.controlJson('/settings', 'PATCH', { pageSize: 17 });
    const expected = await h.storeRequests('?state=deliveryFailed');
    expect(expected.length).toBe(150);

    const { items, pages } = await listAll(h, `${V1}${filterQuery("state eq 'deliveryFailed'")}`);
    expect(pages).toBe(Math.ceil(150 / 17));
    expect(new Set(items.map((i) => i.id)).size).toBe(150);
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(expected.map((r) => r.id)));
    for (const item of items) {
      expect(item.state).toBe('deliveryFailed');
      expect(item).toHaveProperty('status');
      expect(item).toHaveProperty('completedDateTime');
      expect(item).not.toHaveProperty('requestState');
      expect(item).not.toHaveProperty('requestor');
      expect(item).not.toHaveProperty('accessPackage');
      expect(item).not.toHaveProperty('assignment');
      expect(item).not.toHaveProperty('reprocessOutcome');
      expect(item).not.toHaveProperty('failureReason');
    }
  });

  it('has an @odata.context and an absolute nextLink with an opaque $skiptoken', async () => {
    await h.controlJson('/settings', 'PATCH', { pageSize: 10 });
    const res = await h.graph(`${V1}${filterQuery("state eq 'partiallyDelivered'")}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as GraphList;
    expect(page['@odata.context']).toBe(
      `${h.emulator().graphOrigin}/v1.0/$metadata#identityGovernance/entitlementManagement/assignmentRequests`,
    );
    expect(page.value).toHaveLength(10);
    const next = new URL(page['@odata.nextLink'] as string);
    expect(next.origin).toBe(h.emulator().graphOrigin);
    expect(next.pathname).toBe(V1);
    expect(next.searchParams.get('$filter')).toBe("state eq 'partiallyDelivered'");
    expect(next.searchParams.get('$skiptoken')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('expands requestor, accessPackage (with catalog) and assignment', async () => {
    const res = await h.graph(
      `${V1}${filterQuery("state eq 'deliveryFailed'", '&$expand=requestor,accessPackage($expand=catalog),assignment')}`,
    );
    const page = (await res.json()) as GraphList;
    const item = page.value[0] as Record<string, Record<string, unknown>>;
    expect(item.requestor).toMatchObject({ subjectType: 'user' });
    expect(item.requestor).toHaveProperty('principalName');
    expect(item.requestor).not.toHaveProperty('type');
    expect(item.accessPackage).toHaveProperty('displayName');
    expect(item.accessPackage?.catalog).toHaveProperty('id');
    expect(item.assignment).toMatchObject({ state: 'deliveryFailed' });

    const plain = (await (await h.graph(`${V1}?$expand=accessPackage`)).json()) as GraphList;
    expect(plain.value[0]?.accessPackage).not.toHaveProperty('catalog');
  });

  it('includes guests with #EXT# principal names and connected organizations', async () => {
    const { items } = await listAll(h, `${V1}?$expand=requestor($expand=connectedOrganization)`);
    const guests = items.filter((i) =>
      String((i.requestor as { principalName?: string }).principalName).includes('#EXT#'),
    );
    expect(guests.length).toBeGreaterThan(0);
    expect(
      guests.some((g) => (g.requestor as { connectedOrganization?: unknown }).connectedOrganization),
    ).toBe(true);
  });

  it('honours $select', async () => {
    const res = await h.graph(`${V1}?$select=id,state`);
    const page = (await res.json()) as GraphList;
    expect(page['@odata.context']).toMatch(/assignmentRequests\(id,state\)$/);
    for (const item of page.value) expect(Object.keys(item).sort()).toEqual(['id', 'state']);
    await expectError(await h.graph(`${V1}?$select=id,nope`), 400, 'BadRequest');
  });

  it('sends evolvable enum members only with Prefer: include-unknown-enum-members', async () => {
    // approverRemove is declared after unknownFutureValue in v1.0's accessPackageRequestType;
    // onBehalfAdd before it, so that one is always sent as itself.
    await h.controlJson('/seed', 'POST', {
      failed: 0,
      total: 0,
      requests: [
        { id: '7d1e0c52-3a4b-4f6e-9d8c-1b2a3c4d5e6f', requestType: 'approverRemove', state: 'delivered' },
        { id: '8e2f1d63-4b5c-4a7f-8e9d-2c3b4d5e6f70', requestType: 'onBehalfAdd', state: 'delivered' },
      ],
    });
    const get = async (path: string, prefer = false): Promise<Record<string, unknown>> =>
      (await (
        await h.graph(path, prefer ? { headers: { Prefer: 'include-unknown-enum-members' } } : {})
      ).json()) as Record<string, unknown>;
    const evolvable = '7d1e0c52-3a4b-4f6e-9d8c-1b2a3c4d5e6f';
    const declared = '8e2f1d63-4b5c-4a7f-8e9d-2c3b4d5e6f70';
    expect((await get(`${V1}/${evolvable}`)).requestType).toBe('unknownFutureValue');
    expect((await get(`${V1}/${evolvable}`, true)).requestType).toBe('approverRemove');
    expect((await get(`${V1}/${declared}`)).requestType).toBe('onBehalfAdd');
    expect((await get(`${V1}/${declared}`, true)).requestType).toBe('onBehalfAdd');
    // beta's requestType is a plain string: nothing to hide.
    expect((await get(`${BETA}/${evolvable}`)).requestType).toBe('ApproverRemove');
    expect((await get(`${BETA}/${declared}`)).requestType).toBe('OnBehalfAdd');
  });
});

describe('list: beta shape', () => {
  it('uses requestState, requestStatus, completedDate and PascalCase values', async () => {
    const { items } = await listAll(
      h,
      `${BETA}${filterQuery("requestState eq 'PartiallyDelivered'", '&$expand=requestor,accessPackageAssignment')}`,
    );
    expect(items).toHaveLength(60);
    for (const item of items) {
      expect(item.requestState).toBe('PartiallyDelivered');
      expect(item).toHaveProperty('requestStatus');
      expect(item).toHaveProperty('completedDate');
      expect(item).not.toHaveProperty('state');
      expect(item).not.toHaveProperty('completedDateTime');
      expect(item.requestType).toMatch(/^[A-Z]/);
      expect(item.requestor).toMatchObject({ type: 'User' });
      expect(item.requestor).toHaveProperty('connectedOrganizationId');
      expect(item.accessPackageAssignment).toMatchObject({ assignmentState: 'PartiallyDelivered' });
    }
  });

  it('refuses the v1.0 property names', async () => {
    await expectError(await h.graph(`${BETA}${filterQuery("state eq 'deliveryFailed'")}`), 400, 'BadRequest');
    await expectError(await h.graph(`${BETA}?$expand=assignment`), 400, 'BadRequest');
  });
});

describe('$filter', () => {
  it('combines state, accessPackage/id and createdDateTime with and', async () => {
    const all = await h.storeRequests('?state=deliveryFailed');
    const pkg = (all[0] as AssignmentRequest).accessPackage?.id as string;
    const since = new Date(Date.now() - 10 * DAY).toISOString();
    const expected = all.filter(
      (r) => r.accessPackage?.id === pkg && Date.parse(r.createdDateTime as string) >= Date.parse(since),
    );
    const { items } = await listAll(
      h,
      `${V1}${filterQuery(`state eq 'deliveryFailed' and accessPackage/id eq '${pkg}' and createdDateTime ge ${since}`)}`,
    );
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it('splits a state into createdDateTime ranges (ge and lt) that cover it exactly, and can refuse them', async () => {
    const all = await h.storeRequests('?state=deliveryFailed');
    const cut = new Date(Date.now() - 3 * DAY).toISOString();
    const before = await listAll(
      h,
      `${V1}${filterQuery(`state eq 'deliveryFailed' and createdDateTime lt ${cut}`)}`,
    );
    const after = await listAll(
      h,
      `${V1}${filterQuery(`state eq 'deliveryFailed' and createdDateTime ge ${cut}`)}`,
    );
    expect(before.items.length).toBeGreaterThan(0);
    expect(after.items.length).toBeGreaterThan(0);
    expect([...before.items, ...after.items].map((i) => i.id).sort()).toEqual(all.map((r) => r.id).sort());

    await h.controlJson('/settings', 'PATCH', { createdDateTimeFilter: false });
    await expectError(
      await h.graph(`${V1}${filterQuery(`state eq 'deliveryFailed' and createdDateTime ge ${cut}`)}`),
      400,
      'InvalidFilter',
    );
    // the plain state filter still works
    expect((await listAll(h, `${V1}${filterQuery("state eq 'deliveryFailed'")}`)).items).toHaveLength(
      all.length,
    );
  });

  it('reads OData string literals with doubled quotes', async () => {
    await h.controlJson('/seed', 'POST', {
      failed: 0,
      total: 0,
      requests: [
        { state: 'deliveryFailed', accessPackage: { id: "pkg'o'brien", displayName: 'Quote' } },
        { state: 'deliveryFailed', accessPackage: { id: 'pkg-other' } },
      ],
    });
    const { items } = await listAll(h, `${V1}${filterQuery("accessPackage/id eq 'pkg''o''brien'")}`);
    expect(items).toHaveLength(1);
  });

  it.each([
    ["state eq 'deliveryFailed' or state eq 'partiallyDelivered'", 'InvalidFilter'],
    ["state in ('deliveryFailed','partiallyDelivered')", 'InvalidFilter'],
    ['completedDateTime ge 2024-01-01T00:00:00Z', 'InvalidFilter'],
    ["state ne 'delivered'", 'InvalidFilter'],
    ["nope eq 'x'", 'BadRequest'],
    ["state eq 'notAState'", 'BadRequest'],
    ["createdDateTime ge '2024-01-01'", 'BadRequest'],
    ["state eq 'deliveryFailed", 'BadRequest'],
    ['state eq', 'BadRequest'],
  ])('refuses %s', async (filter, code) => {
    await expectError(await h.graph(`${V1}${filterQuery(filter)}`), 400, code);
  });

  it('matches beta requestState case-insensitively', async () => {
    const { items } = await listAll(h, `${BETA}${filterQuery("requestState eq 'deliveryfailed'")}`);
    expect(items).toHaveLength(150);
  });
});

describe('unsupported query options', () => {
  it.each(['$top=5', '$orderby=createdDateTime desc', '$count=true', '$search="x"', '$skip=10', '$foo=1'])(
    '%s -> 400',
    async (option) => {
      const body = await expectError(await h.graph(`${V1}?${option}`), 400, 'BadRequest');
      expect(body.error.message.length).toBeGreaterThan(0);
    },
  );

  it('refuses a tampered $skiptoken', async () => {
    await expectError(await h.graph(`${V1}?$skiptoken=garbage`), 400, 'BadRequest');
  });
});

describe('get one', () => {
  it('returns either shape, 404 for an unknown id and 400 for a malformed one', async () => {
    const [row] = await h.storeRequests('?state=deliveryFailed');
    const id = (row as AssignmentRequest).id;
    const v1 = (await (await h.graph(`${V1}/${id}?$expand=requestor`)).json()) as Record<string, unknown>;
    expect(v1).toMatchObject({ id, state: 'deliveryFailed' });
    expect(v1['@odata.context']).toMatch(/\/\$entity$/);
    const beta = (await (await h.graph(`${BETA}/${id}`)).json()) as Record<string, unknown>;
    expect(beta).toMatchObject({ id, requestState: 'DeliveryFailed' });
    await expectError(await h.graph(`${V1}/00000000-0000-4000-8000-000000000000`), 404, 'ResourceNotFound');
    await expectError(await h.graph(`${BETA}/not-a-guid`), 400, 'BadRequest');
  });
});

describe('reprocess', () => {
  it('answers 202 with no body, moves to delivering, then settles as configured', async () => {
    await h.controlJson('/settings', 'PATCH', { deliveryDelayMs: 50, deliveryOutcome: 'delivered' });
    const row = (await h.storeRequests('?state=deliveryFailed')).find(inWindow) as AssignmentRequest;
    const res = await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const [during] = await h.storeRequests(`?id=${row.id}`);
    expect(during).toMatchObject({ state: 'delivering', status: 'Delivering' });
    await waitFor(async () => (await h.storeRequests(`?id=${row.id}`))[0]?.state === 'delivered');
    const [after] = await h.storeRequests(`?id=${row.id}`);
    expect(after?.status).toBe('Delivered');
    expect(Date.parse(after?.completedDateTime as string)).toBeGreaterThan(
      Date.parse(row.completedDateTime as string),
    );
    // Delivered now: a second reprocess is the wrong state.
    await expectError(
      await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST' }),
      400,
      'InvalidRequestState',
    );
  });

  it('returns to the failed state when delivery fails again (beta path)', async () => {
    await h.controlJson('/settings', 'PATCH', { deliveryDelayMs: 30, deliveryOutcome: 'failed' });
    const row = (await h.storeRequests('?state=partiallyDelivered')).find(inWindow) as AssignmentRequest;
    const res = await h.graph(`${BETA}/${row.id}/reprocess`, { method: 'POST' });
    expect(res.status).toBe(202);
    await waitFor(async () => (await h.storeRequests(`?id=${row.id}`))[0]?.state !== 'delivering');
    const [after] = await h.storeRequests(`?id=${row.id}`);
    expect(after?.state).toBe('partiallyDelivered');
  });

  it('uses the seeded outcome by default', async () => {
    await h.controlJson('/settings', 'PATCH', { deliveryDelayMs: 10 });
    const rows = (await h.storeRequests('?state=deliveryFailed')).filter(inWindow);
    const good = rows.find((r) => r.reprocessOutcome === 'delivered') as AssignmentRequest;
    const bad = rows.find((r) => r.reprocessOutcome === 'failed') as AssignmentRequest;
    for (const r of [good, bad])
      expect((await h.graph(`${V1}/${r.id}/reprocess`, { method: 'POST' })).status).toBe(202);
    await waitFor(async () => {
      const settled = await h.storeRequests(`?id=${good.id}&id=${bad.id}`);
      return settled.every((r) => r.state !== 'delivering');
    });
    expect((await h.storeRequests(`?id=${good.id}`))[0]?.state).toBe('delivered');
    expect((await h.storeRequests(`?id=${bad.id}`))[0]?.state).toBe('deliveryFailed');
  });

  it.each([
    ['v1.0', V1],
    ['beta', BETA],
  ])('%s: 400 malformed, 404 unknown, 400 wrong state, 400 outside the 14-day window', async (_v, base) => {
    const all = await h.storeRequests();
    const delivered = all.find((r) => r.state === 'delivered') as AssignmentRequest;
    const old = all.find((r) => r.state === 'deliveryFailed' && outsideWindow(r)) as AssignmentRequest;
    await expectError(await h.graph(`${base}/12345/reprocess`, { method: 'POST' }), 400, 'BadRequest');
    await expectError(
      await h.graph(`${base}/6f1d2c3b-0000-4000-8000-000000000000/reprocess`, { method: 'POST' }),
      404,
      'ResourceNotFound',
    );
    await expectError(
      await h.graph(`${base}/${delivered.id}/reprocess`, { method: 'POST' }),
      400,
      'InvalidRequestState',
    );
    await expectError(
      await h.graph(`${base}/${old.id}/reprocess`, { method: 'POST' }),
      400,
      'ReprocessWindowExpired',
    );
    expect((await h.storeRequests(`?id=${old.id}`))[0]?.state).toBe('deliveryFailed');
  });

  it('is a POST only', async () => {
    const [row] = await h.storeRequests('?state=deliveryFailed');
    expect((await h.graph(`${V1}/${(row as AssignmentRequest).id}/reprocess`)).status).toBe(405);
  });
});

describe('authentication and authorization', () => {
  it('401 without a token, with garbage, when expired, or for another audience', async () => {
    let body = await expectError(await h.graph(V1, { token: null }), 401, 'InvalidAuthenticationToken');
    expect(body.error.message).toBe('Access token is empty.');
    await expectError(await h.graph(V1, { token: 'not.a.jwt' }), 401, 'InvalidAuthenticationToken');
    const expired = await h.token('avery', { expiresInSeconds: -120 });
    body = await expectError(await h.graph(V1, { token: expired }), 401, 'InvalidAuthenticationToken');
    expect(body.error.message).toBe('Lifetime validation failed, the token is expired.');
    const otherAudience = await h.token('avery', { audience: 'https://management.azure.com' });
    body = await expectError(await h.graph(V1, { token: otherAudience }), 401, 'InvalidAuthenticationToken');
    expect(body.error.message).toBe('Access token validation failure. Invalid audience.');
  });

  it('accepts the Graph origin, graph.microsoft.com and Graph app id as audiences', async () => {
    for (const audience of [
      h.emulator().graphOrigin,
      'https://graph.microsoft.com',
      '00000003-0000-0000-c000-000000000000',
    ]) {
      expect((await h.graph(V1, { token: await h.token('avery', { audience }) })).status).toBe(200);
    }
  });

  it('403 without the permission scope', async () => {
    const token = await h.token('avery', { scopes: ['User.Read'] });
    const body = await expectError(await h.graph(V1, { token }), 403, 'Authorization_RequestDenied');
    expect(body.error.message).toBe('Insufficient privileges to complete the operation.');
    const [row] = await h.storeRequests('?state=deliveryFailed');
    const readOnly = await h.token('avery', { scopes: ['EntitlementManagement.Read.All'] });
    await expectError(
      await h.graph(`${V1}/${(row as AssignmentRequest).id}/reprocess`, { method: 'POST', token: readOnly }),
      403,
      'Authorization_RequestDenied',
    );
  });

  it('403 for a user with the scope but no entitlement-management role', async () => {
    await expectError(await h.graph(V1, { user: 'sam' }), 403, 'Authorization_RequestDenied');
  });

  it('lets the auditor read but not reprocess, even with a write-scoped token', async () => {
    expect((await h.graph(V1, { user: 'morgan' })).status).toBe(200);
    const row = (await h.storeRequests('?state=deliveryFailed')).find(inWindow) as AssignmentRequest;
    await expectError(await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', user: 'morgan' }), 403);
    const token = await h.token('morgan', { scopes: ['EntitlementManagement.ReadWrite.All'] });
    await expectError(
      await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST', token }),
      403,
      'Authorization_RequestDenied',
    );
  });

  it('makes a catalog-scoped user filter by an access package in their catalogs', async () => {
    await expectError(await h.graph(V1, { user: 'jordan' }), 403, 'Authorization_RequestDenied');
    await expectError(
      await h.graph(`${V1}${filterQuery("state eq 'deliveryFailed'")}`, { user: 'jordan' }),
      403,
      'Authorization_RequestDenied',
    );
    const all = await h.storeRequests();
    const marketing = all.find(
      (r) => r.accessPackage?.catalog?.id === CATALOG_IDS.marketing,
    ) as AssignmentRequest;
    const finance = all.find(
      (r) => r.accessPackage?.catalog?.id === CATALOG_IDS.finance,
    ) as AssignmentRequest;
    const pkg = marketing.accessPackage?.id as string;
    const { items } = await listAll(
      h,
      `${V1}${filterQuery(`accessPackage/id eq '${pkg}'`, '&$expand=accessPackage')}`,
      'jordan',
    );
    expect(items.length).toBe(all.filter((r) => r.accessPackage?.id === pkg).length);
    await expectError(
      await h.graph(`${V1}${filterQuery(`accessPackage/id eq '${finance.accessPackage?.id}'`)}`, {
        user: 'jordan',
      }),
      403,
    );
    // Reprocess only inside their catalogs.
    const failed = all.filter((r) => r.state === 'deliveryFailed' && inWindow(r));
    const mine = failed.find(
      (r) => r.accessPackage?.catalog?.id === CATALOG_IDS.marketing,
    ) as AssignmentRequest;
    const theirs = failed.find(
      (r) => r.accessPackage?.catalog?.id === CATALOG_IDS.engineering,
    ) as AssignmentRequest;
    await expectError(await h.graph(`${V1}/${theirs.id}/reprocess`, { method: 'POST', user: 'jordan' }), 403);
    expect((await h.graph(`${V1}/${mine.id}/reprocess`, { method: 'POST', user: 'jordan' })).status).toBe(
      202,
    );
  });
});

describe('headers, errors and CORS', () => {
  it('echoes client-request-id in headers and innerError, and sends a request-id', async () => {
    const ok = await h.graph(V1, {
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' },
    });
    expect(ok.headers.get('client-request-id')).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    const bad = await h.graph(`${V1}?$top=1`, {
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000002' },
    });
    const body = await expectError(bad, 400);
    expect(body.error.innerError['client-request-id']).toBe('c0ffee00-0000-4000-8000-000000000002');
    expect(bad.headers.get('client-request-id')).toBe('c0ffee00-0000-4000-8000-000000000002');
  });

  it('answers preflights for any origin and exposes ids but not Retry-After', async () => {
    const pre = await fetch(`${h.emulator().graphOrigin}${V1}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:4173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,client-request-id,prefer,content-type',
      },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const name of ['authorization', 'content-type', 'client-request-id', 'prefer', 'consistencylevel']) {
      expect(allowed).toContain(name);
    }
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');

    await h.controlJson('/faults', 'POST', {
      path: 'assignmentRequests$',
      kind: 'status',
      status: 429,
      retryAfter: 3,
    });
    const res = await h.graph(V1, { headers: { Origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed).toContain('request-id');
    expect(exposed).toContain('client-request-id');
    expect(exposed).not.toContain('retry-after');
  });

  it('refuses unknown versions and segments the way Graph does', async () => {
    await expectError(
      await h.graph('/v2.0/identityGovernance/entitlementManagement/assignmentRequests'),
      400,
      'BadRequest',
    );
    const body = await expectError(
      await h.graph('/v1.0/identityGovernance/entitlementManagement/nope'),
      400,
      'BadRequest',
    );
    expect(body.error.message).toContain("'nope'");
  });
});
