// Entitlement management's directory audit events, built from a request as it stands when the
// activity happens. The store writes them as requests change state; the seed provides the history
// that a tenant's requests would already have, written when the audit log is first read.
import { DEMO_USERS } from '../directory.ts';
import type {
  AccessPackageSubject,
  AssignmentRequest,
  AuditActivity,
  AuditEvent,
  AuditInitiator,
} from './model.ts';
import type { Prng } from './prng.ts';

export const READY: AuditActivity = 'Ready to fulfill access package assignment request';
export const FULFILLED: AuditActivity = 'Fulfill access package assignment request';
export const PARTIALLY_FULFILLED: AuditActivity = 'Partially fulfill access package assignment request';
export const FAILED: AuditActivity = 'Failed access package assignment request';

/**
 * The service itself, for the steps it takes on its own (delivering, failing to deliver). Microsoft
 * does not document the first-party app's ids; these are the emulator's.
 */
export const ENTITLEMENT_MANAGEMENT_APP: AuditInitiator = {
  kind: 'app',
  appId: 'e1a8c4f2-7d3b-4e69-9a05-3c2f8b6d1e70',
  displayName: 'Entitlement Management',
  servicePrincipalId: 'f2b9d5a3-8e4c-4f7a-8b16-4d3a9c7e2f81',
};

/** The demo user with this UPN, or just the UPN when the directory does not know it. */
export function userInitiator(upn: string): AuditInitiator {
  const user = DEMO_USERS.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
  return {
    kind: 'user',
    id: user?.id ?? '',
    userPrincipalName: user?.userPrincipalName ?? upn,
    ...(user ? { displayName: user.displayName } : {}),
  };
}

function subjectInitiator(subject: AccessPackageSubject): AuditInitiator {
  return {
    kind: 'user',
    id: subject.objectId ?? subject.id,
    ...(subject.displayName ? { displayName: subject.displayName } : {}),
    ...(subject.principalName ? { userPrincipalName: subject.principalName } : {}),
  };
}

export interface AuditEventInit {
  id: string;
  /** ISO 8601 UTC. */
  at: string;
  correlationId: string;
  initiatedBy?: AuditInitiator;
  /** The request's state after the activity, when it differs from the row's current one. */
  requestState?: string;
}

const isFailure = (a: AuditActivity): boolean => a === FAILED || a === PARTIALLY_FULFILLED;

/** One event about `row`, copying the names it has now. */
export function auditEvent(
  row: AssignmentRequest,
  activity: AuditActivity,
  init: AuditEventInit,
): AuditEvent {
  const event: AuditEvent = {
    id: init.id,
    activityDateTime: init.at,
    activityDisplayName: activity,
    requestId: row.id,
    correlationId: init.correlationId,
    // Undocumented: a partial delivery is logged as a failure whose reason is the part that
    // failed, the reading that helps someone tracing why access is missing.
    result: isFailure(activity) ? 'failure' : 'success',
  };
  // Undocumented too: Microsoft does not say what resultReason holds. The emulator writes why
  // the delivery failed, which can say more than the request's status (a code on most tenants).
  const reason = row.failureReason ?? row.status;
  if (isFailure(activity) && reason) event.resultReason = reason;
  if (init.initiatedBy) event.initiatedBy = init.initiatedBy;
  const state = init.requestState ?? row.state;
  if (state) event.requestState = state;
  if (row.requestType) event.requestType = row.requestType;
  const pkg = row.accessPackage;
  if (pkg?.id) event.accessPackageId = pkg.id;
  if (pkg?.displayName) event.accessPackageName = pkg.displayName;
  if (pkg?.catalog?.id) event.catalogId = pkg.catalog.id;
  if (pkg?.catalog?.displayName) event.catalogName = pkg.catalog.displayName;
  if (pkg?.assignmentPolicyId) event.policyId = pkg.assignmentPolicyId;
  const who = row.requestor;
  if (who?.id) event.requestorId = who.id;
  if (who?.objectId) event.requestorObjectId = who.objectId;
  if (who?.displayName) event.requestorName = who.displayName;
  if (who?.principalName) event.requestorPrincipalName = who.principalName;
  if (row.assignment?.id && activity !== READY) event.assignmentId = row.assignment.id;
  return event;
}

