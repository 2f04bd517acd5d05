import { describe, expect, it } from 'vitest';
import { fromGraph, type AssignmentRequest } from '../requests/model';
import {
  causeOfText,
  causeStats,
  groupByCause,
  isStatusCode,
  otherTemplate,
  resourceKindOf,
  type ResourceKind,
} from './causes';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');

let next = 0;
function request(over: Record<string, unknown> = {}): AssignmentRequest {
  next += 1;
  const json = {
    id: `r${next}`,
    state: 'deliveryFailed',
    status: 'DeliveryFailed',
    requestType: 'userAdd',
    createdDateTime: new Date(NOW - 2 * DAY).toISOString(),
    completedDateTime: new Date(NOW - 1 * DAY).toISOString(),
    requestor: { id: 'u1', displayName: 'Ana', principalName: 'ana@contoso.com', subjectType: 'user' },
    accessPackage: { id: 'pkg-sales', displayName: 'Sales', catalog: { id: 'c1', displayName: 'General' } },
    ...over,
  };
  const r = fromGraph(json, 'v1.0');
  if (!r) throw new Error('not a request');
  return r;
}

const guest = {
  id: 'g1',
  displayName: 'Guest',
  principalName: 'gus_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  subjectType: 'user',
};
const fromPartner = {
  id: 'g2',
  displayName: 'Partner',
  subjectType: 'user',
  connectedOrganization: { id: 'org-1', displayName: 'Fabrikam' },
};

describe('causeOfText: the documented failures in a status sentence or an audit resultReason', () => {
  it.each([
    [
      "Unable to add the user to the SharePoint Online site 'Campaigns': the guest user is not yet known to SharePoint Online.",
      'guestNotInSharePoint',
    ],
    [
      "Unable to add the user to the SharePoint Online site 'Campaigns': the site has not been provisioned yet.",
      'siteNotProvisioned',
    ],
    [
      "Unable to add the user to group 'Sales EMEA': the group's membership is dynamic or mastered on-premises and can't be changed.",
      'groupNotChangeable',
    ],
    [
      "Unable to add the user to group 'Sales EMEA': the group was not found. It may have been deleted or replaced.",
      'groupNotFound',
    ],
    [
      "Unable to assign the app role 'Reader' of application 'Payroll': the app role was removed from the application.",
      'appRoleRemoved',
    ],
    [
      "Unable to assign the app role 'Reader' of application 'Payroll': the application's service principal was not found.",
      'servicePrincipalMissing',
    ],
    [
      "The custom extension 'Ticketing' did not respond in time. Unable to add the user to group 'X'",
      'calloutTimedOut',
    ],
    ['The custom extension failed with an error from the Logic App.', 'calloutFailed'],
  ])('%s → %s', (text, kind) => {
    expect(causeOfText(text)).toBe(kind);
  });

  it('matches nothing in a short code, an unknown sentence or no text', () => {
    expect(causeOfText('DeliveryFailed')).toBeUndefined();
    expect(causeOfText('The quota of the tenant was exceeded.')).toBeUndefined();
    expect(causeOfText(undefined)).toBeUndefined();
  });

  it('tells a short code from a sentence', () => {
    expect(isStatusCode('DeliveryFailed')).toBe(true);
    expect(isStatusCode('PartiallyDelivered')).toBe(true);
    expect(isStatusCode(undefined)).toBe(true);
    expect(isStatusCode('  ')).toBe(true);
    expect(isStatusCode('Partially delivered (1 of 2 resources).')).toBe(false);
  });

  it('reads resource kinds from originSystem in either casing', () => {
    expect(
      ['AadGroup', 'aadApplication', 'SharePointOnline', 'Teams', undefined].map(resourceKindOf),
    ).toEqual(['group', 'application', 'sharePointSite', 'other', 'other']);
  });
});

