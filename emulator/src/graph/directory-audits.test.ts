import { describe, expect, it } from 'vitest';
import {
  useEmulator,
  V1,
  waitFor,
  type GraphErrorBody,
  type GraphList,
  type Harness,
  type UserKey,
} from '../control/test-harness.ts';
import type { AssignmentRequest } from '../store/model.ts';

const h = useEmulator();
const AUDITS = '/v1.0/auditLogs/directoryAudits';
const DAY = 86_400_000;
const READY = 'Ready to fulfill access package assignment request';
const FULFILL = 'Fulfill access package assignment request';
const FAILED = 'Failed access package assignment request';

type Audit = Record<string, unknown> & {
  id: string;
  activityDisplayName: string;
  activityDateTime: string;
  correlationId: string;
  result: string;
  resultReason: string;
  initiatedBy: { user: Record<string, unknown> | null; app: Record<string, unknown> | null };
  targetResources: {
    id: string;
    displayName: string | null;
    type: string;
    userPrincipalName: string | null;
  }[];
  additionalDetails: { key: string; value: string }[];
};

interface AuditPage {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  value: Audit[];
}

/** Lifts the audit-log throttle, for tests about something else. */
async function noThrottle(): Promise<void> {
  await h.controlJson('/settings', 'PATCH', { auditRateLimit: { requests: 100_000, windowMs: 1000 } });
}

