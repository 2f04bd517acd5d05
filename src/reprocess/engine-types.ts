// The reprocess engine's vocabulary, shared by the engine, its journal and the React layer.
import type { OutcomeKind } from './outcomes';

/** What the engine needs to know of a request: its id, and the names the record keeps. */
export interface ReprocessTarget {
  id: string;
  requestorName?: string;
  requestorPrincipal?: string;
  accessPackageId?: string;
  accessPackageName?: string;
}

/** Where the agent asked for it. */
export type ReprocessSource = 'row' | 'drawer' | 'by-id' | 'bulk';

/** One request's final word in a run. */
export interface Outcome {
  kind: OutcomeKind;
  /** The HTTP status of the answer that decided it, when there was one. */
  httpStatus?: number;
  /** Graph's `error.code`. */
  code?: string;
  /** Graph's request-id for the call (or the batch step) that decided it. */
  requestId?: string;
  /** Our client-request-id for that call. */
  clientRequestId?: string;
  /** The detail: Graph's or the browser's message, or why it was not sent. */
  message?: string;
  /** For an unknown outcome: what reading the request again found. */
  checked?: CheckResult;
  /** ms since the epoch. */
  at: number;
}

export type CheckResult =
  /** Graph has the request in this state now; it was not sent again. */
  | { kind: 'state'; state: string; stateLabel: string }
  /** Graph has no such request any more. */
  | { kind: 'gone' }
  /** Reading it failed too: nothing more is known. */
  | { kind: 'failed'; message: string };

/** What a request is doing in this tab right now (or that another tab has it). */
export type RequestStatus =
  | { phase: 'queued'; runId: string; bulk: boolean }
  | { phase: 'sending'; runId: string; bulk: boolean }
  | { phase: 'checking'; runId: string; bulk: boolean }
  /** Paused with its run (offline, sign-in): not sent yet, or waiting for its state check. */
  | { phase: 'paused'; runId: string; bulk: boolean }
  | { phase: 'elsewhere' }
  | { phase: 'done'; runId: string; bulk: boolean; outcome: Outcome };

export type PauseReason = 'offline' | 'signin' | 'interrupted';

export interface RunCounts {
  total: number;
  /** Sent at least once (a record entry exists and the call left). */
  sent: number;
  /** Not sent yet: queued, or paused before sending. */
  waiting: number;
  /** On the wire, or being checked. */
  inFlight: number;
  /** With their final outcome. */
  done: number;
}

export interface RunSnapshot {
  id: string;
  source: ReprocessSource;
  startedAt: number;
  items: readonly ReprocessTarget[];
  /** Final outcomes so far, by request id. */
  results: ReadonlyMap<string, Outcome>;
  phase: 'running' | 'paused' | 'finished';
  pause?: { reason: PauseReason; claims?: string };
  cancelRequested: boolean;
  counts: RunCounts;
  /** Ids that were not taken into the run because they were busy (here or in another tab). */
  refused: readonly { id: string; reason: string }[];
}

/**
 * What a request became after Graph answered its reprocess, as read again from Graph:
 * delivered; failed again (a failed state, with Graph's new status); still delivering (in
 * progress when we stopped following, or so far); another state (denied, canceled…); gone (404);
 * unread (the reads kept failing, or Graph sent a request this dashboard cannot read).
 */
export type FollowVerdict = 'delivered' | 'failedAgain' | 'delivering' | 'other' | 'gone' | 'unread';

export interface FollowedRequest {
  verdict: FollowVerdict;
  /** The state as Graph sent it, and in words. */
  state?: string;
  stateLabel?: string;
  /** Graph's status text (v1.0 `status`, beta `requestStatus`). */
  status?: string;
  /** The request's JSON as read. */
  body?: unknown;
  /** ms since the epoch. */
  at: number;
  /** No more reads will come. */
  final: boolean;
}
