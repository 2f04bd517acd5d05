// The thin React layer over the reprocess engine (src/reprocess/engine.ts): one engine per
// signed-in session, given to every path that reprocesses (row, drawer, by-id, bulk). Components
// never call Graph to reprocess; they call `useReprocess().reprocess` or `useReprocessEngine()`.
import { useMsal } from '@azure/msal-react';
import { useQueries } from '@tanstack/react-query';
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useSession } from '../../../auth/session';
import { useNotify } from '../../../components/notify';
import { createGraphClient } from '../../../graph/graph-client';
import { actorFromAccount, useActivityStore } from '../../../record/activity-record-provider';
import { ReprocessEngine, type NetworkStatus } from '../../../reprocess/engine';
import type {
  ReprocessSource,
  ReprocessTarget,
  RequestStatus,
  RunSnapshot,
} from '../../../reprocess/engine-types';
import { createMsalEngineAuth, silentAccessToken } from '../../../reprocess/msal-auth';
import { createWebLocks } from '../../../reprocess/request-locks';
import { createStorageJournal } from '../../../reprocess/run-journal';
import { FAILED_STATES, fromGraph, stateLabel, type AssignmentRequest } from '../model';
import { describeRunOutcome } from '../reprocess-notice';
import { requestDetailQuery } from './request-queries';
import { requestsEndpoints } from './requests-api';

const POLL_INTERVAL_MS = 2_000;
/** After this long without a state change we stop asking; the row keeps saying "accepted". */
const POLL_FOR_MS = 10 * 60_000;
const MAX_POLLED = 10;

interface Workspace {
  engine: ReprocessEngine;
  /** What Graph said about a request after its reprocess was accepted. */
  settled: SettledStore;
}

const WorkspaceContext = createContext<Workspace | null>(null);

