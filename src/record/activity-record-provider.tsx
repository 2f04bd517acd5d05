// The thin React layer over the activity record: one store per signed-in account, given to the
// reprocess flows (as an ActivityRecorder) and to the activity page.
import type { AccountInfo } from '@azure/msal-browser';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ActivityActor, ActivityRecorder, ActivityStore, RetentionSettings } from './activity-record';
import { activityStoreModule, createLazyActivityStore } from './lazy-activity-store';
import { loadRetention, saveRetention } from './retention';
import { t } from '../i18n/i18n';

export type ActivityStorageStatus =
  | { state: 'checking' }
  | { state: 'available' }
  /** `reason` is a sentence for the page. */
  | { state: 'unavailable'; reason: string };

const PROBE_DATABASE = 'reprocess-desk-storage-check';
/** A wedged profile may never answer an open; the record's own open gives up after 10 s too. */
const PROBE_TIMEOUT_MS = 5_000;

let storageStatus: ActivityStorageStatus = { state: 'checking' };
let probing: Promise<ActivityStorageStatus> | undefined;
const storageListeners = new Set<() => void>();

/**
 * Whether this browser lets the dashboard keep the activity record (IndexedDB): missing in some
 * browsers, refused in private windows or when the site's data is blocked. Checked once, when the
 * app loads, so the dashboard can say so before anyone clicks Reprocess.
 */
export function probeActivityStorage(): Promise<ActivityStorageStatus> {
  probing ??= openProbe().then((status) => {
    storageStatus = status;
    storageListeners.forEach((l) => l());
    return status;
  });
  return probing;
}

function openProbe(): Promise<ActivityStorageStatus> {
  // A getter: the notice reads the reason in the language in use, whenever it is shown.
  const unavailable = (detail: () => string): ActivityStorageStatus => ({
    state: 'unavailable',
    get reason() {
      return t(
        {
          id: 'record.storage.unavailable',
          defaultMessage:
            'This browser does not let the dashboard keep its activity record here ({detail}): a private window, blocked site data or an old browser.',
        },
        { detail: detail() },
      );
    },
  });
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) {
        resolve(unavailable(() => t({ id: 'record.storage.noIndexedDb', defaultMessage: 'no IndexedDB' })));
        return;
      }
      request = indexedDB.open(PROBE_DATABASE, 1);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      resolve(unavailable(() => message));
      return;
    }
    const timer = setTimeout(
      () =>
        resolve(
          unavailable(() => t({ id: 'record.storage.noAnswer', defaultMessage: 'IndexedDB did not answer' })),
        ),
      PROBE_TIMEOUT_MS,
    );
    request.onsuccess = () => {
      clearTimeout(timer);
      request.result.close();
      resolve({ state: 'available' });
    };
    request.onerror = (event) => {
      // Handled here: the browser need not report it as an error of the page.
      event.preventDefault();
      clearTimeout(timer);
      const message = request.error?.message || request.error?.name;
      resolve(
        unavailable(
          () => message || t({ id: 'record.storage.refused', defaultMessage: 'IndexedDB refused to open' }),
        ),
      );
    };
  });
}

/** The result of the load-time check: `checking` until it is known. */
export function useActivityStorage(): ActivityStorageStatus {
  return useSyncExternalStore(
    (listener) => {
      storageListeners.add(listener);
      void probeActivityStorage();
      return () => storageListeners.delete(listener);
    },
    () => storageStatus,
  );
}

/** Who acts, from the MSAL account: the UPN, the object id in the tenant, and the tenant. */
export function actorFromAccount(account: AccountInfo): ActivityActor {
  // homeAccountId is "<oid>.<tid>" for Entra accounts: a fallback if either id is missing.
  const [homeOid, homeTid] = account.homeAccountId.split('.');
  return {
    upn: account.username,
    objectId: account.localAccountId || homeOid || account.homeAccountId,
    tenantId: account.tenantId || homeTid || 'unknown-tenant',
    ...(account.name ? { name: account.name } : {}),
  };
}

/** The store and the retention setting it prunes by; the setting lives outside React state so the
 * store reads the current one whenever it prunes. */
