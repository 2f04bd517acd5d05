import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_STATE_LABELS,
  CALLOUT_STATUS_LABELS,
  CUSTOM_EXTENSION_STAGE_LABELS,
  EXPIRATION_TYPE_LABELS,
  HANDLER_STATUS_LABELS,
  OPERATION_RESULT_LABELS,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  SUBJECT_LIFECYCLE_LABELS,
  SUBJECT_TYPE_LABELS,
  enumLabel,
  enumMember,
  humanizeEnumValue,
  saySame,
  statusBeyondState,
  type EnumLabels,
} from './enum-labels';

// The members as Graph's CSDL declares them (emulator/metadata/v1.0.json and beta.json, which
// src/ does not import), `unknownFutureValue` left out.
const DOCUMENTED: [string, EnumLabels, string[]][] = [
  [
    'accessPackageRequestState',
    REQUEST_STATE_LABELS,
    [
      'submitted',
      'pendingApproval',
      'delivering',
      'delivered',
      'deliveryFailed',
      'denied',
      'scheduled',
      'canceled',
      'partiallyDelivered',
    ],
  ],
  [
    "accessPackageRequestType (v1.0), with beta's UserExtend",
    REQUEST_TYPE_LABELS,
    [
      'notSpecified',
      'userAdd',
      'userUpdate',
      'userRemove',
      'adminAdd',
      'adminUpdate',
      'adminRemove',
      'systemAdd',
      'systemUpdate',
      'systemRemove',
      'onBehalfAdd',
      'approverRemove',
      'userExtend',
    ],
  ],
  [
    'accessPackageAssignmentState',
    ASSIGNMENT_STATE_LABELS,
    ['delivering', 'partiallyDelivered', 'delivered', 'expired', 'deliveryFailed'],
  ],
  ['accessPackageSubjectType', SUBJECT_TYPE_LABELS, ['notSpecified', 'user', 'servicePrincipal']],
  ['accessPackageSubjectLifecycle', SUBJECT_LIFECYCLE_LABELS, ['notDefined', 'notGoverned', 'governed']],
  [
    'customExtensionCalloutInstanceStatus',
    CALLOUT_STATUS_LABELS,
    ['calloutSent', 'callbackReceived', 'calloutFailed', 'callbackTimedOut', 'waitingForCallback'],
  ],
  [
    'accessPackageCustomExtensionHandlerStatus (beta)',
    HANDLER_STATUS_LABELS,
    ['requestSent', 'requestReceived'],
  ],
  [
    'accessPackageCustomExtensionStage (beta)',
    CUSTOM_EXTENSION_STAGE_LABELS,
    [
      'assignmentRequestCreated',
      'assignmentRequestApproved',
      'assignmentRequestGranted',
      'assignmentRequestRemoved',
      'assignmentFourteenDaysBeforeExpiration',
      'assignmentOneDayBeforeExpiration',
    ],
  ],
  [
    'expirationPatternType',
    EXPIRATION_TYPE_LABELS,
    ['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration'],
  ],
  ['operationResult', OPERATION_RESULT_LABELS, ['success', 'failure', 'timeout']],
];

describe('the label tables', () => {
  it.each(DOCUMENTED)('%s: words for exactly the documented members', (_, labels, documented) => {
    expect(Object.keys(labels).sort()).toEqual([...documented].sort());
  });

  it.each(DOCUMENTED)('%s: every label is words, not the identifier', (_, labels) => {
    for (const [member, label] of Object.entries(labels)) {
      expect(label).not.toBe(member);
      expect(label).not.toMatch(/[a-z][A-Z]/);
      expect(label).toMatch(/^[A-Z\d]/);
    }
  });
});

