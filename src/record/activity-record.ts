// The activity record: every reprocess this dashboard sends, written BEFORE it is sent and
// completed when its answer arrives, kept in IndexedDB per tenant and user. Framework-free.
import type { GraphApiVersion } from '../config/app-config';

export type ActivityOutcome =
  | 'pending' // recorded, answer not (yet) received: shown as "outcome unknown, check the request's state"
  | 'accepted'
  | 'refused'
  | 'gone'
  | 'denied'
  | 'unavailable'
  | 'network'
  | 'malformed'
  | 'cancelled'
  | 'failed';

export interface ActivityActor {
  upn: string;
  objectId: string;
  tenantId: string;
  name?: string;
}

export interface ActivityEntry {
  /** The entry's own id (UUID). */
  id: string;
  /** ISO 8601 UTC, when the entry was written (before the call was sent). */
  time: string;
  /** ISO 8601 UTC, when the answer was recorded. */
  completedTime?: string;
  actor: ActivityActor;
  /** The assignment request's id. */
  requestId: string;
  requestorName?: string;
  requestorPrincipal?: string;
  accessPackageId?: string;
  accessPackageName?: string;
  apiVersion: GraphApiVersion;
  source: 'row' | 'by-id' | 'bulk';
  bulkRunId?: string;
  outcome: ActivityOutcome;
  httpStatus?: number;
  graphErrorCode?: string;
  graphRequestId?: string;
  clientRequestId?: string;
  message?: string;
}

export type ActivityStart = Omit<ActivityEntry, 'id' | 'time' | 'outcome' | 'actor' | 'completedTime'>;
export type ActivityResult = Pick<
  ActivityEntry,
  'outcome' | 'httpStatus' | 'graphErrorCode' | 'graphRequestId' | 'clientRequestId' | 'message'
>;

export interface ActivityRecorder {
  /** Writes the entry durably, then resolves: only then may the call be sent. */
  begin(start: ActivityStart): Promise<ActivityEntry>;
  /** Many entries in one transaction (a bulk run). */
  beginMany(starts: readonly ActivityStart[]): Promise<ActivityEntry[]>;
  complete(entryId: string, result: ActivityResult): Promise<void>;
}
