import { describe, expect, it } from 'vitest';
import {
  FAILED_STATES,
  REPROCESS_WINDOW_DAYS,
  fromGraph,
  isReprocessable,
  parseGraphDate,
  reprocessWindow,
  requestTypeLabel,
  stateLabel,
  statusBeyondStateOf,
  type AssignmentRequest,
} from './model';

// The v1.0 list example from entitlementmanagement-list-assignmentrequests.md.
const V1_DOC_EXAMPLE = {
  id: '7999249e-249e-7999-9e24-99799e249979',
  requestType: 'userAdd',
  state: 'delivered',
  status: 'Delivered',
  createdDateTime: '2019-10-25T22:55:11.623Z',
  completedDateTime: '2019-10-26T22:55:11.623Z',
  schedule: { '@odata.type': 'microsoft.graph.entitlementManagementSchedule' },
};

// The beta list example from entitlementmanagement-list-accesspackageassignmentrequests.md.
const BETA_DOC_EXAMPLE = {
  id: '433dafca-5047-4614-95f7-a03510b1ded3',
  requestType: 'UserAdd',
  requestState: 'PendingApproval',
  createdDateTime: '2019-10-25T22:55:11.623Z',
  justification: 'Need access',
  answers: [],
  requestor: {
    connectedOrganizationId: 'c3c2adbc-a863-437f-9383-ee578665317d',
    id: 'ba7ef0fb-e16f-474b-87aa-02815d061e67',
    displayName: 'displayname',
    email: 'displayname@example.com',
    type: 'User',
    connectedOrganization: { id: 'c3c2adbc-a863-437f-9383-ee578665317d', displayName: 'example' },
  },
};

function mapped(json: unknown, version: 'v1.0' | 'beta' = 'v1.0'): AssignmentRequest {
  const result = fromGraph(json, version);
  if (!result) throw new Error('expected a request');
  return result;
}

describe('fromGraph: v1.0', () => {
  it('maps the documented example', () => {
    expect(mapped(V1_DOC_EXAMPLE)).toEqual({
      id: '7999249e-249e-7999-9e24-99799e249979',
      state: 'delivered',
      stateRaw: 'delivered',
      status: 'Delivered',
      requestType: 'userAdd',
      requestTypeRaw: 'userAdd',
      createdDateTime: '2019-10-25T22:55:11.623Z',
      completedDateTime: '2019-10-26T22:55:11.623Z',
      raw: V1_DOC_EXAMPLE,
    });
  });

  it('maps an expanded failed request with requestor, access package and catalog', () => {
    const json = {
      id: 'r1',
      state: 'deliveryFailed',
      status: 'DeliveryFailed',
      requestType: 'adminAdd',
      justification: 'Project Falcon',
      completedDateTime: '2025-02-01T08:00:00Z',
      assignment: { id: 'a1' },
      requestor: {
        id: 'u1',
        displayName: 'Adele Vance',
        email: 'adele@contoso.com',
        principalName: 'adele@contoso.com',
        subjectType: 'user',
        objectId: 'u1',
        // Expanded for a member: null, as v1.0 sends it.
        connectedOrganization: null,
      },
      accessPackage: {
        id: 'p1',
        displayName: 'Sales apps',
        catalog: { id: 'c1', displayName: 'Sales', state: 'published' },
      },
    };
    const r = mapped(json);
    expect(r.state).toBe('deliveryFailed');
    expect(r.justification).toBe('Project Falcon');
    expect(r.requestor).toEqual({
      id: 'u1',
      displayName: 'Adele Vance',
      email: 'adele@contoso.com',
      principalName: 'adele@contoso.com',
      subjectType: 'user',
    });
    expect(r.accessPackage).toEqual({
      id: 'p1',
      displayName: 'Sales apps',
      catalog: { id: 'c1', displayName: 'Sales', state: 'published' },
    });
    expect(r.raw).toBe(json);
  });

  it.each([
    ['submitted', 'submitted'],
    ['pendingApproval', 'pendingApproval'],
    ['delivering', 'delivering'],
    ['delivered', 'delivered'],
    ['deliveryFailed', 'deliveryFailed'],
    ['denied', 'denied'],
    ['scheduled', 'scheduled'],
    ['canceled', 'canceled'],
    ['partiallyDelivered', 'partiallyDelivered'],
  ])('knows the state %s', (raw, state) => {
    expect(mapped({ id: 'x', state: raw }).state).toBe(state);
  });

  it('keeps unknownFutureValue and newer states as unknown with the raw value', () => {
    expect(mapped({ id: 'x', state: 'unknownFutureValue' })).toMatchObject({
      state: 'unknown',
      stateRaw: 'unknownFutureValue',
    });
    expect(mapped({ id: 'x', state: 'deliveryRetrying' })).toMatchObject({
      state: 'unknown',
      stateRaw: 'deliveryRetrying',
    });
  });

  it('keeps unknown request types raw, with no normalised type', () => {
    const r = mapped({ id: 'x', requestType: 'unknownFutureValue' });
    expect(r.requestType).toBeUndefined();
    expect(r.requestTypeRaw).toBe('unknownFutureValue');
    expect(mapped({ id: 'x', requestType: 'onBehalfAdd' }).requestType).toBe('onBehalfAdd');
  });
});

