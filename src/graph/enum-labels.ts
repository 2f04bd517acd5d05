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
//
// Each label is a getter: it is formatted in the language in use each time it is read (a table
// built at import time would keep the English for good). Reading one is cheap: `enumLabel` keeps
// each table's words per language, since the queue labels tens of thousands of rows.
import { currentLocale, t } from '../i18n/i18n';

/** What `unknownFutureValue` reads as: Graph has a value it did not name to this app. */
export function unknownFutureValueLabel(): string {
  return t({ id: 'enum.unknownFutureValue', defaultMessage: 'Other' });
}

export type EnumLabels = Readonly<Record<string, string>>;

/** accessPackageRequestState (v1.0 `state`; beta `requestState` as PascalCase strings). */
export const REQUEST_STATE_LABELS = {
  get submitted() {
    return t({ id: 'enum.requestState.submitted', defaultMessage: 'Submitted' });
  },
  get pendingApproval() {
    return t({ id: 'enum.requestState.pendingApproval', defaultMessage: 'Pending approval' });
  },
  get delivering() {
    return t({ id: 'enum.requestState.delivering', defaultMessage: 'Delivering' });
  },
  get delivered() {
    return t({ id: 'enum.requestState.delivered', defaultMessage: 'Delivered' });
  },
  get deliveryFailed() {
    return t({ id: 'enum.requestState.deliveryFailed', defaultMessage: 'Delivery failed' });
  },
  get denied() {
    return t({ id: 'enum.requestState.denied', defaultMessage: 'Denied' });
  },
  get scheduled() {
    return t({ id: 'enum.requestState.scheduled', defaultMessage: 'Scheduled' });
  },
  get canceled() {
    return t({ id: 'enum.requestState.canceled', defaultMessage: 'Canceled' });
  },
  get partiallyDelivered() {
    return t({ id: 'enum.requestState.partiallyDelivered', defaultMessage: 'Partially delivered' });
  },
} as const satisfies EnumLabels;

/** accessPackageRequestType (v1.0), plus beta's `UserExtend` (beta's request types are strings). */
export const REQUEST_TYPE_LABELS = {
  get notSpecified() {
    return t({ id: 'enum.requestType.notSpecified', defaultMessage: 'Not specified' });
  },
  get userAdd() {
    return t({ id: 'enum.requestType.userAdd', defaultMessage: 'User add' });
  },
  get userExtend() {
    return t({ id: 'enum.requestType.userExtend', defaultMessage: 'User extend' });
  },
  get userUpdate() {
    return t({ id: 'enum.requestType.userUpdate', defaultMessage: 'User update' });
  },
  get userRemove() {
    return t({ id: 'enum.requestType.userRemove', defaultMessage: 'User remove' });
  },
  get adminAdd() {
    return t({ id: 'enum.requestType.adminAdd', defaultMessage: 'Admin add' });
  },
  get adminUpdate() {
    return t({ id: 'enum.requestType.adminUpdate', defaultMessage: 'Admin update' });
  },
  get adminRemove() {
    return t({ id: 'enum.requestType.adminRemove', defaultMessage: 'Admin remove' });
  },
  get systemAdd() {
    return t({ id: 'enum.requestType.systemAdd', defaultMessage: 'System add' });
  },
  get systemUpdate() {
    return t({ id: 'enum.requestType.systemUpdate', defaultMessage: 'System update' });
  },
  get systemRemove() {
    return t({ id: 'enum.requestType.systemRemove', defaultMessage: 'System remove' });
  },
  get onBehalfAdd() {
    return t({ id: 'enum.requestType.onBehalfAdd', defaultMessage: 'On-behalf add' });
  },
  // Declared after unknownFutureValue in v1.0: sent only with Prefer: include-unknown-enum-members.
  get approverRemove() {
    return t({ id: 'enum.requestType.approverRemove', defaultMessage: 'Approver remove' });
  },
} as const satisfies EnumLabels;

/** accessPackageAssignmentState (v1.0 `state`; beta `assignmentState`, a string). */
export const ASSIGNMENT_STATE_LABELS = {
  get delivering() {
    return t({ id: 'enum.assignmentState.delivering', defaultMessage: 'Delivering' });
  },
  get partiallyDelivered() {
    return t({ id: 'enum.assignmentState.partiallyDelivered', defaultMessage: 'Partially delivered' });
  },
  get delivered() {
    return t({ id: 'enum.assignmentState.delivered', defaultMessage: 'Delivered' });
  },
  get expired() {
    return t({ id: 'enum.assignmentState.expired', defaultMessage: 'Expired' });
  },
  get deliveryFailed() {
    return t({ id: 'enum.assignmentState.deliveryFailed', defaultMessage: 'Delivery failed' });
  },
} as const satisfies EnumLabels;

/** accessPackageSubjectType (v1.0 `subjectType`; beta `type`, a string such as `User`). */
export const SUBJECT_TYPE_LABELS = {
  get notSpecified() {
    return t({ id: 'enum.subjectType.notSpecified', defaultMessage: 'Not specified' });
  },
  get user() {
    return t({ id: 'enum.subjectType.user', defaultMessage: 'User' });
  },
  get servicePrincipal() {
    return t({ id: 'enum.subjectType.servicePrincipal', defaultMessage: 'Service principal' });
  },
} as const satisfies EnumLabels;

