import type { Page } from '@playwright/test';
import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, signInThroughPicker, test, USERS } from './fixtures';
import { ActivityPage, csvRecords, downloadVia } from './pages/activity-page';
import type { QueuePage } from './pages/queue-page';

const DAY = 86_400_000;
const UNKNOWN = "Outcome unknown — check the request's state";
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FORMULA_NAME = '=HYPERLINK("http://x","y")';

async function failedRequests(): Promise<CanonicalRequest[]> {
  return [...(await emulator.requests('deliveryFailed')), ...(await emulator.requests('partiallyDelivered'))];
}

async function insideWindow(n: number): Promise<CanonicalRequest[]> {
  const found = (await failedRequests()).filter(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 12 * DAY,
  );
  if (found.length < n) throw new Error(`the seed has fewer than ${n} failed requests inside the window`);
  return found.slice(0, n);
}

/**
 * Finds the row through the queue's search (the grid is virtualized), reprocesses it and waits for
 * the answer on the row itself (no toast repeats what the row on screen says).
 */
async function reprocessFromQueue(queue: QueuePage, id: string, answer: { note: string }): Promise<void> {
  await queue.search.fill(id);
  await queue.showRow(id);
  await queue.reprocessButton(id).click();
  await expect(queue.rowNote(id)).toHaveText(answer.note, { timeout: 40_000 });
  await queue.search.fill('');
}

const ACCEPTED = { note: 'Accepted: delivery is being retried' };

/** A page opened later in the same browser (another tab) reads the same runtime configuration. */
async function sameConfig(page: Page, graphApiVersion: string): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...config, graphApiVersion } });
  });
}