/** The request as read again after an accepted reprocess, per id. */
class SettledStore {
  private map = new Map<string, AssignmentRequest>();
  private listeners = new Set<() => void>();
  get = (id: string): AssignmentRequest | undefined => this.map.get(id.toLowerCase());
  set(request: AssignmentRequest): void {
    this.map.set(request.id.toLowerCase(), request);
    this.listeners.forEach((l) => l());
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

const browserNetwork: NetworkStatus = {
  online: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
  subscribe: (listener) => {
    const on = () => listener(true);
    const off = () => listener(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  },
};

export function targetOf(req: AssignmentRequest): ReprocessTarget {
  const t: ReprocessTarget = { id: req.id };
  const name = req.requestor?.displayName;
  const principal = req.requestor?.principalName ?? req.requestor?.email;
  if (name !== undefined) t.requestorName = name;
  if (principal !== undefined) t.requestorPrincipal = principal;
  if (req.accessPackage?.id !== undefined) t.accessPackageId = req.accessPackage.id;
  if (req.accessPackage?.displayName !== undefined) t.accessPackageName = req.accessPackage.displayName;
  return t;
}

/** Holds the session's reprocess engine, follows accepted requests, and guards leaving the page. */
export function RequestsWorkspace({ children }: { children: ReactNode }) {
  const { instance } = useMsal();
  const { config, scopes, account } = useSession();
  const record = useActivityStore();
  const [workspace] = useState<Workspace>(() => {
    const actor = actorFromAccount(account);
    const scope = `${actor.tenantId}.${actor.objectId}`;
    const endpoints = requestsEndpoints(config.graphApiVersion);
    const bridge = new URL('/redirect.html', window.location.origin).href;
    const engine = new ReprocessEngine({
      // Silent-only tokens: the engine pauses a run for sign-in rather than let a redirect lose it.
      client: createGraphClient({
        baseUrl: config.graphBaseUrl,
        apiVersion: config.graphApiVersion,
        getAccessToken: (s) => silentAccessToken(instance, s, bridge),
      }),
      scopes: { read: scopes.read, write: scopes.readWrite },
      paths: {
        reprocess: (id) => endpoints.reprocessPath(id),
        request: (id) => `${endpoints.collectionPath}/${encodeURIComponent(id)}?$expand=${endpoints.expand}`,
        readState: (json) => {
          const req = fromGraph(json, config.graphApiVersion);
          if (!req) return undefined;
          return {
            state: req.stateRaw,
            label: stateLabel(req),
            failed: req.state !== 'unknown' && FAILED_STATES.includes(req.state),
          };
        },
      },
      recorder: record,
      locks: createWebLocks(scope),
      auth: createMsalEngineAuth(instance, bridge),
      network: browserNetwork,
      journal: createStorageJournal(scope),
    });
    return { engine, settled: new SettledStore() };
  });
  const { engine } = workspace;

  useEffect(() => {
    // A run a reload or a closed tab interrupted is shown again, from the journal and the record.
    engine.recoverInterrupted(() => record.list()).catch(() => undefined);
  }, [engine, record]);

  useEffect(() => {
    // While something is queued or on the wire, leaving asks first: the run would stop half-way.
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (!engine.sending) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [engine]);

  useEffect(() => () => engine.close(), [engine]);

  return createElement(
    WorkspaceContext.Provider,
    { value: workspace },
    createElement(SettlePoller, { workspace }),
    children,
  );
}

function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('The reprocess engine is used outside RequestsWorkspace');
  return ws;
}

export function useReprocessEngine(): ReprocessEngine {
  return useWorkspace().engine;
}

/** Every run the engine knows (running, paused, interrupted, finished), newest first. */
export function useRuns(): RunSnapshot[] {
  const engine = useReprocessEngine();
  const version = useSyncExternalStore(engine.subscribe, engine.getVersion);
  // `version` changes whenever any run does.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => engine.allRuns(), [engine, version]);
}

export interface RequestActivity {
  status: RequestStatus | undefined;
  /** Why it cannot be sent now, or undefined. */
  busy: string | undefined;
  /** The request as Graph has it after an accepted reprocess, once its state changed. */
  settled: AssignmentRequest | undefined;
}

/** One request's activity; re-renders only when that request changes. */
export function useRequestActivity(id: string): RequestActivity {
  const { engine, settled } = useWorkspace();
  const status = useSyncExternalStore(
    useCallback((l: () => void) => engine.subscribeId(id, l), [engine, id]),
    () => engine.status(id),
  );
  const settledRequest = useSyncExternalStore(settled.subscribe, () => settled.get(id));
  return { status, busy: engine.busyReason(id), settled: settledRequest };
}

function hasSettled(now: AssignmentRequest): boolean {
  return now.state !== 'delivering' && now.state !== 'submitted';
}

/** After a 202, asks Graph for the request until its state changes (the ten most recent). */
function SettlePoller({ workspace }: { workspace: Workspace }) {
  const { graph, scopes, account } = useSession();
  const { notify } = useNotify();
  const { engine, settled } = workspace;
  const runs = useRuns();
  // Nothing is polled while anything is being sent: the writes get the connections.
  const sending = engine.sending;
  const accepted = (sending ? [] : runs)
    .flatMap((run) =>
      [...run.results].flatMap(([id, o]) =>
        o.kind === 'accepted' && !settled.get(id) ? [{ id, at: o.at, bulk: run.source === 'bulk' }] : [],
      ),
    )
    .sort((a, b) => b.at - a.at)
    .slice(0, MAX_POLLED);
  const details = useQueries({
    queries: accepted.map(({ id, at }) => ({
      ...requestDetailQuery(graph, account.homeAccountId, scopes.read, id),
      staleTime: 0,
      refetchInterval: () => (Date.now() - at > POLL_FOR_MS ? false : POLL_INTERVAL_MS),
    })),
  });
  const settledKey = details
    .map((d) => `${d.data?.id ?? ''}:${d.data?.state ?? ''}:${d.dataUpdatedAt}`)
    .join('|');
  useEffect(() => {
    details.forEach((d, i) => {
      const entry = accepted[i];
      const now = d.data;
      if (!entry || !now || settled.get(entry.id) || !hasSettled(now)) return;
      settled.set(now);
      // A bulk run announces one summary; its rows settle quietly.
      if (entry.bulk) return;
      const delivered = now.state === 'delivered';
      notify({
        intent: delivered ? 'success' : 'warning',
        title: delivered
          ? 'Delivered after reprocess'
          : `Not delivered after reprocess: now ${stateLabel(now)}`,
        body: `${now.accessPackage?.displayName ?? 'Access package'} for ${now.requestor?.displayName ?? 'the requestor'}${
          now.status ? ` · ${now.status}` : ''
        }`,
      });
    });
    // settledKey captures every change in `details` that matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey]);
  return null;
}

/**
 * Reprocess one request (a row, the drawer, an id pasted from a ticket) through the engine: one
 * toast for its outcome; nothing is sent when it is busy (the control says why).
 */
export function useReprocess() {
  const engine = useReprocessEngine();
  const { notify } = useNotify();
  const reprocess = useCallback(
    async (req: AssignmentRequest, opts: { source?: Exclude<ReprocessSource, 'bulk'> } = {}) => {
      const target = targetOf(req);
      const started = engine.start([target], opts.source ?? 'row');
      const refusal = started.refused[0];
      if (refusal) {
        notify({ intent: 'warning', title: 'Not sent', body: refusal.reason });
        return undefined;
      }
      const run = await started.done;
      const outcome = run?.results.get(target.id);
      if (outcome) notify(describeRunOutcome(outcome, target));
      return outcome;
    },
    [engine, notify],
  );
  return { reprocess };
}