describe('fromGraph: beta', () => {
  it('maps the documented example', () => {
    expect(mapped(BETA_DOC_EXAMPLE, 'beta')).toEqual({
      id: '433dafca-5047-4614-95f7-a03510b1ded3',
      state: 'pendingApproval',
      stateRaw: 'PendingApproval',
      requestType: 'userAdd',
      requestTypeRaw: 'UserAdd',
      createdDateTime: '2019-10-25T22:55:11.623Z',
      justification: 'Need access',
      requestor: {
        id: 'ba7ef0fb-e16f-474b-87aa-02815d061e67',
        displayName: 'displayname',
        email: 'displayname@example.com',
        subjectType: 'User',
        connectedOrganizationId: 'c3c2adbc-a863-437f-9383-ee578665317d',
      },
      raw: BETA_DOC_EXAMPLE,
    });
  });

  it('reads requestStatus, completedDate and the accessPackageCatalog navigation', () => {
    const r = mapped(
      {
        id: 'b1',
        requestState: 'DeliveryFailed',
        requestStatus: 'FulfilledNotificationTriggered',
        requestType: 'UserExtend',
        completedDate: '2025-02-01T08:00:00Z',
        accessPackageAssignment: { id: 'a1' },
        accessPackage: {
          id: 'p1',
          displayName: 'Sales apps',
          accessPackageCatalog: { id: 'c1', displayName: 'Sales' },
        },
      },
      'beta',
    );
    expect(r).toMatchObject({
      state: 'deliveryFailed',
      stateRaw: 'DeliveryFailed',
      status: 'FulfilledNotificationTriggered',
      requestType: 'userExtend',
      requestTypeRaw: 'UserExtend',
      completedDateTime: '2025-02-01T08:00:00Z',
      accessPackage: { id: 'p1', displayName: 'Sales apps', catalog: { id: 'c1', displayName: 'Sales' } },
    });
  });

  it.each([
    ['PendingApproval', 'pendingApproval'],
    ['Canceled', 'canceled'],
    ['Denied', 'denied'],
    ['Delivering', 'delivering'],
    ['Delivered', 'delivered'],
    ['PartiallyDelivered', 'partiallyDelivered'],
    ['DeliveryFailed', 'deliveryFailed'],
    ['Submitted', 'submitted'],
    ['Scheduled', 'scheduled'],
  ])('knows the PascalCase state %s', (raw, state) => {
    expect(mapped({ id: 'x', requestState: raw }, 'beta')).toMatchObject({ state, stateRaw: raw });
  });

  it.each([
    ['UserAdd', 'userAdd'],
    ['UserExtend', 'userExtend'],
    ['UserUpdate', 'userUpdate'],
    ['UserRemove', 'userRemove'],
    ['AdminAdd', 'adminAdd'],
    ['AdminRemove', 'adminRemove'],
    ['SystemRemove', 'systemRemove'],
  ])('normalises the request type %s', (raw, type) => {
    expect(mapped({ id: 'x', requestType: raw }, 'beta').requestType).toBe(type);
  });

  it('prefers each version its own property, and falls back to the other shape', () => {
    const both = {
      id: 'x',
      state: 'delivered',
      requestState: 'DeliveryFailed',
      status: 'v1',
      requestStatus: 'beta',
    };
    expect(mapped(both, 'v1.0')).toMatchObject({ state: 'delivered', status: 'v1' });
    expect(mapped(both, 'beta')).toMatchObject({ state: 'deliveryFailed', status: 'beta' });
    expect(
      mapped({ id: 'x', requestState: 'DeliveryFailed', completedDate: '2025-01-01T00:00:00Z' }, 'v1.0'),
    ).toMatchObject({
      state: 'deliveryFailed',
      completedDateTime: '2025-01-01T00:00:00Z',
    });
    expect(mapped({ id: 'x', state: 'partiallyDelivered' }, 'beta').state).toBe('partiallyDelivered');
  });

  it("reads each version's own name for the subject's kind first, the other as a fallback", () => {
    const both = { id: 'x', requestor: { subjectType: 'user', type: 'User' } };
    expect(mapped(both, 'beta').requestor?.subjectType).toBe('User');
    expect(mapped(both, 'v1.0').requestor?.subjectType).toBe('user');
    expect(mapped({ id: 'x', requestor: { type: 'ServicePrincipal' } }, 'v1.0').requestor?.subjectType).toBe(
      'ServicePrincipal',
    );
  });

  it('reads the shape beta metadata declares: type, connectedOrganizationId, catalogStatus', () => {
    // As the emulator sends it, checked against beta-Prod.csdl: no subjectType, no
    // connectedOrganization unless expanded, and catalogStatus instead of state.
    const r = mapped(
      {
        id: 'b2',
        requestState: 'DeliveryFailed',
        requestStatus: 'DeliveryFailed',
        requestType: 'AdminAdd',
        schedule: { startDateTime: '2025-02-01T08:00:00Z', expiration: null, recurrence: null },
        requestor: {
          id: 's1',
          displayName: 'Grace Kim (Fabrikam)',
          type: 'User',
          subjectLifecycle: 'governed',
          connectedOrganizationId: 'org1',
        },
        accessPackage: {
          id: 'p1',
          catalogId: 'c1',
          accessPackageCatalog: {
            id: 'c1',
            displayName: 'Partners',
            catalogType: 'UserManaged',
            catalogStatus: 'Published',
            privilegeLevel: 'standard',
          },
        },
      },
      'beta',
    );
    expect(r.requestor).toEqual({
      id: 's1',
      displayName: 'Grace Kim (Fabrikam)',
      subjectType: 'User',
      connectedOrganizationId: 'org1',
    });
    expect(r.accessPackage?.catalog).toEqual({ id: 'c1', displayName: 'Partners', state: 'Published' });
  });
});

