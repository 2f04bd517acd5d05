// The canonical model of entitlement-management data, named as in Graph v1.0
// (schemas/v1.0-Prod.csdl). The beta shape is a projection of it (graph/shapes.ts).
// Optional fields stay optional on purpose: tests seed partial rows to check that the app copes
// with whatever Graph leaves out.

/** accessPackageRequestState (v1.0). Members after unknownFutureValue would be evolvable; none today. */
export const REQUEST_STATES = [
  'submitted',
  'pendingApproval',
  'delivering',
  'delivered',
  'deliveryFailed',
  'denied',
  'scheduled',
  'canceled',
  'partiallyDelivered',
  'unknownFutureValue',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * accessPackageRequestType (v1.0), in the metadata's order. onBehalfAdd is declared before
 * unknownFutureValue, so Graph always sends it as itself; approverRemove comes after it: an
 * evolvable member.
 */
export const REQUEST_TYPES = [
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
  'unknownFutureValue',
  'approverRemove',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Request types that Graph only sends with `Prefer: include-unknown-enum-members`. */
export const EVOLVABLE_REQUEST_TYPES: ReadonlySet<string> = new Set(
  REQUEST_TYPES.slice(REQUEST_TYPES.indexOf('unknownFutureValue') + 1),
);

/** The two states the reprocess action accepts. */
export const FAILED_STATES: ReadonlySet<string> = new Set(['deliveryFailed', 'partiallyDelivered']);

export interface ConnectedOrganization {
  id: string;
  displayName: string;
  description?: string;
  state?: 'configured' | 'proposed';
  createdDateTime?: string;
}

/** accessPackageSubject: who asked (or for whom an administrator asked). */
export interface AccessPackageSubject {
  id: string;
  displayName?: string | null;
  email?: string | null;
  objectId?: string | null;
  principalName?: string | null;
  subjectType?: 'notSpecified' | 'user' | 'servicePrincipal' | 'unknownFutureValue';
  subjectLifecycle?: 'notDefined' | 'notGoverned' | 'governed' | 'unknownFutureValue' | null;
  onPremisesSecurityIdentifier?: string | null;
  connectedOrganization?: ConnectedOrganization | null;
}

export interface AccessPackageCatalog {
  id: string;
  displayName: string;
  description?: string;
  catalogType?: 'userManaged' | 'serviceDefault' | 'serviceManaged';
  state?: 'unpublished' | 'published';
  isExternallyVisible?: boolean;
  createdDateTime?: string;
  modifiedDateTime?: string;
  /** beta only (accessPackageCatalog.privilegeLevel, non-nullable there); `standard` when unset. */
  privilegeLevel?: 'standard' | 'privileged';
}

export interface AccessPackage {
  id: string;
  displayName?: string;
  description?: string;
  isHidden?: boolean;
  createdDateTime?: string;
  modifiedDateTime?: string;
  catalog?: AccessPackageCatalog;
  /** Not a Graph property: the policy id the beta assignment shape reports. */
  assignmentPolicyId?: string;
}

/** entitlementManagementSchedule (v1.0). */
export interface Schedule {
  startDateTime?: string | null;
  expiration?: {
    endDateTime?: string | null;
    duration?: string | null;
    type?: 'notSpecified' | 'noExpiration' | 'afterDateTime' | 'afterDuration';
  } | null;
  recurrence?: null;
}

export interface AccessPackageAssignment {
  id: string;
  state?:
    'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed' | 'unknownFutureValue';
  status?: string | null;
  expiredDateTime?: string | null;
  schedule?: Schedule;
}

/** accessPackageAnswerString: the answer to a question in the access package policy. */
export interface AccessPackageAnswer {
  '@odata.type': string;
  value?: string;
  displayValue?: string;
}

export interface CustomExtensionCalloutInstance {
  id: string;
  customExtensionId?: string;
  detail?: string;
  externalCorrelationId?: string | null;
  status?: 'calloutSent' | 'callbackReceived' | 'calloutFailed' | 'unknownFutureValue';
}

/** What a reprocess of a failed request will lead to; never sent by Graph. */
export type ReprocessOutcome = 'delivered' | 'failed';

export interface AssignmentRequest {
  id: string;
  /** A string rather than RequestState: tests seed unknown states to check the app copes. */
  state?: string;
  status?: string | null;
  requestType?: string;
  createdDateTime?: string;
  completedDateTime?: string | null;
  justification?: string | null;
  answers?: AccessPackageAnswer[];
  customExtensionCalloutInstances?: CustomExtensionCalloutInstance[];
  schedule?: Schedule;
  requestor?: AccessPackageSubject | null;
  accessPackage?: AccessPackage | null;
  assignment?: AccessPackageAssignment | null;
  reprocessOutcome?: ReprocessOutcome;
  /**
   * Hidden, like reprocessOutcome: why delivery fails, as the audit log's failure events give it
   * (`resultReason`) when the request's `status` is only a code. Absent: the status is the reason.
   */
  failureReason?: string;
}

/** Who set an audited activity going, as a snapshot taken when it happened. */
export type AuditInitiator =
  | { kind: 'user'; id: string; displayName?: string; userPrincipalName?: string }
  | { kind: 'app'; appId: string; displayName: string; servicePrincipalId: string };

/** The activities entitlement management logs as a request moves through delivery. */
export type AuditActivity =
  | 'Failed access package assignment request'
  | 'Ready to fulfill access package assignment request'
  | 'Fulfill access package assignment request'
  | 'Partially fulfill access package assignment request';

/**
 * A directory audit event, kept for the audit-log views: entitlement management writes these
 * (and no "reprocess" activity) when a request changes state. Names are copied in when the event
 * is written, as a real audit log keeps what was true then, whatever happens to the request later.
 */
export interface AuditEvent {
  id: string;
  activityDateTime: string;
  activityDisplayName: AuditActivity;
  requestId: string;
  /** Shared by the events of one run: the request becoming ready and the delivery's result. */
  correlationId?: string;
  result?: 'success' | 'failure';
  resultReason?: string;
  initiatedBy?: AuditInitiator;
  accessPackageId?: string;
  accessPackageName?: string;
  catalogId?: string;
  catalogName?: string;
  /** The accessPackageSubject's id. */
  requestorId?: string;
  /** The requestor's directory object id, the id a User target carries. */
  requestorObjectId?: string;
  requestorName?: string;
  requestorPrincipalName?: string;
  requestType?: string;
  /** The request's state once the activity was done, spelled as in v1.0. */
  requestState?: string;
  assignmentId?: string;
  policyId?: string;
}
