import type { Locator, Page } from '@playwright/test';
import { failedRequestSeed } from './emulator-control';
import { emulator, expect, signInThroughPicker, test, USERS } from './fixtures';
import { QueuePage } from './pages/queue-page';

// A calm queue on a bad night: notices never stand between the agent and the rows, and the
// screens an agent works in, as they look after a bulk run and for a read-only auditor.

const row = (name: string, i: number) =>
  failedRequestSeed(`${name} ${i}`, i, {
    idPrefix: '7',
    packageId: 'c0c0c0c0-0000-4000-8000-00000000c712',
    packageName: 'Night shift package',
  });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(locator: Locator): Promise<Box[]> {
  const out: Box[] = [];
  for (const el of await locator.all()) {
    const box = await el.boundingBox();
    if (box) out.push(box);
  }
  return out;
}

/** Every Reprocess button in view: none is covered by a toast, and each takes a click. */
async function expectRowActionsClear(page: Page, queue: QueuePage): Promise<void> {
  const toasts = await boxes(page.locator('.fui-Toast'));
  expect(toasts.length).toBeGreaterThan(0);
  const viewport = page.viewportSize()!;
  const buttons = queue.table.getByRole('button', { name: /^Reprocess request / });
  let checked = 0;
  for (const button of await buttons.all()) {
    const box = await button.boundingBox();
    if (!box || box.y < 0 || box.y + box.height > viewport.height) continue;
    if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
    for (const toast of toasts) expect(overlaps(box, toast)).toBe(false);
    // Playwright's actionability check: the click would land on the button, not on a toast.
    await button.click({ trial: true, timeout: 2_000 });
    checked++;
  }
  expect(checked).toBeGreaterThan(3);
}

test.describe('A calm queue', () => {
  test("twenty error outcomes in a row never cover a row's Reprocess: three toasts, the rest folded into Notifications", async ({
    page,
    signIn,
  }, testInfo) => {
    test.setTimeout(120_000);
    await emulator.seed({
      failed: 0,
      total: 0,
      requests: Array.from({ length: 40 }, (_, i) => row('Requestor', i)),
    });
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(40);
    // The tenant is replaced under the agent's feet: every reprocess now ends in 404, and each
    // such request leaves the list, so each outcome gets a toast.
    await emulator.seed({ seed: 99 });

    for (let i = 0; i < 20; i++) {
      const [first] = await queue.renderedRowIds();
      await queue.reprocessButton(first!).click();
      await expect(queue.row(first!)).toHaveCount(0);
    }
    await expect(queue.count).toHaveText('20 failed requests');
    // Errors stay until dismissed: three of them, and one toast for the other seventeen.
    await expect(queue.toast('Not found (404 Not Found)')).toHaveCount(3);
    await expect(queue.toast('17 more notices')).toBeVisible();
    await expect(page.locator('.fui-Toast')).toHaveCount(4);
    await page.screenshot({ path: testInfo.outputPath('twenty-errors-1440.png'), animations: 'disabled' });
    await expectRowActionsClear(page, queue);

    // Every one is in Notifications, named by its requestor and package.
    await queue.toast('17 more notices').getByRole('button', { name: 'Open notifications' }).click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    const notices = panel.getByRole('listitem').filter({ hasText: 'Not found (404 Not Found)' });
    await expect(notices).toHaveCount(20);
    await expect(notices.first()).toContainText(/Night shift package for Requestor \d+/);
    await queue.closeNotifications();
    await expect(queue.toast('17 more notices')).toHaveCount(0);
    await expect(queue.toast('Not found (404 Not Found)')).toHaveCount(3);
    // Twenty outcomes, twenty sends: nothing twice.
    expect((await emulator.log()).filter((e) => e.method === 'POST')).toHaveLength(20);
  });

  test('the queue before and after a bulk run, its results, and the read-only view, wide and narrow', async ({
    page,
    browser,
    signIn,
  }, testInfo) => {
    test.setTimeout(180_000);
    const shot = (p: Page, name: string) =>
      p.screenshot({ path: testInfo.outputPath(`${name}.png`), animations: 'disabled' });
    await emulator.settings({ deliveryDelayMs: 1_500, deliveryOutcome: 'asSeeded' });
    const queue = await signIn(USERS.agent);
    await queue.failedCount();
    await shot(page, 'queue-before-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await shot(page, 'queue-before-375');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Select what is in view, then send it.
    await queue.selectInView.check();
    await expect(page.getByRole('button', { name: /^Select all \d+ matching$/ })).toBeVisible();
    await shot(page, 'queue-selected-1440');
    const start = page.getByRole('button', { name: /^Reprocess selected \(\d+\)/ });
    await start.click();
    const confirm = page.getByRole('dialog', { name: /^Reprocess \d+ selected requests\?$/ });
    await expect(confirm.getByRole('list', { name: 'What will be sent' })).toBeVisible();
    await shot(page, 'bulk-confirm-1440');
    await confirm.getByRole('button', { name: /^Reprocess \d+ requests?$/ }).click();
    const panel = page.getByRole('region', { name: 'Bulk reprocess' });
    await expect(panel.getByText('Bulk reprocess finished')).toBeVisible({ timeout: 60_000 });
    // Said once, in the panel: no toast repeats it.
    await expect(page.locator('.fui-Toast').filter({ hasText: 'Bulk reprocess' })).toHaveCount(0);
    await page.getByRole('button', { name: 'View results' }).click();
    const results = page.getByRole('dialog', { name: 'Bulk reprocess results' });
    await expect(results.getByRole('status')).toHaveText(/still delivering 0/, { timeout: 60_000 });
    await shot(page, 'bulk-results-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await shot(page, 'bulk-results-375');
    await results.getByRole('button', { name: 'Close' }).click();
    await shot(page, 'queue-after-375');
    await page.setViewportSize({ width: 1440, height: 900 });
    await queue.resolvedGroup.getByText('Resolved since you opened this page').click();
    await shot(page, 'queue-after-1440');

    // A read-only auditor, in a browser of their own.
    const auditorContext = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1440, height: 900 },
    });
    const auditorPage = await auditorContext.newPage();
    await signInThroughPicker(auditorPage, USERS.auditor);
    await expect(auditorPage.getByText('Read-only access')).toBeVisible();
    await new QueuePage(auditorPage).failedCount();
    await shot(auditorPage, 'read-only-1440');
    await auditorPage.setViewportSize({ width: 375, height: 812 });
    await shot(auditorPage, 'read-only-375');
    await auditorContext.close();
  });
});
