import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ReprocessEngine,
  SignInNeededError,
  type EngineAuth,
  type EngineOptions,
  type NetworkStatus,
} from './engine';
import type { ReprocessTarget } from './engine-types';
import { OUTCOMES, OUTCOME_ORDER, outcomeOfEntry, entryOutcomeOf } from './outcomes';
import { createMemoryLocks, type RequestLocks } from './request-locks';
import { createMemoryJournal } from './run-journal';
import { FakeGraph, MemoryRecorder } from './testing/fake-graph';

const ids = (n: number, prefix = 'r'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const targets = (list: readonly string[]): ReprocessTarget[] =>
  list.map((id) => ({ id, accessPackageName: `P ${id}` }));

class FakeNetwork implements NetworkStatus {
  up = true;
  private listeners = new Set<(online: boolean) => void>();
  online = (): boolean => this.up;
  subscribe = (l: (online: boolean) => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  set(up: boolean): void {
    this.up = up;
    this.listeners.forEach((l) => l(up));
  }
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

function setup(
  opts: {
    graph?: FakeGraph;
    locks?: Map<string, symbol>;
    requestLocks?: RequestLocks;
    auth?: Partial<EngineAuth>;
    network?: FakeNetwork;
    recorder?: MemoryRecorder;
    journal?: ReturnType<typeof createMemoryJournal>;
    getToken?: (scopes: readonly string[]) => Promise<string>;
    concurrency?: number;
    follow?: { firstDelayMs: number; maxDelayMs: number; followForMs: number };
    engine?: Partial<Pick<EngineOptions, 'concurrency' | 'retryOfflineAfterMs'>>;
  } = {},
) {
  const graph = opts.graph ?? new FakeGraph(ids(60));
  const recorder = opts.recorder ?? new MemoryRecorder();
  const journal = opts.journal ?? createMemoryJournal();
  const calls = { prepare: 0, claims: [] as string[], signIn: 0 };
  const auth: EngineAuth = {
    prepare: opts.auth?.prepare ?? (() => (calls.prepare++, Promise.resolve())),
    satisfyClaims:
      opts.auth?.satisfyClaims ??
      ((_s, claims) => {
        calls.claims.push(claims);
        return Promise.resolve();
      }),
    signInAgain: opts.auth?.signInAgain ?? (() => (calls.signIn++, Promise.resolve())),
  };
  const engine = new ReprocessEngine({
    client: graph.client(opts.getToken),
    scopes: { read: 'read', write: 'write' },
    paths: graph.paths,
    recorder,
    locks: opts.requestLocks ?? createMemoryLocks(opts.locks ?? new Map<string, symbol>()),
    auth,
    journal,
    ...(opts.network && { network: opts.network }),
    batch: { sleep: () => Promise.resolve(), random: () => 0 },
    retryOfflineAfterMs: 1,
    ...(opts.concurrency && { concurrency: opts.concurrency }),
    follow: opts.follow ?? { firstDelayMs: 5, maxDelayMs: 20, followForMs: 400 },
    ...opts.engine,
  });
  return { engine, graph, recorder, journal, calls };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the outcome table', () => {
  it('has one label, sentence and row note per outcome, none shared', () => {
    expect(OUTCOME_ORDER).toHaveLength(9);
    const labels = OUTCOME_ORDER.map((k) => OUTCOMES[k].label);
    expect(new Set(labels).size).toBe(9);
    for (const k of OUTCOME_ORDER) {
      expect(OUTCOMES[k].sentence.length).toBeGreaterThan(20);
      expect(OUTCOMES[k].rowNote.length).toBeGreaterThan(3);
    }
    expect(OUTCOMES.notSent.label).toBe('Not sent');
    expect(OUTCOMES.cancelled.label).toBe('Cancelled');
    expect(OUTCOMES.unknown.retry).toBe('check');
  });

  it('reads the record in its terms both ways', () => {
    for (const k of OUTCOME_ORDER) {
      const status = k === 'throttled' ? 429 : k === 'unavailable' ? 503 : undefined;
      expect(outcomeOfEntry({ outcome: entryOutcomeOf(k, status), httpStatus: status })).toBe(k);
    }
    expect(outcomeOfEntry({ outcome: 'unavailable', httpStatus: 504 })).toBe('unknown');
    expect(outcomeOfEntry({ outcome: 'pending' })).toBe('unknown');
  });
});

describe('ReprocessEngine: at most once', () => {
  it('refuses a request already in a bulk run, from any path, and POSTs each once', async () => {
    const { engine, graph, recorder } = setup();
    const hold = gate();
    graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const run = engine.start(targets(ids(50)), 'bulk');
    expect(engine.busyReason('r45')).toBe('In a bulk run, queued');
    const row = engine.start(targets(['r45']), 'row');
    expect(row.runId).toBeUndefined();
    expect(row.refused).toEqual([{ id: 'r45', reason: 'In a bulk run, queued' }]);
    expect(engine.start(targets(['r2']), 'drawer').refused[0]?.reason).toMatch(/queued|Sending/);
    await tick();
    hold.open();
    const done = await run.done;
    expect(done?.counts.done).toBe(50);
    for (const id of ids(50)) expect(graph.postCount(id)).toBe(1);
    // Accepted here: not sent again.
    expect(engine.start(targets(['r45']), 'by-id').refused[0]?.reason).toMatch(/Accepted/);
    expect(recorder.entries).toHaveLength(50);
    expect(graph.batchCalls).toBe(3);
  });

  it('sends a run in its fewest rounds with the fewest batches in flight: 25 batches as 13 and 12', async () => {
    const graph = new FakeGraph(ids(500));
    const hold = gate();
    for (let i = 0; i < 16; i++) graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const { engine } = setup({ graph });
    const run = engine.start(targets(ids(500)), 'bulk');
    for (let i = 0; i < 20; i++) await tick();
    // Each call takes one of the held faults as it starts.
    expect(16 - graph.callFaults.length).toBe(13);
    hold.open();
    const done = await run.done;
    expect(graph.batchCalls).toBe(25);
    expect(done?.counts.done).toBe(500);
  });

  it('a double click sends one POST', async () => {
    const { engine, graph } = setup();
    const a = engine.start(targets(['r1']), 'row');
    const b = engine.start(targets(['r1']), 'row');
    expect(b.runId).toBeUndefined();
    await a.done;
    expect(graph.postCount('r1')).toBe(1);
  });

  it('two engines sharing one lock (two tabs) never both send a request', async () => {
    const graph = new FakeGraph(ids(30));
    const locks = new Map<string, symbol>();
    const tab1 = setup({ graph, locks });
    const tab2 = setup({ graph, locks });
    const hold = gate();
    graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const run1 = tab1.engine.start(targets(ids(20)), 'bulk');
    await tick();
    const run2 = tab2.engine.start(targets(ids(30)), 'bulk');
    const [, second] = await Promise.all([tick().then(() => hold.open()), run2.done]);
    await run1.done;
    expect(second?.refused.map((r) => r.id).sort()).toEqual(ids(20).sort());
    expect(second?.refused[0]?.reason).toMatch(/another tab/);
    for (const id of ids(30)) expect(graph.postCount(id)).toBe(1);
  });
  it('a bulk run sends its first round while the later rounds are still being locked', async () => {
    const graph = new FakeGraph(ids(100));
    const shared = new Map<string, symbol>();
    const inner = createMemoryLocks(shared);
    // Another tab holds r70, which is in a later round.
    await createMemoryLocks(shared).acquire(['r70']);
    const later = gate();
    const asked: string[][] = [];
    const requestLocks: RequestLocks = {
      ...inner,
      async acquire(list) {
        asked.push([...list]);
        if (asked.length > 1) await later.promise;
        return inner.acquire(list);
      },
    };
    const { engine } = setup({ graph, requestLocks, concurrency: 2 });
    const run = engine.start(targets(ids(100)), 'bulk');
    // The first round (2 batches of 20) goes out before the rest are locked.
    for (let i = 0; i < 20 && graph.batchCalls < 2; i++) await tick();
    expect(asked.map((a) => a.length)).toEqual([40, 60]);
    expect(graph.batchCalls).toBe(2);
    for (const id of ids(60).slice(40)) expect(graph.postCount(id)).toBe(0);
    expect(engine.busyReason('r70')).toBe('In a bulk run, queued');
    later.open();
    const done = await run.done;
    expect(done?.refused.map((r) => r.id)).toEqual(['r70']);
    expect(done?.refused[0]?.reason).toMatch(/another tab/);
    expect(graph.postCount('r70')).toBe(0);
    for (const id of ids(100)) if (id !== 'r70') expect(graph.postCount(id)).toBe(1);
    expect(done?.counts.done).toBe(99);
    // Every lock this run took is released at its end; the other tab's is untouched.
    expect([...shared.keys()]).toEqual(['memory:r70']);
  });

  it('a cancel while the later rounds are being locked releases their locks and sends nothing more', async () => {
    const graph = new FakeGraph(ids(100));
    const shared = new Map<string, symbol>();
    const inner = createMemoryLocks(shared);
    // Another tab holds r70: cancelled before its lock was asked for, it stays cancelled here.
    const otherTab = createMemoryLocks(shared);
    await otherTab.acquire(['r70']);
    const later = gate();
    let calls = 0;
    const requestLocks: RequestLocks = {
      ...inner,
      async acquire(list) {
        if (++calls > 1) await later.promise;
        return inner.acquire(list);
      },
    };
    const hold = gate();
    graph.callFaults.push({ kind: 'hold', until: hold.promise }, { kind: 'hold', until: hold.promise });
    const { engine } = setup({ graph, requestLocks, concurrency: 2 });
    const run = engine.start(targets(ids(100)), 'bulk');
    for (let i = 0; i < 20 && graph.batchCalls < 2; i++) await tick();
    engine.cancel(run.runId!);
    hold.open();
    later.open();
    const done = await run.done;
    expect(graph.batchCalls).toBe(2);
    const kinds = [...done!.results.values()].map((r) => r.kind);
    expect(kinds.filter((k) => k === 'cancelled')).toHaveLength(60);
    expect(done?.results.get('r70')?.kind).toBe('cancelled');
    expect(done?.refused).toEqual([]);
    expect([...shared.keys()]).toEqual(['memory:r70']);
  });
});

describe('ReprocessEngine: write-ahead', () => {
  it('sends nothing when the record cannot be written', async () => {
    const recorder = new MemoryRecorder();
    recorder.failWrites = true;
    const { engine, graph } = setup({ recorder });
    const done = await engine.start(targets(['r1', 'r2']), 'bulk').done;
    expect(graph.postCount('r1')).toBe(0);
    expect(done?.results.get('r1')?.kind).toBe('notSent');
    expect(done?.results.get('r1')?.message).toMatch(/activity record could not be written/);
  });

  it('writes each send before it leaves and completes it with the answer', async () => {
    const graph = new FakeGraph(['a', 'b']);
    graph.states.delete('b');
    const { engine, recorder } = setup({ graph });
    await engine.start(targets(['a', 'b']), 'bulk').done;
    expect(recorder.entries.map((e) => [e.requestId, e.outcome])).toEqual([
      ['a', 'accepted'],
      ['b', 'gone'],
    ]);
  });
});

describe('ReprocessEngine: pipelining', () => {
  it("writes the whole run's record while the first batch is on the wire, and sends the rest after", async () => {
    const graph = new FakeGraph(ids(60));
    const { engine, recorder } = setup({ graph, concurrency: 1 });
    const hold = gate();
    graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const run = engine.start(targets(ids(60)), 'bulk');
    for (let i = 0; i < 5; i++) await tick();
    // One batch on the wire (20), the records of the other two already in (40), before any answer.
    expect(graph.batchCalls).toBe(0);
    expect(recorder.entries.map((e) => e.outcome)).toEqual(Array(60).fill('pending'));
    hold.open();
    const done = await run.done;
    expect(graph.batchCalls).toBe(3);
    for (const id of ids(60)) expect(recorder.sends(id)).toHaveLength(1);
    expect(done?.counts.done).toBe(60);
  });

  it('a batch written ahead is not sent when the run is cancelled meanwhile, and says so', async () => {
    const graph = new FakeGraph(ids(60));
    const { engine, recorder } = setup({ graph, concurrency: 1 });
    const hold = gate();
    graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const run = engine.start(targets(ids(60)), 'bulk');
    for (let i = 0; i < 5; i++) await tick();
    engine.cancel(run.runId!);
    hold.open();
    const done = await run.done;
    expect(graph.batchCalls).toBe(1);
    expect(recorder.entries.filter((e) => e.outcome === 'accepted')).toHaveLength(20);
    expect(recorder.entries.filter((e) => e.outcome === 'cancelled')).toHaveLength(40);
    expect(recorder.entries).toHaveLength(60);
    expect(done?.counts.done).toBe(60);
  });
});

describe('ReprocessEngine: network loss', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pauses when offline, keeps unsent ones "not sent", resumes when back online', async () => {
    const network = new FakeNetwork();
    const graph = new FakeGraph(ids(200));
    const { engine, recorder } = setup({ graph, network, concurrency: 6 });
    const hold = gate();
    // Ten batches in two rounds: five on the wire (held), five more to go.
    for (let i = 0; i < 6; i++) graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const run = engine.start(targets(ids(200)), 'bulk');
    await tick();
    network.set(false);
    hold.open();
    await tick();
    await tick();
    const paused = engine.run(run.runId!);
    expect(paused?.phase).toBe('paused');
    expect(paused?.pause?.reason).toBe('offline');
    expect(paused?.counts.waiting).toBeGreaterThan(0);
    expect(paused?.counts.waiting).toBe(100);
    expect(engine.busyReason('r200')).toMatch(/paused run/);
    const sentBefore = [...graph.posts.values()].reduce((a, b) => a + b, 0);
    expect(sentBefore).toBe(100);
    network.set(true);
    const done = await run.done;
    expect(done?.counts.done).toBe(200);
    for (const id of ids(200)) {
      expect(graph.postCount(id)).toBe(1);
      expect(recorder.sends(id)).toHaveLength(1);
      expect(done?.results.get(id)?.kind).toBe('accepted');
    }
  });

  it('waits the base delay again after each loss once Graph has answered in between', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const graph = new FakeGraph(ids(60));
    // One batch at a time: r1's batch is lost, r21's is answered, r41's is lost.
    graph.fault('r1', { kind: 'drop' });
    graph.fault('r41', { kind: 'drop' });
    const { engine } = setup({ graph, engine: { concurrency: 1, retryOfflineAfterMs: 1_000 } });
    const run = engine.start(targets(ids(60)), 'bulk');
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.run(run.runId!)?.phase).toBe('paused');
    expect(graph.batchCalls).toBe(1);
    // The first retry, a second later: r21's batch gets its answer, r41's is lost again.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(graph.batchCalls).toBe(3);
    expect(engine.run(run.runId!)?.phase).toBe('paused');
    // Graph answered in between: this loss waits a second too, not two.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(engine.run(run.runId!)?.phase).toBe('finished');
    const done = await run.done;
    expect(done?.counts.done).toBe(60);
    for (const id of ids(60)) expect(graph.postCount(id)).toBe(1);
  });

  it('checks the state of a batch lost on the wire and resends only what is still failed', async () => {
    const network = new FakeNetwork();
    const graph = new FakeGraph(ids(20));
    // The batch is applied for r1 (then the connection drops); r2 never reached Graph.
    graph.fault('r1', { kind: 'dropAfterApply' });
    graph.fault('r2', { kind: 'drop' });
    const { engine, recorder } = setup({ graph, network });
    const run = engine.start(targets(ids(2)), 'bulk');
    // The browser still says it is online: the run, paused by the network failure, tries again by itself.
    const done = await run.done;
    expect(graph.postCount('r1')).toBe(1);
    expect(graph.gets.get('r1')).toBe(1);
    const r1 = done?.results.get('r1');
    expect(r1?.kind).toBe('unknown');
    expect(r1?.checked).toEqual({ kind: 'state', state: 'delivering', stateLabel: 'delivering' });
    // r2 was still failed: sent again, and accepted.
    expect(done?.results.get('r2')?.kind).toBe('accepted');
    expect(graph.postCount('r2')).toBe(1);
    expect(recorder.entries.filter((e) => e.requestId === 'r2').map((e) => e.outcome)).toEqual([
      'network',
      'accepted',
    ]);
  });

  it('treats a 500 as "may have landed": checks before anything is sent again', async () => {
    const graph = new FakeGraph(['a']);
    graph.fault('a', { kind: 'status', status: 500 });
    const { engine } = setup({ graph });
    const done = await engine.start(targets(['a']), 'row').done;
    // The 500 was not applied (the fake refuses before applying), so the check finds it failed and resends.
    expect(done?.results.get('a')?.kind).toBe('accepted');
    expect(graph.gets.get('a')).toBe(1);
  });

  it('checks even the last unknown answer, and then sends nothing more', async () => {
    const graph = new FakeGraph(['a']);
    const fail = { kind: 'status', status: 500 } as const;
    graph.fault('a', fail, fail, fail, fail);
    const { engine, recorder } = setup({ graph });
    const done = await engine.start(targets(['a']), 'row').done;
    // Sent, then sent again twice after checks found it still failed; the third unknown answer is
    // checked too, so the record says what Graph has, but it is not sent a fourth time.
    expect(recorder.entries.filter((e) => e.requestId === 'a')).toHaveLength(3);
    expect(graph.gets.get('a')).toBe(3);
    const a = done?.results.get('a');
    expect(a?.kind).toBe('unknown');
    expect(a?.checked).toEqual({ kind: 'state', state: 'deliveryFailed', stateLabel: 'deliveryFailed' });
    expect(recorder.entries.filter((e) => e.requestId === 'a').at(-1)?.message).toMatch(/checked: /);
  });

  it('leaves alone what a check finds delivering', async () => {
    const graph = new FakeGraph(['a']);
    graph.fault('a', { kind: 'dropAfterApply' });
    const { engine } = setup({ graph });
    const done = await engine.start(targets(['a']), 'row').done;
    expect(done?.results.get('a')).toMatchObject({
      kind: 'unknown',
      checked: { kind: 'state', state: 'delivering' },
    });
    expect(graph.postCount('a')).toBe(1);
  });
});

