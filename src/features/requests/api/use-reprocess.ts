// The thin React layer over the reprocess engine (src/reprocess/engine.ts): one engine per
// signed-in session, given to every path that reprocesses (row, drawer, by-id, bulk). Components
// never call Graph to reprocess; they call `useReprocess().reprocess` or `useReprocessEngine()`.
import { useMsal } from '@azure/msal-react';
import {
  createContext,
  createElement,
  use,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useSession } from '../../../auth/session';
import { useFirstScreenShown } from '../../../components/first-screen';
import { LazyLoadError } from '../../../components/lazy-load-error';
import { useNotify } from '../../../components/notify';
import { retryableImport } from '../../../components/retryable-import';
import { actorFromAccount, useActivityStore } from '../../../record/activity-record-provider';
import type { ReprocessEngine } from '../../../reprocess/engine';
import type {
  FollowedRequest,
  Outcome,
  ReprocessSource,
  ReprocessTarget,
  RequestStatus,
  RunSnapshot,
} from '../../../reprocess/engine-types';
import { fromGraph, type AssignmentRequest } from '../model';
import { describeRunOutcome } from '../reprocess-notice';
import { outcomeShownOnScreen } from '../outcome-on-screen';
import { OUTCOMES } from '../../../reprocess/outcomes';
import { t } from '../../../i18n/i18n';

/**
 * The session's engine, which loads after the first rows (its own chunk) or on first use. Until
 * then rows show no activity, and a reprocess waits for it: nothing is sent any other way.
 */
class EngineHolder {
  engine: ReprocessEngine | undefined;
  private loading: Promise<ReprocessEngine> | undefined;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly build: () => Promise<ReprocessEngine>) {}

  /** The engine, loading it if need be; the same promise until it fails (then a new try). */
  load(): Promise<ReprocessEngine> {
    if (this.engine) return Promise.resolve(this.engine);
    this.loading ??= this.build().then(
      (engine) => {
        if (this.closed) engine.close();
        this.engine = engine;
        this.listeners.forEach((l) => l());
        return engine;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw new LazyLoadError(error);
      },
    );
    return this.loading;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  close(): void {
    this.closed = true;
    this.engine?.close();
  }
}

interface Workspace {
  holder: EngineHolder;
  /** The request as last read from Graph after its reprocess was answered (engine.followedOf). */
  readAgain: (engine: ReprocessEngine, id: string) => AssignmentRequest | undefined;
}

const WorkspaceContext = createContext<Workspace | null>(null);

const engineModule = retryableImport(() => import('./create-engine'));

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
    const holder = new EngineHolder(() =>
      engineModule().then(({ createEngine }) =>
        createEngine({
          msal: instance,
          config,
          scopes,
          recorder: record,
          scope: `${actor.tenantId}.${actor.objectId}`,
        }),
      ),
    );
    // One parsed request per reading: rows compare by identity.
    const parsed = new WeakMap<FollowedRequest, AssignmentRequest | null>();
    const readAgain = (engine: ReprocessEngine, id: string): AssignmentRequest | undefined => {
      const followed = engine.followedOf(id);
      if (!followed?.body) return undefined;
      let req = parsed.get(followed);
      if (req === undefined) {
        req = fromGraph(followed.body, config.graphApiVersion) ?? null;
        parsed.set(followed, req);
      }
      return req ?? undefined;
    };
    return { holder, readAgain };
  });
  const { holder } = workspace;
  const engine = useSyncExternalStore(holder.subscribe, () => holder.engine);
  // The engine loads once the first rows are on screen (or at the first reprocess).
  const shown = useFirstScreenShown();
  useEffect(() => {
    if (!shown) return;
    holder.load().catch(() => undefined);
    // And the record a reprocess is written ahead to: the first one would wait for it otherwise.
    void record.warm();
  }, [holder, record, shown]);

  useEffect(() => {
    // A run a reload or a closed tab interrupted is shown again, from the journal and the record.
    engine?.recoverInterrupted(() => record.list()).catch(() => undefined);
  }, [engine, record]);

  useEffect(() => {
    // While something is queued or on the wire, leaving asks first: the run would stop half-way.
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (!holder.engine?.sending) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [holder]);

  useEffect(() => () => holder.close(), [holder]);

  return createElement(
    WorkspaceContext.Provider,
    { value: workspace },
    engine ? createElement(DeliveryNotices, { engine }) : null,
    children,
  );
}

function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('The reprocess engine is used outside RequestsWorkspace');
  return ws;
}

/**
 * The engine, for the parts that load after the first screen (the bulk panel): they wait for it
 * (suspending inside their LazyPart, which reports a failed download with Try again).
 */
export function useReprocessEngine(): ReprocessEngine {
  const { holder } = useWorkspace();
  const engine = useSyncExternalStore(holder.subscribe, () => holder.engine);
  return engine ?? use(holder.load());
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
  const { holder, readAgain } = useWorkspace();
  const engine = useSyncExternalStore(holder.subscribe, () => holder.engine);
  const subscribe = useCallback(
    (l: () => void) => (engine ? engine.subscribeId(id, l) : () => undefined),
    [engine, id],
  );
  const status = useSyncExternalStore(subscribe, () => engine?.status(id));
  const settled = useSyncExternalStore(subscribe, () => (engine ? readAgain(engine, id) : undefined));
  return { status, busy: engine?.busyReason(id), settled };
}

export interface QueueRequests {
  /** Still to fix: in a failed state as last read (or as listed), or on its way. */
  open: readonly AssignmentRequest[];
  /** Left the failed states since the page opened: delivered, another final state, or gone. */
  resolved: readonly AssignmentRequest[];
}

