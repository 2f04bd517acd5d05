import 'fake-indexeddb/auto';
import { IDBDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphError } from '../graph/graph-error';
import type { ActivityActor, ActivityStart, ActivityStore, RetentionSettings } from './activity-record';
import { toActivityResult } from './activity-result';
import { ActivityRecordError, activityDatabaseName, createActivityStore } from './activity-store';

const TENANT = '4e2b7c19-8a35-4d6f-b1e0-93c7a5d2f816';
const AVERY: ActivityActor = {
  upn: 'avery.howard@contoso.example',
  objectId: 'a9e1c0d2-5b47-4f3e-8a61-0c2d9e7b4f11',
  tenantId: TENANT,
  name: 'Avery Howard',
};
const JORDAN: ActivityActor = {
  upn: 'jordan.patel@contoso.example',
  objectId: 'd7b1f4a8-8e7a-4c3d-9f94-3a5b2c0e7d44',
  tenantId: TENANT,
};

function start(requestId: string, extra: Partial<ActivityStart> = {}): ActivityStart {
  return {
    requestId,
    requestorName: 'Dana Smith',
    accessPackageId: 'pkg-1',
    accessPackageName: 'Sales tools',
    apiVersion: 'v1.0',
    source: 'row',
    ...extra,
  };
}

/** A clock the test moves by hand. */
function clock(iso: string) {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    set: (next: string) => {
      t = Date.parse(next);
    },
  };
}

const stores: ActivityStore[] = [];
function open(
  actor: ActivityActor,
  opts: { now?: () => Date; retention?: RetentionSettings; autoPrune?: boolean } = {},
): ActivityStore {
  const store = createActivityStore(actor, {
    autoPrune: opts.autoPrune ?? false,
    ...(opts.now && { now: opts.now }),
    ...(opts.retention && { getRetention: () => opts.retention! }),
  });
  stores.push(store);
  return store;
}

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
});

