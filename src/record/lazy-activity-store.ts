// The activity store, loaded on first use: the queue's first screen does not need IndexedDB code,
// and the first reprocess (which must be written ahead) or the activity page loads it.
import type { ActivityActor, ActivityStore } from './activity-record';
import type { ActivityStoreOptions } from './activity-store';
import { retryableImport } from '../components/retryable-import';

/** The store's code; after a failed download, the next use downloads it again. */
export const activityStoreModule = retryableImport(() => import('./activity-store'));

export function createLazyActivityStore(
  actor: ActivityActor,
  options: ActivityStoreOptions = {},
): ActivityStore {
  let loaded: ActivityStore | undefined;
  let loading: Promise<ActivityStore> | undefined;
  // Listeners subscribed before the store exists are handed over when it does.
  const early = new Map<() => void, () => void>();

  const get = (): Promise<ActivityStore> => {
    loading ??= activityStoreModule().then(
      ({ createActivityStore }) => {
        const store = createActivityStore(actor, options);
        loaded = store;
        for (const listener of early.keys()) early.set(listener, store.subscribe(listener));
        return store;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  return {
    actor,
    begin: async (start) => (await get()).begin(start),
    beginMany: async (starts) => (await get()).beginMany(starts),
    complete: async (entryId, result) => (await get()).complete(entryId, result),
    noteAfterward: async (entryId, afterward) => (await get()).noteAfterward(entryId, afterward),
    list: async (filter) => (await get()).list(filter),
    prune: async (now) => (await get()).prune(now),
    subscribe(listener) {
      if (loaded) return loaded.subscribe(listener);
      early.set(listener, () => undefined);
      void get().catch(() => undefined);
      return () => {
        const unsubscribe = early.get(listener);
        early.delete(listener);
        unsubscribe?.();
      };
    },
    // Nothing is in flight before the store has loaded: every call is written ahead through it.
    isInFlight: (entryId) => loaded?.isInFlight(entryId) ?? false,
    warm: () =>
      get().then(
        (store) => store.warm(),
        () => undefined,
      ),
    close() {
      loaded?.close();
    },
  };
}
