// The reprocess engine: the one way a reprocess leaves this dashboard, from a row, the details
// drawer, an id pasted from a ticket or a bulk run. Framework-free; `use-reprocess-engine.ts` is
// its thin React layer. What it guarantees:
//
// - At most once. A request queued, on the wire or being checked cannot be taken again, by this
//   tab (a synchronous status check) or by another tab of the same user (a Web Lock per request).
//   A request accepted in this session is not sent again either.
// - Write-ahead. Each send is in the activity record before it leaves; if the record cannot be
//   written, nothing is sent.
// - No blind resends. A call that may have reached Graph (no answer, 500/502/504, an unreadable
//   answer) is followed by a read of the request's state (GETs, 20 per $batch); only a request
//   still in a failed state is sent again, the rest are reported as what they are now.
// - Runs survive the bad day. The first network failure or the browser's offline event pauses the
//   run (what was not sent stays "not sent"; it resumes by itself when the browser is back
//   online); a token that needs interaction pauses it too ("sign in again"), never navigating the
//   page away; a 401 claims challenge gets a token with those claims and one retry; a run's plan
//   is journalled so a reload can show what was interrupted, and resume it.
import type { GraphApiVersion } from '../config/app-config';
import { MAX_BATCH_STEPS, sendBatch, type BatchOptions, type BatchStepResult } from '../graph/batch';
import type { GraphClient } from '../graph/graph-client';
import { isGraphError, type GraphError } from '../graph/graph-error';
import type {
  ActivityEntry,
  ActivityRecorder,
  ActivityResult,
  ActivityStart,
} from '../record/activity-record';
import { t } from '../i18n/i18n';
import { randomUuid } from '../lib/random-uuid';
import type {
  CheckResult,
  FollowedRequest,
  Outcome,
  PauseReason,
  ReprocessSource,
  ReprocessTarget,
  RequestStatus,
  RunCounts,
  RunSnapshot,
} from './engine-types';
import {
  checkedText,
  entryOutcomeOf,
  outcomeOfEntry,
  outcomeOfGraphError,
  OUTCOMES,
  type OutcomeKind,
} from './outcomes';
import { DeliveryFollower, type FollowerOptions, type ReadAnswer, type ReadState } from './follow';
import type { RequestLocks } from './request-locks';
import type { JournalRun, RunJournal } from './run-journal';

/** Thrown by EngineAuth when only the user can continue (expired session, revoked token, claims). */
export class SignInNeededError extends Error {
  override readonly name = 'SignInNeededError';
  constructor(
    message: string,
    readonly claims?: string,
  ) {
    super(message);
  }
}

export interface EngineAuth {
  /**
   * Silent only: makes sure a token for `scopes` is at hand and valid for at least
   * `minValidityMs` (renewing it if not). Rejects with SignInNeededError when the user must act.
   */
  prepare(scopes: readonly string[], opts: { minValidityMs: number }): Promise<void>;
  /** Silent: a token that satisfies a claims challenge. Rejects with SignInNeededError otherwise. */
  satisfyClaims(scopes: readonly string[], claims: string): Promise<void>;
  /** Interactive (a popup): only ever called from the agent's click on "Sign in again". */
  signInAgain(scopes: readonly string[], claims?: string): Promise<void>;
}

