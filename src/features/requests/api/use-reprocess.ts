import { useMutation, useQueries } from '@tanstack/react-query';
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { InteractionStartedError } from '../../../auth/access-token';
import { useSession } from '../../../auth/session';
import { useNotify } from '../../../components/notify';
import type { ActivityEntry } from '../../../record/activity-record';
import { useActivityRecorder } from '../../../record/activity-record-provider';
import { toActivityResult } from '../../../record/activity-result';
import type { AssignmentRequest } from '../model';
import {
  classifyReprocessError,
  describeReprocessOutcome,
  type ReprocessOutcome,
} from '../reprocess-outcome';
import { RowActivityStore, useRowActivityVersion } from '../row-activity';
import { requestDetailQuery } from './request-queries';
import { reprocessRequest } from './requests-api';

export type { RowActivity } from '../row-activity';

const POLL_INTERVAL_MS = 2_000;
/** After this long without a state change we stop asking; the row keeps saying "submitted". */
const POLL_FOR_MS = 10 * 60_000;
const MAX_POLLED = 10;

const RowActivityContext = createContext<RowActivityStore | null>(null);

/** Holds what this session has done to rows, and polls accepted requests until they settle. */
export function RequestsWorkspace({ children }: { children: ReactNode }) {
  const [store] = useState(() => new RowActivityStore());
  return createElement(
    RowActivityContext.Provider,
    { value: store },
    createElement(SettlePoller, { store }),
    children,
  );
}

export function useRowActivityStore(): RowActivityStore {
  const store = useContext(RowActivityContext);
  if (!store) throw new Error('useRowActivityStore must be used inside RequestsWorkspace');
  return store;
}

function hasSettled(original: AssignmentRequest, now: AssignmentRequest): boolean {
  if (now.state === 'delivering' || now.state === 'submitted') return false;
  return now.state !== original.state || now.completedDateTime !== original.completedDateTime;
}

