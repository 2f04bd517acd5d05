import type { Locator, Page } from '@playwright/test';
import { emulator, expect, test, USERS } from './fixtures';

const DAY = 86_400_000;

/** Presses `key` until `target` has focus; how many presses it took (throws past `max`). */
async function pressUntilFocused(page: Page, key: string, target: Locator, max: number): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`${max} presses of ${key} did not reach the control`);
}

/** The access package with the most failed requests inside the 14-day window (at least 3). */
async function busiestPackage(): Promise<string> {
  const failed = [
    ...(await emulator.requests('deliveryFailed')),
    ...(await emulator.requests('partiallyDelivered')),
  ].filter((r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 13 * DAY);
  const byPackage = new Map<string, number>();
  for (const r of failed) {
    const name = r.accessPackage?.displayName;
    if (name) byPackage.set(name, (byPackage.get(name) ?? 0) + 1);
  }
  const [best] = [...byPackage.entries()].sort(([, a], [, b]) => b - a);
  if (!best || best[1] < 3) throw new Error('the seed has no access package with 3 requests to reprocess');
  return best[0];
}

function nth(ids: readonly string[], i: number): string {
  const id = ids[i];
  if (id === undefined) throw new Error(`the search left fewer than ${i + 1} rows`);
  return id;
}

const focusedIsInside = (container: Locator) =>
  container.evaluate((el) => el.contains(document.activeElement));

test('keyboard only: skip link, search, a row reprocessed in one key from the search box, its details, and a bulk run', async ({
  page,
  signIn,
}) => {
  // Accepted requests stay Delivering: the row keeps its Accepted note.
  await emulator.settings({ deliveryDelayMs: 3_600_000 });
  // An access package with several requests that can be reprocessed: the search narrows to it.
  const packageName = await busiestPackage();
  const queue = await signIn(USERS.agent);
  await expect(queue.count).toHaveText(/^\d+ failed requests$/);
  await expect(queue.search).toBeVisible();

  // The page's first Tab stop is "Skip to the queue", shown when focused; it goes to the grid's one
  // Tab stop: the first row's Reprocess.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the queue' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  const firstRow = queue.bodyRows().first();
  await expect(firstRow.getByRole('button', { name: /^Reprocess request/ })).toBeFocused();
  // One Tab stop in the whole grid (a roving tabindex), every other cell and control at -1.
  await expect(queue.table.locator('[tabindex="0"]')).toHaveCount(1);
  expect(await queue.table.locator('[tabindex="-1"]').count()).toBeGreaterThan(20);

  // Tab from the top of the page to the search box, and type.
  await queue.tabStopsBefore(queue.search);
  await expect(queue.search).toBeFocused();
  await page.keyboard.type(packageName);
  await expect(queue.count).toHaveText(/^\d+ of \d+ failed requests$/);
  await expect(firstRow).toContainText(packageName);
  const targetId = (await firstRow.getAttribute('data-request-id')) ?? '';
  const reprocess = queue.reprocessButton(targetId);
  await expect(reprocess).toBeEnabled();

  // From the search box the first row's Reprocess is one key away (Down). Tab gets there in 8:
  // the search's clear button, the four filters, "Show the N outside the window", the bulk
  // button, then the grid as one stop. Before the grid was one Tab stop, it took 17 Tab presses.
  expect(await pressUntilFocused(page, 'ArrowDown', reprocess, 1)).toBe(1);
  const back = await pressUntilFocused(page, 'Shift+Tab', queue.search, 10);
  expect(back).toBeLessThanOrEqual(8);
  expect(await pressUntilFocused(page, 'Tab', reprocess, 10)).toBe(back);

  // Enter reprocesses it. The row says the outcome in its live region, and focus stays on it.
  await page.keyboard.press('Enter');
  const note = queue.rowNote(targetId);
  await expect(note).toHaveText('Accepted: delivery is being retried');
  await expect(note).toHaveAttribute('aria-live', 'polite');
  await expect(reprocess).toBeFocused();

  // Enter on the row's requestor cell opens its details, with focus inside; Escape closes them
  // and focus is back on the cell.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const requestorCell = queue.row(targetId).getByRole('gridcell').nth(1);
  await expect(requestorCell).toBeFocused();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog').filter({ hasText: targetId });
  await expect(drawer).toBeVisible();
  await expect.poll(() => focusedIsInside(drawer)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(requestorCell).toBeFocused();
  expect(new URL(page.url()).searchParams.get('request')).toBeNull();

  // The arrows move through the rows: Down twice and Home to the third row's checkbox; Space
  // selects it, Up and Space the second.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  const rows = await queue.renderedRowIds();
  const second = nth(rows, 1);
  const third = nth(rows, 2);
  await expect(queue.rowCheckbox(third)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(queue.rowCheckbox(third)).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect(queue.rowCheckbox(second)).toBeChecked();
  await expect(queue.selectionCount).toHaveText('2 selected');
  await expect(queue.table.locator('[tabindex="0"]')).toHaveCount(1);

  // Shift+Tab leaves the grid for the bulk button; Enter asks to confirm, and the confirmation
  // is worked from the keyboard too.
  const start = page.getByRole('button', { name: 'Reprocess selected (2)' });
  expect(await pressUntilFocused(page, 'Shift+Tab', start, 1)).toBe(1);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Reprocess 2 selected requests?' });
  await expect(confirm).toBeVisible();
  await expect.poll(() => focusedIsInside(confirm)).toBe(true);
  await pressUntilFocused(page, 'Tab', confirm.getByRole('button', { name: 'Reprocess 2 requests' }), 10);
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  const summary = page.getByRole('region', { name: 'Bulk reprocess' }).getByRole('status');
  await expect(summary).toContainText('Bulk reprocess finished', { timeout: 20_000 });
  await expect(queue.rowNote(second)).toHaveText('Accepted: delivery is being retried');
  await expect(queue.rowNote(third)).toHaveText('Accepted: delivery is being retried');
  // Focus is not lost to the page: it is back on the bulk button.
  await expect(page.getByRole('button', { name: /^Reprocess selected/ })).toBeFocused();
  // Tab goes past the summary's View results and Dismiss, back into the grid where it left it:
  // the second row's checkbox.
  expect(await pressUntilFocused(page, 'Tab', queue.rowCheckbox(second), 3)).toBe(3);
});