describe('fromGraph: defensive', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'r1'],
    ['a number', 1],
    ['an array', [{ id: 'r1' }]],
    ['an object without id', { state: 'deliveryFailed' }],
    ['a numeric id', { id: 42 }],
    ['an empty id', { id: '' }],
    ['an object id', { id: { value: 'r1' } }],
  ])('gives undefined for %s', (_name, json) => {
    expect(fromGraph(json, 'v1.0')).toBeUndefined();
    expect(fromGraph(json, 'beta')).toBeUndefined();
  });

  it('gives a request for a bare id, with the state unknown and empty', () => {
    expect(mapped({ id: 'r1' })).toEqual({ id: 'r1', state: 'unknown', stateRaw: '', raw: { id: 'r1' } });
  });

  it('turns wrong-typed fields into undefined instead of throwing', () => {
    const json = {
      id: 'r1',
      state: 3,
      status: ['x'],
      requestType: { a: 1 },
      createdDateTime: 1700000000000,
      completedDateTime: null,
      justification: false,
      requestor: 'Adele',
      accessPackage: [{ id: 'p1' }],
    };
    expect(mapped(json)).toEqual({ id: 'r1', state: 'unknown', stateRaw: '', raw: json });
  });

  it('turns wrong-typed nested fields into undefined', () => {
    const r = mapped({
      id: 'r1',
      requestor: { id: 1, displayName: null, email: ['a'], principalName: {}, subjectType: 2 },
      accessPackage: { id: 5, displayName: 'P', catalog: 'Sales' },
    });
    expect(r.requestor).toEqual({});
    expect(r.accessPackage).toEqual({ displayName: 'P' });
    const c = mapped({ id: 'r2', accessPackage: { catalog: { id: 9, displayName: 'C' } } });
    expect(c.accessPackage).toEqual({ catalog: { displayName: 'C' } });
  });

  it('keeps hostile strings verbatim, as data', () => {
    const hostile = {
      id: '../../me/reprocess?x=<script>',
      state: '<img src=x onerror=alert(1)>',
      justification: "\u202eevil\u0000 '; DROP TABLE requests; --",
      requestor: { displayName: '<b>Admin</b>', email: 'javascript:alert(1)' },
      accessPackage: { displayName: '{{constructor.constructor("alert(1)")()}}' },
    };
    const r = mapped(hostile);
    expect(r.id).toBe('../../me/reprocess?x=<script>');
    expect(r.state).toBe('unknown');
    expect(r.stateRaw).toBe('<img src=x onerror=alert(1)>');
    // Shown as text, so nothing in it runs; it is not a known state, so no label claims one.
    expect(stateLabel(r)).toBe('<img src=x onerror=alert(1)>');
    expect(r.justification).toBe(hostile.justification);
    expect(r.requestor).toEqual({ displayName: '<b>Admin</b>', email: 'javascript:alert(1)' });
    expect(r.accessPackage?.displayName).toBe('{{constructor.constructor("alert(1)")()}}');
  });

  it('keeps a very long string whole', () => {
    const long = 'x'.repeat(100_000);
    expect(mapped({ id: 'r1', justification: long }).justification).toHaveLength(100_000);
  });

  it('reads only own properties: __proto__ or inherited keys in the JSON change nothing', () => {
    const json: unknown = JSON.parse(
      '{"id":"r1","__proto__":{"state":"deliveryFailed","requestor":{"displayName":"ghost"}},"constructor":"x"}',
    );
    const r = mapped(json);
    expect(r.state).toBe('unknown');
    expect(r.requestor).toBeUndefined();
    expect(({} as Record<string, unknown>).state).toBeUndefined();

    const inherited = Object.create({ state: 'deliveryFailed' }) as Record<string, unknown>;
    inherited.id = 'r2';
    expect(mapped(inherited).state).toBe('unknown');
  });

  it('handles objects without a prototype', () => {
    const json = Object.assign(Object.create(null) as Record<string, unknown>, {
      id: 'r1',
      state: 'deliveryFailed',
    });
    expect(mapped(json).state).toBe('deliveryFailed');
  });
});