/** After a 202, asks Graph for the request until its state changes; says so when it does. */
function SettlePoller({ store }: { store: RowActivityStore }) {
  const { graph, scopes, account } = useSession();
  const { notify } = useNotify();
  const version = useRowActivityVersion(store);
  void version; // re-render on any change to pick up newly submitted rows
  // The most recent few only: after a bulk run of hundreds, polling each would flood Graph; those
  // rows keep saying "submitted" until the next refresh of the list. While anything is being sent
  // (a bulk run, a single reprocess) nothing is polled: the writes get the connections, and a bulk
  // run's newest rows would otherwise change with every batch answered.
  const entries = [...store.entries()];
  const sending = entries.some(([, a]) => a.phase === 'queued' || a.phase === 'sending');
  const submitted = (sending ? [] : entries)
    .flatMap(([id, a]) => (a.phase === 'submitted' ? [{ id, a }] : []))
    .sort((x, y) => y.a.since - x.a.since)
    .slice(0, MAX_POLLED);
  const details = useQueries({
    queries: submitted.map(({ id, a }) => ({
      ...requestDetailQuery(graph, account.homeAccountId, scopes.read, id),
      staleTime: 0,
      refetchInterval: () => (Date.now() - a.since > POLL_FOR_MS ? false : POLL_INTERVAL_MS),
    })),
  });
  const settledKey = details
    .map((d) => `${d.data?.id ?? ''}:${d.data?.state ?? ''}:${d.dataUpdatedAt}`)
    .join('|');
  useEffect(() => {
    details.forEach((d, i) => {
      const entry = submitted[i];
      const now = d.data;
      if (!entry || !now || entry.a.phase !== 'submitted') return;
      if (!hasSettled(entry.a.original, now)) return;
      store.set(entry.id, { phase: 'settled', request: now });
      // A bulk run announces one summary; settling rows of a bulk run stay quiet.
      if (entry.a.bulk) return;
      const delivered = now.state === 'delivered';
      notify({
        intent: delivered ? 'success' : 'warning',
        title: delivered ? 'Delivered after reprocess' : `Still not delivered: ${now.status ?? now.stateRaw}`,
        body: `${now.accessPackage?.displayName ?? 'Access package'} for ${now.requestor?.displayName ?? 'the requestor'} is now in state "${now.stateRaw}".`,
      });
    });
    // settledKey captures every change in `details` that matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey]);
  return null;
}

/**
 * Reprocess one request (a row, or an id pasted from a ticket): one call per request at a time
 * (a double click sends one POST), and one toast per outcome. Every call is in the activity record
 * before it is sent; when the record cannot be written, nothing is sent.
 */
export function useReprocess() {
  const { graph, scopes, account } = useSession();
  const { notify } = useNotify();
  const store = useRowActivityStore();
  const recorder = useActivityRecorder();
  // Synchronous guard: two clicks can arrive before React re-renders the disabled button.
  const inFlight = useRef(new Set<string>());

  const { mutateAsync } = useMutation({
    mutationKey: ['reprocess', account.homeAccountId, graph.apiVersion],
    mutationFn: (req: AssignmentRequest) => reprocessRequest(graph, req.id, { scopes: [scopes.readWrite] }),
  });

  const reprocess = useCallback(
    async (
      req: AssignmentRequest,
      opts: { source?: 'row' | 'by-id' } = {},
    ): Promise<ReprocessOutcome | undefined> => {
      if (inFlight.current.has(req.id)) return undefined;
      inFlight.current.add(req.id);
      const before = store.get(req.id);
      store.set(req.id, { phase: 'sending' });
      let entry: ActivityEntry;
      try {
        entry = await recorder.begin({
          requestId: req.id,
          requestorName: req.requestor?.displayName,
          requestorPrincipal: req.requestor?.principalName ?? req.requestor?.email,
          accessPackageId: req.accessPackage?.id,
          accessPackageName: req.accessPackage?.displayName,
          apiVersion: graph.apiVersion,
          source: opts.source ?? 'row',
        });
      } catch (error) {
        // Nothing may go unrecorded: without the entry the call is not sent.
        inFlight.current.delete(req.id);
        store.set(req.id, before);
        notify({
          intent: 'error',
          title: 'Reprocess not sent: the activity record could not be written',
          body: `${error instanceof Error ? error.message : String(error)} Nothing was sent to Microsoft Graph. Reload the page and try again; if it keeps failing, check the browser's site data settings.`,
        });
        return undefined;
      }
      let outcome: ReprocessOutcome;
      try {
        const response = await mutateAsync(req);
        outcome = {
          kind: 'accepted',
          status: response.status,
          requestId: response.requestId,
          clientRequestId: response.clientRequestId,
        };
        store.set(req.id, { phase: 'submitted', since: Date.now(), original: req });
      } catch (error) {
        if (error instanceof InteractionStartedError) {
          // The page is navigating to sign-in; the call was not sent. Best effort: the page may
          // unload first, and then the entry reads "outcome unknown", which is still true.
          void recorder
            .complete(entry.id, {
              outcome: 'failed',
              message: 'Not sent: Microsoft sign-in was needed first.',
            })
            .catch(() => undefined);
          return undefined;
        }
        outcome = classifyReprocessError(error);
        store.set(req.id, outcome.kind === 'gone' ? { phase: 'gone' } : { phase: 'failed', outcome });
      } finally {
        inFlight.current.delete(req.id);
      }
      recorder.complete(entry.id, toActivityResult(outcome)).catch((error: unknown) => {
        notify({
          intent: 'warning',
          title: 'Graph’s answer could not be added to the activity record',
          body: `The reprocess was sent and answered, but the record keeps it as "outcome unknown". ${error instanceof Error ? error.message : ''}`.trim(),
        });
      });
      notify(describeReprocessOutcome(outcome, req));
      return outcome;
    },
    [mutateAsync, notify, store, recorder, graph.apiVersion],
  );

  return { reprocess, isInFlight: (id: string) => inFlight.current.has(id) };
}
