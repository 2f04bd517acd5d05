import { useSyncExternalStore } from 'react';
import { stateLabel, type AssignmentRequest } from './model';
import type { ReprocessOutcome } from './reprocess-outcome';

/** What the dashboard has done to a row in this session (single, by-id and bulk reprocess alike). */
export type RowActivity =
  | { phase: 'queued' } // selected for a bulk run, not sent yet
  | { phase: 'sending' }
  // `bulk`: part of a bulk run, which announces one summary; its rows settle quietly.
  | { phase: 'submitted'; since: number; original: AssignmentRequest; bulk?: boolean }
  | { phase: 'settled'; request: AssignmentRequest }
  | { phase: 'gone' }
  | { phase: 'failed'; outcome: ReprocessOutcome };

/**
 * One store of row activity per signed-in session. Rows subscribe to their own id, so a bulk run
 * that updates hundreds of rows re-renders only those rows.
 */
export class RowActivityStore {
  private rows = new Map<string, RowActivity>();
  private listeners = new Set<() => void>();
  private version = 0;

  get(id: string): RowActivity | undefined {
    return this.rows.get(id);
  }

  set(id: string, activity: RowActivity | undefined): void {
    if (activity) this.rows.set(id, activity);
    else this.rows.delete(id);
    this.version++;
    this.listeners.forEach((l) => l());
  }

  entries(): ReadonlyMap<string, RowActivity> {
    return this.rows;
  }

  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useRowActivity(store: RowActivityStore, id: string): RowActivity | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get(id));
}

/** Re-renders on any change; for page-level views (polling, counts), not for rows. */
export function useRowActivityVersion(store: RowActivityStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}

/**
 * What a row (and the details drawer) says about the dashboard's own activity on a request:
 * `short` fits the grid's column, `full` is the sentence.
 */
export function rowActivityNote(
  activity: RowActivity | undefined,
): { short: string; full: string } | undefined {
  switch (activity?.phase) {
    case 'sending':
      return { short: 'Reprocessing…', full: 'Reprocessing…' };
    case 'queued':
      return { short: 'Queued for reprocess', full: 'Queued for reprocess in a bulk run' };
    case 'submitted':
      return { short: 'Submitted: retrying…', full: 'Submitted: delivery is being retried' };
    case 'settled': {
      const text = `Reprocessed: now ${stateLabel(activity.request.stateRaw)}`;
      return { short: text, full: text };
    }
    case 'gone':
      return { short: 'No longer exists', full: 'This request no longer exists' };
    case 'failed':
      return {
        short: 'Last reprocess failed',
        full: 'The last reprocess failed; the Activity page has the details',
      };
    default:
      return undefined;
  }
}
