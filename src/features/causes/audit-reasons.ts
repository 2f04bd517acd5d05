// The Entra audit log's reason for each request's latest failed delivery, for the causes.
// Entitlement management logs a failed delivery as "Failed access package assignment request" and
// a partial one as "Partially fulfill access package assignment request" (its documented
// activities; there is no "reprocess" activity). Graph does not document what `resultReason`
// holds: a sentence says why, a bare code ("DeliveryFailed") says nothing and is left out, so a
// request whose latest failure gives only a code keeps the latest sentence an earlier one gave.
// Framework-free.
import { isStatusCode } from './causes';
import type { DirectoryAuditEvent } from '../audit/model';

export const FAILURE_ACTIVITIES = [
  'Failed access package assignment request',
  'Partially fulfill access package assignment request',
] as const;

/** The target that is the request: typed as one when Graph says the type, else every target. */
function requestIds(event: DirectoryAuditEvent): string[] {
  const typed = event.targets.filter((t) => t.type !== undefined && /assignmentrequest$/i.test(t.type));
  const targets = typed.length > 0 ? typed : event.targets;
  return targets.flatMap((t) => (t.id !== undefined ? [t.id.toLowerCase()] : []));
}

function time(event: DirectoryAuditEvent): number {
  const ms = event.activityDateTime !== undefined ? Date.parse(event.activityDateTime) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * Per request id (lower case), the `resultReason` of its latest failure event that gives one in
 * words. Events in any order, repeats allowed (pages of several queries).
 */
export function latestFailureReasons(events: Iterable<DirectoryAuditEvent>): Map<string, string> {
  const latest = new Map<string, { at: number; reason: string }>();
  for (const event of events) {
    if (event.result !== undefined && event.result !== 'failure' && !isFailureActivity(event)) continue;
    const reason = event.resultReason?.trim();
    if (reason === undefined || isStatusCode(reason)) continue;
    const at = time(event);
    for (const id of requestIds(event)) {
      const seen = latest.get(id);
      if (!seen || at > seen.at) latest.set(id, { at, reason });
    }
  }
  return new Map([...latest].map(([id, v]) => [id, v.reason]));
}

function isFailureActivity(event: DirectoryAuditEvent): boolean {
  return (FAILURE_ACTIVITIES as readonly string[]).includes(event.activityDisplayName);
}