describe('ReprocessEngine: session', () => {
  it('pauses for sign-in instead of navigating away, then resumes after signing in', async () => {
    let needSignIn = true;
    const { engine, graph, calls } = setup({
      auth: {
        prepare: () =>
          needSignIn ? Promise.reject(new SignInNeededError('interaction_required')) : Promise.resolve(),
        signInAgain: () => {
          needSignIn = false;
          return Promise.resolve();
        },
      },
    });
    const run = engine.start(targets(ids(25)), 'bulk');
    await tick();
    expect(engine.run(run.runId!)).toMatchObject({ phase: 'paused', pause: { reason: 'signin' } });
    expect(graph.batchCalls).toBe(0);
    await engine.signInAgain(run.runId!);
    const done = await run.done;
    expect(done?.counts.done).toBe(25);
    expect([...done!.results.values()].every((o) => o.kind === 'accepted')).toBe(true);
    expect(calls.signIn).toBe(0); // the custom signInAgain ran instead
  });

  it('pauses mid-run when the token needs interaction, losing no result', async () => {
    let calls = 0;
    let blocked = false;
    const getToken = () => {
      calls++;
      if (calls === 2) blocked = true;
      return blocked ? Promise.reject(new SignInNeededError('expired')) : Promise.resolve('t');
    };
    const graph = new FakeGraph(ids(60));
    const { engine, recorder } = setup({
      graph,
      getToken,
      auth: { signInAgain: () => ((blocked = false), Promise.resolve()) },
    });
    const run = engine.start(targets(ids(60)), 'bulk');
    for (let i = 0; i < 5; i++) await tick();
    const paused = engine.run(run.runId!);
    expect(paused?.phase).toBe('paused');
    expect(paused?.pause?.reason).toBe('signin');
    await engine.signInAgain(run.runId!);
    const done = await run.done;
    for (const id of ids(60)) {
      expect(graph.postCount(id)).toBe(1);
      expect(done?.results.get(id)?.kind).toBe('accepted');
      expect(recorder.sends(id)).toHaveLength(1);
    }
  });

  it('answers a claims challenge with a token for those claims and one retry', async () => {
    const graph = new FakeGraph(['a']);
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    graph.fault('a', {
      kind: 'status',
      status: 401,
      headers: { 'WWW-Authenticate': `Bearer error="insufficient_claims", claims="${btoa(claims)}"` },
    });
    const { engine, calls } = setup({ graph });
    const done = await engine.start(targets(['a']), 'row').done;
    expect(calls.claims).toEqual([claims]);
    expect(done?.results.get('a')?.kind).toBe('accepted');
    expect(graph.postCount('a')).toBe(1);
  });
});

