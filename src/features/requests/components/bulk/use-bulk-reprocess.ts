import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { Notice } from '../../../../components/notify';
import type { GraphClient } from '../../../../graph/graph-client';
import type { ActivityRecorder, ActivityStart } from '../../../../record/activity-record';
import { toActivityResult } from '../../../../record/activity-result';
import { runBulkReprocess, type BulkItemResult } from '../../api/bulk-reprocess';
import type { AssignmentRequest } from '../../model';
import type { RowActivity, RowActivityStore } from '../../row-activity';
import { countOutcomes, summaryText } from './bulk-outcomes';
import { BulkRunStore, type BulkRunSnapshot } from './bulk-run-store';

export interface UseBulkReprocessOptions {
  client: GraphClient;
  /** The write scope (`…/EntitlementManagement.ReadWrite.All`) for the batch calls. */
  writeScope: string;
  rows: RowActivityStore;
  notify: (notice: Notice) => void;
  recorder?: ActivityRecorder;
}

export interface BulkReprocess {
  run: BulkRunSnapshot | undefined;
  running: boolean;
  /** Starts a run over `items` (ignored while one is running). */
  start: (items: readonly AssignmentRequest[]) => void;
  /** Stops sending; batches already sent finish. */
  cancel: () => void;
  /** Forgets the finished run. */
  dismiss: () => void;
}

/** One bulk run at a time: row activity, the activity record, and one summary toast at the end. */
export function useBulkReprocess({
  client,
  writeScope,
  rows,
  notify,
  recorder,
}: UseBulkReprocessOptions): BulkReprocess {
  const [store] = useState(() => new BulkRunStore());
  const run = useSyncExternalStore(store.subscribe, store.get);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (selected: readonly AssignmentRequest[]) => {
      if (store.get()?.phase === 'running' || selected.length === 0) return;
      const seen = new Set<string>();
      const items = selected.filter((r) => !seen.has(r.id) && seen.add(r.id));
      const runId = newRunId();
      const abort = new AbortController();
      controller.current = abort;
      store.start(runId, items);

      // What each row showed before: a row the run never sent goes back to it.
      const before = new Map<string, RowActivity | undefined>(items.map((r) => [r.id, rows.get(r.id)]));
      for (const r of items) rows.set(r.id, { phase: 'queued' });

      const entryIds = new Map<string, string>();
      let recordFailures = 0;
      const beforeSend = recorder
        ? async (batch: readonly AssignmentRequest[]): Promise<void> => {
            const entries = await recorder.beginMany(batch.map((r) => activityStart(r, client, runId)));
            for (const entry of entries) entryIds.set(entry.requestId, entry.id);
          }
        : undefined;

      const onDone = (item: AssignmentRequest, result: BulkItemResult): void => {
        store.result(runId, result);
        rows.set(item.id, rowActivityFor(item, result, before.get(item.id)));
        const entryId = entryIds.get(item.id);
        if (recorder && entryId !== undefined) {
          recorder.complete(entryId, toActivityResult(result.outcome)).catch(() => {
            recordFailures += 1;
          });
        }
      };

      runBulkReprocess({
        client,
        requests: items,
        scopes: [writeScope],
        signal: abort.signal,
        ...(beforeSend && { beforeSend }),
        onItem: (item, event) => {
          if (event.phase === 'sending') {
            store.sendingItem(runId, item.id);
            rows.set(item.id, { phase: 'sending' });
          } else onDone(item, event.result);
        },
        onProgress: (progress) => store.progress(runId, progress),
      })
        .then(
          (results) => {
            const counts = countOutcomes(results);
            const allAccepted = results.length > 0 && counts.get('accepted') === results.length;
            notify({
              intent: allAccepted ? 'success' : 'warning',
              // One calm summary per run, whatever it says; the details are in the results view.
              politeness: 'polite',
              title: abort.signal.aborted ? 'Bulk reprocess cancelled' : 'Bulk reprocess finished',
              body: `${capitalize(summaryText(counts))}.${
                allAccepted
                  ? ' Entitlement management will retry delivering them; rows update as their states change.'
                  : ' Open the results to see each request.'
              }`,
            });
          },
          (error: unknown) => {
            // Only a programming error gets here (the runner reports every call's failure per request).
            for (const r of items) if (!store.get()?.results.has(r.id)) rows.set(r.id, before.get(r.id));
            notify({
              intent: 'error',
              title: 'Bulk reprocess could not run',
              body: error instanceof Error ? error.message : String(error),
            });
          },
        )
        .finally(() => {
          store.finish(runId);
          if (controller.current === abort) controller.current = null;
          if (recordFailures > 0) {
            notify({
              intent: 'error',
              title: 'Some answers were not saved to the activity record',
              body: `${recordFailures} of this run's answers could not be written to the activity record in this browser. The results list still shows them.`,
            });
          }
        });
    },
    [client, writeScope, rows, notify, recorder, store],
  );

  const cancel = useCallback(() => {
    const current = store.get();
    if (current?.phase !== 'running') return;
    store.cancelRequested(current.runId);
    controller.current?.abort();
  }, [store]);

  const dismiss = useCallback(() => store.clear(), [store]);

  return { run, running: run?.phase === 'running', start, cancel, dismiss };
}

/** What the row shows once its request has an outcome. */
function rowActivityFor(
  item: AssignmentRequest,
  result: BulkItemResult,
  before: RowActivity | undefined,
): RowActivity | undefined {
  switch (result.outcome.kind) {
    case 'accepted':
      return { phase: 'submitted', since: Date.now(), original: item, bulk: true };
    case 'gone':
      return { phase: 'gone' };
    case 'cancelled':
      // Never sent: nothing happened to this row.
      return result.attempts === 0 ? before : { phase: 'failed', outcome: result.outcome };
    default:
      return { phase: 'failed', outcome: result.outcome };
  }
}

function activityStart(r: AssignmentRequest, client: GraphClient, bulkRunId: string): ActivityStart {
  const start: ActivityStart = { requestId: r.id, apiVersion: client.apiVersion, source: 'bulk', bulkRunId };
  const name = r.requestor?.displayName;
  const principal = r.requestor?.principalName ?? r.requestor?.email;
  if (name !== undefined) start.requestorName = name;
  if (principal !== undefined) start.requestorPrincipal = principal;
  if (r.accessPackage?.id !== undefined) start.accessPackageId = r.accessPackage.id;
  if (r.accessPackage?.displayName !== undefined) start.accessPackageName = r.accessPackage.displayName;
  return start;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function newRunId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; RFC 9562 version 4 from getRandomValues otherwise.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
