import type { Page } from '@playwright/test';
import { failedRequestSeed, type Fault, type LogEntry } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import type { QueuePage } from './pages/queue-page';

// A fault soak: 1,000 reprocess intents, every one a real action in the dashboard (240 row
// buttons, 20 details drawers, 40 ids pasted into "Reprocess by request id", and one bulk run of
// 700), while Graph throttles 10% of reprocess calls, is unavailable for 5%, drops the connection
// of 2% (half of them after applying the call) and answers every call with jitter. Afterwards:
// - Graph's log: no request was POSTed again once a POST of it had been applied with 202;
// - the activity record (its JSON export, as an auditor takes it): every call Graph saw for a
//   request is one entry's send, and every entry that says it was sent is a call Graph saw, with
//   the answer Graph gave; every request ends with a definite outcome, or "outcome unknown" with
//   what its state check found;
// - no unhandled rejection, no error in the page or its console (the fixture fails on those).

const ROWS = 240;
const DRAWERS = 20;
const BY_ID = 40;
const SINGLES = ROWS + DRAWERS + BY_ID;
const BULK = 700;

/**
 * The shares of reprocess calls (single POSTs and $batch steps alike). The emulator draws
 * each fault in turn and the first that hits decides the call, so each share is given as a share
 * of the calls the faults before it left alone: the marginal shares are then exactly these.
 */
const FAULTS: readonly (Omit<Fault, 'path' | 'share'> & { of: number })[] = [
  { kind: 'status', status: 429, retryAfter: 1, of: 0.1 },
  { kind: 'status', status: 503, of: 0.05 },
  { kind: 'drop', of: 0.01 },
  { kind: 'drop', after: 'apply', of: 0.01 },
];
const JITTER_MS = 150;

async function injectFaults(): Promise<void> {
  // Every Graph call (reads, batches, steps) is answered 0-150 ms later than it would be.
  await emulator.fault({ path: '/', kind: 'latency', jitterMs: JITTER_MS });
  let left = 1;
  for (const { of, ...fault } of FAULTS) {
    await emulator.fault({ ...fault, path: '/reprocess$', method: 'POST', share: of / left });
    left -= of;
  }
}

interface Call {
  seq: number;
  clientRequestId: string;
  /** The answer's status (a batch step's own); 0 when none was computed. */
  status: number;
  /** The connection was dropped: the browser got no answer. */
  lost: boolean;
  /** Graph applied it with 202 (the answer may have been lost). */
  applied: boolean;
}

const idOf = (url: string): string | undefined =>
  /\/([^/?]+)\/reprocess$/.exec(new URL(url, 'https://graph.invalid').pathname)?.[1]?.toLowerCase();

/** Every reprocess call Graph received, per request id, in order: single POSTs and $batch steps. */
function callsById(log: readonly LogEntry[]): Map<string, Call[]> {
  const out = new Map<string, Call[]>();
  const add = (id: string | undefined, call: Call) => {
    if (id) out.set(id, [...(out.get(id) ?? []), call]);
  };
  for (const e of [...log].sort((a, b) => a.seq - b.seq)) {
    if (e.method !== 'POST') continue;
    const base = { seq: e.seq, clientRequestId: e.clientRequestId ?? '', lost: e.dropped !== undefined };
    add(idOf(e.path), {
      ...base,
      status: e.status,
      applied: e.status === 202 || e.appliedStatus === 202,
    });
    for (const s of e.steps ?? []) {
      if (s.method !== 'POST') continue;
      add(idOf(s.url), { ...base, status: s.status, applied: s.status === 202 });
    }
  }
  return out;
}

interface ExportedEntry {
  id: string;
  time: string;
  requestId: string;
  source: string;
  bulkRunId?: string;
  outcome: string;
  httpStatus?: number;
  graphErrorCode?: string;
  clientRequestId?: string;
  message?: string;
}

/** Graph's answers to a call that one send absorbs before trying again: "later, please". */
const RETRIED = new Set([429, 503]);

/**
 * Pairs one request's record entries (oldest first) with the calls Graph saw for it. A send is
 * one entry; its call may have been tried again after a 429 or 503 (a single call keeps its
 * client-request-id; a batch step travels in a new batch). Returns what does not pair up.
 */