describe('ReprocessEngine: cancel and reload', () => {
  it('cancel stops what is not sent yet', async () => {
    const graph = new FakeGraph(ids(200));
    const hold = gate();
    for (let i = 0; i < 6; i++) graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const { engine } = setup({ graph, concurrency: 6 });
    const run = engine.start(targets(ids(200)), 'bulk');
    await tick();
    engine.cancel(run.runId!);
    hold.open();
    const done = await run.done;
    const kinds = [...done!.results.values()].map((o) => o.kind);
    // Ten batches in two rounds of five: the second round is cancelled.
    expect(kinds.filter((k) => k === 'cancelled')).toHaveLength(100);
    expect(kinds.every((k) => k === 'cancelled' || k === 'accepted')).toBe(true);
    for (const id of ids(200)) {
      const kind = done?.results.get(id)?.kind;
      expect(graph.postCount(id)).toBe(kind === 'accepted' ? 1 : 0);
    }
  });

  it('recovers an interrupted run from the journal and the record, and resumes it', async () => {
    const graph = new FakeGraph(ids(4));
    const recorder = new MemoryRecorder();
    const journal = createMemoryJournal();
    journal.save({ id: 'run-1', source: 'bulk', startedAt: 1, items: targets(ids(4)) });
    // r1 was answered, r2 was on the wire (its POST did land), r3 never sent, r4 written ahead
    // (the next batch) but not sent before the page closed.
    const [e1, e2, e4] = await recorder.beginMany(
      ['r1', 'r2', 'r4'].map((requestId) => ({
        requestId,
        apiVersion: 'v1.0',
        source: 'bulk',
        bulkRunId: 'run-1',
      })),
    );
    journal.markSent('run-1', [e1!.id, e2!.id]);
    await recorder.complete(e1!.id, { outcome: 'accepted', httpStatus: 202 });
    graph.states.set('r1', 'delivering');
    graph.states.set('r2', 'delivering');
    const { engine } = setup({ graph, recorder, journal });
    await engine.recoverInterrupted(() => Promise.resolve([...recorder.entries]));
    const run = engine.run('run-1');
    expect(run).toMatchObject({ phase: 'paused', pause: { reason: 'interrupted' } });
    expect(run?.results.get('r1')?.kind).toBe('accepted');
    expect(engine.busyReason('r3')).toMatch(/paused run/);
    expect(engine.busyReason('r4')).toMatch(/paused run/);
    await tick();
    // Written ahead but never sent: "not sent", never "unknown".
    expect(recorder.entries.find((e) => e.id === e4!.id)?.outcome).toBe('failed');
    // Until its state is read, the entry of the call that lost its answer stays "outcome unknown".
    expect(recorder.entries.find((e) => e.id === e2!.id)?.outcome).toBe('pending');
    engine.resume('run-1');
    await new Promise((r) => setTimeout(r, 10));
    const done = engine.run('run-1');
    expect(done?.phase).toBe('finished');
    expect(done?.results.get('r2')).toMatchObject({
      kind: 'unknown',
      checked: { kind: 'state', state: 'delivering' },
    });
    expect(done?.results.get('r3')?.kind).toBe('accepted');
    expect(graph.postCount('r2')).toBe(0);
    const e2After = recorder.entries.find((e) => e.id === e2!.id);
    expect(e2After?.outcome).toBe('network');
    expect(e2After?.message).toContain('checked: now delivering — left alone');
    expect(graph.postCount('r3')).toBe(1);
    expect(done?.results.get('r4')?.kind).toBe('accepted');
    expect(graph.postCount('r4')).toBe(1);
    expect(recorder.sends('r4').map((e) => e.outcome)).toEqual(['accepted']);
    expect(journal.list()).toEqual([]);
  });
});

