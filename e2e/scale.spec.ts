import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';

// A helpdesk at scale: 10,000 failed requests. The grid keeps only the rows near the scroll
// position in the DOM, tells assistive technology the whole size, and search stays quick.
const FAILED = 10_000;
/** A count as the dashboard writes it in English ("10,000"). */
const n = (count: number) => count.toLocaleString('en-US');
/** "At most a few dozen rows": what fits the viewport plus a small overscan, well under this. */
const MAX_ROWS_IN_DOM = 100;

async function failedRequests(): Promise<CanonicalRequest[]> {
  return [...(await emulator.requests('deliveryFailed')), ...(await emulator.requests('partiallyDelivered'))];
}

/** The same folding the app applies to a search: lower case, no accents. */
const fold = (text: string | undefined) =>
  (text ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The `$filter` of a logged call, however the log holds its query. */
const filterOf = (q: string | Record<string, string>) =>
  typeof q === 'string' ? (new URLSearchParams(q).get('$filter') ?? '') : (q.$filter ?? '');

test.describe('Scale', () => {
  test.setTimeout(180_000);

  test('10,000 failed requests: rows stream in, the DOM stays small, the grid tells its whole size', async ({
    page,
    signIn,
  }, testInfo) => {
    await emulator.seed({ failed: FAILED });
    // Slow pages make the stream visible: rows must be usable before the last page arrives.
    await emulator.fault({ path: 'ssignmentRequests$', method: 'GET', kind: 'latency', latencyMs: 150 });
    const queue = await signIn(USERS.agent);

    await expect(queue.count).toHaveText(/^[\d,]+ failed requests loaded so far, loading more…$/, {
      timeout: 30_000,
    });
    const firstRow = queue.bodyRows().first();
    await expect(firstRow).toBeVisible();
    await expect(firstRow.getByRole('button', { name: /^Reprocess request / })).toBeEnabled();
    await expect(queue.count).toContainText('loading more…');
    // Every request, those outside the window too (the default view leaves them out).
    await queue.chooseFilter('Reprocess window', 'Any, including outside the window');

    await queue.waitForAllLoaded(FAILED);
    await emulator.clearFaults();
    await expect(queue.table).toHaveAttribute('aria-rowcount', String(FAILED + 1));
    await page.screenshot({ path: testInfo.outputPath('scale-top.png'), animations: 'disabled' });

    const rowsInDom = () => queue.bodyRows().count();
    expect(await rowsInDom()).toBeGreaterThan(5);
    expect(await rowsInDom()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
    await expect(queue.bodyRows().first()).toHaveAttribute('aria-rowindex', '2');

    // The middle.
    const height = await queue.table.evaluate((el) => el.scrollHeight);
    await queue.scrollTo(height / 2);
    await expect(queue.bodyRows().first()).not.toHaveAttribute('aria-rowindex', '2');
    const middle = Number(await queue.bodyRows().first().getAttribute('aria-rowindex'));
    expect(middle).toBeGreaterThan(4_000);
    expect(middle).toBeLessThan(6_000);
    expect(await rowsInDom()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

    // The end: the last row is row 10,001 (the header is row 1).
    await queue.scrollTo(Infinity);
    await expect(queue.bodyRows().last()).toHaveAttribute('aria-rowindex', String(FAILED + 1));
    await expect(queue.bodyRows().last()).toBeInViewport();
    expect(await rowsInDom()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
    // The header stays in view over the scrolled rows.
    await expect(queue.columnHeader('Requestor')).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('scale-end.png'), animations: 'disabled' });
  });

  test('search and select all at 10,000 rows', async ({ page, signIn }, testInfo) => {
    await emulator.seed({ failed: FAILED });
    const failed = await failedRequests();
    expect(failed).toHaveLength(FAILED);
    const queue = await signIn(USERS.agent);
    await queue.chooseFilter('Reprocess window', 'Any, including outside the window');
    await queue.waitForAllLoaded(FAILED);

    // One request, by its id, as pasted from a ticket.
    const target = failed[Math.floor(FAILED * 0.73)]!;
    await queue.search.fill(target.id.toUpperCase());
    await expect(queue.count).toHaveText(`1 of ${n(FAILED)} failed requests`);
    await expect(queue.bodyRows()).toHaveCount(1);
    await expect(queue.reprocessButton(target.id)).toBeVisible();
    await expect(queue.table).toHaveAttribute('aria-rowcount', '2');

    // A surname typed letter by letter: every keystroke narrows, the box keeps up.
    const expected = failed.filter((r) => fold(r.requestor?.displayName).includes("o'brien")).length;
    expect(expected).toBeGreaterThan(0);
    await queue.search.fill('');
    await queue.waitForAllLoaded(FAILED);
    const started = Date.now();
    await queue.search.pressSequentially("O'Brien");
    await expect(queue.search).toHaveValue("O'Brien");
    await expect(queue.count).toHaveText(`${n(expected)} of ${n(FAILED)} failed requests`);
    // Generous on purpose (slow CI machines): it catches a grid that re-renders every row per keystroke.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await queue.bodyRows().count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
    for (const row of await queue.bodyRows().all()) await expect(row).toContainText("O'Brien");
    await page.screenshot({ path: testInfo.outputPath('scale-search.png'), animations: 'disabled' });

    // The header checkbox takes the rows in view; then every row the filter matches, far more
    // than are in the DOM, is one click away.
    await queue.selectInView.check();
    await expect(queue.selectionCount).toHaveText(/^\d+ selected$/);
    const inView = Number((await queue.selectionCount.textContent())?.split(' ')[0]);
    expect(inView).toBeGreaterThan(3);
    expect(inView).toBeLessThan(20);
    await page.getByRole('button', { name: `Select all ${expected} matching` }).click();
    await expect(queue.selectionCount).toHaveText(`All ${expected} matching selected`);
    await queue.search.fill('');
    await expect(queue.selectionCount).toHaveText(`${expected} selected`);
    await queue.selectInView.check();
    await page.getByRole('button', { name: `Select all ${n(FAILED)} matching` }).click();
    await expect(queue.selectionCount).toHaveText(`All ${n(FAILED)} matching selected`);
    await queue.search.fill(target.id);
    await expect(queue.selectionCount).toHaveText(
      `${n(FAILED)} selected (${n(FAILED - 1)} hidden by the filter)`,
    );
  });

  test('the list loads in createdDateTime partitions, each request once, and falls back to one chain when Graph refuses them', async ({
    page,
    signIn,
  }) => {
    const TOTAL = 900;
    await emulator.seed({ failed: TOTAL });
    // Pages of 20: each state's list is a chain of many pages, so it is worth cutting.
    await emulator.settings({ pageSize: 20 });
    await emulator.clearLog();
    const queue = await signIn(USERS.agent);
    await queue.chooseFilter('Reprocess window', 'Any, including outside the window');
    await queue.waitForAllLoaded(TOTAL);
    await expect(queue.table).toHaveAttribute('aria-rowcount', String(TOTAL + 1));

    const lists = (await emulator.log()).filter(
      (e) => e.method === 'GET' && /ssignmentRequests$/.test(e.path),
    );
    const filters = lists.map((e) => filterOf(e.query));
    // The first call per state has no date clause (the first rows come as fast as before) ...
    expect(filters.slice(0, 2).sort()).toEqual([
      "state eq 'deliveryFailed'",
      "state eq 'partiallyDelivered'",
    ]);
    // ... the rest of each state in date ranges joined to the state filter with `and`.
    const partitioned = filters.filter((f) => / and createdDateTime (ge|lt) \S+Z/.test(f));
    expect(partitioned.length).toBeGreaterThan(8);
    expect(lists.every((e) => e.status === 200)).toBe(true);
    // Far fewer pages than one chain per state would need at this page size: no part is read twice.
    expect(lists.length).toBeLessThan(Math.ceil(TOTAL / 20) + 2 * 2 * 8 + 2);

    // A Graph that refuses the date filter: the list still comes whole, and the count says how.
    await emulator.settings({ createdDateTimeFilter: false });
    await emulator.clearLog();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(queue.count).toHaveText(
      `${TOTAL.toLocaleString('en-US')} failed requests · Graph refused loading by date ranges, so the list was read page by page (slower)`,
      { timeout: 30_000 },
    );
    await expect(queue.table).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
    const refused = (await emulator.log()).filter(
      (e) => e.method === 'GET' && /ssignmentRequests$/.test(e.path),
    );
    expect(refused.some((e) => e.status === 400)).toBe(true);
  });
});
