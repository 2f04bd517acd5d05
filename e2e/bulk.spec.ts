import type { Locator, Page } from '@playwright/test';
import type { CanonicalRequest, LogEntry } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';

const DAY = 86_400_000;
/** Step URLs are relative to the version: no `/v1.0` or `/beta` in front. */
const COLLECTION_PATH = {
  'v1.0': '/identityGovernance/entitlementManagement/assignmentRequests',
  beta: '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests',
} as const;

/** The bulk panel and its dialogs, found by role and label. */
function bulk(page: Page) {
  const results = page.getByRole('dialog', { name: 'Bulk reprocess results' });
  return {
    start: (n: number) => page.getByRole('button', { name: `Reprocess selected (${n})` }),
    confirm: (n: number) => page.getByRole('dialog', { name: `Reprocess ${n} selected requests?` }),
    progress: (n: number) => page.getByRole('progressbar', { name: `Reprocessing ${n} requests` }),
    progressText: page.getByText(/^Sent \d+ of \d+ · answered \d+/),
    panel: page.getByRole('region', { name: 'Bulk reprocess' }),
    cancel: page.getByRole('region', { name: 'Bulk reprocess' }).getByRole('button', { name: 'Cancel' }),
    viewResults: page.getByRole('button', { name: 'View results' }),
    results,
    resultsTable: results.getByRole('table', { name: 'Bulk reprocess results' }),
    resultRow: (id: string): Locator =>
      results.getByRole('table', { name: 'Bulk reprocess results' }).getByRole('row').filter({ hasText: id }),
    show: results.getByRole('combobox', { name: 'Show' }),
  };
}

type LoggedStep = NonNullable<LogEntry['steps']>[number] & { headers?: Record<string, string> };

async function batchCalls(version: string): Promise<(LogEntry & { steps: LoggedStep[] })[]> {
  return (await emulator.log()).filter(
    (e): e is LogEntry & { steps: LoggedStep[] } =>
      e.method === 'POST' &&
      e.path === `/${version}/$batch` &&
      Array.isArray(e.steps) &&
      // Reprocess batches; the reads that follow what was accepted are batched GETs.
      e.steps.some((s) => s.method === 'POST'),
  );
}

/** The item at `i`; the seeds used here are large enough, so a miss is a broken test setup. */
function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`expected at least ${i + 1} items`);
  return item;
}

/** A tenant of exactly these rows, completed `daysAgo` days ago each (the rest 2 days ago). */
function withCompletion(rows: CanonicalRequest[], old: ReadonlySet<string>): CanonicalRequest[] {
  return rows.map((r) => ({
    ...r,
    completedDateTime: new Date(Date.now() - (old.has(r.id) ? 20 : 2) * DAY).toISOString(),
  }));
}

/** What the results view must say about each request of the first journey. */
function expectedOutcomes(
  tenant: readonly CanonicalRequest[],
  ids: { old: ReadonlySet<string>; gone: string; down: string; throttled: string },
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of tenant) {
    if (ids.old.has(r.id)) out.set(r.id, ['Not reprocessable', '400 Bad Request', 'ReprocessWindowExpired']);
    else if (r.id === ids.gone) out.set(r.id, ['Not found', '404 Not Found']);
    else if (r.id === ids.down) out.set(r.id, ['Unavailable', '503 Service Unavailable']);
    else if (r.id === ids.throttled) out.set(r.id, ['Accepted', '202 Accepted']);
    else out.set(r.id, ['Accepted', '202 Accepted']);
  }
  return out;
}

