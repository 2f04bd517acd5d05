import type { Page } from '@playwright/test';
import { emulator, expect, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { AppHeader } from './pages/app-header';
import { AuditLogPage } from './pages/audit-page';

// WCAG 1.4.10 Reflow: at 320 CSS px wide, and at 200 % zoom of a 1280 px window, nothing makes
// the page scroll sideways. Only the grid may scroll inside its own frame, its requestor column
// kept in view. 200 % browser zoom halves the viewport in CSS px and doubles the device pixels:
// a 1280 x 800 window becomes 640 x 400 at a device scale factor of 2.
const SIZES = [
  { name: '320 px wide', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '200 % zoom of 1280 px', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
] as const;

const DAY = 86_400_000;

/**
 * No page-level horizontal scroll. On failure, names the outermost elements that stick out past
 * the window's right edge, so the message says what to fix.
 */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const outermost: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5) continue;
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && parent.right > width + 0.5) continue;
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
      outermost.push(`<${el.tagName.toLowerCase()}> "${name}" ends at ${Math.round(box.right)} px`);
    }
    // Text too long for its box (a URL that does not wrap) sticks out of an element that fits.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      const parent = node.parentElement?.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5 || (parent && parent.right > width + 0.5)) continue;
      outermost.push(`text "${node.textContent?.trim().slice(0, 40)}" ends at ${Math.round(box.right)} px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, outermost };
  });
  expect(
    found.scrollWidth,
    `${where}: the page is ${found.scrollWidth} px wide in a ${found.width} px window; sticking out: ${found.outermost.join('; ')}`,
  ).toBeLessThanOrEqual(found.width);
}

for (const size of SIZES) {
  test.describe(`Reflow at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });

    test('sign-in, the queue with filters, the header menu, details, bulk confirmation, Activity and the audit log fit the width', async ({
      page,
      signIn,
    }, testInfo) => {
      test.slow();
      const shot = (name: string) =>
        page.screenshot({ path: testInfo.outputPath(`${name}.png`), animations: 'disabled' });
      const target = (await emulator.requests('deliveryFailed')).find(
        (r) => r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
      );
      expect(target).toBeDefined();
      const id = target!.id;

      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the sign-in page');

      // Signing in checks the account through the header's Menu (pages/app-header.ts).
      const queue = await signIn(USERS.agent);
      await queue.failedCount();
      await expect(queue.search).toBeVisible();
      await expectNoSidewaysScroll(page, 'the queue');

      // The header is one Menu button: the page links, Notifications and the account's actions.
      const header = new AppHeader(page);
      expect(await header.collapsed()).toBe(true);
      await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
      const menu = await header.openMenu();
      for (const item of ['Failed requests', 'Activity', 'Entra audit log', 'Notifications']) {
        await expect(menu.getByRole('menuitem', { name: item, exact: true })).toBeVisible();
      }
      await expect(menu.getByRole('menuitem', { name: 'Failed requests' })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expect(menu.getByRole('group', { name: new RegExp(`^${USERS.agent.name}`) })).toContainText(
        USERS.agent.upn,
      );
      await expect(menu.getByRole('menuitem', { name: 'Switch account' })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the open header menu');
      await shot('header-menu');
      // Keyboard: Escape closes it and focus is back on the Menu button.
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(header.menuButton).toBeFocused();

      // Filters set: "Clear filters" joins them, and the bar wraps.
      await queue.chooseFilter('State', 'Delivery failed');
      await queue.search.fill('@');
      await expect(page.getByRole('button', { name: 'Clear filters' })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the queue with filters set');
      await page.getByRole('button', { name: 'Clear filters' }).click();

      // The grid scrolls sideways inside its frame; the requestor stays in view.
      await queue.showRow(id);
      const row = queue.row(id);
      const requestor = row.getByRole('gridcell').nth(1);
      const before = await requestor.boundingBox();
      await queue.table.evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
      });
      await expect(queue.reprocessButton(id)).toBeInViewport();
      const after = await requestor.boundingBox();
      expect(after!.x).toBeCloseTo(before!.x, 0);
      await expect(requestor).toBeInViewport();
      await expectNoSidewaysScroll(page, 'the grid scrolled to its end');
      await shot('grid-scrolled');

      // The details drawer.
      await queue.detailsButton(id).click();
      const drawer = page.getByRole('dialog').filter({ hasText: id });
      await expect(drawer.getByRole('button', { name: 'Close' }).first()).toBeVisible();
      await expectNoSidewaysScroll(page, 'the details drawer');
      await shot('drawer');
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();

      // The bulk confirmation. (The header box selects the rows in view; whether it then reads
      // checked or mixed depends on where the grid is scrolled to when it settles.)
      await queue.selectInView.click();
      await expect(page.getByRole('button', { name: /^Reprocess selected \([1-9]\d*\)/ })).toBeEnabled();
      await page.getByRole('button', { name: /^Reprocess selected \(\d+\)/ }).click();
      const confirm = page.getByRole('dialog', { name: /^Reprocess \d+ selected requests\?$/ });
      await expect(confirm.getByRole('list', { name: 'What will be sent' })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the bulk confirmation');
      await shot('bulk-confirm');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toBeHidden();
      // Focus back on "Reprocess selected" may scroll another row into view: the header box then
      // reads mixed, and a first press selects the rows in view before the next clears them.
      await expect(async () => {
        await queue.selectInView.click();
        await expect(queue.selectInView).not.toBeChecked({ timeout: 1_000 });
      }).toPass();

      // One reprocess, so Activity has a row, and a notice behind Notifications.
      await queue.showRow(id);
      await queue.reprocessButton(id).click();
      await expect(queue.rowNote(id)).toHaveText(/^Accepted/);
      await expectNoSidewaysScroll(page, 'the queue after a reprocess');

      const activity = new ActivityPage(page);
      await activity.open();
      await activity.expectCount(1);
      await expectNoSidewaysScroll(page, 'the Activity page');
      await shot('activity');

      const audit = new AuditLogPage(page);
      await audit.open();
      await expect(audit.status).toBeVisible();
      await expectNoSidewaysScroll(page, 'the Entra audit log page');
      await shot('audit');
    });

    test('the configuration error page fits the width', async ({ page }) => {
      await page.unroute('**/config.json');
      await page.route('**/config.json', (route) => route.fulfill({ json: { clientId: 'x' } }));
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Reprocess Desk cannot start' })).toBeVisible();
      await expectNoSidewaysScroll(page, 'the configuration error page');
    });
  });
}