const MINUTE = 60_000;
// The helpdesk agent of the demo tenant: administrators' requests and earlier manual retries are hers.
const HELPDESK = DEMO_USERS[0];

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

/** A request as seeded, kept to write its history when the audit log is first read. */
export interface HistorySource {
  /** A shallow copy: a later reprocess changes the stored row, not what the history says. */
  row: AssignmentRequest;
  /** The first event's id, drawn from the seed's own generator. */
  firstId?: string;
}

export function historySource(row: AssignmentRequest, firstId?: string): HistorySource {
  return { row: { ...row }, ...(firstId !== undefined ? { firstId } : {}) };
}

/** Every seeded request's history, oldest first. */
export function seededAuditEvents(sources: readonly HistorySource[], prng: Prng): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const source of sources) appendHistory(events, source, prng);
  return events.sort((a, b) =>
    a.activityDateTime < b.activityDateTime ? -1 : a.activityDateTime > b.activityDateTime ? 1 : 0,
  );
}

/**
 * The events a seeded request already has: it became ready (on approval, or at once) and its
 * delivery then succeeded or failed. Some failed requests were retried once before and failed
 * again. Draws only from `prng`, never from the seed's own generator, so the requests stay the same.
 */
function appendHistory(events: AuditEvent[], source: HistorySource, prng: Prng): void {
  const row = source.row;
  const created = row.createdDateTime ? Date.parse(row.createdDateTime) : NaN;
  if (Number.isNaN(created)) return;
  let firstId = source.firstId;
  const type = row.requestType ?? '';
  const helpdesk = HELPDESK ? userInitiator(HELPDESK.userPrincipalName) : ENTITLEMENT_MANAGEMENT_APP;
  const starter: AuditInitiator = type.startsWith('system')
    ? ENTITLEMENT_MANAGEMENT_APP
    : type.startsWith('admin')
      ? helpdesk
      : row.requestor
        ? subjectInitiator(row.requestor)
        : ENTITLEMENT_MANAGEMENT_APP;

  if (row.state === 'delivering') {
    events.push(
      auditEvent(row, READY, {
        id: firstId ?? prng.guid(),
        at: iso(created + prng.int(1, 5) * MINUTE),
        correlationId: prng.guid(),
        initiatedBy: starter,
      }),
    );
    return;
  }

  const completed = row.completedDateTime ? Date.parse(row.completedDateTime) : NaN;
  const outcome =
    row.state === 'delivered'
      ? FULFILLED
      : row.state === 'deliveryFailed'
        ? FAILED
        : row.state === 'partiallyDelivered'
          ? PARTIALLY_FULFILLED
          : undefined;
  if (!outcome || Number.isNaN(completed) || completed < created) return;

  const runs: [readyAt: number, doneAt: number, by: AuditInitiator][] = [];
  const span = completed - created;
  if (outcome !== FULFILLED && span > 30 * MINUTE && prng.chance(0.25)) {
    // Delivered badly, retried by the helpdesk, and failed the same way again.
    const firstReady = created + span * 0.1 * prng.next();
    const firstDone = firstReady + (completed - firstReady) * (0.1 + 0.2 * prng.next());
    const retryReady = firstDone + (completed - firstDone) * (0.3 + 0.6 * prng.next());
    runs.push([firstReady, firstDone, starter], [retryReady, completed, helpdesk]);
  } else {
    runs.push([created + Math.min(span / 2, MINUTE * (1 + prng.next() * 30)), completed, starter]);
  }
  for (const [readyAt, doneAt, by] of runs) {
    const correlationId = prng.guid();
    events.push(
      auditEvent(row, READY, {
        id: firstId ?? prng.guid(),
        at: iso(readyAt),
        correlationId,
        initiatedBy: by,
        requestState: 'delivering',
      }),
    );
    firstId = undefined;
    events.push(
      auditEvent(row, outcome, {
        id: prng.guid(),
        at: iso(doneAt),
        correlationId,
        initiatedBy: ENTITLEMENT_MANAGEMENT_APP,
      }),
    );
  }
}