test.describe('Bulk reprocess', () => {
  test('30 selected requests go out in batches of at most 20, each ending with its own outcome', async ({
    page,
    signIn,
    graphApiVersion,
  }, testInfo) => {
    // Thirty failed requests: three outside the 14-day window, the rest inside.
    await emulator.seed({ failed: 30, total: 30, seed: 7 });
    const generated = await emulator.requests();
    expect(generated).toHaveLength(30);
    const old = new Set([0, 1, 2].map((i) => at(generated, i).id));
    const throttled = at(generated, 3);
    const down = at(generated, 4);
    const gone = at(generated, 5);
    const tenant = withCompletion(generated, old);
    await emulator.seed({ failed: 0, total: 0, requests: tenant });
    // Deliveries stay pending for the whole journey, so the only toasts are the run's own.
    await emulator.settings({ deliveryDelayMs: 120_000 });

    const queue = await signIn(USERS.agent);
    // The default view leaves out the three outside the window; the agent asks for all of them.
    await queue.waitForAllLoaded(27);
    await queue.chooseFilter('Reprocess window', 'Any, including outside the window');
    await queue.waitForAllLoaded(30);
    const ui = bulk(page);

    // The tenant changes under the agent's feet: one request is removed after the list loaded.
    await emulator.seed({ failed: 0, total: 0, requests: tenant.filter((r) => r.id !== gone.id) });
    // One step throttled once (Retry-After 1 s inside the batch answer), one persistently unavailable.
    await emulator.fault({
      path: `${throttled.id}/reprocess$`,
      kind: 'status',
      status: 429,
      retryAfter: 1,
      count: 1,
    });
    await emulator.fault({ path: `${down.id}/reprocess$`, kind: 'status', status: 503 });
    // Slow batches, so the progress can be seen.
    await emulator.fault({ path: '/\\$batch$', kind: 'latency', latencyMs: 800 });
    await emulator.clearLog();

    await queue.selectAllMatching();
    await ui.start(30).click();
    const confirm = ui.confirm(30);
    await expect(confirm).toBeVisible();
    const ineligible = confirm.getByRole('list', { name: 'Requests that look ineligible' });
    await expect(ineligible.getByRole('listitem')).toHaveCount(3);
    await expect(ineligible).toContainText('Outside the 14-day reprocess window');
    const leaveOut = confirm.getByRole('checkbox', { name: 'Leave out 3 requests that look ineligible' });
    await expect(leaveOut).toBeChecked();
    await expect(confirm.getByRole('button', { name: 'Reprocess 27 requests' })).toBeEnabled();
    // What will be sent, by access package and state; the list adds up to what is sent.
    const summary = confirm.getByRole('list', { name: 'What will be sent' });
    await expect(summary.getByRole('listitem').first()).toContainText(
      /: \d+ \((Delivery failed|Partially delivered) \d+/,
    );
    const summed = (await summary.getByRole('listitem').allTextContents())
      .map((t) => Number(/: (\d+)/.exec(t)?.[1] ?? NaN))
      .reduce((a, b) => a + b, 0);
    expect(summed).toBe(27);
    await page.screenshot({ path: testInfo.outputPath('bulk-confirm.png'), animations: 'disabled' });
    // The agent sends them anyway: Graph answers those 400.
    await leaveOut.uncheck();
    await confirm.getByRole('button', { name: 'Reprocess 30 requests' }).click();

    await expect(confirm).toBeHidden();
    await expect(ui.progress(30)).toBeVisible();
    await expect(ui.progressText).toBeVisible();
    // The selection was cleared when the run started; the run keeps its own list.
    await expect(queue.selectionCount).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('bulk-progress.png'), animations: 'disabled' });

    // One summary, where the run was started, and no toast repeating it (nor thirty).
    const summaryBar = ui.panel.getByText('Bulk reprocess finished');
    await expect(summaryBar).toBeVisible({ timeout: 40_000 });
    await expect(ui.panel).toContainText('25 accepted, 1 not found, 3 not reprocessable, 1 unavailable.');
    await expect(page.locator('.fui-Toast')).toHaveCount(0);

    await ui.viewResults.click();
    await expect(ui.results).toBeVisible();
    await expect(ui.resultsTable.getByRole('row')).toHaveCount(31);
    const expected = expectedOutcomes(tenant, { old, gone: gone.id, down: down.id, throttled: throttled.id });
    for (const [id, texts] of expected) {
      const row = ui.resultRow(id);
      for (const text of texts) await expect(row).toContainText(text);
      // Every answer carries a Graph request-id for support.
      await expect(row).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    }
    await page.screenshot({ path: testInfo.outputPath('bulk-results.png'), animations: 'disabled' });

    await ui.show.selectOption({ label: 'Not reprocessable (3)' });
    await expect(ui.resultsTable.getByRole('row')).toHaveCount(4);

    // What went over the wire: batches only, each of at most 20 well-formed steps.
    const batches = await batchCalls(graphApiVersion);
    const path = COLLECTION_PATH[graphApiVersion];
    expect((await emulator.log()).filter((e) => e.path.endsWith('/reprocess'))).toHaveLength(0);
    for (const b of batches) {
      expect(b.status).toBe(200);
      expect(b.steps.length).toBeGreaterThan(0);
      expect(b.steps.length).toBeLessThanOrEqual(20);
      expect(b.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
      for (const step of b.steps) {
        expect(step.method).toBe('POST');
        expect(step.url).toMatch(new RegExp(`^${path}/[0-9a-f-]{36}/reprocess$`));
        expect(step.hasBody).toBe(true);
        expect(step.headers?.['Content-Type']).toBe('application/json');
      }
    }
    // ceil(30/20) = 2 batches for the first round; then only the throttled and unavailable steps again.
    const firstRound = batches.slice(0, 2).flatMap((b) => b.steps);
    expect(firstRound).toHaveLength(30);
    expect(new Set(firstRound.map((s) => s.url)).size).toBe(30);
    const retried = batches.slice(2).flatMap((b) => b.steps.map((s) => s.url));
    expect(retried.filter((u) => u.includes(throttled.id))).toHaveLength(1);
    expect(retried.filter((u) => u.includes(down.id))).toHaveLength(3);
    expect(retried).toHaveLength(4);

    // Graph recovers: "Retry" sends again only the one Graph did not take (not the refused ones).
    await emulator.clearFaults();
    await emulator.clearLog();
    await ui.results.getByRole('button', { name: 'Retry the ones not decided (1)' }).click();
    await expect(ui.resultRow(down.id)).toContainText('202 Accepted', { timeout: 20_000 });
    await expect(ui.results.getByRole('button', { name: 'Retry the ones not decided (0)' })).toBeDisabled();
    const resent = (await batchCalls(graphApiVersion)).flatMap((b) => b.steps.map((st) => st.url));
    expect(resent).toEqual([expect.stringContaining(down.id)]);
    await ui.results.getByRole('button', { name: 'Close' }).click();
    await expect(ui.results).toBeHidden();
  });

  test('Cancel sends nothing more: batches in flight finish, the rest are not sent', async ({
    page,
    signIn,
    graphApiVersion,
  }, testInfo) => {
    await emulator.seed({ failed: 400, total: 400, seed: 11 });
    const rows = await emulator.requests();
    await emulator.seed({ failed: 0, total: 0, requests: withCompletion(rows, new Set()) });
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(400);
    const ui = bulk(page);
    // Slow batches: the first round (20 batches go out as two rounds of ten) is still in flight
    // when the agent cancels (with room to spare on a busy machine).
    await emulator.fault({ path: '/\\$batch$', kind: 'latency', latencyMs: 10_000 });
    await emulator.clearLog();

    await queue.selectAllMatching();
    await ui.start(400).click();
    await ui.confirm(400).getByRole('button', { name: 'Reprocess 400 requests' }).click();
    // Several batches (the run's concurrency) are out, and not all of them.
    await expect(page.getByText(/^Sent (1[2-9]\d|[23]\d\d) of 400 · answered 0$/)).toBeVisible();
    await ui.cancel.click();
    await expect(page.getByText(/cancelled: nothing more is sent/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('bulk-cancelling.png'), animations: 'disabled' });

    await expect(ui.panel.getByText('Bulk reprocess cancelled')).toBeVisible({ timeout: 30_000 });
    // Exactly what was sent before the cancel reached Graph, and nothing after.
    const batches = await batchCalls(graphApiVersion);
    const sent = new Set(batches.flatMap((b) => b.steps.map((s) => s.url.split('/').at(-2))));
    expect(sent.size % 20).toBe(0);
    expect(sent.size).toBeGreaterThanOrEqual(120);
    expect(sent.size).toBeLessThan(400);
    expect(batches).toHaveLength(sent.size / 20);
    const cancelled = 400 - sent.size;
    await expect(ui.panel).toContainText(`${sent.size} accepted, ${cancelled} cancelled.`);

    await ui.viewResults.click();
    await ui.show.selectOption({ label: `Cancelled (${cancelled})` });
    await expect(ui.resultsTable.getByRole('row')).toHaveCount(cancelled + 1);
    for (const r of rows.filter((x) => !sent.has(x.id)).slice(0, 20)) {
      await expect(ui.resultRow(r.id)).toContainText('Cancelled');
    }
    await ui.show.selectOption({ label: `Accepted (${sent.size})` });
    await expect(ui.resultsTable.getByRole('row')).toHaveCount(sent.size + 1);
    await page.screenshot({
      path: testInfo.outputPath('bulk-cancelled-results.png'),
      animations: 'disabled',
    });
  });

  test('the results lead with what the deliveries became, and point to the ones that failed again', async ({
    page,
    signIn,
    graphApiVersion,
  }) => {
    await emulator.seed({ failed: 6, total: 6, seed: 31 });
    const seeded = withCompletion(await emulator.requests(), new Set());
    const failing = new Set(seeded.slice(0, 2).map((r) => r.id));
    await emulator.seed({
      failed: 0,
      total: 0,
      requests: seeded.map((r) => ({ ...r, reprocessOutcome: failing.has(r.id) ? 'failed' : 'delivered' })),
    });
    await emulator.settings({ deliveryDelayMs: 1_000, deliveryOutcome: 'asSeeded' });
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(6);
    await queue.selectAllMatching();
    const ui = bulk(page);
    await ui.start(6).click();
    await ui.confirm(6).getByRole('button', { name: 'Reprocess 6 requests' }).click();
    await ui.viewResults.click();
    // Followed after the 202s: read again (batched) until each delivery has a result.
    await expect(ui.results.getByRole('status')).toHaveText(
      'Delivered 4 · failed again 2 · still delivering 0',
      {
        timeout: 30_000,
      },
    );
    await expect(ui.results).toContainText('6 requests: 6 accepted.');
    // One batch call carried them: its request-id is given once, not on every row.
    await expect(ui.results).toContainText('Accepted in 1 batch call');
    await ui.results.getByRole('button', { name: 'Show the 2 that failed again' }).click();
    await expect(ui.resultsTable.getByRole('row')).toHaveCount(3);
    // A failed retry lands where the request was: failed, or partly delivered.
    for (const id of failing)
      await expect(ui.resultRow(id)).toContainText(/Failed again: (Delivery failed|Partially delivered)/);
    // Each was POSTed once; the reads were GETs in $batch.
    const posts = (await batchCalls(graphApiVersion)).flatMap((b) => b.steps);
    expect(posts).toHaveLength(6);
    const reads = (await emulator.log()).filter(
      (e) => e.path.endsWith('/$batch') && e.steps?.every((st) => st.method === 'GET'),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(r.steps!.length).toBeLessThanOrEqual(20);
  });

  test('a read-only user has nothing to select and no bulk controls', async ({ page, signIn }) => {
    const queue = await signIn(USERS.auditor);
    const first = at(await emulator.requests('deliveryFailed'), 0);
    await queue.showRow(first.id);
    await expect(page.getByText('Read-only access')).toBeVisible();
    await expect(queue.rowCheckbox(first.id)).toHaveCount(0);
    await expect(queue.selectInView).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Reprocess selected/ })).toHaveCount(0);
    await expect(bulk(page).panel).toHaveCount(0);
  });
});