export interface NetworkStatus {
  online(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

/** Where the engine reads what a request is now, without knowing either API shape. */
export interface RequestPaths {
  reprocess(id: string): string;
  /** The request itself, for the state check (relative to the version root, with its query). */
  request(id: string): string;
  /** From the request's JSON: its state, in words, whether it is still failed or in progress. */
  readState(json: unknown): ReadState | undefined;
}

export interface EngineOptions {
  /** Its token getter must be silent-only (see EngineAuth): the engine decides when to ask the user. */
  client: GraphClient;
  scopes: { read: string; write: string };
  paths: RequestPaths;
  recorder: ActivityRecorder;
  locks: RequestLocks;
  auth: EngineAuth;
  network?: NetworkStatus;
  journal?: RunJournal;
  /** Batch calls in flight at once. */
  concurrency?: number;
  /** Step retry tuning and test seams, passed to sendBatch. */
  batch?: Omit<BatchOptions, 'scopes' | 'signal' | 'onSend'>;
  /**
   * After a network failure while the browser still says it is online (Graph unreachable, a VPN
   * dropping), the paused run tries again after this long, doubling up to a minute while the tries
   * keep failing (default 3 s); once Graph answers again, the next loss waits this long again. An
   * `online` event resumes it at once.
   */
  retryOfflineAfterMs?: number;
  /** A run's token must stay valid this long after it starts (default 10 minutes). */
  tokenValidityMs?: number;
  /** How requests are followed after Graph answered their reprocess (follow.ts). */
  follow?: Pick<FollowerOptions, 'firstDelayMs' | 'maxDelayMs' | 'followForMs'>;
  now?: () => number;
  newId?: () => string;
}

/**
 * At most this many batch calls in flight at once (320 steps). A run uses the fewest that keep its
 * fewest rounds (see `concurrency`): 25 batches go out 13 and 12, not 16 and 9. Graph documents no
 * concurrency limit for entitlement management, only throttling per resource and tenant, which the
 * batch retries handle. It is served over HTTP/2, so the browser multiplexes these over one
 * connection; behind an HTTP/1.1-only proxy it holds those past its six connections per host until
 * one is free, which only costs time: a batch waiting there counts as sent (its outcome is
 * checked, not assumed) if the network goes while it waits.
 */
export const DEFAULT_CONCURRENCY = 16;
/**
 * An unknown outcome is checked and, if still failed, resent at most this many times. The unknown
 * answer to the last resend is still checked (a read is safe), so the record says what Graph has,
 * but nothing is sent again.
 */
const MAX_CHECKS = 2;
/**
 * Answers after which the request is read again: Graph took it, or said its state does not allow
 * it. (A 403 would refuse the read too; a 404 is already the answer.)
 */
const FOLLOWED_OUTCOMES: ReadonlySet<OutcomeKind> = new Set(['accepted', 'notReprocessable']);

export interface StartResult {
  runId: string | undefined;
  /** Ids not taken, with the reason shown to the agent. */
  refused: { id: string; reason: string }[];
  /** Resolves when the run finishes (not when it pauses). */
  done: Promise<RunSnapshot | undefined>;
}

interface Item {
  target: ReprocessTarget;
  /** 'waiting': not sent (queued or paused); 'wire': on the wire; 'check': needs its state read. */
  stage: 'waiting' | 'wire' | 'check' | 'checking' | 'done';
  checks: number;
  /** At least one call carried it. */
  sent: boolean;
  /** 'wire' only: taken for its batch and written ahead, its batch not yet gone out (still waiting). */
  ahead?: boolean;
  outcome?: Outcome;
  /** The pending record entry of the send on the wire. */
  entryId?: string;
  /** What the last unknown answer was, kept if the check cannot improve on it. */
  lastUnknown?: Outcome;
  /** The record entry of the last send, once answered (a state check adds to it). */
  lastEntryId?: string;
  /** Its cross-tab lock is still being taken (see begin): not to be sent until it is held. */
  locking?: boolean;
}

interface Run {
  id: string;
  source: ReprocessSource;
  startedAt: number;
  items: Map<string, Item>;
  order: string[];
  phase: 'running' | 'paused' | 'finished';
  pause?: { reason: PauseReason; claims?: string };
  cancelRequested: boolean;
  refused: { id: string; reason: string }[];
  /** Set while drive() is working this run. */
  driving: boolean;
  /** Asked to drive again while driving (see drive). */
  redrive?: boolean;
  /** Paused by the browser's `offline` event (not by a failed call). */
  offlineEvent?: boolean;
  /** Set while the locks of the run's later rounds are being taken (see begin). */
  locking?: Promise<void>;
  finished: Promise<RunSnapshot | undefined>;
  resolveFinished: (snapshot: RunSnapshot | undefined) => void;
  snapshot?: RunSnapshot;
}

export class ReprocessEngine {
  private readonly statuses = new Map<string, RequestStatus>();
  private readonly runs = new Map<string, Run>();
  private readonly elsewhere = new Set<string>();
  /** Accepted in this session: never sent again from here (a second POST could only be refused). */
  private readonly accepted = new Set<string>();
  private readonly idListeners = new Map<string, Set<() => void>>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private followVersion = 0;
  private notifyScheduled = false;
  private readonly changedIds = new Set<string>();
  private readonly unsubscribers: (() => void)[] = [];
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly apiVersion: GraphApiVersion;
  private closed = false;
  /** What each answered request became, as read again from Graph. */
  private readonly followed = new Map<string, FollowedRequest>();
  /** The record entry of each followed request's answered send: its result goes there too. */
  private readonly followedEntries = new Map<string, string>();
  private readonly follower: DeliveryFollower;
  private readonly followListeners = new Set<(id: string, followed: FollowedRequest) => void>();

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? randomUuid;
    this.apiVersion = opts.client.apiVersion;
    if (opts.network) {
      this.unsubscribers.push(
        opts.network.subscribe((online) => (online ? this.onOnline() : this.onOffline())),
      );
    }
    this.unsubscribers.push(opts.locks.subscribe(() => void this.refreshElsewhere()));
    void this.refreshElsewhere();
    this.follower = new DeliveryFollower({
      ...opts.follow,
      now: this.now,
      busy: () => this.sending,
      read: (ids) => this.readRequests(ids),
      readState: (json) => opts.paths.readState(json),
      onChange: (id, followed) => this.onFollowed(id, followed),
    });
  }

  // ---- reading ------------------------------------------------------------------------------

  status(id: string): RequestStatus | undefined {
    // One object for every "elsewhere": readers (React's useSyncExternalStore) compare by identity.
    return this.statuses.get(key(id)) ?? (this.elsewhere.has(key(id)) ? ELSEWHERE : undefined);
  }

  /** Why this request cannot be sent now, or undefined when it can. */
  busyReason(id: string): string | undefined {
    const status = this.status(id);
    const followed = this.followed.get(key(id));
    if (followed && (status === undefined || status.phase === 'done')) {
      const reason = followedReason(followed);
      if (reason !== null) return reason;
    }
    return busyReason(status, this.accepted.has(key(id)));
  }

  run(runId: string): RunSnapshot | undefined {
    const run = this.runs.get(runId);
    return run ? this.snapshotOf(run) : undefined;
  }

  /** Every run this engine knows, newest first. */
  allRuns(): RunSnapshot[] {
    return [...this.runs.values()].reverse().map((r) => this.snapshotOf(r));
  }

  /** Whether anything is queued or on the wire: leaving the page now would lose work. */
  get sending(): boolean {
    for (const run of this.runs.values()) {
      if (run.phase === 'running') return true;
    }
    return false;
  }

  /** What the request became after its answered reprocess, as last read from Graph. */
  followedOf(id: string): FollowedRequest | undefined {
    return this.followed.get(key(id));
  }

  /** Called with each new reading of a followed request. */
  onFollow(listener: (id: string, followed: FollowedRequest) => void): () => void {
    this.followListeners.add(listener);
    return () => this.followListeners.delete(listener);
  }

  getVersion = (): number => this.version;

  /** Changes only when a reading of a followed request arrives or is dropped (not on every send). */
  getFollowVersion = (): number => this.followVersion;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called when this one request's status may have changed. */
  subscribeId(id: string, listener: () => void): () => void {
    const k = key(id);
    let set = this.idListeners.get(k);
    if (!set) this.idListeners.set(k, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  // ---- acting -------------------------------------------------------------------------------

  /**
   * Takes the requests that are free into a new run and starts it. A request already queued,
   * sending, being checked, accepted in this session or held by another tab is refused, with the
   * reason, and nothing is sent for it. The check and the marking are synchronous, so a double
   * click cannot slip between them.
   */
  start(
    targets: readonly ReprocessTarget[],
    source: ReprocessSource,
    opts: { check?: ReadonlySet<string> } = {},
  ): StartResult {
    const refused: { id: string; reason: string }[] = [];
    const seen = new Set<string>();
    const free: ReprocessTarget[] = [];
    for (const t of targets) {
      const k = key(t.id);
      if (seen.has(k)) continue;
      seen.add(k);
      const reason = this.busyReason(t.id);
      if (reason) refused.push({ id: t.id, reason });
      else free.push(t);
    }
    if (free.length === 0 || this.closed) {
      return { runId: undefined, refused, done: Promise.resolve(undefined) };
    }
    const run = this.newRun(this.newId(), source, free, refused);
    const bulk = source === 'bulk';
    for (const t of free) {
      const item = run.items.get(key(t.id));
      if (item && opts.check?.has(t.id)) {
        // It may have reached Graph before: read its state before anything is sent.
        item.stage = 'check';
        item.sent = true;
        this.setStatus(t.id, { phase: 'checking', runId: run.id, bulk });
      } else this.setStatus(t.id, { phase: 'queued', runId: run.id, bulk });
    }
    this.opts.journal?.save(journalOf(run));
    this.emit();
    void this.begin(run);
    return { runId: run.id, refused, done: run.finished };
  }

  /**
   * "Retry": a new run of a finished run's requests that can still be helped. Not sent, cancelled,
   * throttled or unavailable ones are sent again; unknown ones are checked first (never resent
   * blind); what Graph decided on (accepted, refused, not found) is left alone.
   */
  retry(runId: string): StartResult {
    const run = this.runs.get(runId);
    const none: StartResult = { runId: undefined, refused: [], done: Promise.resolve(undefined) };
    if (!run || run.phase !== 'finished') return none;
    const targets: ReprocessTarget[] = [];
    const check = new Set<string>();
    for (const item of run.items.values()) {
      const outcome = item.outcome;
      if (!outcome) continue;
      const retry = OUTCOMES[outcome.kind].retry;
      if (retry === 'send') targets.push(item.target);
      else if (retry === 'check' && outcome.checked?.kind !== 'state' && outcome.checked?.kind !== 'gone') {
        targets.push(item.target);
        check.add(item.target.id);
      }
    }
    if (targets.length === 0) return none;
    return this.start(targets, run.source, { check });
  }

  /** How many of a finished run's requests `retry` would take. */
  retryable(runId: string): number {
    const run = this.runs.get(runId);
    if (!run || run.phase !== 'finished') return 0;
    let n = 0;
    for (const item of run.items.values()) {
      const o = item.outcome;
      if (!o) continue;
      const retry = OUTCOMES[o.kind].retry;
      if (
        retry === 'send' ||
        (retry === 'check' && o.checked?.kind !== 'state' && o.checked?.kind !== 'gone')
      )
        n++;
    }
    return n;
  }

  /** Stops everything not yet sent; what is on the wire finishes and is reported. */
  cancel(runId: string): void {
    const run = this.runs.get(runId);
    if (!run || run.phase === 'finished') return;
    run.cancelRequested = true;
    for (const item of run.items.values()) {
      if (item.stage === 'waiting') this.finishItem(run, item, { kind: 'cancelled', at: this.now() });
      else if (item.stage === 'check') {
        // It may have reached Graph, and it will not be checked now: it stays unknown.
        this.finishItem(run, item, item.lastUnknown ?? { kind: 'unknown', at: this.now() });
      }
    }
    this.settleIfDone(run);
    this.emit();
  }

  /** Resumes a paused or interrupted run (the Resume button, or the browser back online). */
  resume(runId: string): void {
    const run = this.runs.get(runId);
    if (!run || run.phase !== 'paused') return;
    void this.unpause(run);
  }

  /** The agent's click on "Sign in again": interactive, then the run goes on. */
  async signInAgain(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (!run || run.phase !== 'paused') return;
    await this.opts.auth.signInAgain([this.opts.scopes.write], run.pause?.claims);
    run.pause = undefined;
    void this.unpause(run);
  }

  /** Resolves when the run finishes (not when it pauses); undefined for an unknown run. */
  finished(runId: string): Promise<RunSnapshot | undefined> {
    return this.runs.get(runId)?.finished ?? Promise.resolve(undefined);
  }

  /** Forgets a finished run (its results view was closed). */
  dismiss(runId: string): void {
    const run = this.runs.get(runId);
    if (!run || run.phase !== 'finished') return;
    this.runs.delete(runId);
    this.emit();
  }

  /**
   * After a reload: the journal's runs that did not end, read against the record. Requests with no
   * entry were never sent ("not sent", sent on Resume); requests whose entry is still pending were
   * on the wire ("unknown", checked on Resume); answered ones keep their answer.
   */
  async recoverInterrupted(listEntries: () => Promise<ActivityEntry[]>): Promise<void> {
    const journal = this.opts.journal;
    if (!journal) return;
    const planned = journal.list().filter((r) => !this.runs.has(r.id));
    if (planned.length === 0) return;
    const entries = await listEntries();
    for (const plan of planned) {
      const noted = journal.sentEntries(plan.id);
      const mine = entries.filter((e) => e.bulkRunId === plan.id);
      const byRequest = new Map<string, ActivityEntry[]>();
      for (const e of mine) {
        const list = byRequest.get(key(e.requestId)) ?? [];
        list.push(e);
        byRequest.set(key(e.requestId), list);
      }
      const run = this.newRun(plan.id, plan.source, plan.items, []);
      run.startedAt = plan.startedAt;
      run.phase = 'paused';
      run.pause = { reason: 'interrupted' };
      const bulk = plan.source === 'bulk';
      for (const item of run.items.values()) {
        const sends = byRequest.get(key(item.target.id)) ?? [];
        // newest first in the record; the latest send decides.
        const latest = sends.sort((a, b) => b.time.localeCompare(a.time))[0];
        if (!latest) {
          this.setStatus(item.target.id, { phase: 'paused', runId: run.id, bulk });
          continue;
        }
        if (latest.outcome === 'pending' && noted && !noted.has(latest.id)) {
          // Written ahead, never sent: the page closed before its turn came. Not unknown.
          void this.complete(latest.id, {
            kind: 'notSent',
            message: t({
              id: 'reprocess.engine.pageClosed',
              defaultMessage: 'Not sent: the page was closed or reloaded before its turn came.',
            }),
            at: this.now(),
          });
          this.setStatus(item.target.id, { phase: 'paused', runId: run.id, bulk });
          continue;
        }
        item.sent = latest.outcome !== 'failed';
        const kind = outcomeOfEntry(latest);
        if (kind === 'sending' || kind === 'unknown') {
          item.stage = 'check';
          item.lastUnknown = { ...fromEntry(latest), kind: 'unknown' };
          item.lastEntryId = latest.id;
          this.setStatus(item.target.id, { phase: 'paused', runId: run.id, bulk });
        } else if (OUTCOMES[kind].retry === 'send' && kind !== 'throttled' && kind !== 'unavailable') {
          // Never sent (not sent, cancelled): waits for Resume.
          this.setStatus(item.target.id, { phase: 'paused', runId: run.id, bulk });
        } else {
          this.finishItem(run, item, { ...fromEntry(latest), kind });
        }
      }
      // A pending entry (the call never got its answer) stays pending: "outcome unknown" is the
      // truth until its state check, on Resume, says more.
      this.settleIfDone(run);
    }
    this.emit();
  }

  close(): void {
    this.closed = true;
    for (const u of this.unsubscribers) u();
    for (const { timer } of this.retryTimers.values()) clearTimeout(timer);
    this.follower.close();
    this.opts.locks.close();
  }

  // ---- running ------------------------------------------------------------------------------

  private newRun(
    id: string,
    source: ReprocessSource,
    targets: readonly ReprocessTarget[],
    refused: { id: string; reason: string }[],
  ): Run {
    let resolveFinished!: (s: RunSnapshot | undefined) => void;
    const finished = new Promise<RunSnapshot | undefined>((r) => (resolveFinished = r));
    const run: Run = {
      id,
      source,
      startedAt: this.now(),
      items: new Map(
        targets.map((t) => [key(t.id), { target: t, stage: 'waiting', checks: 0, sent: false }]),
      ),
      order: targets.map((t) => key(t.id)),
      phase: 'running',
      cancelRequested: false,
      refused,
      driving: false,
      finished,
      resolveFinished,
    };
    this.runs.set(id, run);
    return run;
  }

  /**
   * Locks the run's requests across tabs, then drives it. A bulk run locks its first round's
   * requests before anything is sent, and the rest while that round is on the wire: a run of 500
   * would otherwise wait for 500 locks before its first batch. A request is never taken for
   * sending before its lock is held (`Item.locking`).
   */
  private async begin(run: Run): Promise<void> {
    const ids = run.order.map((k) => run.items.get(k)!.target.id);
    const firstRound =
      run.source === 'bulk'
        ? this.concurrency(Math.ceil(ids.length / MAX_BATCH_STEPS)) * MAX_BATCH_STEPS
        : Number.POSITIVE_INFINITY;
    const rest = ids.slice(firstRound);
    for (const id of rest) run.items.get(key(id))!.locking = true;
    const lockStart = timing();
    await this.lockItems(run, ids.slice(0, firstRound));
    measure('reprocess: locks', lockStart);
    if (rest.length > 0) {
      run.locking = this.lockItems(run, rest).finally(() => {
        run.locking = undefined;
        measure('reprocess: locks of later rounds', lockStart);
      });
    }
    this.settleIfDone(run);
    this.emit();
    if (run.phase === 'running') await this.drive(run);
  }

  /** Takes the locks of these requests; those another tab holds leave the run, sending nothing. */
  private async lockItems(run: Run, ids: readonly string[]): Promise<void> {
    let busy: string[] = [];
    let acquired: readonly string[] = ids;
    try {
      ({ busy, acquired } = await this.opts.locks.acquire(ids));
    } catch {
      // No lock manager answered: this tab's own guard still holds.
    }
    for (const id of acquired) {
      const item = run.items.get(key(id));
      if (item) item.locking = undefined;
      // Finished (cancelled) while its lock was being taken: nothing holds it for a reason now.
      if (!item || item.stage === 'done') this.opts.locks.release(id);
    }
    for (const id of busy) {
      const item = run.items.get(key(id));
      // Cancelled while its lock was being asked for: it stays in the run as cancelled (true:
      // nothing was sent from here).
      if (!item || item.stage === 'done') continue;
      run.items.delete(key(id));
      run.order = run.order.filter((k) => k !== key(id));
      run.refused.push({
        id,
        reason: t({
          id: 'reprocess.engine.otherTab',
          defaultMessage: 'Being reprocessed in another tab: nothing was sent from here.',
        }),
      });
      this.statuses.delete(key(id));
      this.elsewhere.add(key(id));
      this.changed(id);
    }
    if (busy.length > 0) {
      this.settleIfDone(run);
      this.emit();
    }
  }

  /**
   * Batch calls in flight for a run of this many batches: within the cap, the fewest that still
   * take the fewest rounds, so the last round is not a few batches alone and Graph sees no more
   * at once than the run's time needs.
   */
  private concurrency(batches: number): number {
    const cap = Math.max(1, Math.floor(this.opts.concurrency ?? DEFAULT_CONCURRENCY));
    if (batches <= cap) return Math.max(1, batches);
    return Math.ceil(batches / Math.ceil(batches / cap));
  }

  private async unpause(run: Run): Promise<void> {
    if (run.phase !== 'paused') return;
    if (run.pause?.reason === 'interrupted') {
      // Locks were this tab's before the reload; take them again (another tab may hold some now).
      const ids = [...run.items.values()].filter((i) => i.stage !== 'done').map((i) => i.target.id);
      try {
        const { busy } = await this.opts.locks.acquire(ids);
        for (const id of busy) {
          const item = run.items.get(key(id));
          if (item) {
            this.finishItem(run, item, {
              kind: item.stage === 'check' ? 'unknown' : 'notSent',
              message: t({
                id: 'reprocess.engine.otherTabLeft',
                defaultMessage: 'Being reprocessed in another tab: left to that tab.',
              }),
              at: this.now(),
            });
          }
        }
      } catch {
        // as in begin()
      }
    }
    run.phase = 'running';
    run.pause = undefined;
    const bulk = run.source === 'bulk';
    for (const item of run.items.values()) {
      if (item.stage === 'waiting') this.setStatus(item.target.id, { phase: 'queued', runId: run.id, bulk });
      else if (item.stage === 'check')
        this.setStatus(item.target.id, { phase: 'checking', runId: run.id, bulk });
    }
    this.settleIfDone(run);
    this.emit();
    if (run.phase === 'running') await this.drive(run);
  }

  private pause(run: Run, reason: PauseReason, claims?: string): void {
    if (run.phase !== 'running' || run.cancelRequested) return;
    run.phase = 'paused';
    run.offlineEvent = false;
    run.pause = claims === undefined ? { reason } : { reason, claims };
    if (reason === 'offline') this.scheduleRetry(run);
    const bulk = run.source === 'bulk';
    for (const item of run.items.values()) {
      if (item.stage === 'waiting' || item.stage === 'check') {
        this.setStatus(item.target.id, { phase: 'paused', runId: run.id, bulk });
      }
    }
    this.emit();
  }

  private retryTimers = new Map<string, { timer: ReturnType<typeof setTimeout>; delay: number }>();

  /** Tries a paused-offline run again later, in case no `online` event ever comes. */
  private scheduleRetry(run: Run): void {
    const previous = this.retryTimers.get(run.id);
    if (previous) clearTimeout(previous.timer);
    const base = this.opts.retryOfflineAfterMs ?? 3_000;
    const delay = previous ? Math.min(60_000, previous.delay * 2) : base;
    const timer = setTimeout(() => {
      if (this.closed || run.phase !== 'paused' || run.pause?.reason !== 'offline') return;
      // After the browser's own `offline` event, wait until it says online again. After a failed
      // call, try whatever `navigator.onLine` says: it is only a hint (false on a machine with only
      // loopback, stale after a network change); a try that fails pauses again, waiting longer.
      if (run.offlineEvent && this.opts.network && !this.opts.network.online()) {
        this.scheduleRetry(run);
        return;
      }
      void this.unpause(run);
    }, delay);
    this.retryTimers.set(run.id, { timer, delay });
  }

  /**
   * Graph answered a call of this run: the connection works, so the next wait starts from the base
   * delay again instead of doubling the last one. That holds too when a sibling call's lost
   * connection has just paused the run: one dropped connection among answered ones is not an
   * outage, and the run tries again soon rather than after a minute.
   */
  private reachedGraph(run: Run): void {
    const retry = this.retryTimers.get(run.id);
    if (!retry) return;
    clearTimeout(retry.timer);
    this.retryTimers.delete(run.id);
    if (run.phase === 'paused' && run.pause?.reason === 'offline' && !run.offlineEvent)
      this.scheduleRetry(run);
  }

  private onOffline(): void {
    for (const run of this.runs.values()) {
      this.pause(run, 'offline');
      // The browser said so: its `online` event (or a retry once it says online) resumes.
      if (run.phase === 'paused') run.offlineEvent = true;
    }
  }

  private onOnline(): void {
    for (const run of this.runs.values()) {
      if (run.phase === 'paused' && run.pause?.reason === 'offline') void this.unpause(run);
    }
  }

  /**
   * Sends what is waiting, then checks what may have landed, then sends again what the check
   * found still failed; until nothing is left, or the run pauses.
   */
  private async drive(run: Run): Promise<void> {
    if (run.driving) {
      // Resumed while the last drive is still finishing (its batches in flight): that drive goes
      // round again rather than leave what the resume set waiting to nobody.
      run.redrive = true;
      return;
    }
    run.driving = true;
    try {
      // The write token must last the run: renew it now rather than in the middle.
      if (!(await this.prepareToken(run))) return;
      const stopped = (): boolean => run.phase !== 'running' || run.cancelRequested;
      const some = (stage: Item['stage']): boolean => [...run.items.values()].some((i) => i.stage === stage);
      // Rounds of sending and checking until nothing is waiting or to check. It ends: each
      // request is checked at most MAX_CHECKS times, and only a check sends it again.
      do {
        run.redrive = false;
        while (!stopped()) {
          await this.sendWaiting(run);
          if (stopped()) break;
          const toCheck = [...run.items.values()].filter((i) => i.stage === 'check');
          if (toCheck.length > 0) await this.checkStates(run, toCheck);
          else if (!some('waiting')) break;
        }
      } while (run.redrive && !stopped());
    } finally {
      run.driving = false;
      run.redrive = false;
    }
    this.settleIfDone(run);
    this.emit();
  }

  private async prepareToken(run: Run): Promise<boolean> {
    const start = timing();
    try {
      await this.opts.auth.prepare([this.opts.scopes.write], {
        minValidityMs: this.opts.tokenValidityMs ?? 10 * 60_000,
      });
      measure('reprocess: run token', start);
      return true;
    } catch (error) {
      if (error instanceof SignInNeededError) {
        this.pause(run, 'signin', error.claims);
        return false;
      }
      if (this.opts.network && !this.opts.network.online()) {
        this.pause(run, 'offline');
        return false;
      }
      // Sign-in failed for another reason (the sign-in host unreachable, say): nothing was sent.
      for (const item of run.items.values()) {
        if (item.stage === 'waiting') {
          this.finishItem(run, item, {
            kind: 'notSent',
            message: t(
              {
                id: 'reprocess.engine.noToken',
                defaultMessage: 'Microsoft sign-in did not give a token: {error}',
              },
              { error: errorText(error) },
            ),
            at: this.now(),
          });
        }
      }
      return false;
    }
  }

  private async sendWaiting(run: Run): Promise<void> {
    const single = run.source !== 'bulk';
    const size = single ? 1 : MAX_BATCH_STEPS;
    const take = (): Item[] | undefined => {
      if (run.phase !== 'running' || run.cancelRequested) return undefined;
      const chunk: Item[] = [];
      for (const k of run.order) {
        const item = run.items.get(k);
        if (item?.stage !== 'waiting' || item.locking) continue;
        item.stage = 'wire';
        item.ahead = true;
        chunk.push(item);
        if (chunk.length === size) break;
      }
      return chunk.length > 0 ? chunk : undefined;
    };
    // The write-ahead of everything whose lock is held at once (the record groups it into one
    // commit, taken while nothing of this call is on the wire yet), and of the later rounds as soon
    // as their locks are held: every chunk's record is in before the first answers come, so no send
    // waits behind the record's commits of those answers. A chunk is still checked for a cancel or
    // a pause after its record is in and just before it goes out (a chunk that does not go out has
    // its entries finished as cancelled or not sent).
    const chunks: { chunk: Item[]; written: Promise<boolean> }[] = [];
    const fill = (): void => {
      for (let chunk = take(); chunk; chunk = take()) {
        chunks.push({ chunk, written: this.writeAhead(run, chunk) });
      }
    };
    fill();
    let more = run.locking?.then(fill);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (next < chunks.length) {
          const { chunk, written } = chunks[next++]!;
          if (await written) await this.sendWritten(run, chunk, single);
        } else if (more) {
          await more;
          more = undefined;
        } else return;
      }
    };
    // The taken chunks and those whose locks are still being taken.
    const locking = [...run.items.values()].filter((i) => i.stage === 'waiting').length;
    const batches = chunks.length + Math.ceil(locking / size);
    await Promise.all(Array.from({ length: this.concurrency(batches) }, worker));
  }

  /** Puts items taken for sending back to waiting (they were not sent). */
  private putBack(run: Run, items: readonly Item[]): void {
    const bulk = run.source === 'bulk';
    for (const item of items) {
      item.stage = 'waiting';
      item.entryId = undefined;
      this.setStatus(item.target.id, {
        phase: run.phase === 'running' ? 'queued' : 'paused',
        runId: run.id,
        bulk,
      });
    }
  }

  /**
   * The write-ahead: the chunk's entries are in the record (committed) before anything is sent.
   * Resolves false, with the chunk finished as not sent, when the record cannot be written.
   */
  private async writeAhead(run: Run, chunk: Item[]): Promise<boolean> {
    const writeStart = timing();
    try {
      const entries = await this.opts.recorder.beginMany(chunk.map((i) => this.startOf(i.target, run)));
      measure('reprocess: write-ahead', writeStart);
      chunk.forEach((item, i) => (item.entryId = entries[i]?.id));
      return true;
    } catch (error) {
      for (const item of chunk) {
        this.finishItem(run, item, {
          kind: 'notSent',
          message: t(
            {
              id: 'reprocess.engine.recordFailed',
              defaultMessage: 'The activity record could not be written, so nothing was sent: {error}',
            },
            { error: errorText(error) },
          ),
          at: this.now(),
        });
      }
      this.emit();
      return false;
    }
  }

  /** Sends a chunk whose write-ahead is in, unless the run was cancelled or paused meanwhile. */
  private async sendWritten(run: Run, chunk: Item[], single: boolean): Promise<void> {
    // `navigator.onLine` is only a hint (a machine with only loopback says false while the page
    // talks to a local Graph): the `offline` event and real network failures pause a run, a stale
    // `false` at the start does not stop it.
    for (const item of chunk) item.ahead = false;
    if (run.cancelRequested || run.phase !== 'running') {
      // Cancelled or paused while the record was written: the entries say so, nothing goes out.
      for (const item of chunk) {
        const entryId = item.entryId;
        item.entryId = undefined;
        if (entryId)
          void this.complete(entryId, {
            kind: run.cancelRequested ? 'cancelled' : 'notSent',
            message: run.cancelRequested
              ? undefined
              : t({ id: 'reprocess.engine.pausedFirst', defaultMessage: 'Not sent: the run paused first.' }),
            at: this.now(),
          });
      }
      if (run.cancelRequested)
        for (const item of chunk) this.finishItem(run, item, { kind: 'cancelled', at: this.now() });
      else this.putBack(run, chunk);
      this.emit();
      return;
    }
    const bulk = run.source === 'bulk';
    const sentBefore = new Map(chunk.map((item) => [item, item.sent]));
    for (const item of chunk) {
      item.sent = true;
      this.setStatus(item.target.id, { phase: 'sending', runId: run.id, bulk });
    }
    this.emit();

    this.opts.journal?.markSent(
      run.id,
      chunk.flatMap((item) => (item.entryId ? [item.entryId] : [])),
    );
    const sendStart = timing();
    const answers = single ? [await this.postOne(chunk[0]!)] : await this.postBatch(chunk);
    measure('reprocess: on the wire', sendStart);
    const handleStart = timing();
    // The token getter failed before fetch was called: those never left the browser.
    chunk.forEach((item, i) => {
      const error = answers[i]?.error;
      if (error !== undefined && !isGraphError(error)) item.sent = sentBefore.get(item) ?? false;
    });
    await this.handleAnswers(run, chunk, answers);
    measure('reprocess: answer handling', handleStart);
  }

  private async postOne(item: Item): Promise<BatchStepResult> {
    const path = this.opts.paths.reprocess(item.target.id);
    try {
      const response = await this.opts.client.request<unknown>({
        method: 'POST',
        path,
        scopes: [this.opts.scopes.write],
      });
      return {
        id: '1',
        status: response.status,
        headers: {},
        body: undefined,
        clientRequestId: response.clientRequestId,
        attempts: response.attempts,
        ...(response.requestId !== undefined && { requestId: response.requestId }),
      };
    } catch (error) {
      return {
        id: '1',
        status: isGraphError(error) ? error.status : 0,
        headers: {},
        body: undefined,
        error,
        clientRequestId: isGraphError(error) ? error.clientRequestId : '',
        attempts: isGraphError(error) ? error.attempts : 0,
        ...(isGraphError(error) && error.requestId !== undefined && { requestId: error.requestId }),
      };
    }
  }

  private postBatch(chunk: readonly Item[]): Promise<BatchStepResult[]> {
    return this.batch(chunk, 'POST', (id) => this.opts.paths.reprocess(id), this.opts.scopes.write);
  }

  /** One $batch of one step per item; never rejects (an invalid step: nothing was sent). */
  private async batch(
    chunk: readonly { target: { id: string } }[],
    method: 'GET' | 'POST',
    url: (id: string) => string,
    scope: string,
  ): Promise<BatchStepResult[]> {
    try {
      return await sendBatch(
        this.opts.client,
        chunk.map((item, i) => ({ id: String(i + 1), method, url: url(item.target.id) })),
        { ...this.opts.batch, scopes: [scope] },
      );
    } catch (error) {
      return chunk.map((_, i) => ({
        id: String(i + 1),
        status: 0,
        headers: {},
        body: undefined,
        error,
        clientRequestId: '',
        attempts: 0,
      }));
    }
  }

  private async handleAnswers(
    run: Run,
    chunk: readonly Item[],
    answers: readonly BatchStepResult[],
    claimsRetried = false,
  ): Promise<void> {
    const challenged: { item: Item; claims: string }[] = [];
    const signIn: Item[] = [];
    let networkFailure = false;
    chunk.forEach((item, i) => {
      const answer = answers[i];
      if (!answer) return;
      const error = answer.error;
      if (error !== undefined && !isGraphError(error)) {
        // The token getter failed: fetch was never called, nothing left the browser.
        signIn.push(item);
        return;
      }
      const claims = isGraphError(error) ? claimsChallenge(error) : undefined;
      if (claims !== undefined && !claimsRetried) {
        // A 401 means Graph did not apply the call: safe to send again once with a new token.
        challenged.push({ item, claims });
        return;
      }
      item.sent = true;
      const outcome = this.outcomeOf(answer);
      if (isGraphError(error) && error.kind === 'network') networkFailure = true;
      void this.completeEntry(item, outcome);
      if (outcome.kind === 'unknown' && item.checks <= MAX_CHECKS) {
        item.stage = 'check';
        item.lastUnknown = outcome;
        this.setStatus(item.target.id, { phase: 'checking', runId: run.id, bulk: run.source === 'bulk' });
        return;
      }
      this.finishItem(run, item, outcome);
    });
    if (answers.some((a) => a.status !== 0)) this.reachedGraph(run);

    if (signIn.length > 0) {
      for (const item of signIn) {
        const entryId = item.entryId;
        if (entryId)
          void this.complete(entryId, {
            kind: 'notSent',
            message: t({
              id: 'reprocess.engine.signInFirst',
              defaultMessage: 'Not sent: Microsoft sign-in was needed first.',
            }),
            at: this.now(),
          });
      }
      const first = answers[chunk.indexOf(signIn[0]!)]?.error;
      if (first instanceof SignInNeededError) {
        this.putBack(run, signIn);
        this.pause(run, 'signin', first.claims);
      } else {
        for (const item of signIn)
          this.finishItem(run, item, {
            kind: 'notSent',
            message: t(
              { id: 'reprocess.engine.notSentBecause', defaultMessage: 'Not sent: {error}' },
              { error: errorText(first) },
            ),
            at: this.now(),
          });
      }
    }

    if (challenged.length > 0) {
      const claims = challenged[0]!.claims;
      try {
        await this.opts.auth.satisfyClaims([this.opts.scopes.write], claims);
      } catch (error) {
        for (const { item } of challenged) {
          const entryId = item.entryId;
          if (entryId)
            void this.complete(entryId, {
              kind: 'notSent',
              message: t({
                id: 'reprocess.engine.claims',
                defaultMessage:
                  'Not applied: Microsoft Graph asked for a new sign-in (claims challenge) first.',
              }),
              httpStatus: 401,
              at: this.now(),
            });
        }
        this.putBack(
          run,
          challenged.map((c) => c.item),
        );
        if (error instanceof SignInNeededError) this.pause(run, 'signin', error.claims ?? claims);
        else this.pause(run, 'signin', claims);
        this.emit();
        return;
      }
      const items = challenged.map((c) => c.item);
      const again = run.source === 'bulk' ? await this.postBatch(items) : [await this.postOne(items[0]!)];
      await this.handleAnswers(run, items, again, true);
    }

    if (networkFailure) this.pause(run, 'offline');
    this.emit();
  }

  private outcomeOf(answer: BatchStepResult): Outcome {
    const base = {
      at: this.now(),
      ...(answer.clientRequestId !== '' && { clientRequestId: answer.clientRequestId }),
      ...(answer.requestId !== undefined && { requestId: answer.requestId }),
      ...(answer.status !== 0 && { httpStatus: answer.status }),
    };
    const error = answer.error;
    if (error === undefined && answer.status >= 200 && answer.status < 300)
      return { ...base, kind: 'accepted' };
    if (!isGraphError(error)) return { ...base, kind: 'unknown', message: errorText(error) };
    const kind: OutcomeKind = outcomeOfGraphError(error);
    return {
      ...base,
      kind,
      ...(error.code !== '' && { code: error.code }),
      message: error.graphMessage !== '' ? error.graphMessage : error.message,
    };
  }

  /**
   * Reads the requests whose reprocess may have landed, 20 GETs per $batch. Still failed: sent
   * again. Anything else: reported as what it is now, and left alone.
   */
  private async checkStates(run: Run, items: readonly Item[]): Promise<void> {
    const bulk = run.source === 'bulk';
    for (const item of items) {
      item.stage = 'checking';
      item.checks += 1;
      this.setStatus(item.target.id, { phase: 'checking', runId: run.id, bulk });
    }
    this.emit();
    const chunks: Item[][] = [];
    for (let i = 0; i < items.length; i += MAX_BATCH_STEPS) chunks.push(items.slice(i, i + MAX_BATCH_STEPS));
    let offline = false;
    const checkChunk = async (chunk: Item[]): Promise<void> => {
      const answers = await this.batch(
        chunk,
        'GET',
        (id) => this.opts.paths.request(id),
        this.opts.scopes.read,
      );
      chunk.forEach((item, i) => {
        const answer = answers[i];
        const error = answer?.error;
        if (error instanceof SignInNeededError) {
          // Sign-in needed for the read: check again after the pause.
          item.stage = 'check';
          item.checks -= 1;
          this.pause(run, 'signin', error.claims);
          return;
        }
        if (!answer || (error !== undefined && !isGraphError(error))) {
          // The read could not even be made: nothing more is known, and nothing is sent again.
          this.afterCheck(run, item, {
            id: '',
            status: 0,
            headers: {},
            body: undefined,
            error:
              error ??
              new Error(t({ id: 'reprocess.engine.noReadAnswer', defaultMessage: 'No answer to the read.' })),
            clientRequestId: '',
            attempts: 0,
          });
          return;
        }
        if (isGraphError(error) && error.kind === 'network') {
          item.stage = 'check';
          item.checks -= 1;
          offline = true;
          return;
        }
        this.afterCheck(run, item, answer);
      });
      if (answers.some((a) => a.status !== 0)) this.reachedGraph(run);
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: this.concurrency(chunks.length) }, async () => {
        while (next < chunks.length) await checkChunk(chunks[next++]!);
      }),
    );
    if (offline) this.pause(run, 'offline');
    this.emit();
  }

  private afterCheck(run: Run, item: Item, answer: BatchStepResult): void {
    const unknown = item.lastUnknown ?? { kind: 'unknown' as const, at: this.now() };
    let checked: CheckResult;
    if (answer.status === 404) checked = { kind: 'gone' };
    else if (answer.error !== undefined || answer.status < 200 || answer.status >= 300) {
      checked = { kind: 'failed', message: errorText(answer.error) };
    } else {
      const state = this.opts.paths.readState(answer.body);
      if (!state)
        checked = {
          kind: 'failed',
          message: t({
            id: 'reprocess.engine.unreadable',
            defaultMessage: 'Graph answered with a request this dashboard cannot read.',
          }),
        };
      else if (state.failed && item.checks > MAX_CHECKS) {
        // Sent as often as it may be: it is reported as Graph has it, and not sent again.
        checked = { kind: 'state', state: state.state, stateLabel: state.label };
      } else if (state.failed) {
        // It did not land (or it failed again at once): sending it again is safe.
        this.noteCheck(
          item,
          unknown,
          t(
            {
              id: 'reprocess.engine.checkedStillFailed',
              defaultMessage: 'checked: still {state} — sent again',
            },
            { state: state.label },
          ),
        );
        item.stage = 'waiting';
        item.lastUnknown = undefined;
        this.setStatus(item.target.id, { phase: 'queued', runId: run.id, bulk: run.source === 'bulk' });
        return;
      } else checked = { kind: 'state', state: state.state, stateLabel: state.label };
    }
    const outcome: Outcome = { ...unknown, kind: 'unknown', checked, at: this.now() };
    this.noteCheck(item, outcome, checkedText(checked));
    this.finishItem(run, item, outcome);
  }

  /** The record's entry of an unknown send learns what its state check found. */
  private noteCheck(item: Item, unknown: Outcome, text: string | undefined): void {
    const entryId = item.lastEntryId;
    item.lastEntryId = undefined;
    if (!entryId || !text) return;
    const said = unknown.message ? `${unknown.message} ` : '';
    void this.complete(entryId, { ...unknown, kind: 'unknown', message: `${said}(${text})` });
  }

  // ---- following ----------------------------------------------------------------------------

  /** GETs of these requests, 20 per $batch, two batches at a time (reads yield to writes). */
  private async readRequests(ids: readonly string[]): Promise<Map<string, ReadAnswer>> {
    const out = new Map<string, ReadAnswer>();
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH_STEPS) chunks.push(ids.slice(i, i + MAX_BATCH_STEPS));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(2, chunks.length) }, async () => {
        while (next < chunks.length) {
          const chunk = chunks[next++]!;
          if (chunk.length === 1) {
            // One request: a plain GET says the same with less.
            out.set(chunk[0]!, await this.readOne(chunk[0]!));
            continue;
          }
          const answers = await this.batch(
            chunk.map((id) => ({ target: { id } })),
            'GET',
            (id) => this.opts.paths.request(id),
            this.opts.scopes.read,
          );
          chunk.forEach((id, i) => {
            const a = answers[i];
            if (a && a.error === undefined) out.set(id, { status: a.status, body: a.body });
            else if (a && isGraphError(a.error) && a.error.kind === 'http')
              out.set(id, { status: a.error.status, body: undefined });
          });
        }
      }),
    );
    return out;
  }

  private async readOne(id: string): Promise<ReadAnswer> {
    try {
      const res = await this.opts.client.request<unknown>({
        method: 'GET',
        path: this.opts.paths.request(id),
        scopes: [this.opts.scopes.read],
      });
      return { status: res.status, body: res.data };
    } catch (error) {
      return { status: isGraphError(error) && error.kind === 'http' ? error.status : 0, body: undefined };
    }
  }

  private onFollowed(id: string, followed: FollowedRequest): void {
    const k = key(id);
    this.followed.set(k, followed);
    this.followVersion++;
    // Failed again: the agent may reprocess it again, from this tab too.
    if (followed.verdict === 'failedAgain') this.accepted.delete(k);
    if (followed.final) {
      const entryId = this.followedEntries.get(k);
      this.followedEntries.delete(k);
      if (entryId) void this.noteAfterward(entryId, followed);
    }
    this.changed(id);
    this.followListeners.forEach((l) => l(id, followed));
    this.emit();
  }

  private async noteAfterward(entryId: string, followed: FollowedRequest): Promise<void> {
    try {
      await this.opts.recorder.noteAfterward(entryId, {
        verdict: followed.verdict,
        ...(followed.state !== undefined && { state: followed.state }),
        ...(followed.status !== undefined && { status: followed.status }),
        time: new Date(followed.at).toISOString(),
      });
    } catch {
      // The record keeps the answer; only what followed is missing, and the row still shows it.
    }
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  private startOf(t: ReprocessTarget, run: Run): ActivityStart {
    const start: ActivityStart = {
      requestId: t.id,
      apiVersion: this.apiVersion,
      source: run.source,
      bulkRunId: run.id,
    };
    if (t.requestorName !== undefined) start.requestorName = t.requestorName;
    if (t.requestorPrincipal !== undefined) start.requestorPrincipal = t.requestorPrincipal;
    if (t.accessPackageId !== undefined) start.accessPackageId = t.accessPackageId;
    if (t.accessPackageName !== undefined) start.accessPackageName = t.accessPackageName;
    return start;
  }

  private completeEntry(item: Item, outcome: Outcome): Promise<void> {
    const entryId = item.entryId;
    item.entryId = undefined;
    if (entryId) item.lastEntryId = entryId;
    return entryId ? this.complete(entryId, outcome) : Promise.resolve();
  }

  private async complete(
    entryId: string,
    outcome: Pick<
      Outcome,
      'kind' | 'httpStatus' | 'code' | 'requestId' | 'clientRequestId' | 'message' | 'at'
    >,
  ): Promise<void> {
    const result: ActivityResult = { outcome: entryOutcomeOf(outcome.kind, outcome.httpStatus) };
    if (outcome.httpStatus !== undefined) result.httpStatus = outcome.httpStatus;
    if (outcome.code !== undefined) result.graphErrorCode = outcome.code;
    if (outcome.requestId !== undefined) result.graphRequestId = outcome.requestId;
    if (outcome.clientRequestId !== undefined) result.clientRequestId = outcome.clientRequestId;
    if (outcome.message !== undefined) result.message = outcome.message;
    try {
      await this.opts.recorder.complete(entryId, result);
    } catch {
      // The entry stays "pending", which reads "outcome unknown": still true, never a false success.
    }
  }

  private finishItem(run: Run, item: Item, outcome: Outcome): void {
    if (item.stage === 'done') return;
    item.stage = 'done';
    item.outcome = outcome;
    if (outcome.kind === 'accepted') this.accepted.add(key(item.target.id));
    this.setStatus(item.target.id, { phase: 'done', runId: run.id, bulk: run.source === 'bulk', outcome });
    if (FOLLOWED_OUTCOMES.has(outcome.kind)) {
      // Graph decided: read the request again, so the row shows what it is now. After a 202, until
      // the delivery has a result.
      const k = key(item.target.id);
      if (this.followed.delete(k)) this.followVersion++;
      if (item.lastEntryId) this.followedEntries.set(k, item.lastEntryId);
      else this.followedEntries.delete(k);
      this.follower.follow(item.target.id, outcome.kind === 'accepted');
    } else if (outcome.kind === 'notFound') {
      // A 404 is already what Graph has now: no read needed.
      this.followedEntries.delete(key(item.target.id));
      this.onFollowed(item.target.id, { verdict: 'gone', at: this.now(), final: true });
    }
    if (this.statuses.get(key(item.target.id))?.phase === 'done') this.opts.locks.release(item.target.id);
    this.settleIfDone(run);
  }

  private settleIfDone(run: Run): void {
    if (run.phase === 'finished') return;
    if (run.phase === 'running' && run.driving) return;
    const open = [...run.items.values()].some((i) => i.stage !== 'done');
    if (open && !run.cancelRequested) return;
    if (open) return; // cancelled, but something is still on the wire: its answer will finish it
    run.phase = 'finished';
    run.pause = undefined;
    const retry = this.retryTimers.get(run.id);
    if (retry) clearTimeout(retry.timer);
    this.retryTimers.delete(run.id);
    this.opts.journal?.remove(run.id);
    const snapshot = this.snapshotOf(run, true);
    run.resolveFinished(snapshot);
    // The connections are free again: what was waiting to be read can go.
    if (!this.sending) this.follower.wake();
  }

  private snapshotOf(run: Run, fresh = false): RunSnapshot {
    if (!fresh && run.snapshot && run.snapshot.counts && this.version === snapshotVersion.get(run.snapshot)) {
      return run.snapshot;
    }
    const results = new Map<string, Outcome>();
    const counts: RunCounts = { total: run.items.size, sent: 0, waiting: 0, inFlight: 0, done: 0 };
    for (const item of run.items.values()) {
      if (item.sent) counts.sent++;
      if (item.stage === 'waiting' || (item.stage === 'wire' && item.ahead)) counts.waiting++;
      else if (item.stage === 'done') {
        counts.done++;
        if (item.outcome) results.set(item.target.id, item.outcome);
      } else counts.inFlight++;
    }
    const snapshot: RunSnapshot = {
      id: run.id,
      source: run.source,
      startedAt: run.startedAt,
      items: [...run.items.values()].map((i) => i.target),
      results,
      phase: run.phase,
      ...(run.pause && { pause: run.pause }),
      cancelRequested: run.cancelRequested,
      counts,
      refused: run.refused,
    };
    run.snapshot = snapshot;
    snapshotVersion.set(snapshot, this.version);
    return snapshot;
  }

  private setStatus(id: string, status: RequestStatus): void {
    this.statuses.set(key(id), status);
    this.changed(id);
  }

  private changed(id: string): void {
    this.changedIds.add(key(id));
  }

  /** One notification per microtask, however many requests changed. */
  private emit(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      this.version++;
      const ids = [...this.changedIds];
      this.changedIds.clear();
      for (const id of ids) this.idListeners.get(id)?.forEach((l) => l());
      this.listeners.forEach((l) => l());
    });
  }

  private async refreshElsewhere(): Promise<void> {
    let held: Set<string>;
    try {
      held = await this.opts.locks.heldElsewhere();
    } catch {
      return;
    }
    const next = new Set([...held].map(key));
    for (const id of [...this.elsewhere]) {
      if (!next.has(id)) {
        this.elsewhere.delete(id);
        this.changed(id);
      }
    }
    for (const id of next) {
      if (!this.elsewhere.has(id)) {
        this.elsewhere.add(id);
        this.changed(id);
      }
    }
    this.emit();
  }
}