describe('ReprocessEngine: following the delivery', () => {
  const until = async (check: () => boolean, ms = 2_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('reads an accepted request until its delivery has a result, and the record keeps it', async () => {
    const graph = new FakeGraph(['a', 'b', 'c']);
    const { engine, recorder } = setup({ graph });
    await engine.start(targets(['a', 'b', 'c']), 'bulk').done;
    await until(() => engine.followedOf('a') !== undefined);
    expect(engine.followedOf('a')).toMatchObject({ verdict: 'delivering', final: false });
    graph.states.set('a', 'delivered');
    graph.states.set('b', 'deliveryFailed');
    graph.statusTexts.set('b', 'The group is on-premises and cannot be changed');
    await until(() => !!engine.followedOf('a')?.final && !!engine.followedOf('b')?.final);
    expect(engine.followedOf('a')).toMatchObject({ verdict: 'delivered', state: 'delivered' });
    expect(engine.followedOf('b')).toMatchObject({
      verdict: 'failedAgain',
      status: 'The group is on-premises and cannot be changed',
    });
    // c never leaves delivering: followed until the limit, then "still delivering".
    await until(() => !!engine.followedOf('c')?.final);
    expect(engine.followedOf('c')).toMatchObject({ verdict: 'delivering', final: true });
    const afterward = (id: string) => recorder.entries.find((e) => e.requestId === id)?.afterward;
    await until(() => afterward('c') !== undefined);
    expect(afterward('a')).toMatchObject({ verdict: 'delivered', state: 'delivered' });
    expect(afterward('b')).toMatchObject({ verdict: 'failedAgain', state: 'deliveryFailed' });
    expect(afterward('c')).toMatchObject({ verdict: 'delivering' });
    // Each entry keeps its outcome: the reprocess was accepted.
    expect(recorder.entries.map((e) => e.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    // Reads are batched: one $batch per round for all three.
    expect(graph.gets.get('a')).toBeGreaterThanOrEqual(2);
  });

  it('a request that failed again can be reprocessed again; one that was delivered cannot', async () => {
    const graph = new FakeGraph(['a', 'b']);
    const { engine } = setup({ graph });
    await engine.start(targets(['a', 'b']), 'row').done;
    expect(engine.busyReason('a')).toBeDefined();
    graph.states.set('a', 'deliveryFailed');
    graph.states.set('b', 'delivered');
    await until(() => !!engine.followedOf('a')?.final && !!engine.followedOf('b')?.final);
    expect(engine.busyReason('a')).toBeUndefined();
    expect(engine.busyReason('b')).toBeDefined();
    const again = await engine.start(targets(['a']), 'row').done;
    expect(again?.results.get('a')?.kind).toBe('accepted');
    expect(graph.postCount('a')).toBe(2);
  });

  it('reads a refused request once, so its row shows what Graph has now', async () => {
    const graph = new FakeGraph(['a'], 'delivered');
    const { engine } = setup({ graph });
    const run = await engine.start(targets(['a']), 'row').done;
    expect(run?.results.get('a')?.kind).toBe('notReprocessable');
    await until(() => engine.followedOf('a') !== undefined);
    expect(engine.followedOf('a')).toMatchObject({ verdict: 'delivered', final: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(graph.gets.get('a')).toBe(1);
  });

  it('does not read while a run is sending', async () => {
    const graph = new FakeGraph(ids(41));
    const { engine } = setup({ graph, concurrency: 1 });
    await engine.start(targets(['r41']), 'row').done;
    const hold = gate();
    graph.callFaults.push({ kind: 'hold', until: hold.promise });
    const run = engine.start(targets(ids(40)), 'bulk');
    await new Promise((r) => setTimeout(r, 60));
    expect(graph.gets.get('r41') ?? 0).toBe(0);
    hold.open();
    await run.done;
    await until(() => (graph.gets.get('r41') ?? 0) > 0);
  });
});
