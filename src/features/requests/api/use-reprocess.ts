// The thin React layer over the reprocess engine (src/reprocess/engine.ts): one engine per
// signed-in session, given to every path that reprocesses (row, drawer, by-id, bulk). Components
// never call Graph to reprocess; they call `useReprocess().reprocess` or `useReprocessEngine()`.
import { useMsal } from '@azure/msal-react';
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
  FollowedRequest,
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
import { requestsEndpoints } from './requests-api';

interface Workspace {
  engine: ReprocessEngine;
  /** The request as last read from Graph after its reprocess was answered (engine.followedOf). */
  readAgain: (id: string) => AssignmentRequest | undefined;
}

const WorkspaceContext = createContext<Workspace | null>(null);

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
            inProgress: req.state === 'submitted' || req.state === 'delivering',
            ...(req.status !== undefined && { status: req.status }),
          };
        },
      },
      recorder: record,
      locks: createWebLocks(scope),
      auth: createMsalEngineAuth(instance, bridge),
      network: browserNetwork,
      journal: createStorageJournal(scope),
    });
    // One parsed request per reading: rows compare by identity.
    const parsed = new WeakMap<FollowedRequest, AssignmentRequest | null>();
    const readAgain = (id: string): AssignmentRequest | undefined => {
      const followed = engine.followedOf(id);
      if (!followed?.body) return undefined;
      let req = parsed.get(followed);
      if (req === undefined) {
        req = fromGraph(followed.body, config.graphApiVersion) ?? null;
        parsed.set(followed, req);
      }
      return req ?? undefined;
    };
    return { engine, readAgain };
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
    createElement(DeliveryNotices, { engine }),
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
  /** The request as Graph has it now, read again after its reprocess was answered. */
  settled: AssignmentRequest | undefined;
}

/** One request's activity; re-renders only when that request changes. */
export function useRequestActivity(id: string): RequestActivity {
  const { engine, readAgain } = useWorkspace();
  const subscribe = useCallback((l: () => void) => engine.subscribeId(id, l), [engine, id]);
  const status = useSyncExternalStore(subscribe, () => engine.status(id));
  const settled = useSyncExternalStore(subscribe, () => readAgain(id));
  return { status, busy: engine.busyReason(id), settled };
}

/**
 * When a single reprocess's delivery has a result, one toast says so (a bulk run's rows settle
 * quietly: its results say it).
 */
function DeliveryNotices({ engine }: { engine: ReprocessEngine }) {
  const { notify } = useNotify();
  useEffect(
    () =>
      engine.onFollow((id, followed) => {
        const status = engine.status(id);
        if (!followed.final || status?.phase !== 'done' || status.bulk) return;
        if (status.outcome.kind !== 'accepted') return;
        if (followed.verdict === 'gone' || followed.verdict === 'unread' || followed.verdict === 'delivering')
          return;
        const delivered = followed.verdict === 'delivered';
        const run = engine.run(status.runId);
        const target = run?.items.find((t) => t.id.toLowerCase() === id.toLowerCase());
        notify({
          intent: delivered ? 'success' : 'warning',
          title: delivered
            ? 'Delivered after reprocess'
            : `Not delivered after reprocess: now ${followed.stateLabel ?? followed.state ?? 'failed'}`,
          body: `${target?.accessPackageName ?? 'Access package'} for ${target?.requestorName ?? 'the requestor'}${
            followed.status ? ` · ${followed.status}` : ''
          }`,
        });
      }),
    [engine, notify],
  );
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