describe('groupByCause on short codes only', () => {
  const resources = new Map<string, ResourceKind[]>([
    ['pkg-sales', ['group', 'sharePointSite']],
    ['pkg-hr', ['application']],
  ]);
  const rows = [
    request(),
    request(),
    request({ requestor: guest }),
    request({ requestor: fromPartner }),
    request({ state: 'partiallyDelivered', status: 'PartiallyDelivered' }),
    request({ accessPackage: { id: 'pkg-hr', displayName: 'HR' } }),
    request({ accessPackage: { id: 'pkg-new', displayName: 'New' } }),
    request({ status: undefined }),
  ];

  it('groups by package and external requestor, with the package resources, and keeps every request', () => {
    const causes = groupByCause(rows, { apiVersion: 'v1.0', resources });
    expect(causes.reduce((n, c) => n + c.requests.length, 0)).toBe(rows.length);
    expect(new Set(causes.flatMap((c) => c.requests.map((r) => r.id))).size).toBe(rows.length);
    expect(causes.every((c) => c.kind === 'delivery')).toBe(true);
    const [top] = causes;
    expect(top).toMatchObject({
      packageId: 'pkg-sales',
      external: false,
      resourceKinds: ['group', 'sharePointSite'],
    });
    expect(top?.requests).toHaveLength(4);
    const externals = causes.find((c) => c.packageId === 'pkg-sales' && c.external);
    expect(externals?.requests).toHaveLength(2);
    expect(causes.find((c) => c.packageId === 'pkg-hr')?.resourceKinds).toEqual(['application']);
    // resources not read yet: still grouped by package
    expect(causes.find((c) => c.packageId === 'pkg-new')?.resourceKinds).toBeUndefined();
  });

  it('groups by the callout state when a custom extension failed or timed out', () => {
    const callout = (status: string, detail: string) => ({
      customExtensionCalloutInstances: [{ id: 'c', customExtensionId: 'x', status, detail }],
    });
    const causes = groupByCause(
      [
        request(callout('calloutFailed', 'The callout timed out after 5 minutes.')),
        request(callout('callbackTimedOut', '')),
        request(callout('calloutFailed', 'HTTP 500 from the endpoint')),
        request(callout('callbackReceived', 'Callback received.')),
      ],
      { apiVersion: 'v1.0', resources },
    );
    expect(causes.map((c) => [c.kind, c.requests.length])).toEqual([
      ['calloutTimedOut', 2],
      ['calloutFailed', 1],
      ['delivery', 1],
    ]);
  });

  it('uses the audit log resultReason when the status says nothing', () => {
    const [a, b] = [request(), request()];
    const causes = groupByCause([a, b], {
      apiVersion: 'v1.0',
      auditReasons: new Map([[a.id, 'The guest user is not yet known to SharePoint Online.']]),
    });
    expect(causes.find((c) => c.kind === 'guestNotInSharePoint')).toMatchObject({
      source: 'audit',
      fromAudit: 1,
    });
    expect(causes.find((c) => c.kind === 'delivery')?.requests).toEqual([b]);
  });

  it('merges audit-sourced and status-sourced requests of one cause, counting those from the audit log', () => {
    const [a, b, c] = [
      request(),
      request({ status: "Unable to add the user to group 'X': the group was not found." }),
      request(),
    ];
    const causes = groupByCause([a, b, c], {
      apiVersion: 'v1.0',
      auditReasons: new Map([
        [a.id, "Unable to add the user to group 'Y': the group was not found."],
        [c.id, 'DeliveryFailed'],
      ]),
    });
    expect(causes.map((x) => [x.kind, x.requests.length, x.fromAudit])).toEqual([
      ['groupNotFound', 2, 1],
      ['delivery', 1, 0],
    ]);
  });

  it('keeps an audit sentence that matches nothing as Other with its text, and a status sentence first', () => {
    const text = 'Service hiccup 42 while adding the user.';
    const [a, b] = [request(), request({ status: 'The request failed for reason 7.' })];
    const causes = groupByCause([a, b], {
      apiVersion: 'v1.0',
      auditReasons: new Map([
        [a.id, text],
        [b.id, text],
      ]),
    });
    expect(causes.find((x) => x.requests.includes(a))).toMatchObject({
      kind: 'other',
      source: 'audit',
      rawText: text,
      fromAudit: 1,
    });
    expect(causes.find((x) => x.requests.includes(b))).toMatchObject({ kind: 'other', source: 'status' });
  });
});