describe('reprocessWindow', () => {
  const completed = '2025-02-01T12:00:00Z';
  const at = (iso: string) => new Date(iso);
  const req = { completedDateTime: completed };

  it('is 14 whole days at completion', () => {
    expect(REPROCESS_WINDOW_DAYS).toBe(14);
    expect(reprocessWindow(req, at(completed))).toEqual({ daysLeft: 14, expired: false });
  });

  it('floors to whole days', () => {
    expect(reprocessWindow(req, at('2025-02-01T12:00:00.001Z'))).toEqual({ daysLeft: 13, expired: false });
    expect(reprocessWindow(req, at('2025-02-14T12:00:00Z'))).toEqual({ daysLeft: 1, expired: false });
    expect(reprocessWindow(req, at('2025-02-14T12:00:00.001Z'))).toEqual({ daysLeft: 0, expired: false });
  });

  it('is still open one millisecond before the end', () => {
    expect(reprocessWindow(req, at('2025-02-15T11:59:59.999Z'))).toEqual({ daysLeft: 0, expired: false });
  });

  it('has expired exactly at the end and after, never with negative days', () => {
    expect(reprocessWindow(req, at('2025-02-15T12:00:00Z'))).toEqual({ daysLeft: 0, expired: true });
    expect(reprocessWindow(req, at('2025-06-01T00:00:00Z'))).toEqual({ daysLeft: 0, expired: true });
  });

  it('never promises more than the window for a completion in the future (clock skew)', () => {
    expect(reprocessWindow(req, at('2025-01-30T12:00:00Z'))).toEqual({ daysLeft: 14, expired: false });
  });

  it('is unknown, not expired, without a usable completion date', () => {
    expect(reprocessWindow({}, at(completed))).toEqual({ daysLeft: undefined, expired: false });
    expect(reprocessWindow({ completedDateTime: 'yesterday' }, at(completed))).toEqual({
      daysLeft: undefined,
      expired: false,
    });
    expect(reprocessWindow({ completedDateTime: '' }, at(completed))).toEqual({
      daysLeft: undefined,
      expired: false,
    });
  });

  it('reads a completion without offset as UTC and honours explicit offsets', () => {
    expect(
      reprocessWindow({ completedDateTime: '2025-02-01T12:00:00' }, at('2025-02-15T11:59:59Z')).expired,
    ).toBe(false);
    expect(
      reprocessWindow({ completedDateTime: '2025-02-01T12:00:00' }, at('2025-02-15T12:00:00Z')).expired,
    ).toBe(true);
    // 14:00 at +02:00 is 12:00 UTC
    expect(
      reprocessWindow({ completedDateTime: '2025-02-01T14:00:00+02:00' }, at('2025-02-15T12:00:00Z')).expired,
    ).toBe(true);
  });
});

