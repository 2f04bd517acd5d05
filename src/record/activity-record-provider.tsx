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
import { createLazyActivityStore } from './lazy-activity-store';
import { loadRetention, saveRetention } from './retention';

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
  const [setup] = useState(() =>
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
  const ctx = useMemo<RecordContextValue>(
    () => ({ store: setup.store, retention, setRetention }),
    [setup, retention, setRetention],
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