async function signOut(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Account: ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('dialog', { name: 'Sign out?' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

test.describe('Activity record', () => {
  test('every reprocess is listed once with its answer, and survives reload and sign-out', async ({
    page,
    signIn,
    graphApiVersion,
  }, testInfo) => {
    // A long journey: three calls (one retried for a while), a reload and two sign-ins.
    test.slow();
    // Accepted requests stay "delivering": no settle toast comes to cover the rows.
    await emulator.settings({ deliveryDelayMs: 600_000 });
    const [accepted, unavailable, refused] = (await insideWindow(3)) as [
      CanonicalRequest,
      CanonicalRequest,
      CanonicalRequest,
    ];
    const queue = await signIn(USERS.agent);
    // Someone else reprocessed it meanwhile: Graph refuses this one (400) while it is delivering.
    await emulator.reprocessElsewhere(refused.id);

    await reprocessFromQueue(queue, accepted.id, ACCEPTED);
    await reprocessFromQueue(queue, refused.id, { note: 'Refused: already being retried' });
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 503 });
    await reprocessFromQueue(queue, unavailable.id, { note: 'Graph unavailable: not accepted' });
    await emulator.clearFaults();

    const log = (await emulator.log()).filter((e) => e.method === 'POST');
    const lastPost = (id: string) => log.filter((e) => e.path.includes(id)).at(-1);

    const activity = new ActivityPage(page);
    await activity.open();
    await expect(
      activity.page.getByText(
        'Keeping the newest 50,000 actions or 180 days, whichever is less; older ones are removed first.',
      ),
    ).toBeVisible();

    const expectRecord = async () => {
      await activity.expectCount(3);
      await expect(activity.rows()).toHaveCount(3);
      for (const r of [accepted, refused, unavailable]) await expect(activity.rowsFor(r.id)).toHaveCount(1);
      const acceptedRow = activity.rowsFor(accepted.id);
      await expect(acceptedRow).toContainText('Accepted');
      await expect(acceptedRow).toContainText('HTTP 202 Accepted');
      await expect(acceptedRow).toContainText(USERS.agent.upn);
      await expect(acceptedRow).toContainText(`Graph ${graphApiVersion}`);
      await expect(acceptedRow).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
      await expect(acceptedRow).toContainText('(local)');
      // The ids Microsoft support asks for are the ones Graph saw.
      await expect(acceptedRow).toContainText(lastPost(accepted.id)!.clientRequestId!);
      await expect(acceptedRow).toContainText(lastPost(accepted.id)!.requestId!);
      const refusedRow = activity.rowsFor(refused.id);
      await expect(refusedRow).toContainText('Not reprocessable');
      await expect(refusedRow).toContainText(/HTTP 400 Bad Request · Graph code \S+/);
      const unavailableRow = activity.rowsFor(unavailable.id);
      await expect(unavailableRow).toContainText('Unavailable');
      await expect(unavailableRow).toContainText('HTTP 503 Service Unavailable');
    };
    await expectRecord();
    await page.mouse.move(0, 0);
    await page.screenshot({
      path: testInfo.outputPath('activity.png'),
      animations: 'disabled',
      fullPage: true,
    });

    // Filters narrow the list and live in the URL.
    await activity.outcomeFilter().selectOption({ label: 'Not reprocessable' });
    await activity.expectCount(1, true);
    await expect(activity.rowsFor(refused.id)).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await activity.expectCount(3);

    await page.reload();
    await expect(activity.heading).toBeVisible();
    await expectRecord();

    await signOut(page, USERS.agent.name);
    await signInThroughPicker(page, USERS.agent);
    await activity.open();
    await expectRecord();

    // Another person on the same browser has a record of their own.
    await signOut(page, USERS.agent.name);
    await signInThroughPicker(page, USERS.catalogAgent);
    await activity.open();
    await activity.expectEmptyRecord();
  });

  test('a tab killed before the answer leaves an entry that reads "outcome unknown"', async ({
    page,
    context,
    signIn,
    graphApiVersion,
  }) => {
    const [target] = await insideWindow(1);
    const queue = await signIn(USERS.agent);
    await emulator.fault({ path: '/reprocess$', kind: 'latency', latencyMs: 30_000 });
    await queue.search.fill(target!.id);
    await queue.showRow(target!.id);
    // The POST goes out only after its entry has been committed.
    const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/reprocess$/.test(r.url()));
    await queue.reprocessButton(target!.id).click();
    await posted;
    await page.close();

    const next = await context.newPage();
    await sameConfig(next, graphApiVersion);
    await signInThroughPicker(next, USERS.agent);
    const activity = new ActivityPage(next);
    await activity.open();
    await activity.expectCount(1);
    const row = activity.rowsFor(target!.id);
    await expect(row).toContainText(UNKNOWN);
    await expect(row).toContainText('No answer was recorded');
    await activity.outcomeFilter().selectOption({ label: 'Outcome unknown (no answer recorded)' });
    await activity.expectCount(1, true);
  });

  test('exports hold exactly the filtered entries, in UTC, with formula-like text neutralised', async ({
    page,
    signIn,
  }) => {
    // Two reprocesses (each waits for its toast to clear) and seven downloads.
    test.slow();
    const completed = new Date(Date.now() - 2 * DAY).toISOString();
    const seeded = (await emulator.seed({
      requests: [
        {
          state: 'deliveryFailed',
          status: 'DeliveryFailed',
          requestType: 'userAdd',
          createdDateTime: new Date(Date.now() - 3 * DAY).toISOString(),
          completedDateTime: completed,
          requestor: {
            id: 'f0f0f0f0-0000-4000-8000-00000000f0f0',
            displayName: FORMULA_NAME,
            email: '+1@contoso.example',
            principalName: '-2@contoso.example',
          },
          accessPackage: { id: 'a0a0a0a0-0000-4000-8000-00000000a0a0', displayName: '@SUM(1+1) package' },
        },
      ],
    })) as { added: string[] };
    const formulaId = seeded.added[0]!;
    await emulator.settings({ deliveryDelayMs: 600_000 });
    const [other] = await insideWindow(1);
    const queue = await signIn(USERS.agent);
    await reprocessFromQueue(queue, formulaId, ACCEPTED);
    await reprocessFromQueue(queue, other!.id, ACCEPTED);

    // The queue's own export: what its filter shows.
    // The export holds what the row shows: Graph's state read again after the 202 (the delivery
    // is held for ten minutes, so it is still Delivering).
    await queue.search.fill(formulaId);
    await expect(queue.count).toHaveText(/^1 of \d+ failed requests|^1 failed request/);
    await expect(queue.row(formulaId)).toContainText('Delivering');
    const queueCsv = await downloadVia(page, page.getByRole('button', { name: 'Export' }), 'CSV');
    expect(queueCsv.name).toMatch(/^reprocess-desk-queue-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    expect(queueCsv.text.charCodeAt(0)).toBe(0xfeff);
    const queueRows = csvRecords(queueCsv.text);
    expect(queueRows).toHaveLength(1);
    expect(queueRows[0]).toMatchObject({
      id: formulaId,
      state: 'delivering',
      'requestor name': `'${FORMULA_NAME}`,
      'requestor email': "'+1@contoso.example",
      'requestor UPN': "'-2@contoso.example",
      'access package': "'@SUM(1+1) package",
      'completed (UTC)': completed,
    });
    expect(queueRows[0]!['created (UTC)']).toMatch(ISO_UTC);
    expect(Number(queueRows[0]!['days left'])).toBeGreaterThanOrEqual(11);
    const queueJson = await downloadVia(page, page.getByRole('button', { name: 'Export' }), 'JSON');
    const queueDoc = JSON.parse(queueJson.text) as { requests: { id: string; requestorName: string }[] };
    expect(queueDoc.requests).toEqual([
      expect.objectContaining({ id: formulaId, requestorName: FORMULA_NAME }),
    ]);

    const activity = new ActivityPage(page);
    await activity.open();
    await activity.expectCount(2);

    const all = csvRecords((await activity.export('CSV')).text);
    expect(all.map((r) => r['request id']).sort()).toEqual([formulaId, other!.id].sort());

    await activity.filter('Access package').fill('@SUM');
    await activity.expectCount(1, true);
    const csv = await activity.export('CSV');
    expect(csv.name).toMatch(/^reprocess-desk-activity-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const records = csvRecords(csv.text);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      'request id': formulaId,
      requestor: `'${FORMULA_NAME}`,
      'requestor principal': "'-2@contoso.example",
      'access package': "'@SUM(1+1) package",
      'user UPN': USERS.agent.upn,
      outcome: 'accepted',
      'HTTP status': '202',
      source: 'row',
    });
    expect(records[0]!['time (UTC)']).toMatch(ISO_UTC);
    expect(records[0]!['answered (UTC)']).toMatch(ISO_UTC);
    expect(records[0]!['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const json = await activity.export('JSON');
    expect(json.name).toMatch(/^reprocess-desk-activity-\d{4}-\d{2}-\d{2}T\d{4}Z\.json$/);
    const doc = JSON.parse(json.text) as {
      filter: Record<string, string>;
      entries: { requestId: string; requestorName: string; time: string; outcome: string }[];
    };
    expect(doc.filter).toEqual({ accessPackage: '@SUM' });
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0]).toMatchObject({
      requestId: formulaId,
      requestorName: FORMULA_NAME,
      outcome: 'accepted',
    });
    expect(doc.entries[0]!.time).toBe(records[0]!['time (UTC)']);
  });

  test('when the record cannot be written, nothing is sent and the agent is told', async ({
    page,
    signIn,
  }) => {
    // A browser without IndexedDB here (some private modes, blocked site data).
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    const [target] = await insideWindow(1);
    const queue = await signIn(USERS.agent);
    await queue.search.fill(target!.id);
    await queue.showRow(target!.id);
    await queue.reprocessButton(target!.id).click();
    await expect(queue.rowNote(target!.id)).toHaveText('Not sent');
    const panel = await queue.openNotifications();
    await expect(panel).toContainText('The activity record could not be written, so nothing was sent');
    await queue.closeNotifications();
    await expect(queue.reprocessButton(target!.id)).toBeEnabled();
    expect((await emulator.log()).filter((e) => e.method === 'POST')).toEqual([]);

    const activity = new ActivityPage(page);
    await activity.open();
    await expect(page.getByText('The activity record is not available in this browser')).toBeVisible();
  });
});
