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
  source: 'row' | 'drawer' | 'by-id' | 'bulk';
  bulkRunId?: string;
  outcome: ActivityOutcome;
  httpStatus?: number;
  graphErrorCode?: string;
  graphRequestId?: string;
  clientRequestId?: string;
  message?: string;
  /** What the request became after the answer, as read again from Graph (after a 202: the delivery's result). */
  afterward?: ActivityAfterward;
}

export interface ActivityAfterward {
  verdict: 'delivered' | 'failedAgain' | 'delivering' | 'other' | 'gone' | 'unread';
  /** The state as Graph sent it. */
  state?: string;
  /** Graph's status text then. */
  status?: string;
  /** ISO 8601 UTC, when it was read. */
  time: string;
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
  /** Adds what the request became after the answer (the entry keeps its outcome). */
  noteAfterward(entryId: string, afterward: ActivityAfterward): Promise<void>;
}

/** What the activity page filters on; every field is optional and they combine with AND. */
export interface ActivityFilter {
  /** First UTC day included, `YYYY-MM-DD`. */
  from?: string;
  /** Last UTC day included, `YYYY-MM-DD`. */
  to?: string;
  outcome?: ActivityOutcome;
  /** Part of the acting user's UPN or name, any case. */
  user?: string;
  /** Part of the assignment request's id, any case. */
  requestId?: string;
  /** Part of the access package's name or id, any case. */
  accessPackage?: string;
}

/** How much of the record is kept: the newest `maxEntries`, none older than `maxDays`. */
export interface RetentionSettings {
  maxEntries: number;
  maxDays: number;
}

/** The whole record of one user in one tenant: the recorder plus what the activity page reads. */
export interface ActivityStore extends ActivityRecorder {
  readonly actor: ActivityActor;
  /** The entries that match, newest first. */
  list(filter?: ActivityFilter): Promise<ActivityEntry[]>;
  /** Applies the retention settings now; resolves with how many entries were removed. */
  prune(now?: Date): Promise<number>;
  /** Called after any change to the record, made in this tab or another one. */
  subscribe: (listener: () => void) => () => void;
  /** Whether this tab sent the entry's call and is still waiting for its answer. */
  isInFlight: (entryId: string) => boolean;
  /**
   * Loads the store and opens its database ahead of need (a run's first write-ahead would
   * otherwise wait for both). Never rejects: a failure shows at the first real use.
   */
  warm(): Promise<void>;
  /** Releases the database and the channel; the store reopens them on its next use. */
  close(): void;
}