describe('parseGraphDate', () => {
  it.each([
    ['2025-02-01T12:00:00Z', Date.UTC(2025, 1, 1, 12)],
    ['2025-02-01T12:00:00.123Z', Date.UTC(2025, 1, 1, 12, 0, 0, 123)],
    ['2025-02-01T12:00:00', Date.UTC(2025, 1, 1, 12)],
    ['2025-02-01T12:00:00-05:00', Date.UTC(2025, 1, 1, 17)],
    ['2025-02-01', Date.UTC(2025, 1, 1)],
  ])('%s', (value, expected) => {
    expect(parseGraphDate(value)).toBe(expected);
  });

  it.each([undefined, '', 'soon', '1700000000', '2025-13-45T00:00:00Z'])('%j is undefined', (value) => {
    expect(parseGraphDate(value)).toBeUndefined();
  });
});

describe('isReprocessable', () => {
  const now = new Date('2025-02-05T00:00:00Z');
  const inside = '2025-02-01T00:00:00Z';
  const outside = '2025-01-01T00:00:00Z';

  it('is true for both failed states inside the window', () => {
    expect(FAILED_STATES).toEqual(['deliveryFailed', 'partiallyDelivered']);
    expect(isReprocessable({ state: 'deliveryFailed', completedDateTime: inside }, now)).toBe(true);
    expect(isReprocessable({ state: 'partiallyDelivered', completedDateTime: inside }, now)).toBe(true);
  });

  it('is false outside the window', () => {
    expect(isReprocessable({ state: 'deliveryFailed', completedDateTime: outside }, now)).toBe(false);
  });

  it('leaves it to Graph when the completion date is unknown', () => {
    expect(isReprocessable({ state: 'deliveryFailed' }, now)).toBe(true);
  });

  it.each([
    'delivered',
    'delivering',
    'pendingApproval',
    'denied',
    'canceled',
    'scheduled',
    'submitted',
    'unknown',
  ] as const)('is false in state %s', (state) => {
    expect(isReprocessable({ state, completedDateTime: inside }, now)).toBe(false);
  });

  it('works on a mapped beta request', () => {
    const r = mapped({ id: 'b', requestState: 'PartiallyDelivered', completedDate: inside }, 'beta');
    expect(isReprocessable(r, now)).toBe(true);
  });
});