function q(params: Record<string, string>): string {
  return `?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;
}

async function page(path: string, user: UserKey = 'avery'): Promise<AuditPage> {
  const res = await h.graph(path, { user });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as AuditPage;
}

/** Every event the query matches, following nextLinks. */
async function all(harness: Harness, path: string): Promise<{ items: Audit[]; pages: number }> {
  const items: Audit[] = [];
  let pages = 0;
  let next: string | undefined = path;
  while (next !== undefined) {
    const body = await page(
      next.startsWith('http') ? next.slice(harness.emulator().graphOrigin.length) : next,
    );
    items.push(...body.value);
    pages++;
    next = body['@odata.nextLink'];
  }
  return { items, pages };
}

async function expectError(res: Response, status: number, code: string): Promise<GraphErrorBody> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as GraphErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  return body;
}

const byTarget = (id: string): string => `targetResources/any(t: t/id eq '${id}')`;

async function failedInWindow(): Promise<AssignmentRequest> {
  const rows = await h.storeRequests('?state=deliveryFailed');
  const row = rows.find(
    (r) => r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  if (!row) throw new Error('the seed has no recent failed request');
  return row;
}

describe('directoryAudits: shape and seeded history', () => {
  it('returns entitlement management events as documented, newest first, within 30 days', async () => {
    await noThrottle();
    const body = await page(AUDITS);
    expect(body['@odata.context']).toBe(
      `${h.emulator().graphOrigin}/v1.0/$metadata#auditLogs/directoryAudits`,
    );
    expect(body.value).toHaveLength(100);
    const times = body.value.map((e) => Date.parse(e.activityDateTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const { items } = await all(h, AUDITS);
    expect(items.every((e) => Date.now() - Date.parse(e.activityDateTime) <= 30 * DAY)).toBe(true);
    for (const e of items) {
      expect(e).toMatchObject({
        category: 'EntitlementManagement',
        loggedByService: 'Entitlement Management',
      });
      expect(['success', 'failure']).toContain(e.result);
      expect(e.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.targetResources.filter((t) => t.type === 'AccessPackageAssignmentRequest')).toHaveLength(1);
      expect(e.initiatedBy.user ?? e.initiatedBy.app).not.toBeNull();
    }
    const activities = new Set(items.map((e) => e.activityDisplayName));
    expect(activities).toEqual(
      new Set([READY, FULFILL, FAILED, 'Partially fulfill access package assignment request']),
    );
    const failure = items.find((e) => e.activityDisplayName === FAILED) as Audit;
    expect(failure.result).toBe('failure');
    // Why delivery failed, as a sentence, also where the request's status is only a code.
    expect(failure.resultReason).toMatch(
      /^Unable to|^The custom extension|^An unexpected|^The request could not/,
    );
    const failures = items.filter((e) => e.result === 'failure');
    expect(
      failures.every((e) => e.resultReason !== 'DeliveryFailed' && e.resultReason !== 'PartiallyDelivered'),
    ).toBe(true);
    expect(failure.additionalDetails).toContainEqual({ key: 'RequestState', value: 'DeliveryFailed' });
    const user = failure.targetResources.find((t) => t.type === 'User');
    expect(user?.displayName).toBeTruthy();
    expect(user?.userPrincipalName).toBeTruthy();
  });

  it('keeps a failed request’s history: ready, then failed, in one correlation', async () => {
    await noThrottle();
    const row = await failedInWindow();
    const { items } = await all(
      h,
      `${AUDITS}${q({ $filter: byTarget(row.id), $orderby: 'activityDateTime asc' })}`,
    );
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((e) => e.targetResources.some((t) => t.id === row.id))).toBe(true);
    const last = items[items.length - 1] as Audit;
    expect(last.activityDisplayName).toBe(FAILED);
    expect(last.activityDateTime).toBe(row.completedDateTime);
    const ready = items.filter((e) => e.correlationId === last.correlationId);
    expect(ready.map((e) => e.activityDisplayName)).toEqual([READY, FAILED]);
  });

  it('answers a single event by id', async () => {
    const [first] = (await page(`${AUDITS}?$top=1`)).value;
    const res = await h.graph(`${AUDITS}/${first?.id ?? ''}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: first?.id,
      activityDisplayName: first?.activityDisplayName,
    });
    await expectError(await h.graph(`${AUDITS}/nope`), 404, 'ResourceNotFound');
  });
});

describe('directoryAudits: filters, order and paging', () => {
  it('filters by time, activity, service and target, joined by and', async () => {
    await noThrottle();
    const { items: everything } = await all(h, AUDITS);
    const from = new Date(Date.now() - 7 * DAY).toISOString();
    const to = new Date(Date.now() - 1 * DAY).toISOString();
    const row = await failedInWindow();
    const cases: [string, (e: Audit) => boolean][] = [
      [`activityDateTime ge ${from}`, (e) => e.activityDateTime >= from],
      [
        `activityDateTime ge ${from} and activityDateTime le ${to}`,
        (e) => e.activityDateTime >= from && e.activityDateTime <= to,
      ],
      [`activityDisplayName eq '${FULFILL}'`, (e) => e.activityDisplayName === FULFILL],
      [`startswith(activityDisplayName,'Partially')`, (e) => e.activityDisplayName.startsWith('Partially')],
      [`loggedByService eq 'Entitlement Management'`, () => true],
      [`loggedByService eq 'Core Directory'`, () => false],
      [byTarget(row.id), (e) => e.targetResources.some((t) => t.id === row.id)],
      [
        `loggedByService eq 'Entitlement Management' and ${byTarget(row.id)} and activityDisplayName eq '${FAILED}'`,
        (e) => e.targetResources.some((t) => t.id === row.id) && e.activityDisplayName === FAILED,
      ],
      [
        `initiatedBy/user/userPrincipalName eq 'avery.howard@contoso.example'`,
        (e) => e.initiatedBy.user?.userPrincipalName === 'avery.howard@contoso.example',
      ],
    ];
    for (const [filter, keep] of cases) {
      const { items } = await all(h, `${AUDITS}${q({ $filter: filter })}`);
      expect(
        items.map((e) => e.id),
        filter,
      ).toEqual(everything.filter(keep).map((e) => e.id));
    }
    // The request filter actually narrows things down.
    expect(everything.filter((e) => e.targetResources.some((t) => t.id === row.id)).length).toBeLessThan(10);
  });

  it('reads quoted quotes in string literals', async () => {
    await noThrottle();
    const res = await h.graph(`${AUDITS}${q({ $filter: "targetResources/any(t: t/id eq 'O''Brien')" })}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as GraphList).value).toEqual([]);
  });

  it('orders by activityDateTime either way and refuses other orders', async () => {
    await noThrottle();
    const desc = (await page(`${AUDITS}${q({ $orderby: 'activityDateTime desc', $top: '50' })}`)).value;
    const asc = (await page(`${AUDITS}${q({ $orderby: 'activityDateTime asc', $top: '50' })}`)).value;
    expect(desc[0]?.activityDateTime).not.toBe(asc[0]?.activityDateTime);
    expect(asc.map((e) => e.activityDateTime)).toEqual([...asc.map((e) => e.activityDateTime)].sort());
    await expectError(await h.graph(`${AUDITS}${q({ $orderby: 'activityDisplayName' })}`), 400, 'BadRequest');
  });

  it('pages by nextLink with the configured page size or $top, without repeats', async () => {
    await noThrottle();
    const { items: everything } = await all(h, AUDITS);
    await h.controlJson('/settings', 'PATCH', { auditPageSize: 7 });
    const paged = await all(h, AUDITS);
    expect(paged.pages).toBe(Math.ceil(everything.length / 7));
    expect(paged.items.map((e) => e.id)).toEqual(everything.map((e) => e.id));

    const first = await page(`${AUDITS}${q({ $top: '3', $filter: `activityDisplayName eq '${FAILED}'` })}`);
    expect(first.value).toHaveLength(3);
    const next = new URL(first['@odata.nextLink'] as string);
    expect(next.origin).toBe(h.emulator().graphOrigin);
    expect(next.searchParams.get('$top')).toBe('3');
    expect(next.searchParams.get('$filter')).toBe(`activityDisplayName eq '${FAILED}'`);
    const second = await page(`${next.pathname}${next.search}`);
    expect(second.value.every((e) => !first.value.some((f) => f.id === e.id))).toBe(true);

    // A page can be empty of matches yet the end is signalled by the missing nextLink.
    const none = await page(`${AUDITS}${q({ $filter: `activityDisplayName eq 'Nothing like it'` })}`);
    expect(none.value).toEqual([]);
    expect(none['@odata.nextLink']).toBeUndefined();
  });

  it('refuses what the API does not support with 400', async () => {
    await noThrottle();
    const bad = [
      q({ $filter: `activityDisplayName eq '${FAILED}' or activityDisplayName eq '${FULFILL}'` }),
      q({ $filter: "result eq 'failure'" }),
      q({ $filter: "category eq 'EntitlementManagement'" }),
      q({ $filter: 'activityDateTime gt 2024-01-01T00:00:00Z' }),
      q({ $filter: "activityDateTime ge '2024-01-01T00:00:00Z'" }),
      q({ $filter: "nope eq 'x'" }),
      q({ $filter: "targetResources/any(t: t/type eq 'User')" }),
      q({ $filter: "not (loggedByService eq 'Entitlement Management')" }),
      q({ $filter: "activityDisplayName eq 'unterminated" }),
      q({ $top: '0' }),
      q({ $top: '1001' }),
      q({ $count: 'true' }),
      q({ $select: 'id' }),
      q({ $skiptoken: 'garbage' }),
    ];
    for (const query of bad) {
      const res = await h.graph(`${AUDITS}${query}`);
      expect(res.status, decodeURIComponent(query)).toBe(400);
      expect(((await res.json()) as GraphErrorBody).error.code, query).toBe('BadRequest');
    }
  });
});