describe('the activity store', () => {
  it('names one database per tenant and user', () => {
    expect(activityDatabaseName(AVERY)).toBe(`reprocess-desk-activity-${TENANT}-${AVERY.objectId}`);
  });

  it('writes an entry before the call (pending), then completes it with the answer', async () => {
    const c = clock('2026-11-28T12:00:00.000Z');
    const store = open(AVERY, { now: c.now });
    const entry = await store.begin(start('req-1'));
    expect(entry).toMatchObject({
      requestId: 'req-1',
      outcome: 'pending',
      time: '2026-11-28T12:00:00.000Z',
      actor: AVERY,
      apiVersion: 'v1.0',
      source: 'row',
    });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.isInFlight(entry.id)).toBe(true);

    // Already durable: another connection (a reloaded tab) reads it as pending.
    const reloaded = open(AVERY);
    expect(await reloaded.list()).toEqual([entry]);
    expect(reloaded.isInFlight(entry.id)).toBe(false);

    c.set('2026-11-28T12:00:02.500Z');
    await store.complete(entry.id, {
      outcome: 'accepted',
      httpStatus: 202,
      graphRequestId: 'graph-req',
      clientRequestId: 'client-req',
    });
    expect(store.isInFlight(entry.id)).toBe(false);
    const [done] = await reloaded.list();
    expect(done).toMatchObject({
      id: entry.id,
      outcome: 'accepted',
      httpStatus: 202,
      graphRequestId: 'graph-req',
      clientRequestId: 'client-req',
      time: '2026-11-28T12:00:00.000Z',
      completedTime: '2026-11-28T12:00:02.500Z',
    });
  });

  it('keeps an entry whose answer never came as pending, across close and reopen', async () => {
    const store = open(AVERY);
    const answered = await store.begin(start('req-answered'));
    const lost = await store.begin(start('req-lost'));
    await store.complete(answered.id, { outcome: 'refused', httpStatus: 400, graphErrorCode: 'BadRequest' });
    store.close(); // the tab is killed before the second answer arrives

    const next = open(AVERY);
    const entries = await next.list();
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.id === lost.id)?.outcome).toBe('pending');
    expect(entries.find((e) => e.id === answered.id)).toMatchObject({
      outcome: 'refused',
      httpStatus: 400,
      graphErrorCode: 'BadRequest',
    });
    expect(await next.list({ outcome: 'pending' })).toEqual([expect.objectContaining({ id: lost.id })]);
  });

  it('writes a bulk batch at once, with its run id, and completes items one by one', async () => {
    const store = open(AVERY);
    const batch = await store.beginMany(
      ['a', 'b', 'c'].map((id) => start(id, { source: 'bulk', bulkRunId: 'run-1' })),
    );
    expect(batch.map((e) => e.requestId)).toEqual(['a', 'b', 'c']);
    expect(new Set(batch.map((e) => e.time)).size).toBe(1);
    await Promise.all([
      store.complete(batch[0]!.id, { outcome: 'accepted', httpStatus: 202 }),
      store.complete(batch[1]!.id, {
        outcome: 'unavailable',
        httpStatus: 429,
        graphErrorCode: 'TooManyRequests',
      }),
    ]);
    const entries = await store.list();
    expect(entries.every((e) => e.bulkRunId === 'run-1' && e.source === 'bulk')).toBe(true);
    expect(Object.fromEntries(entries.map((e) => [e.requestId, e.outcome]))).toEqual({
      a: 'accepted',
      b: 'unavailable',
      c: 'pending',
    });
    expect(await store.beginMany([])).toEqual([]);
  });

  it('keeps each user in the same tenant apart', async () => {
    const avery = open(AVERY);
    const jordan = open(JORDAN);
    await avery.begin(start('req-avery'));
    await jordan.begin(start('req-jordan'));
    expect((await avery.list()).map((e) => e.requestId)).toEqual(['req-avery']);
    expect((await jordan.list()).map((e) => e.requestId)).toEqual(['req-jordan']);
    expect((await jordan.list())[0]?.actor.upn).toBe(JORDAN.upn);
  });

  it('lists newest first', async () => {
    const c = clock('2026-11-01T08:00:00.000Z');
    const store = open(AVERY, { now: c.now });
    await store.begin(start('first'));
    c.set('2026-11-02T08:00:00.000Z');
    await store.begin(start('second'));
    c.set('2026-11-03T08:00:00.000Z');
    await store.begin(start('third'));
    expect((await store.list()).map((e) => e.requestId)).toEqual(['third', 'second', 'first']);
  });

  it('filters by UTC day range, outcome, user, request id and access package', async () => {
    const c = clock('2026-11-01T23:59:59.999Z');
    const store = open(AVERY, { now: c.now });
    const e1 = await store.begin(start('11111111-aaaa', { accessPackageName: 'Sales tools' }));
    c.set('2026-11-02T00:00:00.000Z');
    const e2 = await store.begin(start('22222222-bbbb', { accessPackageName: 'Finance reports' }));
    c.set('2026-11-03T12:00:00.000Z');
    await store.begin(start('33333333-cccc', { accessPackageId: 'pkg-42', accessPackageName: undefined }));
    await store.complete(e1.id, { outcome: 'accepted', httpStatus: 202 });
    await store.complete(e2.id, { outcome: 'refused', httpStatus: 400 });

    const ids = async (filter: Parameters<ActivityStore['list']>[0]) =>
      (await store.list(filter)).map((e) => e.requestId);
    expect(await ids({ from: '2026-11-02' })).toEqual(['33333333-cccc', '22222222-bbbb']);
    expect(await ids({ to: '2026-11-01' })).toEqual(['11111111-aaaa']);
    expect(await ids({ from: '2026-11-02', to: '2026-11-02' })).toEqual(['22222222-bbbb']);
    expect(await ids({ from: '2026-11-03', to: '2026-11-01' })).toEqual([]);
    expect(await ids({ outcome: 'accepted' })).toEqual(['11111111-aaaa']);
    expect(await ids({ outcome: 'pending' })).toEqual(['33333333-cccc']);
    expect(await ids({ user: 'AVERY.HOWARD' })).toHaveLength(3);
    expect(await ids({ user: 'jordan' })).toEqual([]);
    expect(await ids({ requestId: 'BBBB' })).toEqual(['22222222-bbbb']);
    expect(await ids({ accessPackage: 'finance' })).toEqual(['22222222-bbbb']);
    expect(await ids({ accessPackage: 'pkg-42' })).toEqual(['33333333-cccc']);
    expect(await ids({ outcome: 'refused', from: '2026-11-03' })).toEqual([]);
    // A malformed day narrows nothing rather than hiding everything.
    expect(await ids({ from: '2026-02-31' })).toHaveLength(3);
  });

  it('removes the oldest entries first when over the count limit', async () => {
    const c = clock('2026-11-01T00:00:00.000Z');
    const store = open(AVERY, { now: c.now, retention: { maxEntries: 3, maxDays: 180 } });
    for (let i = 1; i <= 5; i++) {
      c.set(`2026-11-0${i}T00:00:00.000Z`);
      const e = await store.begin(start(`req-${i}`));
      await store.complete(e.id, { outcome: 'accepted', httpStatus: 202 });
    }
    expect(await store.prune()).toBe(2);
    expect((await store.list()).map((e) => e.requestId)).toEqual(['req-5', 'req-4', 'req-3']);
  });

  it('removes entries older than the day limit, oldest first, pending ones too', async () => {
    const c = clock('2026-01-01T00:00:00.000Z');
    const store = open(AVERY, { now: c.now, retention: { maxEntries: 50_000, maxDays: 30 } });
    const old = await store.begin(start('old'));
    await store.complete(old.id, { outcome: 'accepted', httpStatus: 202 });
    c.set('2026-01-15T00:00:00.000Z');
    const pendingOld = await store.begin(start('pending-old'));
    store.close(); // its answer never comes; this tab no longer waits for it
    const later = open(AVERY, { now: c.now, retention: { maxEntries: 50_000, maxDays: 30 } });
    c.set('2026-02-10T00:00:00.000Z');
    await later.begin(start('recent'));
    expect(await later.prune()).toBe(1); // 'old' is 40 days old
    expect((await later.list()).map((e) => e.requestId)).toEqual(['recent', 'pending-old']);
    c.set('2026-02-20T00:00:00.000Z');
    expect(await later.prune()).toBe(1);
    expect((await later.list()).map((e) => e.id)).not.toContain(pendingOld.id);
  });

  it('never prunes an entry this tab is still waiting on', async () => {
    const c = clock('2026-01-01T00:00:00.000Z');
    const store = open(AVERY, { now: c.now, retention: { maxEntries: 1, maxDays: 30 } });
    const waiting = await store.begin(start('waiting'));
    c.set('2026-01-02T00:00:00.000Z');
    await store.begin(start('newer'));
    await store.prune();
    expect((await store.list()).map((e) => e.id)).toContain(waiting.id);
  });

  it('prunes on its own after writes when asked to', async () => {
    const c = clock('2026-03-01T00:00:00.000Z');
    const store = open(AVERY, { now: c.now, retention: { maxEntries: 2, maxDays: 180 }, autoPrune: true });
    for (let i = 1; i <= 4; i++) {
      c.set(`2026-03-0${i}T00:00:00.000Z`);
      const e = await store.begin(start(`req-${i}`));
      await store.complete(e.id, { outcome: 'accepted', httpStatus: 202 });
    }
    await store.prune(); // waits for the automatic runs queued before it
    expect((await store.list()).map((e) => e.requestId)).toEqual(['req-4', 'req-3']);
  });

  it('tells listeners, in this tab and in another one, when the record changes', async () => {
    const here = open(AVERY);
    const otherTab = open(AVERY);
    let local = 0;
    const remote = new Promise<void>((resolve) => otherTab.subscribe(resolve));
    here.subscribe(() => {
      local += 1;
    });
    await here.begin(start('req-1'));
    expect(local).toBe(1);
    await remote;
  });

  it('refuses to record when IndexedDB is not available, so the call is not sent', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB (some private modes)
    delete globalThis.indexedDB;
    try {
      const store = open(AVERY);
      const attempt = store.begin(start('req-1'));
      await expect(attempt).rejects.toBeInstanceOf(ActivityRecordError);
      await expect(attempt).rejects.toMatchObject({ kind: 'unavailable' });
      expect(store.isInFlight('anything')).toBe(false);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('reports a failed write as such and keeps nothing half-written', async () => {
    const store = open(AVERY, { now: () => new Date('2026-01-01T00:00:00.000Z') });
    const first = await store.begin(start('req-1'));
    // A second entry with the same id cannot be added: the whole batch fails and nothing is kept.
    const broken = createActivityStore(AVERY, { autoPrune: false, newId: () => first.id });
    stores.push(broken);
    const attempt = broken.beginMany([start('req-2'), start('req-3')]);
    await expect(attempt).rejects.toMatchObject({ name: 'ActivityRecordError', kind: 'write-failed' });
    expect((await store.list()).map((e) => e.requestId)).toEqual(['req-1']);
  });
});

