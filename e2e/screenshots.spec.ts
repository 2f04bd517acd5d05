import { emulator, expect, signInThroughPicker, signOutThroughMenu, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';

// Pictures of the real app for the README and for people reviewing a change. Runs in one
// project only (see playwright.config.ts): the screens are the same in both API modes.
const DAY = 86_400_000;

test('README pictures: the queue in light, dark and pt-BR, bulk results, Activity', async ({
  page,
  signIn,
}) => {
  test.slow();
  await page.setViewportSize({ width: 1440, height: 820 });
  await emulator.settings({ deliveryDelayMs: 60_000 });
  const queue = await signIn(USERS.agent);
  const failed = (await emulator.requests('deliveryFailed')).filter(
    (r) => r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  const [target, ...others] = failed;
  expect(others.length).toBeGreaterThanOrEqual(4);
  await queue.showRow(target!.id);
  await queue.reprocessButton(target!.id).click();
  await expect(queue.rowNote(target!.id)).toHaveText(/^Accepted/);
  await queue.scrollTo(0);
  await page.mouse.move(0, 0);
  const picture = (name: string) =>
    page.screenshot({ path: `docs/screenshots/${name}.png`, animations: 'disabled' });
  await picture('queue');

  // Dark: the System theme follows the operating system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
  await picture('queue-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Portuguese (Brazil), from the account menu.
  await page.getByRole('button', { name: new RegExp(`^Account: ${USERS.agent.name}`) }).click();
  await page.getByRole('menuitemradio', { name: 'Português (Brasil)' }).click();
  await expect(page.getByRole('heading', { name: 'Solicitações com falha', level: 2 })).toBeVisible();
  await page.mouse.move(0, 0);
  await picture('queue-pt-BR');
  await page.getByRole('button', { name: new RegExp(`^Conta: ${USERS.agent.name}`) }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Failed requests', level: 2 })).toBeVisible();

  // A bulk run of four, and its results.
  for (const r of others.slice(0, 4)) {
    await queue.showRow(r.id);
    await page.getByRole('checkbox', { name: `Select request ${r.id}` }).check();
  }
  await page.getByRole('button', { name: 'Reprocess selected (4)' }).click();
  await page
    .getByRole('dialog', { name: 'Reprocess 4 selected requests?' })
    .getByRole('button', { name: 'Reprocess 4 requests' })
    .click();
  await page.getByRole('button', { name: 'View results' }).click();
  const results = page.getByRole('dialog', { name: 'Bulk reprocess results' });
  await expect(results).toContainText('4 requests: 4 accepted.');
  await page.mouse.move(0, 0);
  await picture('bulk-results');
  await page.keyboard.press('Escape');
  await expect(results).toBeHidden();

  const activity = new ActivityPage(page);
  await activity.open();
  await activity.expectCount(5);
  await page.mouse.move(0, 0);
  await picture('activity');
});

test('error toast and permission page (review pictures)', async ({ page, signIn }, testInfo) => {
  const queue = await signIn(USERS.agent);
  const failed = await emulator.requests('deliveryFailed');
  await emulator.fault({ path: '/reprocess$', kind: 'status', status: 403 });
  await queue.showRow(failed[0]!.id);
  await queue.reprocessButton(failed[0]!.id).click();
  await expect(queue.rowNote(failed[0]!.id)).toHaveText('Refused: permission missing');
  await page.screenshot({ path: testInfo.outputPath('error-toast.png'), animations: 'disabled' });

  await signOutThroughMenu(page, USERS.agent);
  await signInThroughPicker(page, USERS.noRole);
  await expect(page.getByRole('heading', { name: /don.t have access/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('permission-page.png'), animations: 'disabled' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInThroughPicker(page, USERS.auditor);
  await expect(page.getByText('Read-only access')).toBeVisible();
  // The tools arrive just after the rows.
  await expect(page.getByRole('searchbox', { name: 'Search requests' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open by id…' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('auditor.png'), animations: 'disabled' });

  // The first screen before its tools: the rows, with room kept for what follows.
  await page.route('**/assets/queue-tools-*.js', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('tools-not-loaded.png'), animations: 'disabled' });
});

test('reprocess by id: the dialog at 1280 and 375 px wide (review pictures)', async ({
  page,
  signIn,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const target = (await emulator.requests('deliveryFailed')).find(
    (r) => r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  expect(target).toBeDefined();
  const queue = await signIn(USERS.agent);
  const byId = queue.byId();
  await byId.fill('https://entra.microsoft.com/#view/Microsoft_AAD_ERM/REQ-12345');
  await expect(byId.alert('Not a valid request id')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('by-id-invalid-1280.png'), animations: 'disabled' });
  await byId.field.fill(target!.id);
  await byId.submit.click();
  await expect(byId.status).toContainText('Accepted:');
  await page.screenshot({ path: testInfo.outputPath('by-id-accepted-1280.png'), animations: 'disabled' });
  await byId.close.click();

  // At 375 px the title and count come first; the toolbar wraps under them, inside the page.
  await page.setViewportSize({ width: 375, height: 740 });
  const title = page.getByRole('heading', { name: 'Failed requests' });
  const titleBox = await title.boundingBox();
  const commandBox = await byId.command.boundingBox();
  expect(commandBox!.y).toBeGreaterThan(titleBox!.y + titleBox!.height);
  expect(commandBox!.x + commandBox!.width).toBeLessThanOrEqual(375);
  await page.screenshot({ path: testInfo.outputPath('by-id-toolbar-375.png'), animations: 'disabled' });
  await byId.fill('{not-an-id}');
  await expect(byId.alert('Not a valid request id')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('by-id-invalid-375.png'), animations: 'disabled' });
});