const snapshotVersion = new WeakMap<RunSnapshot, number>();
const ELSEWHERE: RequestStatus = Object.freeze({ phase: 'elsewhere' });

// User Timing marks for where a run's time goes (write-ahead, the wire, answer handling): read by
// `npm run bench`, and visible in any browser's performance panel. Cheap, and absent where the
// Performance API is.
function timing(): number | undefined {
  return typeof performance === 'undefined' ? undefined : performance.now();
}

function measure(name: string, start: number | undefined): void {
  if (start === undefined || typeof performance.measure !== 'function') return;
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // an old browser without the options form: no figure, no harm
  }
}

function key(id: string): string {
  return id.toLowerCase();
}

/** The words a control shows when it cannot send: one place for every path. */
export function busyReason(status: RequestStatus | undefined, acceptedHere = false): string | undefined {
  switch (status?.phase) {
    case 'queued':
      return status.bulk
        ? t({ id: 'reprocess.status.bulkQueued', defaultMessage: 'In a bulk run, queued' })
        : t({ id: 'reprocess.status.queued', defaultMessage: 'Queued…' });
    case 'sending':
      return t({ id: 'reprocess.status.sending', defaultMessage: 'Sending…' });
    case 'checking':
      return t({
        id: 'reprocess.busy.checking',
        defaultMessage: 'Checking its current state before anything is sent again…',
      });
    case 'paused':
      return t({ id: 'reprocess.busy.paused', defaultMessage: 'In a paused run: resume the run to send it' });
    case 'elsewhere':
      return t({ id: 'reprocess.busy.elsewhere', defaultMessage: 'Being reprocessed in another tab' });
    case 'done':
      if (status.outcome.kind === 'accepted') return acceptedReason();
      return undefined;
    default:
      return acceptedHere ? acceptedReason() : undefined;
  }
}

