// Human words for the enum members Microsoft Graph documents for entitlement management, in one
// place for every feature (the queue, the drawer, the activity record, the audit views). The raw
// values are for the raw-JSON view and the exports only.
//
// Members are as declared in Graph's CSDL (emulator/metadata/v1.0.json and beta.json). v1.0 sends
// camelCase members; beta sends some of the same values as PascalCase strings (`PartiallyDelivered`),
// so every lookup ignores case. Evolvable enums end in `unknownFutureValue`: Graph sends it for
// members added later unless the caller opts in with `Prefer: include-unknown-enum-members`, so it
// reads "Other". A value this table does not know (Graph adds members over time) is shown in words
// made from the value itself, never as the raw identifier.

/** What `unknownFutureValue` reads as: Graph has a value it did not name to this app. */
export const UNKNOWN_FUTURE_VALUE_LABEL = 'Other';

export type EnumLabels = Readonly<Record<string, string>>;

/** accessPackageRequestState (v1.0 `state`; beta `requestState` as PascalCase strings). */
export const REQUEST_STATE_LABELS = {
  submitted: 'Submitted',
  pendingApproval: 'Pending approval',
  delivering: 'Delivering',
  delivered: 'Delivered',
  deliveryFailed: 'Delivery failed',
  denied: 'Denied',
  scheduled: 'Scheduled',
  canceled: 'Canceled',
  partiallyDelivered: 'Partially delivered',
} as const satisfies EnumLabels;

/** accessPackageRequestType (v1.0), plus beta's `UserExtend` (beta's request types are strings). */
export const REQUEST_TYPE_LABELS = {
  notSpecified: 'Not specified',
  userAdd: 'User add',
  userExtend: 'User extend',
  userUpdate: 'User update',
  userRemove: 'User remove',
  adminAdd: 'Admin add',
  adminUpdate: 'Admin update',
  adminRemove: 'Admin remove',
  systemAdd: 'System add',
  systemUpdate: 'System update',
  systemRemove: 'System remove',
  onBehalfAdd: 'On-behalf add',
  // Declared after unknownFutureValue in v1.0: sent only with Prefer: include-unknown-enum-members.
  approverRemove: 'Approver remove',
} as const satisfies EnumLabels;

/** accessPackageAssignmentState (v1.0 `state`; beta `assignmentState`, a string). */
export const ASSIGNMENT_STATE_LABELS = {
  delivering: 'Delivering',
  partiallyDelivered: 'Partially delivered',
  delivered: 'Delivered',
  expired: 'Expired',
  deliveryFailed: 'Delivery failed',
} as const satisfies EnumLabels;

/** accessPackageSubjectType (v1.0 `subjectType`; beta `type`, a string such as `User`). */
export const SUBJECT_TYPE_LABELS = {
  notSpecified: 'Not specified',
  user: 'User',
  servicePrincipal: 'Service principal',
} as const satisfies EnumLabels;

/**
 * accessPackageSubjectLifecycle: whether entitlement management governs a guest's account
 * (blocks and removes it when its last assignment ends).
 */
export const SUBJECT_LIFECYCLE_LABELS = {
  notDefined: 'Not defined',
  notGoverned: 'Not governed by entitlement management',
  governed: 'Governed by entitlement management',
} as const satisfies EnumLabels;

/** customExtensionCalloutInstanceStatus (both versions' `customExtensionCalloutInstances`). */
export const CALLOUT_STATUS_LABELS = {
  calloutSent: 'Callout sent',
  callbackReceived: 'Callback received',
  calloutFailed: 'Callout failed',
  callbackTimedOut: 'Callback timed out',
  waitingForCallback: 'Waiting for callback',
} as const satisfies EnumLabels;

/** accessPackageCustomExtensionHandlerStatus (beta's older `customExtensionHandlerInstances`). */
export const HANDLER_STATUS_LABELS = {
  requestSent: 'Request sent',
  requestReceived: 'Request received',
} as const satisfies EnumLabels;