test('review pictures at 320, 375 and 1280 px: the queue, the open header menu, the drawer and Activity', async ({
  page,
  signIn,
}, testInfo) => {
  test.slow();
  await emulator.settings({ deliveryDelayMs: 600_000 });
  await page.setViewportSize({ width: 1280, height: 800 });
  const target = (await emulator.requests('deliveryFailed')).find(
    (r) => r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  expect(target).toBeDefined();
  const id = target!.id;
  const queue = await signIn(USERS.agent);
  await queue.showRow(id);
  await queue.reprocessButton(id).click();
  await expect(queue.rowNote(id)).toHaveText(/^Accepted/);
  const header = new AppHeader(page);
  const activity = new ActivityPage(page);

  for (const width of [320, 375, 1280]) {
    const shot = (name: string) =>
      page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), animations: 'disabled' });
    await page.setViewportSize({ width, height: width < 1000 ? 740 : 800 });
    await expect(queue.table).toBeVisible();
    await page.mouse.move(0, 0);
    await expectNoSidewaysScroll(page, `the queue at ${width} px`);
    await shot('queue');

    // Narrow: the one Menu; wide: the account menu, beside the page links and Notifications.
    await header.openAccountMenu(USERS.agent.name);
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
    expect(await header.collapsed()).toBe(width < 1024);
    await shot('header-menu');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();

    await queue.showRow(id);
    await queue.detailsButton(id).click();
    const drawer = page.getByRole('dialog').filter({ hasText: id });
    await expect(drawer.getByText('Accepted').first()).toBeVisible();
    await shot('drawer');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    await activity.open();
    await activity.expectCount(1);
    await expectNoSidewaysScroll(page, `the Activity page at ${width} px`);
    await shot('activity');
    await header.goTo('Failed requests');
  }
});
