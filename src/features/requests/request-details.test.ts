import { describe, expect, it } from 'vitest';
import {
  adminCenterRequestsUrl,
  assignmentStateText,
  calloutStageLabel,
  calloutStatusLabel,
  formatDuration,
  requestDetailsFromGraph,
  subjectLifecycleLabel,
  subjectTypeLabel,
} from './request-details';

const v1 = {
  id: 'r1',
  requestType: 'userAdd',
  state: 'deliveryFailed',
  status: 'Unable to add the user to group',
  createdDateTime: '2025-02-01T10:00:00Z',
  completedDateTime: '2025-02-01T10:05:00Z',
  justification: 'Joining the project',
  schedule: {
    '@odata.type': 'microsoft.graph.entitlementManagementSchedule',
    startDateTime: '2025-02-01T10:00:00Z',
    expiration: { endDateTime: null, duration: 'P365D', type: 'afterDuration' },
    recurrence: null,
  },
  answers: [
    {
      '@odata.type': '#microsoft.graph.accessPackageAnswerString',
      value: 'PRJ-1042',
      displayValue: 'Project 1042',
      answeredQuestion: {
        '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion',
        text: 'Project code?',
      },
    },
    { '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: 'plain' },
  ],
  customExtensionCalloutInstances: [
    { id: 'ci1', customExtensionId: 'ce1', detail: 'The callout timed out.', status: 'calloutFailed' },
  ],
  requestor: {
    id: 's1',
    displayName: 'Ada (Fabrikam)',
    email: 'ada@fabrikam.com',
    principalName: 'ada_fabrikam.com#EXT#@contoso.example',
    objectId: 'o1',
    subjectType: 'user',
    subjectLifecycle: 'governed',
    connectedOrganization: { id: 'org1', displayName: 'Fabrikam' },
  },
  accessPackage: { id: 'p1', displayName: 'Partner portal', catalog: { id: 'c1', displayName: 'Partners' } },
  assignment: { id: 'a1', state: 'deliveryFailed', status: 'DeliveryFailed' },
};

const beta = {
  id: 'r2',
  requestType: 'UserAdd',
  requestState: 'PartiallyDelivered',
  requestStatus: 'Partially delivered',
  completedDate: '2025-02-01T10:05:00Z',
  // beta's requestSchedule (beta-Prod.csdl): startDateTime, expiration and recurrence.
  schedule: {
    startDateTime: '2025-02-01T10:00:00Z',
    expiration: { endDateTime: '2026-02-01T10:00:00Z', duration: null, type: 'afterDateTime' },
    recurrence: null,
  },
  answers: [
    {
      value: 'Spring launch',
      answeredQuestion: { text: { defaultText: 'Which campaign?', localizedTexts: [] } },
    },
  ],
  customExtensionCalloutInstances: [],
  customExtensionHandlerInstances: [
    { customExtensionId: 'ce2', status: 'requestSent', stage: 'assignmentRequestCreated' },
  ],
  requestor: { id: 's2', displayName: 'Guest', type: 'User', connectedOrganizationId: 'org2' },
  accessPackage: {
    id: 'p2',
    displayName: 'Campaign Hub',
    catalogId: 'c2',
    accessPackageCatalog: { id: 'c2', displayName: 'Marketing' },
  },
  accessPackageAssignment: {
    id: 'a2',
    assignmentState: 'PartiallyDelivered',
    assignmentStatus: 'PartiallyDelivered',
  },
};

describe('requestDetailsFromGraph', () => {
  it('reads every field of the v1.0 shape', () => {
    const d = requestDetailsFromGraph(v1, 'v1.0');
    expect(d?.request).toMatchObject({
      id: 'r1',
      state: 'deliveryFailed',
      justification: 'Joining the project',
    });
    expect(d?.schedule).toEqual({
      startDateTime: '2025-02-01T10:00:00Z',
      expirationType: 'afterDuration',
      duration: 'P365D',
    });
    expect(d?.answers).toEqual([{ question: 'Project code?', answer: 'Project 1042' }, { answer: 'plain' }]);
    expect(d?.callouts).toEqual([
      {
        source: 'callout',
        id: 'ci1',
        customExtensionId: 'ce1',
        detail: 'The callout timed out.',
        status: 'calloutFailed',
      },
    ]);
    expect(d?.requestor).toEqual({
      id: 's1',
      displayName: 'Ada (Fabrikam)',
      email: 'ada@fabrikam.com',
      principalName: 'ada_fabrikam.com#EXT#@contoso.example',
      objectId: 'o1',
      subjectType: 'user',
      subjectLifecycle: 'governed',
      connectedOrganization: { id: 'org1', displayName: 'Fabrikam' },
    });
    expect(d?.accessPackage).toEqual({
      id: 'p1',
      displayName: 'Partner portal',
      catalog: { id: 'c1', displayName: 'Partners' },
    });
    expect(d?.assignment).toEqual({ id: 'a1', state: 'deliveryFailed', status: 'DeliveryFailed' });
  });

  it('reads the beta shape', () => {
    const d = requestDetailsFromGraph(beta, 'beta');
    expect(d?.request).toMatchObject({
      id: 'r2',
      state: 'partiallyDelivered',
      completedDateTime: '2025-02-01T10:05:00Z',
    });
    expect(d?.schedule).toEqual({
      startDateTime: '2025-02-01T10:00:00Z',
      expirationType: 'afterDateTime',
      endDateTime: '2026-02-01T10:00:00Z',
    });
    expect(d?.answers).toEqual([{ question: 'Which campaign?', answer: 'Spring launch' }]);
    expect(d?.callouts).toEqual([
      {
        source: 'handler',
        customExtensionId: 'ce2',
        status: 'requestSent',
        stage: 'assignmentRequestCreated',
      },
    ]);
    expect(d?.requestor).toMatchObject({ subjectType: 'User', connectedOrganization: { id: 'org2' } });
    expect(d?.accessPackage?.catalog).toEqual({ id: 'c2', displayName: 'Marketing' });
    expect(d?.assignment).toEqual({ id: 'a2', state: 'PartiallyDelivered', status: 'PartiallyDelivered' });
  });

  it('copes with missing and mistyped fields', () => {
    const d = requestDetailsFromGraph(
      {
        id: 'r3',
        answers: 'nope',
        customExtensionCalloutInstances: [null, 5, { status: 7 }],
        schedule: [],
        requestor: null,
        accessPackage: { catalog: 'x' },
        assignment: 'x',
      },
      'v1.0',
    );
    expect(d).toMatchObject({ answers: [], callouts: [{ source: 'callout' }], accessPackage: {} });
    expect(d?.schedule).toBeUndefined();
    expect(d?.requestor).toBeUndefined();
    expect(d?.assignment).toBeUndefined();
    expect(requestDetailsFromGraph({ state: 'deliveryFailed' }, 'v1.0')).toBeUndefined();
    expect(requestDetailsFromGraph('x', 'beta')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    ['P365D', '365 days'],
    ['P1D', '1 day'],
    ['PT8H', '8 hours'],
    ['P1DT2H30M', '1 day 2 hours 30 minutes'],
    ['P2W', '2 weeks'],
    ['P', 'P'],
    ['PT', 'PT'],
    ['soon', 'soon'],
  ])('%s reads %s', (iso, text) => {
    expect(formatDuration(iso)).toBe(text);
  });
});

describe('adminCenterRequestsUrl', () => {
  it('links the package requests page of the cloud in use', () => {
    expect(adminCenterRequestsUrl('https://graph.microsoft.com', 'p1')).toBe(
      'https://entra.microsoft.com/#view/Microsoft_AAD_ERM/AccessPackageMenuBlade/~/Requests/accessPackageId/p1',
    );
    expect(adminCenterRequestsUrl('https://dod-graph.microsoft.us', 'p1')).toMatch(
      /^https:\/\/entra\.microsoft\.us\//,
    );
    expect(adminCenterRequestsUrl('https://microsoftgraph.chinacloudapi.cn', 'p1')).toMatch(
      /^https:\/\/entra\.microsoftonline\.cn\//,
    );
    expect(adminCenterRequestsUrl('https://localhost:8444', 'a/b')).toMatch(/accessPackageId\/a%2Fb$/);
  });
});

describe('words for the drawer', () => {
  it("reads each callout source's own status enum", () => {
    expect(calloutStatusLabel({ source: 'callout', status: 'callbackReceived' })).toBe('Callback received');
    expect(calloutStatusLabel({ source: 'callout', status: 'waitingForCallback' })).toBe(
      'Waiting for callback',
    );
    expect(calloutStatusLabel({ source: 'handler', status: 'requestSent' })).toBe('Request sent');
    expect(calloutStatusLabel({ source: 'callout', status: 'unknownFutureValue' })).toBe('Other');
    expect(calloutStatusLabel({ source: 'callout' })).toBeUndefined();
    expect(calloutStageLabel('assignmentRequestGranted')).toBe('Assignment granted');
  });

  it('names the subject type in both versions', () => {
    expect(subjectTypeLabel('user')).toBe('User');
    expect(subjectTypeLabel('User')).toBe('User');
    expect(subjectTypeLabel('servicePrincipal')).toBe('Service principal');
    expect(subjectTypeLabel('notSpecified')).toBe('Not specified');
    expect(subjectTypeLabel(undefined)).toBeUndefined();
  });

  it('leaves out a lifecycle that is not defined', () => {
    expect(subjectLifecycleLabel('notDefined')).toBeUndefined();
    expect(subjectLifecycleLabel('NotDefined')).toBeUndefined();
    expect(subjectLifecycleLabel(undefined)).toBeUndefined();
    expect(subjectLifecycleLabel('governed')).toBe('Governed by entitlement management');
    expect(subjectLifecycleLabel('notGoverned')).toBe('Not governed by entitlement management');
    expect(subjectLifecycleLabel('unknownFutureValue')).toBe('Other');
  });

  it("says the assignment's state once when its status repeats it", () => {
    expect(assignmentStateText({ state: 'PartiallyDelivered', status: 'PartiallyDelivered' })).toBe(
      'Partially delivered',
    );
    expect(assignmentStateText({ state: 'partiallyDelivered', status: 'PartiallyDelivered' })).toBe(
      'Partially delivered',
    );
    expect(assignmentStateText({ state: 'delivered', status: 'Delivered' })).toBe('Delivered');
    expect(assignmentStateText({ state: 'deliveryFailed', status: 'ResourceNotFound' })).toBe(
      'Delivery failed · ResourceNotFound',
    );
    expect(assignmentStateText({ status: 'Pending' })).toBe('Pending');
    expect(assignmentStateText({})).toBe('No state');
  });
});
