import type { Page } from '@playwright/test';
import type { QueuePage } from './pages/queue-page';
import { emulator, expect, signOutThroughMenu, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';

const DAY = 86_400_000;

async function reprocessOne(page: Page, queue: QueuePage): Promise<string> {
  const target = (await emulator.requests('deliveryFailed')).find(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  )!;
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: 'Failed requests' })
    .click();
  await queue.search.fill(target.id);
  await queue.reprocessButton(target.id).click();
  await expect(queue.rowNote(target.id)).toHaveText(/^Accepted/);
  return target.id;
}

test('a shared desk: the header names custom endpoints, and the record can be removed on the page or at sign-out', async ({
  page,
  signIn,
}) => {
  // A long journey: two reprocesses, two removals, a sign-out and a second sign-in.
  test.slow();
  await emulator.settings({ deliveryDelayMs: 600_000 });
  const queue = await signIn(USERS.agent);
  // The emulator is not a Microsoft cloud: the header says where sign-in and Graph go.
  await expect(page.getByRole('banner')).toContainText('Custom endpoints: localhost:8443, localhost:8444');

  const id = await reprocessOne(page, queue);
  const activity = new ActivityPage(page);
  await activity.open();
  await activity.expectCount(1);
  await expect(
    page.getByText(/only in this browser, in its storage for this site \(IndexedDB\)/),
  ).toBeVisible();
  await expect(page.getByText(/Keeping the newest 50,000 actions or 180 days/)).toBeVisible();

  // Removing asks first, and wants a copy exported (or an explicit "no copy").
  await page.getByRole('button', { name: 'Remove this browser’s record' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this browser’s activity record?' });
  await expect(dialog).toContainText(
    `This deletes the 1 action recorded in this browser for ${USERS.agent.upn}`,
  );
  const remove = dialog.getByRole('button', { name: 'Remove the record' });
  await expect(remove).toBeDisabled();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  await expect(dialog.getByRole('status')).toHaveText('A copy was exported.');
  await remove.click();
  await expect(queue.toast('This browser’s activity record was removed')).toBeVisible();
  await activity.expectEmptyRecord();

  // A new action starts a new record; signing out can remove that too.
  await reprocessOne(page, queue);
  await activity.open();
  await activity.expectCount(1);
  await signOutThroughMenu(page, USERS.agent, { removeRecord: true });
  await signIn(USERS.agent);
  await activity.open();
  await activity.expectEmptyRecord();
  await expect(activity.rowsFor(id)).toHaveCount(0);
});