describe('directoryAudits: permissions and throttling', () => {
  it('needs AuditLog.Read.All and a role that can read audit logs', async () => {
    await noThrottle();
    expect((await h.graph(AUDITS, { user: 'morgan' })).status).toBe(200);
    expect((await h.graph(AUDITS.replace('v1.0', 'beta'), { user: 'avery' })).status).toBe(200);
    await expectError(await h.graph(AUDITS, { token: null }), 401, 'InvalidAuthenticationToken');
    await expectError(await h.graph(AUDITS, { user: 'sam' }), 403, 'Authorization_RequestDenied');
    await expectError(await h.graph(AUDITS, { user: 'jordan' }), 403, 'Authorization_RequestDenied');
    const withoutScope = await h.token('avery', {
      scopes: ['EntitlementManagement.ReadWrite.All'],
    });
    await expectError(await h.graph(AUDITS, { token: withoutScope }), 403, 'Authorization_RequestDenied');
    // A catalog-scoped role grants nothing outside entitlement management.
    const catalogRole = await h.token('jordan', { scopes: ['AuditLog.Read.All'] });
    await expectError(
      await h.graph(AUDITS, { token: catalogRole }),
      403,
      'Authentication_RequestFromUnsupportedUserRole',
    );
    await expectError(await h.graph(AUDITS, { method: 'POST', body: {} }), 405, 'Request_BadRequest');
    await expectError(await h.graph('/v1.0/auditLogs/signIns'), 400, 'BadRequest');
  });

  it('allows about 5 reads per 10 seconds per app, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await h.graph(`${AUDITS}?$top=1`)).status).toBe(200);
    const throttled = await h.graph(`${AUDITS}?$top=1`);
    const body = await expectError(throttled, 429, 'TooManyRequests');
    expect(body.error.innerError).toMatchObject({ code: '429', status: '429' });
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    // The limit is the app's: another user of the same app is throttled too.
    expect((await h.graph(`${AUDITS}?$top=1`, { user: 'morgan' })).status).toBe(429);
    // Other Graph reads are not affected.
    expect((await h.graph(`${V1}?$select=id`)).status).toBe(200);
    // A new tenant starts with a fresh window.
    await h.controlJson('/reset', 'POST');
    expect((await h.graph(`${AUDITS}?$top=1`)).status).toBe(200);
  });

  it('takes its limit from the settings, as a sliding window', async () => {
    await h.controlJson('/settings', 'PATCH', { auditRateLimit: { requests: 2, windowMs: 400 } });
    expect((await h.graph(`${AUDITS}?$top=1`)).status).toBe(200);
    expect((await h.graph(`${AUDITS}?$top=1`)).status).toBe(200);
    const throttled = await h.graph(`${AUDITS}?$top=1`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    await new Promise((r) => setTimeout(r, 450));
    expect((await h.graph(`${AUDITS}?$top=1`)).status).toBe(200);

    for (const bad of [{ requests: 0, windowMs: 1 }, { requests: 5 }, { requests: 5, windowMs: -1 }, 5]) {
      expect((await h.control('/settings', 'PATCH', { auditRateLimit: bad })).status).toBe(400);
    }
    expect((await h.control('/settings', 'PATCH', { auditPageSize: 1001 })).status).toBe(400);
  });
});

