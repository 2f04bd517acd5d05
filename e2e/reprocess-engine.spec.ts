import type { Page } from '@playwright/test';
import type { CanonicalRequest, LogEntry } from './emulator-control';
import { emulator, expect, signInThroughPicker, test, USERS } from './fixtures';
import { QueuePage } from './pages/queue-page';

// The reprocess engine on a helpdesk's bad day: every request is sent at most once from any path
// or tab, and nothing is lost or misreported through slow batches, network loss, an expired
// session, a claims challenge or a reload.

const DAY = 86_400_000;

/** A tenant of exactly `n` failed requests, all inside the 14-day window. */
async function seedFailed(n: number, seed: number): Promise<CanonicalRequest[]> {
  await emulator.seed({ failed: n, total: n, seed });
  const rows = (await emulator.requests()).map((r) => ({
    ...r,
    completedDateTime: new Date(Date.now() - 2 * DAY).toISOString(),
  }));
  await emulator.seed({ failed: 0, total: 0, requests: rows });
  return rows;
}

const idOf = (url: string): string | undefined =>
  /\/([^/?]+)\/reprocess$/.exec(new URL(url, 'https://graph.invalid').pathname)?.[1]?.toLowerCase();

/** Reprocess POSTs Graph received, per request id: single calls and $batch steps alike. */
function postsById(log: readonly LogEntry[]): Map<string, { status: number; dropped?: string }[]> {
  const out = new Map<string, { status: number; dropped?: string }[]>();
  const add = (id: string | undefined, status: number, dropped?: string) => {
    if (!id) return;
    out.set(id, [...(out.get(id) ?? []), { status, ...(dropped ? { dropped } : {}) }]);
  };
  for (const e of log) {
    if (e.method !== 'POST') continue;
    add(idOf(e.path), e.status, e.dropped);
    for (const s of e.steps ?? []) if (s.method === 'POST') add(idOf(s.url), s.status, s.dropped);
  }
  return out;
}

function bulkUi(page: Page) {
  const region = page.getByRole('region', { name: 'Bulk reprocess' });
  return {
    region,
    start: (n: number) => page.getByRole('button', { name: `Reprocess selected (${n})` }),
    confirm: (n: number) => page.getByRole('button', { name: `Reprocess ${n} requests` }),
    finished: region.getByText(/^Bulk reprocess (finished|cancelled)$/),
  };
}

async function startBulkOfAll(page: Page, queue: QueuePage, n: number): Promise<void> {
  await queue.waitForAllLoaded(n);
  await queue.selectAllMatching();
  const ui = bulkUi(page);
  await ui.start(n).click();
  await ui.confirm(n).click();
}