describe('group commit', () => {
  it('commits what is asked together in one transaction, and resolves each only once durable', async () => {
    const store = open(AVERY);
    const first = await store.begin(start('req-0'));
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      const writes = [
        store.beginMany([start('req-1'), start('req-2')]),
        store.begin(start('req-3')),
        store.complete(first.id, { outcome: 'accepted', httpStatus: 202 }),
      ];
      await Promise.all(writes);
      const readwrite = transaction.mock.calls.filter(([, mode]) => mode === 'readwrite');
      expect(readwrite).toHaveLength(1);
    } finally {
      transaction.mockRestore();
    }
    const entries = await store.list();
    expect(entries.map((e) => [e.requestId, e.outcome]).sort()).toEqual([
      ['req-0', 'accepted'],
      ['req-1', 'pending'],
      ['req-2', 'pending'],
      ['req-3', 'pending'],
    ]);
  });

  it('fails only the write that cannot be made when it shares a commit with others', async () => {
    const ids = ['id-a', 'id-a', 'id-b'];
    const store = createActivityStore(AVERY, { autoPrune: false, newId: () => ids.shift()! });
    stores.push(store);
    const [a, dup, b] = await Promise.allSettled([
      store.begin(start('req-a')),
      store.begin(start('req-dup')),
      store.begin(start('req-b')),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(dup).toMatchObject({ status: 'rejected', reason: { name: 'ActivityRecordError' } });
    expect(b.status).toBe('fulfilled');
    expect((await store.list()).map((e) => e.requestId).sort()).toEqual(['req-a', 'req-b']);
  });
});

describe('toActivityResult', () => {
  it('keeps the ids and the status of an accepted call', () => {
    expect(toActivityResult({ kind: 'accepted', status: 202, requestId: 'r', clientRequestId: 'c' })).toEqual(
      {
        outcome: 'accepted',
        httpStatus: 202,
        graphRequestId: 'r',
        clientRequestId: 'c',
      },
    );
  });

  it('takes status, Graph code and both ids from a GraphError', () => {
    const error = new GraphError({
      kind: 'http',
      status: 400,
      code: 'InvalidRequest',
      requestId: 'graph-req',
      clientRequestId: 'client-req',
    });
    expect(toActivityResult({ kind: 'refused', status: 400, error })).toMatchObject({
      outcome: 'refused',
      httpStatus: 400,
      graphErrorCode: 'InvalidRequest',
      graphRequestId: 'graph-req',
      clientRequestId: 'client-req',
    });
  });

  it('reads a "failed" that carries a Graph error by what the error says', () => {
    const lost = new GraphError({ kind: 'network', status: 0, clientRequestId: 'batch-1' });
    expect(toActivityResult({ kind: 'failed', error: lost })).toMatchObject({
      outcome: 'network',
      clientRequestId: 'batch-1',
    });
    const throttled = new GraphError({ kind: 'http', status: 429, clientRequestId: 'batch-2' });
    expect(toActivityResult({ kind: 'failed', error: throttled })).toMatchObject({
      outcome: 'unavailable',
      httpStatus: 429,
    });
    expect(toActivityResult({ kind: 'failed', error: new Error('no token') }).outcome).toBe('failed');
  });

  it('records no status when there was no HTTP answer', () => {
    const error = new GraphError({ kind: 'network', status: 0, clientRequestId: 'client-req' });
    const result = toActivityResult({ kind: 'network', error });
    expect(result.httpStatus).toBeUndefined();
    expect(result.clientRequestId).toBe('client-req');
    expect(toActivityResult({ kind: 'failed', error: new Error('popup blocked') }).message).toBe(
      'popup blocked',
    );
  });
});