describe('directoryAudits: events written as a reprocess plays out', () => {
  async function reprocessAndWait(
    outcome: 'delivered' | 'failed',
    expected: string,
  ): Promise<{ events: Audit[]; row: AssignmentRequest }> {
    await noThrottle();
    await h.controlJson('/settings', 'PATCH', { deliveryDelayMs: 30, deliveryOutcome: outcome });
    const row = await failedInWindow();
    const since = new Date().toISOString();
    expect((await h.graph(`${V1}/${row.id}/reprocess`, { method: 'POST' })).status).toBe(202);
    const path = `${AUDITS}${q({
      $filter: `${byTarget(row.id)} and activityDateTime ge ${since}`,
      $orderby: 'activityDateTime asc',
    })}`;
    let items: Audit[] = [];
    await waitFor(async () => {
      items = (await page(path)).value;
      return items.some((e) => e.activityDisplayName === expected);
    });
    return { events: items, row };
  }

  const state = (e: Audit): string | undefined =>
    e.additionalDetails.find((d) => d.key === 'RequestState')?.value;

  it('a reprocess that delivers: "Ready to fulfill" by the agent, then "Fulfill" by the service', async () => {
    const { events, row } = await reprocessAndWait('delivered', FULFILL);
    expect(events.map((e) => e.activityDisplayName)).toEqual([READY, FULFILL]);
    // The history from before keeps what was true then, although the request has changed since.
    const history = (
      await page(`${AUDITS}${q({ $filter: byTarget(row.id), $orderby: 'activityDateTime asc' })}`)
    ).value;
    expect(history.slice(-3).map((e) => [e.activityDisplayName, state(e)])).toEqual([
      [FAILED, 'DeliveryFailed'],
      [READY, 'Delivering'],
      [FULFILL, 'Delivered'],
    ]);
    const [ready, done] = events as [Audit, Audit];
    expect(ready.initiatedBy.user).toMatchObject({
      displayName: 'Avery Howard',
      userPrincipalName: 'avery.howard@contoso.example',
    });
    expect(ready.additionalDetails).toContainEqual({ key: 'RequestState', value: 'Delivering' });
    expect(done.initiatedBy).toMatchObject({ user: null, app: { displayName: 'Entitlement Management' } });
    expect(done).toMatchObject({ result: 'success', resultReason: '' });
    expect(done.correlationId).toBe(ready.correlationId);
    expect(done.additionalDetails).toContainEqual({ key: 'RequestState', value: 'Delivered' });
    // No activity names a reprocess.
    expect(events.some((e) => /reprocess/i.test(e.activityDisplayName))).toBe(false);
  });

  it('a reprocess that fails again: "Ready to fulfill", then "Failed" with the reason', async () => {
    const { events } = await reprocessAndWait('failed', FAILED);
    expect(events.map((e) => e.activityDisplayName)).toEqual([READY, FAILED]);
    const [ready, done] = events as [Audit, Audit];
    expect(done.result).toBe('failure');
    expect(done.resultReason).not.toBe('');
    expect(done.correlationId).toBe(ready.correlationId);
  });
});
