// At most once across tabs: a request is locked for as long as one tab has it queued, on the wire
// or waiting for its answer. The Web Locks API grants a named lock to one holder in the whole
// origin at a time, atomically, and frees it when the tab closes or crashes, so two tabs of the
// same user can never both send one request. A BroadcastChannel only tells the other tabs to look
// again (to show "in another tab"); the locks are the truth. Framework-free.

export interface RequestLocks {
  /**
   * Tries to lock each id, without waiting. Resolves with the ids this holder now has (release
   * each with `release`) and the ones someone else holds.
   */
  acquire(ids: readonly string[]): Promise<{ acquired: string[]; busy: string[] }>;
  release(id: string): void;
  /** Ids another holder (another tab) has locked right now. */
  heldElsewhere(): Promise<Set<string>>;
  /** Called when another holder may have locked or released something. */
  subscribe(listener: () => void): () => void;
  close(): void;
}

/** Locks in the browser: per user and tenant, shared by every tab of this origin. */
export function createWebLocks(scope: string): RequestLocks {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return createMemoryLocks(new Map(), scope);
  const prefix = `reprocess-desk:${scope}:`;
  const releasers = new Map<string, () => void>();
  const listeners = new Set<() => void>();
  let channel: BroadcastChannel | undefined;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(`reprocess-desk.locks.${scope}`);
    channel.onmessage = () => listeners.forEach((l) => l());
  }
  // One notice per microtask: a bulk run locks and releases hundreds of ids at once.
  let announcing = false;
  const announce = (): void => {
    if (announcing) return;
    announcing = true;
    queueMicrotask(() => {
      announcing = false;
      try {
        channel?.postMessage('changed');
      } catch {
        // Closed meanwhile (signed out): no other tab needs telling.
      }
    });
  };

  function tryLock(id: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      locks!
        .request(prefix + id, { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          // Held until release() resolves this promise.
          return new Promise<void>((release) => {
            releasers.set(id, release);
            resolve(true);
          });
        })
        .catch(reject);
    });
  }

  return {
    async acquire(ids) {
      const acquired: string[] = [];
      const busy: string[] = [];
      const answers = await Promise.all(ids.map(async (id) => [id, await tryLock(id)] as const));
      for (const [id, ok] of answers) (ok ? acquired : busy).push(id);
      if (acquired.length > 0) announce();
      return { acquired, busy };
    },
    release(id) {
      const release = releasers.get(id);
      if (!release) return;
      releasers.delete(id);
      release();
      announce();
    },
    async heldElsewhere() {
      const snapshot = await locks.query();
      const out = new Set<string>();
      for (const lock of snapshot.held ?? []) {
        const name = lock.name ?? '';
        if (!name.startsWith(prefix)) continue;
        const id = name.slice(prefix.length);
        if (!releasers.has(id)) out.add(id);
      }
      return out;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const release of releasers.values()) release();
      releasers.clear();
      channel?.close();
    },
  };
}

/**
 * The same contract over a Map that several holders share: two engines given one map behave like
 * two tabs. Also the fallback where the Web Locks API is missing (then only this tab is covered).
 */
export function createMemoryLocks(shared: Map<string, symbol>, scope = 'memory'): RequestLocks {
  const me = Symbol(scope);
  const listeners = new Set<() => void>();
  const key = (id: string): string => `${scope}:${id}`;
  return {
    acquire(ids) {
      const acquired: string[] = [];
      const busy: string[] = [];
      for (const id of ids) {
        const holder = shared.get(key(id));
        if (holder === undefined || holder === me) {
          shared.set(key(id), me);
          acquired.push(id);
        } else busy.push(id);
      }
      return Promise.resolve({ acquired, busy });
    },
    release(id) {
      if (shared.get(key(id)) === me) shared.delete(key(id));
    },
    heldElsewhere() {
      const out = new Set<string>();
      const prefix = `${scope}:`;
      for (const [k, holder] of shared)
        if (holder !== me && k.startsWith(prefix)) out.add(k.slice(prefix.length));
      return Promise.resolve(out);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const [k, holder] of [...shared]) if (holder === me) shared.delete(k);
    },
  };
}