describe('enumLabel', () => {
  it.each([
    ['callbackReceived', 'Callback received'],
    ['CallbackReceived', 'Callback received'],
    ['callbackTimedOut', 'Callback timed out'],
    ['waitingForCallback', 'Waiting for callback'],
    ['calloutSent', 'Callout sent'],
    ['calloutFailed', 'Callout failed'],
  ])('calls the callout status %j %j', (raw, label) => {
    expect(enumLabel(CALLOUT_STATUS_LABELS, raw)).toBe(label);
  });

  it('reads the same member in v1.0 camelCase and beta PascalCase', () => {
    expect(enumLabel(REQUEST_STATE_LABELS, 'partiallyDelivered')).toBe('Partially delivered');
    expect(enumLabel(REQUEST_STATE_LABELS, 'PartiallyDelivered')).toBe('Partially delivered');
    expect(enumLabel(SUBJECT_TYPE_LABELS, 'User')).toBe('User');
    expect(enumLabel(SUBJECT_TYPE_LABELS, 'servicePrincipal')).toBe('Service principal');
    expect(enumLabel(SUBJECT_LIFECYCLE_LABELS, 'notDefined')).toBe('Not defined');
  });

  it('calls unknownFutureValue "Other" and words a member newer than the table', () => {
    expect(enumLabel(CALLOUT_STATUS_LABELS, 'unknownFutureValue')).toBe('Other');
    expect(enumLabel(REQUEST_TYPE_LABELS, 'UnknownFutureValue')).toBe('Other');
    expect(enumLabel(CALLOUT_STATUS_LABELS, 'callbackRejected')).toBe('Callback rejected');
  });

  it('is undefined when Graph sent nothing', () => {
    expect(enumLabel(CALLOUT_STATUS_LABELS, undefined)).toBeUndefined();
    expect(enumLabel(CALLOUT_STATUS_LABELS, '')).toBeUndefined();
    expect(enumLabel(CALLOUT_STATUS_LABELS, '  ')).toBeUndefined();
  });

  it('does not read inherited properties as members', () => {
    expect(enumLabel(REQUEST_STATE_LABELS, 'constructor')).toBe('Constructor');
    expect(enumLabel(REQUEST_STATE_LABELS, '__proto__')).toBe('Proto');
    expect(enumMember(REQUEST_STATE_LABELS, 'toString')).toBeUndefined();
  });
});

describe('enumMember', () => {
  it('names the documented member in its declared casing', () => {
    expect(enumMember(REQUEST_STATE_LABELS, 'DeliveryFailed')).toBe('deliveryFailed');
    expect(enumMember(REQUEST_TYPE_LABELS, 'UserExtend')).toBe('userExtend');
    expect(enumMember(REQUEST_STATE_LABELS, 'unknownFutureValue')).toBeUndefined();
    expect(enumMember(REQUEST_STATE_LABELS, 42)).toBeUndefined();
  });
});

describe('humanizeEnumValue', () => {
  it.each([
    ['FulfilledNotificationTriggered', 'Fulfilled notification triggered'],
    ['somethingNew', 'Something new'],
    ['HTTPTimeout', 'HTTP timeout'],
    ['retryIn5Minutes', 'Retry in 5 minutes'],
    ['snake_case_value', 'Snake case value'],
    ['  padded  ', 'Padded'],
    ['already words', 'Already words'],
    ['', ''],
  ])('%j reads %j', (raw, words) => {
    expect(humanizeEnumValue(raw)).toBe(words);
  });
});

describe('saySame and statusBeyondState', () => {
  it('compares ignoring case and spaces', () => {
    expect(saySame('partiallyDelivered', 'PartiallyDelivered')).toBe(true);
    expect(saySame('partiallyDelivered', 'Partially delivered')).toBe(true);
    expect(saySame('deliveryFailed', 'Delivered')).toBe(false);
    expect(saySame(undefined, 'Delivered')).toBe(false);
  });

  it("keeps Graph's status only when it says more than the state", () => {
    expect(
      statusBeyondState(ASSIGNMENT_STATE_LABELS, 'partiallyDelivered', 'PartiallyDelivered'),
    ).toBeUndefined();
    expect(statusBeyondState(ASSIGNMENT_STATE_LABELS, 'Delivered', 'delivered')).toBeUndefined();
    expect(statusBeyondState(ASSIGNMENT_STATE_LABELS, 'deliveryFailed', 'Delivery failed')).toBeUndefined();
    expect(statusBeyondState(ASSIGNMENT_STATE_LABELS, 'deliveryFailed', 'ResourceNotFound')).toBe(
      'ResourceNotFound',
    );
    expect(statusBeyondState(ASSIGNMENT_STATE_LABELS, undefined, 'Delivered')).toBe('Delivered');
    expect(statusBeyondState(ASSIGNMENT_STATE_LABELS, 'delivered', undefined)).toBeUndefined();
  });
});