function acceptedReason(): string {
  return t({
    id: 'reprocess.busy.accepted',
    defaultMessage: 'Accepted: the service is retrying its delivery',
  });
}

/**
 * Why a request Graph was read again for cannot be sent now: undefined when it can (it failed
 * again), null when the reading says nothing new (it could not be read).
 */
function followedReason(f: FollowedRequest): string | undefined | null {
  switch (f.verdict) {
    case 'failedAgain':
      return undefined;
    case 'delivered':
      return t({ id: 'eligibility.delivered', defaultMessage: 'Delivered: there is nothing to reprocess' });
    case 'delivering':
      // Accepted from here, or refused because the service was already at it (someone else
      // reprocessed it, or entitlement management retries by itself): the same wait either way.
      return t({
        id: 'reprocess.busy.delivering',
        defaultMessage: 'Being delivered: the service is already retrying; try again later if it fails',
      });
    case 'gone':
      return t({ id: 'reprocess.busy.gone', defaultMessage: 'Microsoft Graph no longer has this request' });
    case 'other': {
      const state = f.stateLabel ?? f.state;
      return state
        ? t(
            {
              id: 'eligibility.notFailed',
              defaultMessage: 'Now {state}: only failed requests can be reprocessed',
            },
            { state },
          )
        : t({
            id: 'reprocess.busy.otherState',
            defaultMessage: 'Now in another state: only failed requests can be reprocessed',
          });
    }
    case 'unread':
      return null;
  }
}

/** A 401 with `WWW-Authenticate: ... error="insufficient_claims", claims="<base64>"`: the claims JSON. */
export function claimsChallenge(error: GraphError): string | undefined {
  if (error.status !== 401) return undefined;
  return error.claims;
}

function journalOf(run: Run): JournalRun {
  return {
    id: run.id,
    source: run.source,
    startedAt: run.startedAt,
    items: [...run.items.values()].map((i) => i.target),
  };
}

function fromEntry(entry: ActivityEntry): Omit<Outcome, 'kind'> {
  return {
    at: Date.parse(entry.completedTime ?? entry.time) || Date.now(),
    ...(entry.httpStatus !== undefined && { httpStatus: entry.httpStatus }),
    ...(entry.graphErrorCode !== undefined && { code: entry.graphErrorCode }),
    ...(entry.graphRequestId !== undefined && { requestId: entry.graphRequestId }),
    ...(entry.clientRequestId !== undefined && { clientRequestId: entry.clientRequestId }),
    ...(entry.message !== undefined && { message: entry.message }),
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return t({ id: 'reprocess.engine.unknownError', defaultMessage: 'unknown error' });
}
