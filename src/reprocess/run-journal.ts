// What a run set out to send, kept in this browser until the run ends, so that after a reload or
// a closed tab the next page load can say which requests were never sent (no record entry), which
// were on the wire (an entry still pending) and which were answered. The record holds each send;
// the journal holds the plan. Framework-free.
import { isRecord } from '../lib/is-record';
import type { ReprocessSource, ReprocessTarget } from './engine-types';

export interface JournalRun {
  id: string;
  source: ReprocessSource;
  /** ms since the epoch. */
  startedAt: number;
  items: ReprocessTarget[];
}

export interface RunJournal {
  /** Runs that started and did not end. */
  list(): JournalRun[];
  save(run: JournalRun): void;
  remove(runId: string): void;
  /**
   * Notes, just before they leave, the record entries of a call: a run's entries are written
   * ahead of time (the next batch's while the current one is on the wire), so after a reload an
   * entry still pending may never have been sent. Synchronous, so it is done before the call.
   */
  markSent(runId: string, entryIds: readonly string[]): void;
  /** The entries noted as sent for this run, or undefined when that is not known (storage failed). */
  sentEntries(runId: string): ReadonlySet<string> | undefined;
}

/** One localStorage key per user and tenant; a full or blocked storage is not an error. */
export function createStorageJournal(
  scope: string,
  storage: Storage | undefined = safeLocalStorage(),
): RunJournal {
  const key = `reprocess-desk.runs.${scope}`;
  const read = (): JournalRun[] => {
    if (!storage) return [];
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.flatMap((r) => (isJournalRun(r) ? [r] : [])) : [];
    } catch {
      return [];
    }
  };
  const write = (runs: JournalRun[]): void => {
    if (!storage) return;
    try {
      if (runs.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(runs));
    } catch {
      // Storage full or blocked: the record still has every send; only the plan is lost.
    }
  };
  const sentKey = (runId: string): string => `reprocess-desk.sent.${scope}.${runId}`;
  // A run whose sends could not be noted: its pending entries must count as possibly sent.
  const unnoted = new Set<string>();
  return {
    list: read,
    save: (run) => {
      write([...read().filter((r) => r.id !== run.id), run]);
      try {
        storage?.setItem(sentKey(run.id), '');
      } catch {
        unnoted.add(run.id);
      }
    },
    remove: (runId) => {
      write(read().filter((r) => r.id !== runId));
      try {
        storage?.removeItem(sentKey(runId));
      } catch {
        // Left behind: a later remove, or the next sign-in's clean-up, takes it.
      }
    },
    markSent: (runId, entryIds) => {
      if (!storage || unnoted.has(runId) || entryIds.length === 0) return;
      try {
        const before = storage.getItem(sentKey(runId));
        const added = entryIds.join(',');
        storage.setItem(sentKey(runId), before ? `${before},${added}` : added);
      } catch {
        unnoted.add(runId);
        try {
          storage.removeItem(sentKey(runId));
        } catch {
          // Nothing more to do: a missing list reads as "not known".
        }
      }
    },
    sentEntries: (runId) => {
      if (!storage) return undefined;
      try {
        const value = storage.getItem(sentKey(runId));
        if (value === null) return undefined;
        return new Set(value.split(',').filter(Boolean));
      } catch {
        return undefined;
      }
    },
  };
}

export function createMemoryJournal(): RunJournal & { runs: Map<string, JournalRun> } {
  const runs = new Map<string, JournalRun>();
  const sent = new Map<string, Set<string>>();
  return {
    runs,
    list: () => [...runs.values()].map((r) => structuredClone(r)),
    save: (run) => {
      runs.set(run.id, structuredClone(run));
      sent.set(run.id, new Set());
    },
    remove: (id) => {
      runs.delete(id);
      sent.delete(id);
    },
    markSent: (runId, entryIds) => entryIds.forEach((e) => sent.get(runId)?.add(e)),
    sentEntries: (runId) => (sent.has(runId) ? new Set(sent.get(runId)) : undefined),
  };
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

const SOURCES: readonly string[] = ['row', 'drawer', 'by-id', 'bulk'];

function isJournalRun(value: unknown): value is JournalRun {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.source === 'string' &&
    SOURCES.includes(value.source) &&
    typeof value.startedAt === 'number' &&
    Array.isArray(value.items) &&
    value.items.every((i) => isRecord(i) && typeof i.id === 'string')
  );
}