const NO_RESOLVED: readonly AssignmentRequest[] = [];

/**
 * The listed requests as Graph last said they are: each one read again after its reprocess was
 * answered replaces the listed one, and those no longer failed (delivered, canceled, denied, gone)
 * are set apart. Recomputed only when a reading arrives, not on every send of a bulk run.
 */
export function useQueueRequests(items: readonly AssignmentRequest[]): QueueRequests {
  const { holder, readAgain } = useWorkspace();
  const engine = useSyncExternalStore(holder.subscribe, () => holder.engine);
  const subscribe = useCallback(
    (l: () => void) => (engine ? engine.subscribe(l) : () => undefined),
    [engine],
  );
  const followVersion = useSyncExternalStore(subscribe, () => engine?.getFollowVersion() ?? 0);
  return useMemo(() => {
    if (!engine || followVersion === 0) return { open: items, resolved: NO_RESOLVED };
    const open: AssignmentRequest[] = [];
    const resolved: AssignmentRequest[] = [];
    for (const listed of items) {
      const followed = engine.followedOf(listed.id);
      if (!followed) {
        open.push(listed);
        continue;
      }
      if (followed.verdict === 'gone') {
        // The row itself says it is gone (its activity holds the 404).
        resolved.push(listed);
        continue;
      }
      const current = readAgain(engine, listed.id) ?? listed;
      if (followed.verdict === 'delivered' || followed.verdict === 'other') resolved.push(current);
      else open.push(current);
    }
    return { open, resolved: resolved.length === 0 ? NO_RESOLVED : resolved };
  }, [engine, followVersion, items, readAgain]);
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
        // Delivered, it leaves the queue for the Resolved group: a brief toast says where it went.
        // Failed again, it stays: the row on screen (or the drawer) says it, Notifications lists it.
        notify(
          {
            intent: delivered ? 'success' : 'warning',
            title: delivered
              ? t({
                  id: 'reprocess.delivery.delivered',
                  defaultMessage: 'Delivered after reprocess: moved to Resolved',
                })
              : t(
                  {
                    id: 'reprocess.delivery.notDelivered',
                    defaultMessage: 'Not delivered after reprocess: now {state}',
                  },
                  {
                    state:
                      followed.stateLabel ??
                      followed.state ??
                      t({ id: 'reprocess.delivery.failed', defaultMessage: 'failed' }),
                  },
                ),
            body: deliveryBody(target?.accessPackageName, target?.requestorName, followed.status),
          },
          { toast: delivered || !outcomeShownOnScreen(id) },
        );
      }),
    [engine, notify],
  );
  return null;
}

/** "Access package for Requestor · Graph's status", with words for the names Graph left out. */
function deliveryBody(pkg: string | undefined, who: string | undefined, status: string | undefined): string {
  const names = t(
    { id: 'reprocess.delivery.target', defaultMessage: '{pkg} for {who}' },
    {
      pkg: pkg ?? t({ id: 'reprocess.delivery.somePackage', defaultMessage: 'Access package' }),
      who: who ?? t({ id: 'reprocess.delivery.someRequestor', defaultMessage: 'the requestor' }),
    },
  );
  // Graph's status text stays as Graph sent it.
  return status ? `${names} · ${status}` : names;
}

/**
 * Reprocess one request (a row, the drawer, an id pasted from a ticket) through the engine. Its
 * outcome shows where it was asked (the row, the drawer, the dialog) when that is on screen;
 * otherwise one toast names the request, with Retry where sending again is safe. Nothing is sent
 * when it is busy (the control says why).
 */
export function useReprocess() {
  const { holder } = useWorkspace();
  const { notify } = useNotify();
  const reprocess = useCallback(
    async function reprocessOne(
      req: AssignmentRequest,
      opts: { source?: Exclude<ReprocessSource, 'bulk'> } = {},
    ): Promise<Outcome | undefined> {
      const target = targetOf(req);
      let engine: ReprocessEngine;
      try {
        engine = holder.engine ?? (await holder.load());
      } catch (error) {
        notify({
          intent: 'error',
          title: OUTCOMES.notSent.label,
          body: t(
            {
              id: 'reprocess.download.failed',
              defaultMessage:
                'The reprocess part could not be downloaded, so nothing was sent: {error}. Check the connection and try again.',
            },
            { error: error instanceof Error ? error.message : String(error) },
          ),
        });
        return undefined;
      }
      const started = engine.start([target], opts.source ?? 'row');
      const refusal = started.refused[0];
      if (refusal) {
        notify({ intent: 'warning', title: OUTCOMES.notSent.label, body: refusal.reason });
        return undefined;
      }
      const run = await started.done;
      const outcome = run?.results.get(target.id);
      if (outcome) {
        const notice = describeRunOutcome(outcome, target);
        // On screen, the row (or the drawer, the dialog) shows it: Notifications only lists it.
        // A row Graph no longer has leaves the list, so its toast says where it went.
        const leavesList = outcome.kind === 'notFound' && (opts.source ?? 'row') === 'row';
        if (!leavesList && outcomeShownOnScreen(target.id)) notify(notice, { toast: false });
        else {
          if (OUTCOMES[outcome.kind].retry !== 'none')
            notice.action = {
              label: t({ id: 'common.retry', defaultMessage: 'Retry' }),
              run: () => void reprocessOne(req, opts),
            };
          notify(notice);
        }
      }
      return outcome;
    },
    [holder, notify],
  );
  return { reprocess };
}