test.describe('Reprocess engine', () => {
  test('during a slow bulk run, a queued request cannot be sent from its row, the drawer or by id, and each request is POSTed once', async ({
    page,
    signIn,
  }) => {
    test.setTimeout(180_000);
    // 400: twenty batches, so they go out in two rounds of ten and the second waits its turn.
    const rows = await seedFailed(400, 21);
    await emulator.settings({ deliveryDelayMs: 600_000 });
    const queue = await signIn(USERS.agent);
    // Every batch is slow: while the first ones are out, the rest wait their turn.
    await emulator.hold('/\\$batch$', 20_000);
    await emulator.clearLog();
    await startBulkOfAll(page, queue, 400);

    // A request whose turn has not come yet (the run sends in the grid's order; the end waits).
    await queue.scrollTo(Infinity);
    const queuedRow = queue.table.getByRole('row').filter({ hasText: 'In a bulk run, queued' }).last();
    await expect(queuedRow).toBeVisible();
    await expect(queue.table.getByRole('row').filter({ hasText: 'Sending…' })).toHaveCount(0);
    const last = (await queuedRow.getAttribute('data-request-id'))!;
    await queue.showRow(last);
    await expect(queue.row(last)).toContainText('In a bulk run, queued');
    const rowButton = queue.reprocessButton(last);
    await expect(rowButton).toHaveAttribute('aria-disabled', 'true');
    // A keyboard user presses it anyway: nothing is sent.
    await rowButton.press('Enter');

    // The details drawer says the same, and its button does nothing.
    await queue.detailsButton(last).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText('In a bulk run, queued');
    const drawerButton = drawer.getByRole('button', { name: 'Reprocess', exact: true });
    await expect(drawerButton).toHaveAttribute('aria-disabled', 'true');
    await drawerButton.press('Enter');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // Pasted into "Reprocess by id…": the same reason, and nothing is sent.
    const byId = queue.byId();
    await byId.fill(last);
    await expect(byId.alert('In a bulk run, queued')).toBeVisible();
    await expect(byId.submit).toHaveAttribute('aria-disabled', 'true');
    await byId.submit.press('Enter');
    await byId.close.click();

    await expect(bulkUi(page).finished).toBeVisible({ timeout: 90_000 });
    const posts = postsById(await emulator.log());
    expect(posts.size).toBe(400);
    for (const r of rows) expect(posts.get(r.id)?.map((p) => p.status)).toEqual([202]);
    // Only batches: no single POST slipped out from the row, the drawer or the by-id field.
    expect((await emulator.log()).filter((e) => e.path.endsWith('/reprocess'))).toHaveLength(0);
    // Accepted: its controls now say so instead of inviting a second send.
    await expect(queue.row(last)).toContainText('Accepted: delivery is being retried');
    await expect(queue.reprocessButton(last)).toHaveAttribute('aria-disabled', 'true');
  });

  test('two tabs of the same user: each request is POSTed once', async ({
    page,
    context,
    signIn,
    graphApiVersion,
  }) => {
    const rows = await seedFailed(100, 22);
    await emulator.settings({ deliveryDelayMs: 600_000 });
    const first = await signIn(USERS.agent);
    await first.waitForAllLoaded(100);

    // A second tab of the same browser, signed in as the same user.
    const other = await context.newPage();
    await other.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...config, graphApiVersion } });
    });
    await signInThroughPicker(other, USERS.agent);
    await expect(other.getByRole('status').filter({ hasText: '100 failed requests' })).toBeVisible();

    await emulator.hold('/\\$batch$', 8_000);
    await emulator.clearLog();
    await page.bringToFront();
    await startBulkOfAll(page, first, 100);
    await expect(bulkUi(page).region.getByText(/^Sent 100 of 100/)).toBeVisible();

    // The other tab sees them as in flight elsewhere: its controls say so and send nothing.
    await other.bringToFront();
    const target = rows.at(-1)!.id;
    const byId = new QueuePage(other).byId();
    await byId.fill(target);
    await expect(byId.alert('Being reprocessed in another tab')).toBeVisible();
    await expect(byId.submit).toHaveAttribute('aria-disabled', 'true');
    await byId.submit.press('Enter');

    await page.bringToFront();
    await expect(bulkUi(page).finished).toBeVisible({ timeout: 60_000 });
    const posts = postsById(await emulator.log());
    for (const r of rows) expect(posts.get(r.id)).toHaveLength(1);
    await other.close();
  });

  test('offline for 8 s in the middle of a 400-row run: what was never sent is "not sent", the run resumes when online, and each request ends with one definite outcome', async ({
    page,
    context,
    signIn,
  }) => {
    test.setTimeout(180_000);
    // 400: twenty batches, so they go out in two rounds of ten.
    const rows = await seedFailed(400, 23);
    await emulator.settings({ deliveryDelayMs: 600_000 });
    const queue = await signIn(USERS.agent);
    await emulator.hold('/\\$batch$', 1_500);
    await emulator.clearLog();
    await startBulkOfAll(page, queue, 400);

    const ui = bulkUi(page);
    // The first round is out (held 1.5 s each), and some requests are still waiting for theirs.
    await expect(ui.region.getByText(/^Sent ([1-9]\d*) of 400/)).toBeVisible();
    await context.setOffline(true);
    const paused = ui.region.getByText(/^Paused: offline — \d+ sent, \d+ waiting/);
    await expect(paused).toBeVisible();
    const [, sentText, waitingText] =
      /(\d+) sent, (\d+) waiting/.exec((await paused.textContent()) ?? '') ?? [];
    expect(Number(waitingText)).toBeGreaterThan(0);
    expect(Number(sentText) + Number(waitingText)).toBeLessThanOrEqual(400);
    // Nothing is sent while offline: after the 8 s, Graph has seen no more than left before the pause.
    // The 8 s offline is what this journey is about, not a wait for something to happen.
    // eslint-disable-next-line playwright/no-wait-for-timeout
    await page.waitForTimeout(8_000);
    // (A batch the browser dropped as it went offline counts as sent here, but never reached Graph:
    // it is checked, then sent, after the pause.)
    const seen = postsById(await emulator.log()).size;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(Number(sentText));
    await context.setOffline(false);

    await expect(ui.finished).toBeVisible({ timeout: 90_000 });
    await ui.region.getByRole('button', { name: 'View results' }).click();
    const results = page.getByRole('dialog', { name: 'Bulk reprocess results' });
    const table = results.getByRole('table', { name: 'Bulk reprocess results' });
    await expect(table.getByRole('row')).toHaveCount(401);
    // No request is left waiting, and none is "not sent": the run resumed and sent them.
    await expect(table.getByText(/^(Waiting|Queued or sending|Not sent)$/)).toHaveCount(0);

    // Graph got each request at most once, and applied each exactly once.
    const posts = postsById(await emulator.log());
    for (const r of rows) {
      const applied = (posts.get(r.id) ?? []).filter((p) => p.status === 202 || p.dropped === 'afterApply');
      expect(applied, r.id).toHaveLength(1);
    }
    // What could not be answered reads as unknown, with what its state check found.
    const unknown = table.getByRole('row').filter({ hasText: 'Outcome unknown' });
    for (const row of await unknown.all()) await expect(row).toContainText(/checked: now /);
  });

  test('the access token expires and the refresh token is revoked mid-run: the run pauses, asks to sign in, resumes and loses nothing', async ({
    page,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const rows = await seedFailed(400, 24);
    await emulator.settings({ deliveryDelayMs: 600_000, accessTokenLifetimeSeconds: 303 });
    // MSAL renews a token 300 s before it expires: a 303 s token is stale 3 s after it is issued,
    // so the batches after the first round (twenty batches go out as two rounds of ten, held 4 s
    // each) need a new one.
    const queue = await signIn(USERS.agent);
    await emulator.hold('/\\$batch$', 4_000);
    await emulator.clearLog();
    await startBulkOfAll(page, queue, 400);
    await emulator.revokeSessions(USERS.agent.upn);

    const ui = bulkUi(page);
    const paused = ui.region.getByText(/^Paused: sign in again to continue/);
    await expect(paused).toBeVisible({ timeout: 30_000 });
    // Nothing navigated away: the queue is still here.
    await expect(queue.table).toBeVisible();
    const popupPromise = page.waitForEvent('popup');
    await ui.region.getByRole('button', { name: 'Sign in again' }).click();
    const popup = await popupPromise;
    await popup.getByRole('button', { name: USERS.agent.name, exact: true }).click();

    await expect(ui.finished).toBeVisible({ timeout: 60_000 });
    const posts = postsById(await emulator.log());
    for (const r of rows)
      expect(
        posts.get(r.id)?.filter((p) => p.status === 202),
        r.id,
      ).toHaveLength(1);
    // One summary, in the panel where the run was started.
    await expect(ui.region).toContainText('400 accepted');
  });

  test('a claims challenge on reprocess: one retry with a token carrying the claims, then 202', async ({
    signIn,
  }) => {
    const [target] = await seedFailed(3, 25);
    const queue = await signIn(USERS.agent);
    await queue.showRow(target!.id);
    await emulator.claimsChallenge('/reprocess$', { count: 1 });
    await emulator.clearLog();
    await queue.reprocessButton(target!.id).click();
    await expect(queue.rowNote(target!.id)).toHaveText(/^Accepted/);
    const posts = (await emulator.log()).filter((e) => e.method === 'POST' && e.path.endsWith('/reprocess'));
    expect(posts.map((p) => p.status)).toEqual([401, 202]);
  });

  test('a reload in the middle of a run: leaving asks first, and the interrupted run is shown and can be resumed', async ({
    page,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const rows = await seedFailed(200, 26);
    await emulator.settings({ deliveryDelayMs: 600_000 });
    const queue = await signIn(USERS.agent);
    await emulator.hold('/\\$batch$', 3_000);
    await emulator.clearLog();
    await startBulkOfAll(page, queue, 200);
    const ui = bulkUi(page);
    await expect(ui.region.getByText(/^Sent \d+ of 200/)).toBeVisible();

    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      });
    });
    await page.reload();
    expect(await asked).toBe('beforeunload');
    // The batches held on the wire are applied when their hold ends, before or after the list is
    // read again: the queue holds 200 failed requests, or fewer.
    await expect(queue.count).toHaveText(/^\d+ failed requests?$/, { timeout: 30_000 });

    const interrupted = ui.region.getByText(
      /^Interrupted by a reload or a closed tab — \d+ sent, \d+ waiting/,
    );
    await expect(interrupted).toBeVisible();
    await ui.region.getByRole('button', { name: 'Resume' }).click();
    await expect(ui.finished).toBeVisible({ timeout: 60_000 });

    const posts = postsById(await emulator.log());
    for (const r of rows) {
      // Sent once: either before the reload (its answer lost with the page) or after Resume.
      const got = posts.get(r.id) ?? [];
      expect(got, r.id).toHaveLength(1);
    }
  });
});
