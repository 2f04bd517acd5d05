import type { CanonicalRequest, LogEntry } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';
import { AuditLogPage } from './pages/audit-page';

const DAY = 86_400_000;
const READY = 'Ready to fulfill access package assignment request';
const FULFILL = 'Fulfill access package assignment request';
const ACCESS_ADVICE =
  'Ask an administrator to grant the delegated permission AuditLog.Read.All (with admin consent) and a role that can read audit logs, such as Reports Reader or Security Reader.';

async function recentFailedRequest(): Promise<CanonicalRequest> {
  const found = (await emulator.requests('deliveryFailed')).find(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  if (!found) throw new Error('the seed has no recent failed request');
  return found;
}

function queryText(entry: LogEntry | undefined): string {
  const query = entry?.query ?? '';
  return typeof query === 'string' ? query : new URLSearchParams(query).toString();
}

/** The audit-log reads the app sent, oldest first. */
async function auditReads(): Promise<LogEntry[]> {
  return (await emulator.log()).filter((e) => /\/auditLogs\/directoryAudits$/.test(e.path));
}

test.describe('Entra audit log', () => {
  test('after a reprocess, the request shows "Ready to fulfill" by the agent, then "Fulfill"', async ({
    page,
    signIn,
  }, testInfo) => {
    await emulator.settings({ deliveryDelayMs: 300, deliveryOutcome: 'delivered' });
    const target = await recentFailedRequest();
    const queue = await signIn(USERS.agent);
    await queue.search.fill(target.id);
    await queue.reprocessButton(target.id).click();
    await expect(queue.rowNote(target.id)).toHaveText(/^Accepted/);
    await expect
      .poll(async () => (await emulator.requests('delivered')).some((r) => r.id === target.id), {
        timeout: 15_000,
      })
      .toBe(true);

    const audit = new AuditLogPage(page);
    await audit.open();
    await audit.filterByRequest(target.id);
    await expect(audit.status).toHaveText(new RegExp(`^\\d+ events for request ${target.id}$`));
    const rows = audit.eventRows();
    // Newest first: the delivery's result, then the request becoming ready again.
    await expect(rows.nth(0)).toContainText(FULFILL);
    await expect(rows.nth(0)).toContainText('Success');
    await expect(rows.nth(0)).toContainText('Entitlement Management (service)');
    await expect(rows.nth(1)).toContainText(READY);
    await expect(
      rows.nth(1).getByRole('cell', { name: 'Avery Howard avery.howard@contoso.example' }),
    ).toBeVisible();
    await expect(rows.nth(0)).toContainText(`Request: ${target.id}`);
    // Entra has no "reprocess" activity.
    await expect(audit.table).not.toContainText(/reprocess/i);

    await rows
      .nth(0)
      .getByRole('button', { name: /^Details of "Fulfill/ })
      .click();
    const details = audit.table.getByRole('row').filter({ hasText: 'Additional details' });
    await expect(details).toContainText('RequestState');
    await expect(details).toContainText('Delivered');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: testInfo.outputPath('audit-request.png'), animations: 'disabled' });

    const last = (await auditReads()).at(-1);
    expect(last?.status).toBe(200);
    expect(queryText(last)).toContain(`loggedByService eq 'Entitlement Management' and activityDateTime ge `);
    expect(queryText(last)).toContain(`targetResources/any(t: t/id eq '${target.id}')`);
  });

  test('"Load more" pages through the last seven days, newest first, until every event is shown', async ({
    page,
    signIn,
  }) => {
    await emulator.settings({ auditPageSize: 40 });
    await signIn(USERS.agent);
    const audit = new AuditLogPage(page);
    await audit.open();
    const rows = audit.eventRows();
    await expect(rows).toHaveCount(40);
    await expect(audit.status).toHaveText('40 events loaded; more are available');

    let pages = 1;
    while (await audit.loadMore.isVisible()) {
      expect(pages, 'the last page never came').toBeLessThan(10);
      await audit.loadMore.click();
      await expect(rows).not.toHaveCount(40 * pages);
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    const count = await rows.count();
    expect(count).toBeGreaterThan(40 * (pages - 1));
    await expect(audit.status).toHaveText(`${count} events`);
    await expect(page.getByText(/^All events loaded\./)).toBeVisible();

    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-audit-id')));
    expect(new Set(ids).size).toBe(count);
    const times = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('td span[title]')?.getAttribute('title') ?? ''),
    );
    expect(times).toEqual([...times].sort().reverse());
    expect((await auditReads()).map((r) => r.status)).toEqual(Array<number>(pages).fill(200));
  });

  test('a sixth read within 10 seconds waits in the open, then the events arrive without an error', async ({
    page,
    signIn,
  }, testInfo) => {
    await emulator.settings({ auditPageSize: 5, auditRateLimit: { requests: 5, windowMs: 10_000 } });
    await signIn(USERS.agent);
    const audit = new AuditLogPage(page);
    await audit.open();
    const rows = audit.eventRows();
    await expect(rows).toHaveCount(5);
    for (let n = 2; n <= 5; n++) {
      await audit.loadMore.click();
      await expect(rows).toHaveCount(5 * n);
    }

    await audit.loadMore.click();
    await expect(audit.waiting()).toHaveText(
      /^Waiting \d+ s: Entra's audit log allows about 5 requests every 10 seconds$/,
    );
    await page.screenshot({ path: testInfo.outputPath('audit-waiting.png'), animations: 'disabled' });
    await expect(rows).toHaveCount(30, { timeout: 20_000 });
    await expect(audit.waiting()).toBeHidden();
    await expect(page.getByText('More events could not be loaded')).toBeHidden();
    // The app kept under the limit: Graph never had to refuse.
    expect((await auditReads()).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  test('when Graph answers 429 anyway, the page waits and retries instead of failing', async ({
    page,
    signIn,
  }) => {
    await emulator.fault({
      path: '/auditLogs/directoryAudits$',
      kind: 'status',
      status: 429,
      retryAfter: 2,
      count: 1,
    });
    await signIn(USERS.agent);
    const audit = new AuditLogPage(page);
    await audit.open();
    await expect(audit.waiting()).toHaveText(
      /^Waiting \d+ s: Entra's audit log asked for a pause \(429 Too Many Requests\); it will be asked again$/,
    );
    await expect(audit.eventRows().first()).toBeVisible({ timeout: 20_000 });
    await expect(audit.waiting()).toBeHidden();
    expect((await auditReads()).map((r) => r.status)).toEqual([429, 200]);
  });

  test('an auditor reads the audit log too', async ({ page, signIn }) => {
    await signIn(USERS.auditor);
    const audit = new AuditLogPage(page);
    await audit.open();
    await expect(audit.eventRows().first()).toBeVisible();
    await expect(audit.status).toHaveText(/^\d+ events loaded; more are available$/);
    await expect(page.getByText(ACCESS_ADVICE)).toBeHidden();
    const [read] = await auditReads();
    expect(read?.upn).toBe(USERS.auditor.upn);
  });

  test('without AuditLog.Read.All the page says what to ask for, and reads nothing', async ({
    page,
    signIn,
  }, testInfo) => {
    await signIn(USERS.noRole);
    const audit = new AuditLogPage(page);
    await audit.open();
    await expect(page.getByRole('heading', { name: 'You can’t read Entra’s audit log yet' })).toBeVisible();
    await expect(page.getByText(ACCESS_ADVICE)).toBeVisible();
    await expect(audit.table).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('audit-no-permission.png'), animations: 'disabled' });
    expect(await auditReads()).toEqual([]);
  });
});