function recordSetup(actor: ActivityActor, given?: ActivityStore) {
  let retention = loadRetention(actor);
  // A given store (tests) keeps the retention it was created with; the page still shows the setting.
  const store = given ?? createLazyActivityStore(actor, { getRetention: () => retention });
  return {
    actor,
    store,
    getRetention: () => retention,
    setRetention: (settings: RetentionSettings) => {
      retention = settings;
    },
  };
}

interface RecordContextValue {
  store: ActivityStore;
  retention: RetentionSettings;
  setRetention: (settings: RetentionSettings) => RetentionSettings;
  /** Deletes this browser's record of the signed-in user (a shared desk); the next write starts a new one. */
  removeRecord: () => Promise<void>;
}

/** Deletes the database; other tabs holding it open close it first (the store's `blocking` handler). */
async function deleteRecordDatabase(actor: ActivityActor): Promise<void> {
  const { activityDatabaseName } = await activityStoreModule();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(activityDatabaseName(actor));
    request.onsuccess = () => resolve();
    request.onerror = () =>
      reject(
        request.error ??
          new Error(
            t({
              id: 'record.error.deleteRefused',
              defaultMessage: 'The browser refused to delete the record.',
            }),
          ),
      );
  });
}

const RecordContext = createContext<RecordContextValue | null>(null);

/**
 * Opens the record of the signed-in user (give `account`), or uses a given store (tests). Render it
 * inside the session, which is keyed by account, so switching account switches record.
 */
export function ActivityRecordProvider(
  props: { children: ReactNode } & (
    { account: AccountInfo; store?: never } | { store: ActivityStore; account?: never }
  ),
) {
  const [setup, setSetup] = useState(() =>
    props.store ? recordSetup(props.store.actor, props.store) : recordSetup(actorFromAccount(props.account)),
  );
  const [retention, setRetentionState] = useState(setup.getRetention);
  // The store reopens on next use, so StrictMode's unmount-and-mount costs one reopen, no more.
  useEffect(() => () => setup.store.close(), [setup]);

  const setRetention = useCallback(
    (settings: RetentionSettings) => {
      const saved = saveRetention(setup.actor, settings);
      setup.setRetention(saved);
      setRetentionState(saved);
      void setup.store.prune().catch(() => undefined);
      return saved;
    },
    [setup],
  );
  const removeRecord = useCallback(async () => {
    setup.store.close();
    await deleteRecordDatabase(setup.actor);
    // A fresh store: every reader of the record reads again, and finds it empty.
    setSetup(recordSetup(setup.actor));
  }, [setup]);
  const ctx = useMemo<RecordContextValue>(
    () => ({ store: setup.store, retention, setRetention, removeRecord }),
    [setup, retention, setRetention, removeRecord],
  );
  return <RecordContext.Provider value={ctx}>{props.children}</RecordContext.Provider>;
}

function useRecordContext(): RecordContextValue {
  const ctx = useContext(RecordContext);
  if (!ctx) throw new Error('The activity record is used outside ActivityRecordProvider');
  return ctx;
}

/** What reprocess flows write to: begin before sending, complete when the answer comes. */
export function useActivityRecorder(): ActivityRecorder {
  return useRecordContext().store;
}

export function useActivityStore(): ActivityStore {
  return useRecordContext().store;
}

/** Removes this browser's activity record of the signed-in user. */
export function useRemoveActivityRecord(): () => Promise<void> {
  return useRecordContext().removeRecord;
}

/** The retention setting and a way to change it (saved per user; prunes at once). */
export function useRetention(): Pick<RecordContextValue, 'retention' | 'setRetention'> {
  const { retention, setRetention } = useRecordContext();
  return { retention, setRetention };
}

/** A number that changes whenever the record changes (this tab or another): a dependency for reads. */
export function useActivityVersion(store: ActivityStore): number {
  const [counter] = useState(() => {
    let version = 0;
    return {
      subscribe: (listener: () => void) =>
        store.subscribe(() => {
          version += 1;
          listener();
        }),
      get: () => version,
    };
  });
  return useSyncExternalStore(counter.subscribe, counter.get);
}
