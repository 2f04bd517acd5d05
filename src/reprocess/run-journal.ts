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
  return {
    list: read,
    save: (run) => write([...read().filter((r) => r.id !== run.id), run]),
    remove: (runId) => write(read().filter((r) => r.id !== runId)),
  };
}

export function createMemoryJournal(): RunJournal & { runs: Map<string, JournalRun> } {
  const runs = new Map<string, JournalRun>();
  return {
    runs,
    list: () => [...runs.values()].map((r) => structuredClone(r)),
    save: (run) => void runs.set(run.id, structuredClone(run)),
    remove: (id) => void runs.delete(id),
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