function unpaired(entries: readonly ExportedEntry[], calls: readonly Call[]): string[] {
  const problems: string[] = [];
  let i = 0;
  for (const entry of entries) {
    if (entry.outcome === 'failed') {
      // Written, then not sent (the run paused first): it must say so, and no call carries it.
      if (entry.clientRequestId) problems.push(`not-sent entry ${entry.id} names a call`);
      continue;
    }
    if (!entry.clientRequestId) {
      problems.push(`entry ${entry.id} (${entry.outcome}) names no call`);
      continue;
    }
    while (i < calls.length && calls[i]!.clientRequestId !== entry.clientRequestId) {
      const call = calls[i]!;
      if (call.lost || !RETRIED.has(call.status))
        problems.push(`call #${call.seq} (${call.status || 'dropped'}) has no entry`);
      i++;
    }
    let last: Call | undefined;
    while (i < calls.length && calls[i]!.clientRequestId === entry.clientRequestId) last = calls[i++];
    if (!last) {
      problems.push(`entry ${entry.id} (${entry.outcome}) has no call`);
      continue;
    }
    const agrees =
      entry.outcome === 'network'
        ? last.lost
        : !last.lost &&
          (entry.outcome === 'accepted' ? last.status === 202 : entry.httpStatus === last.status);
    if (!agrees) {
      problems.push(
        `entry ${entry.id} says ${entry.outcome} ${entry.httpStatus ?? ''}, Graph answered call #${last.seq} ${last.lost ? 'with nothing' : last.status}`,
      );
    }
  }
  for (const call of calls.slice(i))
    problems.push(`call #${call.seq} (${call.status || 'dropped'}) has no entry`);
  return problems;
}

/**
 * What is wrong, per request: a POST after an applied one; record entries and Graph's calls that
 * do not pair up; a last word that is neither definite nor "unknown" with its state check; a
 * record that disagrees with Graph on whether it landed.
 */
function verdict(
  ids: readonly string[],
  calls: ReadonlyMap<string, Call[]>,
  byRequest: ReadonlyMap<string, ExportedEntry[]>,
): string[] {
  const problems: string[] = [];
  for (const id of ids) {
    const mine = calls.get(id) ?? [];
    // No request POSTed again after Graph applied one of its POSTs with 202.
    const applied = mine.findIndex((c) => c.applied);
    if (applied >= 0 && applied < mine.length - 1) {
      problems.push(
        `${id}: POSTed again after #${mine[applied]!.seq} was applied: #${mine[applied + 1]!.seq}`,
      );
    }
    // No record lost or duplicated: the record's sends and Graph's calls pair up one to one.
    const sends = byRequest.get(id) ?? [];
    problems.push(...unpaired(sends, mine).map((p) => `${id}: ${p}`));
    // One final word: definite, or "outcome unknown" with what its state check found.
    const newest = sends.at(-1);
    const definite = ['accepted', 'gone', 'refused', 'denied'].includes(newest?.outcome ?? '');
    const notTaken = newest?.outcome === 'unavailable' && RETRIED.has(newest.httpStatus ?? 0);
    const checked =
      (newest?.outcome === 'network' || newest?.outcome === 'unavailable') &&
      /checked: /.test(newest.message ?? '');
    if (!definite && !notTaken && !checked) {
      problems.push(`${id}: ends ${newest?.outcome ?? 'with no entry'} ${newest?.message ?? ''}`);
    }
    // The record and Graph agree on what landed.
    if (newest?.outcome === 'accepted' && applied < 0)
      problems.push(`${id}: recorded accepted, never applied`);
    if (
      applied >= 0 &&
      newest?.outcome !== 'accepted' &&
      !/checked: now Delivering/.test(newest?.message ?? '')
    ) {
      problems.push(
        `${id}: applied by Graph, recorded ${newest?.outcome ?? 'nothing'} ${newest?.message ?? ''}`,
      );
    }
  }
  return problems;
}

const BUSY = /Queued…|Sending…|Checking its state…|Paused: not sent yet/;
const FINAL =
  /Accepted: delivery is being retried|No answer: outcome unknown|Throttled: not accepted|Graph unavailable: not accepted/;

/** Scrolls the list once through: how many rows still read as in flight, and how many have no outcome. */
async function rowStates(queue: QueuePage): Promise<{ rows: number; busy: number; undecided: number }> {
  const texts = new Map<string, string>();
  await queue.visitRows(async () => {
    const seen = await queue.table
      .locator('[data-request-id]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-request-id') ?? '', r.textContent ?? '']));
    for (const [id, text] of seen) texts.set(id!, text!);
  });
  const all = [...texts.values()];
  return {
    rows: all.length,
    busy: all.filter((t) => BUSY.test(t)).length,
    undecided: all.filter((t) => !FINAL.test(t)).length,
  };
}

