// The state of the current bulk run, outside React: the runner reports per request, often 20 at a
// time, and a run can hold thousands. Changes are gathered and published once per microtask as
// an immutable snapshot, so React renders once per batch answer, not once per request.
import type { BulkItemResult, BulkProgress } from '../../api/bulk-reprocess';
import type { AssignmentRequest } from '../../model';

export interface BulkRunSnapshot {
  /** A UUID per run; the activity record's bulkRunId. */
  runId: string;
  /** The run's own list, kept when the selection is cleared. */
  items: readonly AssignmentRequest[];
  results: ReadonlyMap<string, BulkItemResult>;
  sending: ReadonlySet<string>;
  progress: BulkProgress;
  phase: 'running' | 'finished';
  cancelRequested: boolean;
}

export class BulkRunStore {
  private snapshot: BulkRunSnapshot | undefined;
  private results = new Map<string, BulkItemResult>();
  private sending = new Set<string>();
  private listeners = new Set<() => void>();
  private scheduled = false;

  get = (): BulkRunSnapshot | undefined => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(runId: string, items: readonly AssignmentRequest[]): void {
    this.results = new Map();
    this.sending = new Set();
    this.snapshot = {
      runId,
      items,
      results: new Map(),
      sending: new Set(),
      progress: { sent: 0, answered: 0, total: items.length },
      phase: 'running',
      cancelRequested: false,
    };
    this.emit();
  }

  sendingItem(runId: string, id: string): void {
    if (this.snapshot?.runId !== runId) return;
    this.sending.add(id);
    this.schedule();
  }

  result(runId: string, result: BulkItemResult): void {
    if (this.snapshot?.runId !== runId) return;
    this.sending.delete(result.request.id);
    this.results.set(result.request.id, result);
    this.schedule();
  }

  progress(runId: string, progress: BulkProgress): void {
    if (this.snapshot?.runId !== runId) return;
    this.snapshot = { ...this.snapshot, progress };
    this.schedule();
  }

  cancelRequested(runId: string): void {
    if (this.snapshot?.runId !== runId) return;
    this.snapshot = { ...this.snapshot, cancelRequested: true };
    this.schedule();
  }

  finish(runId: string): void {
    if (this.snapshot?.runId !== runId) return;
    this.snapshot = { ...this.snapshot, phase: 'finished' };
    this.publish();
  }

  /** Forgets a finished run (the user closed its summary). */
  clear(): void {
    if (this.snapshot?.phase === 'running') return;
    this.snapshot = undefined;
    this.results = new Map();
    this.sending = new Set();
    this.emit();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.publish());
  }

  private publish(): void {
    this.scheduled = false;
    if (!this.snapshot) return;
    this.snapshot = { ...this.snapshot, results: new Map(this.results), sending: new Set(this.sending) };
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}