describe('groupByCause on detailed sentences', () => {
  it('groups by the documented failure, whatever the resource name, and keeps the unknown as Other with its text', () => {
    const rows = [
      request({ status: "Unable to add the user to group 'A': the group was not found." }),
      request({ status: "Unable to add the user to group 'B': the group was not found." }),
      request({
        state: 'partiallyDelivered',
        status:
          "Partially delivered (1 of 2 resources). Unable to add the user to group 'C': the group was not found.",
      }),
      request({
        requestor: guest,
        status:
          "Unable to add the user to the SharePoint Online site 'S': the guest user is not yet known to SharePoint Online.",
      }),
      request({ status: 'Quota <b>exceeded</b> in tenant' }),
      request({ status: 'Quota <b>exceeded</b> in tenant' }),
      request({ status: 'Something else entirely.' }),
      request({ status: "Error 4031 while adding 'Ana' (id 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b)." }),
      request({ status: "Error 4032 while adding 'Rui' (id 1f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0c)." }),
      request({ status: 'totally-unknown-code' }),
    ];
    const causes = groupByCause(rows, { apiVersion: 'v1.0' });
    expect(causes.reduce((n, c) => n + c.requests.length, 0)).toBe(rows.length);
    expect(causes[0]).toMatchObject({ kind: 'groupNotFound', source: 'status' });
    expect(causes[0]?.requests).toHaveLength(3);
    const others = causes.filter((c) => c.kind === 'other');
    // The same sentence naming different people, ids and numbers is one cause, shown by its first text.
    expect(others.map((c) => [c.rawText, c.requests.length])).toEqual([
      ["Error 4031 while adding 'Ana' (id 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b).", 2],
      ['Quota <b>exceeded</b> in tenant', 2],
      ['Something else entirely.', 1],
    ]);
    expect(otherTemplate("Error 4031 while adding 'Ana' (id 0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b).")).toBe(
      'Error # while adding … (id {id}).',
    );
    // an unknown short code says nothing: grouped by what is known
    expect(causes.find((c) => c.kind === 'delivery')?.requests).toHaveLength(1);
  });

  it('reads the beta shape (requestStatus, PascalCase)', () => {
    const beta = fromGraph(
      {
        id: 'b1',
        requestState: 'DeliveryFailed',
        requestStatus:
          "Unable to assign the app role 'R' of application 'P': the app role was removed from the application.",
        accessPackage: { id: 'p', displayName: 'P' },
      },
      'beta',
    )!;
    expect(groupByCause([beta], { apiVersion: 'beta' })[0]?.kind).toBe('appRoleRemoved');
  });
});

describe('causeStats', () => {
  it('counts states, packages, external requestors, the window and the soonest expiry', () => {
    const soon = request({ completedDateTime: new Date(NOW - 13 * DAY).toISOString() });
    const rows = [
      soon,
      request({ requestor: guest }),
      request({ state: 'partiallyDelivered', accessPackage: { id: 'pkg-hr', displayName: 'HR' } }),
      request({ completedDateTime: new Date(NOW - 20 * DAY).toISOString() }),
      request({ completedDateTime: undefined }),
    ];
    const stats = causeStats(
      { key: 'k', kind: 'delivery', source: 'facts', requests: rows, fromAudit: 0 },
      NOW,
      'v1.0',
    );
    expect(stats.count).toBe(5);
    expect(stats.states).toEqual([
      { state: 'deliveryFailed', count: 4 },
      { state: 'partiallyDelivered', count: 1 },
    ]);
    expect(stats.packages).toEqual([
      { id: 'pkg-sales', name: 'Sales', count: 4 },
      { id: 'pkg-hr', name: 'HR', count: 1 },
    ]);
    expect(stats.external).toBe(1);
    expect(stats.inWindow).toBe(4);
    expect(stats.soonestExpiry).toBe(Date.parse(soon.completedDateTime!) + 14 * DAY);
  });
});