async function watchRejections(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { unhandledRejections: string[] }).unhandledRejections = seen;
    window.addEventListener('unhandledrejection', (e) => seen.push(String(e.reason)));
  });
  return () =>
    page.evaluate(() => (window as unknown as { unhandledRejections: string[] }).unhandledRejections);
}

// A thousand actions: the trace keeps each action and the network, not a DOM snapshot per action
// (those would take most of the run's time).
test.use({ trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false } });

test('fault soak: 1,000 reprocess intents under throttling, outages, dropped connections and jitter', async ({
  page,
  signIn,
}) => {
  test.setTimeout(360_000);
  const row = (kind: string, i: number) =>
    failedRequestSeed(`${kind} ${String(i).padStart(4, '0')}`, i, {
      idPrefix: '6',
      packageId: 'c0c0c0c0-0000-4000-8000-00000000c0c1',
      packageName: 'Soak package',
    });
  const plan = [
    ...Array.from({ length: ROWS }, () => 'Single rowpress'),
    ...Array.from({ length: DRAWERS }, () => 'Single drawer'),
    ...Array.from({ length: BY_ID }, () => 'Single byid'),
    ...Array.from({ length: BULK }, () => 'Bulkrun'),
  ];
  const seeded = (await emulator.seed({
    failed: 0,
    total: 0,
    requests: plan.map((kind, i) => row(kind, i)),
  })) as { added: string[] };
  expect(seeded.added).toHaveLength(SINGLES + BULK);
  const ids = seeded.added.map((id) => id.toLowerCase());
  const expectedSource = new Map(
    ids.map((id, i) => [
      id,
      i < ROWS ? 'row' : i < ROWS + DRAWERS ? 'drawer' : i < SINGLES ? 'by-id' : 'bulk',
    ]),
  );
  const rowIds = new Set(ids.slice(0, ROWS));
  const drawerIds = new Set(ids.slice(ROWS, ROWS + DRAWERS));
  const byIdIds = ids.slice(ROWS + DRAWERS, SINGLES);
  // Graph takes minutes to deliver an access package: accepted requests stay "delivering" for the
  // whole soak, so a state check always tells one that landed from one that did not.
  await emulator.settings({ deliveryDelayMs: 600_000 });
  const rejections = await watchRejections(page);

  const queue = await signIn(USERS.agent);
  await queue.waitForAllLoaded(SINGLES + BULK);
  await injectFaults();
  await emulator.clearLog();
  const started = Date.now();

  // The bulk run first: the button waits while any run is going.
  await queue.search.fill('Bulkrun');
  await expect(queue.count).toHaveText(
    `${BULK} of ${(SINGLES + BULK).toLocaleString('en-US')} failed requests`,
  );
  await queue.selectAllMatching();
  await page.getByRole('button', { name: `Reprocess selected (${BULK})` }).click();
  await page.getByRole('button', { name: `Reprocess ${BULK} requests` }).click();
  const bulk = page.getByRole('region', { name: 'Bulk reprocess' });

  // While it runs: 240 rows, worked down the list with the keyboard (toasts pile up over the
  // buttons' corner of the screen).
  await queue.search.fill('Single rowpress');
  await expect(queue.count).toHaveText(
    `${ROWS} of ${(SINGLES + BULK).toLocaleString('en-US')} failed requests`,
  );
  const pressed = new Set<string>();
  await queue.visitRows(async (rendered) => {
    for (const id of rendered) {
      if (!rowIds.has(id) || pressed.has(id)) continue;
      pressed.add(id);
      await queue.reprocessButton(id).press('Enter');
    }
  });
  expect(pressed.size).toBe(ROWS);

  // 20 from the details drawer.
  await queue.search.fill('Single drawer');
  await expect(queue.count).toHaveText(
    `${DRAWERS} of ${(SINGLES + BULK).toLocaleString('en-US')} failed requests`,
  );
  const drawer = page.getByRole('dialog');
  const opened = new Set<string>();
  await queue.visitRows(async (rendered) => {
    for (const id of rendered) {
      if (!drawerIds.has(id) || opened.has(id)) continue;
      opened.add(id);
      await queue.detailsButton(id).press('Enter');
      await expect(drawer).toContainText(id);
      await drawer.getByRole('button', { name: 'Reprocess', exact: true }).press('Enter');
      await drawer.getByRole('button', { name: 'Close details' }).press('Enter');
      await expect(drawer).toBeHidden();
    }
  });
  expect(opened.size).toBe(DRAWERS);

  // The bulk run ends with its summary. Then 40 ids pasted from tickets, one after another: the
  // form takes the next once the last is done. (The summary stays while they are sent.)
  await expect(bulk.getByText(/^Bulk reprocess finished$/)).toBeVisible({ timeout: 120_000 });
  const byId = queue.byId();
  await byId.openFromKeyboard();
  for (const id of byIdIds) {
    await byId.field.fill(id);
    // While the last one is on its way the button waits (disabled); then it takes this one.
    await expect(byId.submit).toBeEnabled({ timeout: 30_000 });
    await byId.field.press('Enter');
  }
  await byId.close.press('Enter');

  // Every single ends with an outcome on its row; the bulk run's summary is still there.
  await queue.search.fill('Single');
  await expect(queue.count).toHaveText(
    `${SINGLES} of ${(SINGLES + BULK).toLocaleString('en-US')} failed requests`,
  );
  await expect
    .poll(() => rowStates(queue), { timeout: 120_000, intervals: [1_000] })
    .toEqual({ rows: SINGLES, busy: 0, undecided: 0 });
  await expect(bulk.getByText(/^Bulk reprocess finished$/)).toBeVisible({ timeout: 120_000 });
  const soakSeconds = (Date.now() - started) / 1000;
  await bulk.getByRole('button', { name: 'View results' }).click();
  const results = page.getByRole('dialog', { name: 'Bulk reprocess results' });
  await expect(results).toContainText(`${BULK} requests: `);
  await expect(results).not.toContainText(/not sent|cancelled|Queued or sending|Waiting/i);
  await results.getByRole('button', { name: 'Close' }).click();
  await emulator.clearFaults();
  const log = await emulator.log();

  // What the record holds, as the Activity page exports it.
  const activity = new ActivityPage(page);
  await activity.open();
  await expect(activity.count).toHaveText(/^[\d,]+ actions$/, { timeout: 15_000 });
  await expect(page.getByText('Sending…', { exact: true })).toHaveCount(0);
  const exported = JSON.parse((await activity.export('JSON')).text) as {
    count: number;
    entries: ExportedEntry[];
  };
  await expect(activity.count).toHaveText(`${exported.count.toLocaleString('en-US')} actions`);
  const entries = exported.entries;
  expect(entries).toHaveLength(exported.count);

  // Each request is in the record, from the path it was reprocessed from; the bulk as one run.
  const byRequest = new Map<string, ExportedEntry[]>();
  // The export lists newest first: oldest first here, the order they were written in.
  for (const e of [...entries].reverse()) {
    const id = e.requestId.toLowerCase();
    byRequest.set(id, [...(byRequest.get(id) ?? []), e]);
  }
  expect(new Set(byRequest.keys())).toEqual(new Set(ids));
  const wrongSource = entries.filter((e) => e.source !== expectedSource.get(e.requestId.toLowerCase()));
  expect(wrongSource).toEqual([]);
  expect(new Set(entries.filter((e) => e.source === 'bulk').map((e) => e.bulkRunId)).size).toBe(1);

  const calls = callsById(log);
  expect(verdict(ids, calls, byRequest)).toEqual([]);

  // The faults did bite, in every form, and most requests still went through.
  const all = [...calls.values()].flat();
  const allLog = log.filter((e) => e.method === 'POST');
  expect(all.filter((c) => c.status === 429).length).toBeGreaterThan(0);
  expect(all.filter((c) => c.status === 503).length).toBeGreaterThan(0);
  expect(allLog.filter((e) => e.dropped === 'beforeApply').length).toBeGreaterThan(0);
  expect(allLog.filter((e) => e.dropped === 'afterApply').length).toBeGreaterThan(0);
  expect(entries.filter((e) => e.outcome === 'network').length).toBeGreaterThan(0);
  // Nearly every request landed (a few may have stayed throttled or unavailable through every retry).
  const landed = ids.filter((id) => calls.get(id)?.some((c) => c.applied)).length;
  expect(landed).toBeGreaterThan(0.98 * (SINGLES + BULK));

  expect(await rejections()).toEqual([]);
  test.info().annotations.push({
    type: 'soak',
    description: `${SINGLES + BULK} intents in ${soakSeconds.toFixed(1)} s; ${landed} landed; ${entries.length} record entries (${entries.filter((e) => e.outcome === 'network').length} no answer); ${allLog.length} POSTs to Graph (${allLog.filter((e) => e.dropped).length} dropped)`,
  });
});