/** accessPackageCustomExtensionStage (beta `customExtensionHandlerInstances[].stage`). */
export const CUSTOM_EXTENSION_STAGE_LABELS = {
  assignmentRequestCreated: 'Request created',
  assignmentRequestApproved: 'Request approved',
  assignmentRequestGranted: 'Assignment granted',
  assignmentRequestRemoved: 'Assignment removed',
  assignmentFourteenDaysBeforeExpiration: '14 days before the assignment expires',
  assignmentOneDayBeforeExpiration: '1 day before the assignment expires',
} as const satisfies EnumLabels;

/** expirationPatternType (a request's `schedule.expiration.type`). */
export const EXPIRATION_TYPE_LABELS = {
  notSpecified: 'Not specified',
  noExpiration: 'Never expires',
  afterDateTime: 'On a date',
  afterDuration: 'After a duration',
} as const satisfies EnumLabels;

/** operationResult (a directory audit's `result`). */
export const OPERATION_RESULT_LABELS = {
  success: 'Success',
  failure: 'Failure',
  timeout: 'Timed out',
} as const satisfies EnumLabels;

// Lower-cased member -> member, per table: the queue labels tens of thousands of rows.
const memberIndexes = new WeakMap<EnumLabels, ReadonlyMap<string, string>>();

function memberIndex(labels: EnumLabels): ReadonlyMap<string, string> {
  let index = memberIndexes.get(labels);
  if (!index) {
    index = new Map(Object.keys(labels).map((member) => [member.toLowerCase(), member]));
    memberIndexes.set(labels, index);
  }
  return index;
}

/** The documented member of `labels` that `raw` names, in either casing; undefined otherwise. */
export function enumMember<T extends EnumLabels>(labels: T, raw: unknown): (keyof T & string) | undefined {
  if (typeof raw !== 'string') return undefined;
  // The index holds the table's own keys, so what it returns is one of its members.
  return memberIndex(labels).get(raw.toLowerCase());
}

/**
 * The words for one enum value: the table's label (any casing), "Other" for
 * `unknownFutureValue`, words made from the value for one the table does not know; undefined
 * when Graph sent nothing.
 */
export function enumLabel(labels: EnumLabels, raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const member = enumMember(labels, raw);
  if (member !== undefined) return labels[member];
  if (raw.toLowerCase() === 'unknownfuturevalue') return UNKNOWN_FUTURE_VALUE_LABEL;
  return humanizeEnumValue(raw);
}

/**
 * A value Graph added after this app was written, in words: `callbackTimedOut` reads "Callback
 * timed out", `FulfilledNotificationTriggered` "Fulfilled notification triggered". Acronyms stay
 * (`HTTPTimeout`: "HTTP timeout"). Anything that is not an identifier is returned trimmed.
 */
export function humanizeEnumValue(raw: string): string {
  const words = raw
    .trim()
    .replace(/[_\s]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return raw.trim();
  return words
    .map((word, i) => {
      const text = word.length > 1 && /^[A-Z\d]+$/.test(word) ? word : word.toLowerCase();
      return i === 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    })
    .join(' ');
}

/**
 * Whether two texts say the same thing: case and spaces (and `_`, `-`) aside. A state
 * `partiallyDelivered` and a status "PartiallyDelivered" do; "Partially delivered" too.
 */
export function saySame(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  return squash(a) === squash(b);
}

/**
 * Graph's status text when it says more than the state (shown as Graph sent it); undefined when
 * there is none or it only repeats the state, in the raw value's words or the label's.
 */
export function statusBeyondState(
  labels: EnumLabels,
  stateRaw: string | undefined,
  status: string | undefined,
): string | undefined {
  if (status === undefined || status.trim() === '') return undefined;
  if (saySame(stateRaw, status) || saySame(enumLabel(labels, stateRaw), status)) return undefined;
  return status;
}