/**
 * accessPackageSubjectLifecycle: whether entitlement management governs a guest's account
 * (blocks and removes it when its last assignment ends).
 */
export const SUBJECT_LIFECYCLE_LABELS = {
  get notDefined() {
    return t({ id: 'enum.subjectLifecycle.notDefined', defaultMessage: 'Not defined' });
  },
  get notGoverned() {
    return t({
      id: 'enum.subjectLifecycle.notGoverned',
      defaultMessage: 'Not governed by entitlement management',
    });
  },
  get governed() {
    return t({ id: 'enum.subjectLifecycle.governed', defaultMessage: 'Governed by entitlement management' });
  },
} as const satisfies EnumLabels;

/** customExtensionCalloutInstanceStatus (both versions' `customExtensionCalloutInstances`). */
export const CALLOUT_STATUS_LABELS = {
  get calloutSent() {
    return t({ id: 'enum.calloutStatus.calloutSent', defaultMessage: 'Callout sent' });
  },
  get callbackReceived() {
    return t({ id: 'enum.calloutStatus.callbackReceived', defaultMessage: 'Callback received' });
  },
  get calloutFailed() {
    return t({ id: 'enum.calloutStatus.calloutFailed', defaultMessage: 'Callout failed' });
  },
  get callbackTimedOut() {
    return t({ id: 'enum.calloutStatus.callbackTimedOut', defaultMessage: 'Callback timed out' });
  },
  get waitingForCallback() {
    return t({ id: 'enum.calloutStatus.waitingForCallback', defaultMessage: 'Waiting for callback' });
  },
} as const satisfies EnumLabels;

/** accessPackageCustomExtensionHandlerStatus (beta's older `customExtensionHandlerInstances`). */
export const HANDLER_STATUS_LABELS = {
  get requestSent() {
    return t({ id: 'enum.handlerStatus.requestSent', defaultMessage: 'Request sent' });
  },
  get requestReceived() {
    return t({ id: 'enum.handlerStatus.requestReceived', defaultMessage: 'Request received' });
  },
} as const satisfies EnumLabels;

/** accessPackageCustomExtensionStage (beta `customExtensionHandlerInstances[].stage`). */
export const CUSTOM_EXTENSION_STAGE_LABELS = {
  get assignmentRequestCreated() {
    return t({ id: 'enum.customExtensionStage.assignmentRequestCreated', defaultMessage: 'Request created' });
  },
  get assignmentRequestApproved() {
    return t({
      id: 'enum.customExtensionStage.assignmentRequestApproved',
      defaultMessage: 'Request approved',
    });
  },
  get assignmentRequestGranted() {
    return t({
      id: 'enum.customExtensionStage.assignmentRequestGranted',
      defaultMessage: 'Assignment granted',
    });
  },
  get assignmentRequestRemoved() {
    return t({
      id: 'enum.customExtensionStage.assignmentRequestRemoved',
      defaultMessage: 'Assignment removed',
    });
  },
  get assignmentFourteenDaysBeforeExpiration() {
    return t({
      id: 'enum.customExtensionStage.assignmentFourteenDaysBeforeExpiration',
      defaultMessage: '14 days before the assignment expires',
    });
  },
  get assignmentOneDayBeforeExpiration() {
    return t({
      id: 'enum.customExtensionStage.assignmentOneDayBeforeExpiration',
      defaultMessage: '1 day before the assignment expires',
    });
  },
} as const satisfies EnumLabels;

/** expirationPatternType (a request's `schedule.expiration.type`). */
export const EXPIRATION_TYPE_LABELS = {
  get notSpecified() {
    return t({ id: 'enum.expirationType.notSpecified', defaultMessage: 'Not specified' });
  },
  get noExpiration() {
    return t({ id: 'enum.expirationType.noExpiration', defaultMessage: 'Never expires' });
  },
  get afterDateTime() {
    return t({ id: 'enum.expirationType.afterDateTime', defaultMessage: 'On a date' });
  },
  get afterDuration() {
    return t({ id: 'enum.expirationType.afterDuration', defaultMessage: 'After a duration' });
  },
} as const satisfies EnumLabels;

/** operationResult (a directory audit's `result`). */
export const OPERATION_RESULT_LABELS = {
  get success() {
    return t({ id: 'enum.operationResult.success', defaultMessage: 'Success' });
  },
  get failure() {
    return t({ id: 'enum.operationResult.failure', defaultMessage: 'Failure' });
  },
  get timeout() {
    return t({ id: 'enum.operationResult.timeout', defaultMessage: 'Timed out' });
  },
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

// Member -> words, per table, for the language they were read in.
let labelsLocale = currentLocale();
let labelCaches = new WeakMap<EnumLabels, Map<string, string>>();

function labelIn(labels: EnumLabels, member: string): string {
  const locale = currentLocale();
  if (locale !== labelsLocale) {
    labelsLocale = locale;
    labelCaches = new WeakMap();
  }
  let cache = labelCaches.get(labels);
  if (!cache) {
    cache = new Map();
    labelCaches.set(labels, cache);
  }
  let label = cache.get(member);
  if (label === undefined) {
    label = labels[member] ?? member;
    cache.set(member, label);
  }
  return label;
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
  if (member !== undefined) return labelIn(labels, member);
  if (raw.toLowerCase() === 'unknownfuturevalue') return unknownFutureValueLabel();
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
