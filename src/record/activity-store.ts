// The activity record in IndexedDB: one database per tenant and user, so it survives reloads,
// sign-out and a killed tab, and people sharing a browser keep separate records. Framework-free.
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { compareNewestFirst, matchesFilter, timeBounds } from './activity-filter';
import type {
  ActivityActor,
  ActivityAfterward,
  ActivityEntry,
  ActivityFilter,
  ActivityResult,
  ActivityStart,
  ActivityStore,
  RetentionSettings,
} from './activity-record';
import { DEFAULT_RETENTION } from './retention';
import { randomUuid } from '../lib/random-uuid';
import { t } from '../i18n/i18n';

interface ActivitySchema extends DBSchema {
  entries: { key: string; value: ActivityEntry; indexes: { time: string } };
}

type Database = IDBPDatabase<ActivitySchema>;
type EntriesStore = IDBPObjectStore<ActivitySchema, ['entries'], 'entries', 'readwrite'>;

const DB_VERSION = 1;
const DAY_MS = 86_400_000;
/** A browser that never answers the open (a wedged profile) must not hold a reprocess forever. */
const OPEN_TIMEOUT_MS = 10_000;

export type ActivityRecordErrorKind = 'unavailable' | 'write-failed';

/** The record could not be opened or written. Whoever was about to send a call must not send it. */
export class ActivityRecordError extends Error {
  override readonly name = 'ActivityRecordError';
  constructor(
    readonly kind: ActivityRecordErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function activityDatabaseName(actor: Pick<ActivityActor, 'tenantId' | 'objectId'>): string {
  return `reprocess-desk-activity-${actor.tenantId}-${actor.objectId}`;
}

export interface ActivityStoreOptions {
  /** Read before every pruning, so a changed setting applies at once. Defaults to DEFAULT_RETENTION. */
  getRetention?: () => RetentionSettings;
  /** Prune after opening and after each write (default true). */
  autoPrune?: boolean;
  now?: () => Date;
  newId?: () => string;
}

function describeFailure(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'QuotaExceededError') {
    return t({
      id: 'record.error.quota',
      defaultMessage:
        "The browser's storage for this site is full, so the activity record could not be written.",
    });
  }
  return error instanceof Error && error.message
    ? t(
        {
          id: 'record.error.writeRefusedDetail',
          defaultMessage: 'The browser refused to write to the activity record ({detail}).',
        },
        { detail: error.message },
      )
    : t({
        id: 'record.error.writeRefused',
        defaultMessage: 'The browser refused to write to the activity record.',
      });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Runs `work` in one readwrite transaction and resolves once the transaction has committed.
 * `durability: 'strict'` asks the browser to flush to disk before reporting the commit: an entry
 * must survive the tab being killed right after the call it describes was sent.
 */
async function inTransaction(
  database: Database,
  work: (store: EntriesStore) => Promise<void>,
): Promise<void> {
  const tx = database.transaction('entries', 'readwrite', { durability: 'strict' });
  const done = tx.done;
  try {
    await work(tx.store);
    await done;
  } catch (error) {
    // The failed request aborts the transaction; its `done` rejection is the same failure.
    done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // Already aborted or finished.
    }
    throw error;
  }
}

/** The least time between two automatic prunings. */
const AUTO_PRUNE_EVERY_MS = 60_000;

export function createActivityStore(actor: ActivityActor, options: ActivityStoreOptions = {}): ActivityStore {
  const name = activityDatabaseName(actor);
  const getRetention = options.getRetention ?? (() => DEFAULT_RETENTION);
  const autoPrune = options.autoPrune ?? true;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUuid;

  let dbPromise: Promise<Database> | undefined;
  let channel: BroadcastChannel | undefined;
  const listeners = new Set<() => void>();
  const inFlight = new Set<string>();
  // This tab's entries whose outcome is not yet committed (from before their own commit), as
  // written: completing one writes it back without reading it first (a bulk run's answers would
  // otherwise cost a read each), and retention in this tab leaves them alone.
  const awaitingOutcome = new Map<string, ActivityEntry>();

  function open(): Promise<Database> {
    if (dbPromise) return dbPromise;
    const opening = openDatabase();
    dbPromise = opening;
    opening.then(
      () => {
        if (autoPrune) schedulePrune();
      },
      () => {
        // Try again on the next use: storage may come back (e.g. another tab finished an upgrade).
        if (dbPromise === opening) dbPromise = undefined;
      },
    );
    return opening;
  }

  async function openDatabase(): Promise<Database> {
    if (typeof indexedDB === 'undefined') {
      throw new ActivityRecordError(
        'unavailable',
        t({
          id: 'record.error.noIndexedDb',
          defaultMessage:
            'This browser does not offer IndexedDB here (a private window or blocked site data), so actions cannot be recorded.',
        }),
      );
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ActivityRecordError(
              'unavailable',
              t({
                id: 'record.error.openTimeout',
                defaultMessage:
                  'The activity record did not open in time. Close other tabs of this dashboard and reload.',
              }),
            ),
          ),
        OPEN_TIMEOUT_MS,
      );
    });
    let database: Database | undefined;
    const opening = openDB<ActivitySchema>(name, DB_VERSION, {
      upgrade(db) {
        const store = db.createObjectStore('entries', { keyPath: 'id' });
        store.createIndex('time', 'time');
      },
      blocking() {
        // A newer version of the app in another tab wants to upgrade: let it, reopen on next use.
        database?.close();
        dbPromise = undefined;
      },
      terminated() {
        // The browser closed the connection (site data cleared): reopen on next use.
        dbPromise = undefined;
      },
    });
    try {
      database = await Promise.race([opening, timeout]);
      return database;
    } catch (error) {
      // An open that completes after the timeout must not leak its connection.
      opening.then((late) => late.close()).catch(() => undefined);
      if (error instanceof ActivityRecordError) throw error;
      throw new ActivityRecordError(
        'unavailable',
        error instanceof Error && error.message
          ? t(
              {
                id: 'record.error.openFailedDetail',
                defaultMessage: 'The activity record could not be opened in this browser ({detail}).',
              },
              { detail: error.message },
            )
          : t({
              id: 'record.error.openFailed',
              defaultMessage: 'The activity record could not be opened in this browser.',
            }),
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  function ensureChannel(): BroadcastChannel | undefined {
    if (!channel && typeof BroadcastChannel !== 'undefined') {
      channel = new BroadcastChannel(name);
      channel.onmessage = () => emit();
    }
    return channel;
  }

  function emit(): void {
    listeners.forEach((listener) => listener());
  }

  /** After every commit: this tab's listeners now, other tabs' through the channel. */
  function changed(): void {
    emit();
    try {
      ensureChannel()?.postMessage('changed');
    } catch {
      // A closed channel only means other tabs refresh on their next read.
    }
  }

  async function write(work: (store: EntriesStore) => Promise<void>): Promise<void> {
    const database = await open();
    try {
      await inTransaction(database, work);
    } catch (error) {
      throw new ActivityRecordError('write-failed', describeFailure(error), { cause: error });
    }
    changed();
  }

  function newEntry(start: ActivityStart, time: string): ActivityEntry {
    return withoutUndefined({
      ...start,
      id: newId(),
      time,
      actor: { ...actor },
      outcome: 'pending' as const,
    });
  }

  // Group commit. Every strict-durability commit waits for the disk, and readwrite transactions
  // on one store run one after another, so a bulk run's write-aheads and answers would queue one
  // commit each. Instead, what is asked while a commit is under way goes into the next one: each
  // caller still resolves only once its own writes are durable. A group that fails is retried one
  // write at a time, so one bad write (a quota, say) fails only its own caller.
  type Write =
    | { kind: 'add'; entries: ActivityEntry[]; resolve: () => void; reject: (e: unknown) => void }
    | {
        kind: 'complete';
        entryId: string;
        result: ActivityResult;
        resolve: () => void;
        reject: (e: unknown) => void;
      }
    | {
        kind: 'afterward';
        entryId: string;
        afterward: ActivityAfterward;
        resolve: () => void;
        reject: (e: unknown) => void;
      };
  let queued: Write[] = [];
  let draining = false;

  function enqueue(w: Write): void {
    queued.push(w);
    if (draining) return;
    draining = true;
    // A microtask first: writes asked in the same task (a batch's answers) share the first commit.
    queueMicrotask(() => void drain());
  }

  /**
   * Queues one write's requests on the transaction. Plain IndexedDB requests rather than idb's
   * promise per request: a bulk run's group holds hundreds of them, and a promise and two event
   * listeners each were most of the main thread's work in `npm run bench`'s bulk figure. A request
   * that fails aborts the transaction, so the commit still fails as a whole.
   */
  function apply(raw: IDBObjectStore, w: Write, completedTime: string): void {
    if (w.kind === 'add') {
      for (const e of w.entries) raw.add(e);
      return;
    }
    const update = (existing: ActivityEntry): ActivityEntry =>
      w.kind === 'afterward'
        ? { ...existing, afterward: withoutUndefined(w.afterward) }
        : { ...existing, ...withoutUndefined(w.result), completedTime };
    const known = w.kind === 'complete' ? awaitingOutcome.get(w.entryId) : undefined;
    if (known) {
      raw.put(update(known));
      return;
    }
    const read = raw.get(w.entryId);
    read.onsuccess = () => {
      const existing = read.result as ActivityEntry | undefined;
      // Removed by retention meanwhile: nothing left to complete.
      if (existing) raw.put(update(existing));
    };
  }

  async function commit(group: readonly Write[]): Promise<void> {
    const completedTime = now().toISOString();
    await write((store) => {
      const raw = unwrap(store);
      for (const w of group) apply(raw, w, completedTime);
      return Promise.resolve();
    });
    for (const w of group) {
      if (w.kind === 'complete') awaitingOutcome.delete(w.entryId);
    }
  }

  async function drain(): Promise<void> {
    try {
      while (queued.length > 0) {
        const group = queued;
        queued = [];
        try {
          await commit(group);
          group.forEach((w) => w.resolve());
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          for (const w of group) {
            try {
              await commit([w]);
              w.resolve();
            } catch (own) {
              w.reject(own);
            }
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  async function beginMany(starts: readonly ActivityStart[]): Promise<ActivityEntry[]> {
    if (starts.length === 0) return [];
    const time = now().toISOString();
    const entries = starts.map((s) => newEntry(s, time));
    // In flight from before the commit: a page re-reading on the commit's notice must not call
    // these "outcome unknown" while their calls are about to go out.
    for (const e of entries) {
      inFlight.add(e.id);
      awaitingOutcome.set(e.id, e);
    }
    try {
      await new Promise<void>((resolve, reject) => enqueue({ kind: 'add', entries, resolve, reject }));
    } catch (error) {
      for (const e of entries) {
        inFlight.delete(e.id);
        awaitingOutcome.delete(e.id);
      }
      throw error;
    }
    if (autoPrune) schedulePrune();
    return entries;
  }

  function complete(entryId: string, result: ActivityResult): Promise<void> {
    // The answer has come: whatever happens to this write, the call is no longer in flight. If the
    // write fails the entry stays pending and reads "outcome unknown", which is the truth we have.
    inFlight.delete(entryId);
    return new Promise<void>((resolve, reject) =>
      enqueue({ kind: 'complete', entryId, result, resolve, reject }),
    );
  }

  function noteAfterward(entryId: string, afterward: ActivityAfterward): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      enqueue({ kind: 'afterward', entryId, afterward, resolve, reject }),
    );
  }

  async function list(filter: ActivityFilter = {}): Promise<ActivityEntry[]> {
    const database = await open();
    const { lower, upper } = timeBounds(filter);
    if (lower !== undefined && upper !== undefined && lower >= upper) return [];
    const range =
      lower !== undefined && upper !== undefined
        ? IDBKeyRange.bound(lower, upper, false, true)
        : lower !== undefined
          ? IDBKeyRange.lowerBound(lower)
          : upper !== undefined
            ? IDBKeyRange.upperBound(upper, true)
            : undefined;
    const entries = await database.getAllFromIndex('entries', 'time', range);
    return entries.filter((e) => matchesFilter(e, filter)).sort(compareNewestFirst);
  }

  async function runPrune(at: Date): Promise<number> {
    const database = await open();
    const { maxEntries, maxDays } = getRetention();
    const cutoff = new Date(at.getTime() - maxDays * DAY_MS).toISOString();
    let removed = 0;
    await inTransaction(database, async (store) => {
      const byTime = store.index('time');
      // Oldest first, by age, then by count. Entries whose call this tab is still waiting on are
      // kept: their answer is about to complete them.
      let cursor = await byTime.openCursor(IDBKeyRange.upperBound(cutoff, true));
      while (cursor) {
        if (!awaitingOutcome.has(cursor.primaryKey)) {
          await cursor.delete();
          removed += 1;
        }
        cursor = await cursor.continue();
      }
      let excess = (await store.count()) - maxEntries;
      if (excess > 0) {
        cursor = await byTime.openCursor();
        while (cursor && excess > 0) {
          if (!awaitingOutcome.has(cursor.primaryKey)) {
            await cursor.delete();
            removed += 1;
            excess -= 1;
          }
          cursor = await cursor.continue();
        }
      }
    });
    if (removed > 0) changed();
    return removed;
  }

  // One pruning at a time, in order: an explicit prune() waits for any automatic one before it.
  let pruneChain: Promise<unknown> = Promise.resolve();
  let pruneQueued = false;

  function prune(at?: Date): Promise<number> {
    const run = pruneChain.then(() => runPrune(at ?? now()));
    pruneChain = run.catch(() => undefined);
    return run;
  }

  // Automatic pruning runs on opening, then at most once a minute: a bulk run writes a batch of
  // entries every few hundred milliseconds, and each pruning is a write that the next batch's
  // record (which must commit before its call is sent) would queue behind.
  let lastAutoPrune = -Infinity;

  function schedulePrune(): void {
    if (pruneQueued) return;
    const at = Date.now();
    if (at - lastAutoPrune < AUTO_PRUNE_EVERY_MS) return;
    lastAutoPrune = at;
    pruneQueued = true;
    pruneChain = pruneChain
      .then(() => {
        pruneQueued = false;
        return runPrune(now());
      })
      // Retention is housekeeping: a failure here must never block recording, and the next
      // write tries again.
      .catch(() => undefined);
  }

  return {
    actor,
    begin: async (start) => {
      const [entry] = await beginMany([start]);
      if (!entry) {
        throw new ActivityRecordError(
          'write-failed',
          t({ id: 'record.error.notWritten', defaultMessage: 'The activity entry was not written.' }),
        );
      }
      return entry;
    },
    beginMany,
    complete,
    noteAfterward,
    list,
    prune,
    subscribe(listener) {
      ensureChannel();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    isInFlight: (entryId) => inFlight.has(entryId),
    warm: () =>
      open().then(
        () => undefined,
        () => undefined,
      ),
    close() {
      channel?.close();
      channel = undefined;
      const closing = dbPromise;
      dbPromise = undefined;
      closing?.then((db) => db.close()).catch(() => undefined);
    },
  };
}