describe('labels', () => {
  it.each([
    ['deliveryFailed', 'Delivery failed'],
    ['DeliveryFailed', 'Delivery failed'],
    ['partiallyDelivered', 'Partially delivered'],
    ['PendingApproval', 'Pending approval'],
    ['canceled', 'Canceled'],
    // Never the raw identifier: Graph's evolvable-enum sentinel, and members newer than this app.
    ['unknownFutureValue', 'Other'],
    ['UnknownFutureValue', 'Other'],
    ['somethingNew', 'Something new'],
    ['AwaitingReview', 'Awaiting review'],
    ['', 'Unknown'],
    [undefined, 'Unknown'],
  ])('stateLabel(%j) is %j', (value, label) => {
    expect(stateLabel(value)).toBe(label);
  });

  it('stateLabel takes a request and uses its raw state', () => {
    expect(stateLabel(mapped({ id: 'x', state: 'unknownFutureValue' }))).toBe('Other');
    expect(stateLabel(mapped({ id: 'x', requestState: 'DeliveryFailed' }, 'beta'))).toBe('Delivery failed');
    expect(stateLabel(mapped({ id: 'x' }))).toBe('Unknown');
  });

  it.each([
    ['userAdd', 'User add'],
    ['UserAdd', 'User add'],
    ['UserExtend', 'User extend'],
    ['adminRemove', 'Admin remove'],
    ['onBehalfAdd', 'On-behalf add'],
    ['approverRemove', 'Approver remove'],
    ['ApproverRemove', 'Approver remove'],
    ['systemUpdate', 'System update'],
    ['notSpecified', 'Not specified'],
    ['unknownFutureValue', 'Other'],
    ['adminExtend', 'Admin extend'],
    ['', 'Unknown'],
    [undefined, 'Unknown'],
  ])('requestTypeLabel(%j) is %j', (value, label) => {
    expect(requestTypeLabel(value)).toBe(label);
  });
});

describe('statusBeyondStateOf', () => {
  it('drops a status that only repeats the state, in any casing or spacing', () => {
    const v1 = mapped({ id: 'x', state: 'partiallyDelivered', status: 'PartiallyDelivered' });
    expect(statusBeyondStateOf(v1)).toBeUndefined();
    const beta = mapped(
      { id: 'x', requestState: 'DeliveryFailed', requestStatus: 'Delivery failed' },
      'beta',
    );
    expect(statusBeyondStateOf(beta)).toBeUndefined();
    expect(statusBeyondStateOf(mapped({ id: 'x', state: 'deliveryFailed' }))).toBeUndefined();
    expect(statusBeyondStateOf(mapped({ id: 'x', state: 'deliveryFailed', status: ' ' }))).toBeUndefined();
  });

  it("keeps Graph's status text as sent when it says more", () => {
    const r = mapped({ id: 'x', state: 'deliveryFailed', status: 'FulfilledNotificationTriggered' });
    expect(statusBeyondStateOf(r)).toBe('FulfilledNotificationTriggered');
    const other = mapped({ id: 'x', state: 'partiallyDelivered', status: 'Delivered' });
    expect(statusBeyondStateOf(other)).toBe('Delivered');
  });
});
