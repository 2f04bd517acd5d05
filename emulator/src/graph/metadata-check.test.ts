// The checker behind conformance.test.ts catches what it is meant to: a renamed property, a masked
// or premature enum member, a bad format, a navigation nobody expanded, a missing non-nullable
// property, and malformed @odata.context and @odata.nextLink values.
import { describe, expect, it } from 'vitest';
import { checkNextLink, loadSchema, MetadataChecker } from './metadata-check.ts';

const v1 = new MetadataChecker(loadSchema('v1.0'));
const beta = new MetadataChecker(loadSchema('beta'));
const plain = { includeUnknownEnumMembers: false };
const opted = { includeUnknownEnumMembers: true };
const REQUEST = 'accessPackageAssignmentRequest';

const good = {
  id: '0d3c1a52-3a4b-4f6e-9d8c-1b2a3c4d5e6f',
  requestType: 'onBehalfAdd',
  state: 'deliveryFailed',
  status: 'DeliveryFailed',
  createdDateTime: '2026-11-30T09:00:00.123Z',
  completedDateTime: null,
  schedule: {
    '@odata.type': '#microsoft.graph.entitlementManagementSchedule',
    startDateTime: '2026-11-30T09:00:00Z',
    expiration: { endDateTime: null, duration: 'P365D', type: 'afterDuration' },
    recurrence: null,
  },
  answers: [{ '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: 'x', displayValue: 'x' }],
};

describe('MetadataChecker', () => {
  it('accepts a request as v1.0 declares it', () => {
    expect(v1.checkEntity(REQUEST, good, 'r', {}, plain)).toEqual([]);
  });

  it('reports a renamed property and the v1.0 name on beta', () => {
    expect(v1.checkEntity(REQUEST, { ...good, completedDate: null }, 'r', {}, plain)).toEqual([
      'r.completedDate: not declared on accessPackageAssignmentRequest or its base types',
    ]);
    expect(beta.checkEntity(REQUEST, { id: good.id, completedDateTime: null }, 'r', {}, plain)).toContain(
      'r.completedDateTime: not declared on accessPackageAssignmentRequest or its base types',
    );
  });

  it('applies the evolvable-enum rule: members after unknownFutureValue only with the Prefer header', () => {
    const evolvable = { ...good, requestType: 'approverRemove' };
    expect(v1.checkEntity(REQUEST, evolvable, 'r', {}, plain)).toEqual([
      "r.requestType: 'approverRemove' is declared after unknownFutureValue in accessPackageRequestType, so Graph sends it only with Prefer: include-unknown-enum-members",
    ]);
    expect(v1.checkEntity(REQUEST, evolvable, 'r', {}, opted)).toEqual([]);
    expect(v1.wireEnumValue('accessPackageRequestType', 'approverRemove', plain)).toBe('unknownFutureValue');
    expect(v1.wireEnumValue('accessPackageRequestType', 'onBehalfAdd', plain)).toBe('onBehalfAdd');
    expect(v1.checkEntity(REQUEST, { ...good, state: 'DeliveryFailed' }, 'r', {}, plain)).toEqual([
      "r.state: 'DeliveryFailed' is not a member of accessPackageRequestState (submitted, pendingApproval, delivering, delivered, deliveryFailed, denied, scheduled, canceled, partiallyDelivered, unknownFutureValue)",
    ]);
  });

  it('checks formats: DateTimeOffset, Duration, and the # of @odata.type', () => {
    const bad = {
      ...good,
      createdDateTime: '2026-11-30 09:00',
      schedule: {
        '@odata.type': 'microsoft.graph.entitlementManagementSchedule',
        expiration: { duration: '365 days' },
      },
    };
    expect(v1.checkEntity(REQUEST, bad, 'r', {}, plain)).toEqual([
      'r.createdDateTime: expected an ISO 8601 date and time with an offset (DateTimeOffset) (Edm.DateTimeOffset), got "2026-11-30 09:00"',
      `r.schedule.@odata.type: expected '#microsoft.graph.<type>', got "microsoft.graph.entitlementManagementSchedule"`,
      'r.schedule.expiration.duration: expected an ISO 8601 day-time duration such as P365D (Duration) (Edm.Duration), got "365 days"',
    ]);
  });

  it('wants navigations only when expanded, and an empty expanded one as null', () => {
    const requestor = { id: 's1', subjectLifecycle: 'notDefined', subjectType: 'user' };
    expect(v1.checkEntity(REQUEST, { ...good, requestor }, 'r', {}, plain)).toEqual([
      'r.requestor: navigation property of accessPackageAssignmentRequest returned without being $expand-ed',
    ]);
    const expansion = { expand: { requestor: { expand: { connectedOrganization: {} } } } };
    expect(v1.checkEntity(REQUEST, { ...good, requestor }, 'r', expansion, plain)).toEqual([
      'r.requestor.connectedOrganization: $expand-ed but missing (an empty single-valued navigation is null)',
    ]);
    expect(
      v1.checkEntity(
        REQUEST,
        { ...good, requestor: { ...requestor, connectedOrganization: null } },
        'r',
        expansion,
        plain,
      ),
    ).toEqual([]);
  });

  it('reports a missing non-nullable property (beta catalog privilegeLevel, v1.0 subjectLifecycle)', () => {
    expect(
      beta.checkEntity('accessPackageCatalog', { id: 'c1', catalogStatus: 'Published' }, 'c', {}, plain),
    ).toEqual(['c.privilegeLevel: non-nullable property of accessPackageCatalog is missing']);
    expect(v1.checkEntity('accessPackageSubject', { id: 's1' }, 's', {}, plain)).toEqual([
      's.subjectLifecycle: non-nullable property of accessPackageSubject is missing',
    ]);
  });

  it('allows dynamic properties on open types only', () => {
    const audit = {
      id: 'a1',
      activityDateTime: '2026-11-30T09:00:00Z',
      activityDisplayName: 'Fulfill access package assignment request',
      category: 'EntitlementManagement',
      initiatedBy: { user: { id: 'u1', userType: 'Member' }, app: null },
      targetResources: [{ id: 'r1', type: 'AccessPackage', color: 'red' }],
    };
    expect(v1.checkEntity('directoryAudit', audit, 'a', {}, plain)).toEqual([
      'a.targetResources[0].color: not declared on targetResource or its base types',
    ]);
  });

  it('checks @odata.context against the singletons and navigations of the metadata', () => {
    const origin = 'https://graph.example';
    const expected = {
      origin,
      path: ['identityGovernance', 'entitlementManagement', 'assignmentRequests'],
      itemType: REQUEST,
      entity: false,
    };
    const base = `${origin}/v1.0/$metadata#identityGovernance/entitlementManagement`;
    expect(v1.checkContext(`${base}/assignmentRequests`, expected)).toEqual([]);
    expect(
      v1.checkContext(`${base}/assignmentRequests(id,state)`, { ...expected, select: ['id', 'state'] }),
    ).toEqual([]);
    expect(v1.checkContext(`${base}/accessPackageAssignmentRequests`, expected)).toEqual([
      '@odata.context: path identityGovernance/entitlementManagement/accessPackageAssignmentRequests, expected identityGovernance/entitlementManagement/assignmentRequests',
      "@odata.context: entitlementManagement has no navigation property 'accessPackageAssignmentRequests'",
    ]);
  });

  it('checks @odata.nextLink: same resource, same options, a $skiptoken', () => {
    const request = new URL("https://graph.example/v1.0/x?$filter=state eq 'deliveryFailed'");
    expect(
      checkNextLink(`${request.origin}/v1.0/x?$filter=state eq 'deliveryFailed'&$skiptoken=abc`, request),
    ).toEqual([]);
    expect(checkNextLink('/v1.0/x?$skiptoken=abc', request)).toEqual([
      "@odata.nextLink: '/v1.0/x?$skiptoken=abc' is not an absolute URL",
    ]);
    expect(checkNextLink(`${request.origin}/v1.0/x?$skiptoken=abc`, request)).toHaveLength(1);
  });
});
