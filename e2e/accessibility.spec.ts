import type { Page, Route } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { emulator, expect, signInThroughPicker, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { AuditLogPage } from './pages/audit-page';
import type { QueuePage } from './pages/queue-page';

// Every page and state of the dashboard, checked with axe (WCAG 2.0-2.2 A/AA): no serious or
// critical violation anywhere. Two long journeys rather than one test per state, as the suite is
// timed; each state is a step, so a failure names the state and the steps after it still run.

const DAY = 86_400_000;

/**
 * A state to check: how to get there from the previous one, and what shows it is there (so axe
 * runs on the finished screen, not a loading one).
 */
interface A11yState {
  name: string;
  reach: () => Promise<void>;
}

/**
 * The three themes each state is checked in. The dashboard's theme is "System" here, which follows
 * the operating system live: dark through `prefers-color-scheme`, high contrast through
 * `forced-colors` (as Windows' contrast themes set it). `color-scheme` on the page says which
 * theme is applied, so axe runs once the page has taken it.
 */
const THEMES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' }, scheme: 'light' },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' }, scheme: 'dark' },
  { name: 'high contrast', media: { colorScheme: 'light', forcedColors: 'active' }, scheme: 'light dark' },
] as const;

/** Walks through the states in order, checking each one with axe in each theme. */
async function walk(page: Page, states: readonly A11yState[]): Promise<void> {
  for (const state of states) {
    await test.step(state.name, async () => {
      await state.reach();
      for (const theme of THEMES) {
        await page.emulateMedia(theme.media);
        await expect
          .poll(() => page.evaluate(() => document.documentElement.style.colorScheme))
          .toBe(theme.scheme);
        await expectNoSeriousViolations(page, `${state.name} [${theme.name} theme]`);
      }
      await page.emulateMedia(THEMES[0].media);
    });
  }
}

/** The fixture's config.json answer (the deployed file, with the project's Graph version). */
function deployedConfig(graphApiVersion: string) {
  return async (route: Route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...config, graphApiVersion } });
  };
}

/** The queue with its rows and its tools (search, filters, toolbar) on screen. */
async function queueReady(queue: QueuePage): Promise<void> {
  await expect(queue.count).toHaveText(/^\d+ failed requests?$/, { timeout: 30_000 });
  await expect(queue.search).toBeVisible();
  await expect(queue.bodyRows().first()).toBeVisible();
}

/** Failed requests inside the reprocess window, so Reprocess is offered on them. */
async function reprocessable(n: number): Promise<string[]> {
  const found = (await emulator.requests('deliveryFailed')).filter(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  if (found.length < n) throw new Error(`the seed has fewer than ${n} reprocessable requests`);
  return found.slice(0, n).map((r) => r.id);
}

test.describe('Accessibility, in the light, dark and high-contrast themes', () => {
  test('an agent: queue, filters, details, bulk reprocess, Activity and the Entra audit log', async ({
    page,
    signIn,
    queue,
  }) => {
    // Seventeen states, each checked in three themes, the queue's checks of several seconds each on a busy machine.
    test.setTimeout(480_000);
    // Accepted requests stay "delivering": no settle toast comes and goes during a check.
    // A page of 20 audit events (with Load more) rather than 100 keeps that check short.
    await emulator.settings({ deliveryDelayMs: 600_000, auditPageSize: 20 });
    const targets = await reprocessable(3);
    const activity = new ActivityPage(page);
    const audit = new AuditLogPage(page);
    const bulkPanel = page.getByRole('region', { name: 'Bulk reprocess' });
    const confirm = page.getByRole('dialog', { name: 'Reprocess 3 selected requests?' });
    const results = page.getByRole('dialog', { name: 'Bulk reprocess results' });
    const drawer = page.getByRole('dialog').filter({ has: page.getByText(targets[0] ?? '') });

    await walk(page, [
      {
        name: 'Activity page, empty record',
        reach: async () => {
          await signIn(USERS.agent);
          await activity.open();
          await activity.expectEmptyRecord();
        },
      },
      {
        name: 'queue, three rows selected',
        reach: async () => {
          await page
            .getByRole('navigation', { name: 'Pages' })
            .getByRole('link', { name: 'Failed requests' })
            .click();
          await queueReady(queue);
          for (const id of targets) {
            await queue.search.fill(id);
            await queue.rowCheckbox(id).check();
          }
          await queue.search.fill('');
          await expect(queue.selectionCount).toHaveText('3 selected');
        },
      },
      {
        // Narrow, the toolbar and filters wrap and the targets sit closer together.
        name: 'queue at 375 px wide',
        reach: async () => {
          await page.setViewportSize({ width: 375, height: 740 });
          await expect(queue.search).toBeVisible();
          await expect(queue.bodyRows().first()).toBeVisible();
        },
      },
      {
        name: 'queue with a search and filters set',
        reach: async () => {
          await page.setViewportSize({ width: 1440, height: 900 });
          await queue.chooseFilter('State', 'Delivery failed');
          await queue.chooseFilter('Request type', /^User add/);
          await expect(page.getByRole('button', { name: 'Clear filters' })).toBeVisible();
          await expect(queue.count).toHaveText(/^\d+ of \d+ failed requests$/);
        },
      },
      {
        name: 'queue, nothing matches the search',
        reach: async () => {
          await queue.search.fill('nothing-is-called-this');
          await expect(page.getByText('No failed requests match the search and filters')).toBeVisible();
        },
      },
      {
        name: 'details drawer',
        reach: async () => {
          await page.getByRole('button', { name: 'Clear filters' }).first().click();
          await expect(queue.selectionCount).toHaveText('3 selected');
          const id = targets[0] ?? '';
          await queue.search.fill(id);
          await queue.detailsButton(id).click();
          await expect(drawer).toBeVisible();
          await expect(drawer.getByRole('button', { name: 'Reprocess', exact: true })).toBeVisible();
        },
      },
      {
        name: 'bulk confirmation dialog',
        reach: async () => {
          await drawer.getByRole('button', { name: 'Close' }).last().click();
          await expect(drawer).toBeHidden();
          await queue.search.fill('');
          await page.getByRole('button', { name: 'Reprocess selected (3)' }).click();
          await expect(confirm.getByRole('button', { name: 'Reprocess 3 requests' })).toBeVisible();
        },
      },
      {
        name: 'bulk reprocess in progress',
        reach: async () => {
          // The batch is held until the check is done, so the progress stays on screen.
          await emulator.hold('/\\$batch$', 60_000);
          await confirm.getByRole('button', { name: 'Reprocess 3 requests' }).click();
          await expect(page.getByRole('progressbar', { name: 'Reprocessing 3 requests' })).toBeVisible();
        },
      },
      {
        name: 'bulk reprocess finished',
        reach: async () => {
          await emulator.clearFaults();
          await expect(bulkPanel.getByText('Bulk reprocess finished')).toBeVisible({ timeout: 30_000 });
        },
      },
      {
        name: 'bulk results dialog',
        reach: async () => {
          await page.getByRole('button', { name: 'View results' }).click();
          await expect(results.getByRole('table', { name: 'Bulk reprocess results' })).toBeVisible();
          await expect(results).toContainText('202 Accepted');
        },
      },
      {
        name: 'reprocess by id dialog',
        reach: async () => {
          await results.getByRole('button', { name: 'Close' }).click();
          await expect(results).toBeHidden();
          const byId = queue.byId();
          await byId.fill('not an id');
          await expect(byId.alert('Not a valid request id')).toBeVisible();
        },
      },
      {
        name: 'notifications panel',
        reach: async () => {
          await queue.byId().close.click();
          await queue.openNotifications();
        },
      },
      {
        name: 'Activity page with entries',
        reach: async () => {
          await queue.closeNotifications();
          await activity.open();
          await activity.expectCount(3);
        },
      },
      {
        name: 'Activity trends, both tables open',
        reach: async () => {
          await page.getByRole('button', { name: 'Show trends' }).click();
          const trends = page.getByRole('region', { name: 'Trends, last 30 days' });
          await expect(trends.getByText(/failed requests in 30 days/)).toBeVisible();
          await trends.getByText('The numbers, as a table').first().click();
          await trends.getByText('The numbers, as a table').nth(1).click();
          await expect(trends.getByRole('table', { name: 'reprocess attempts per day' })).toBeVisible();
        },
      },
      {
        name: 'Causes page, a cause with requests past the window',
        reach: async () => {
          await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Causes' }).click();
          await expect(
            page.getByRole('status').filter({ hasText: /failed requests in \d+ causes/ }),
          ).toBeVisible();
          await page
            .getByRole('navigation', { name: 'Causes, most requests first' })
            .getByRole('button', { name: /^Group not found/ })
            .click();
          await expect(page.getByText(/requests? (is|are) past the reprocess window/)).toBeVisible();
        },
      },
      {
        name: 'Entra audit log page, an event expanded',
        reach: async () => {
          await audit.open();
          await expect(audit.status).toHaveText(/^\d+ events?\b/, { timeout: 20_000 });
          await audit
            .eventRows()
            .first()
            .getByRole('button', { name: /^Details of / })
            .click();
          await expect(audit.table.getByRole('row').filter({ hasText: 'Additional details' })).toBeVisible();
        },
      },
      {
        name: 'sign-out dialog',
        reach: async () => {
          await page.getByRole('button', { name: `Account: ${USERS.agent.name}` }).click();
          await page.getByRole('menuitem', { name: 'Sign out' }).click();
          await expect(page.getByRole('dialog', { name: 'Sign out?' })).toBeVisible();
        },
      },
    ]);
  });

  test('before sign-in, an auditor and a catalog-scoped agent: configuration error, sign-in, read-only, catalog picker', async ({
    page,
    graphApiVersion,
  }) => {
    test.slow();
    await walk(page, [
      {
        name: 'configuration error page (bad config.json)',
        reach: async () => {
          await page.unroute('**/config.json');
          await page.route('**/config.json', async (route) => {
            const response = await route.fetch();
            const { graphApiVersion: _, ...config } = (await response.json()) as Record<string, unknown>;
            await route.fulfill({ response, json: { ...config, graphApiVerison: 'beta' } });
          });
          await page.goto('/');
          await expect(page.getByRole('heading', { name: 'Reprocess Desk cannot start' })).toBeVisible();
          await expect(page.getByText(/did you mean graphApiVersion\?/)).toBeVisible();
        },
      },
      {
        name: 'sign-in page',
        reach: async () => {
          await page.unroute('**/config.json');
          await page.route('**/config.json', deployedConfig(graphApiVersion));
          await page.getByRole('button', { name: 'Reload' }).click();
          await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
        },
      },
      {
        name: 'auditor (read-only) queue and banner',
        reach: async () => {
          await signInThroughPicker(page, USERS.auditor);
          await expect(page.getByText('Read-only access')).toBeVisible();
          await expect(page.getByRole('button', { name: 'Request permission to reprocess' })).toBeVisible();
          await expect(page.getByRole('button', { name: 'Open by id…' })).toBeVisible();
          await expect(
            page.getByRole('grid', { name: 'Failed requests' }).getByRole('gridcell').first(),
          ).toBeVisible();
        },
      },
      {
        name: 'catalog-scoped agent, no access package chosen',
        reach: async () => {
          await page.getByRole('button', { name: `Account: ${USERS.auditor.name}` }).click();
          await page.getByRole('menuitem', { name: 'Sign out' }).click();
          await page
            .getByRole('dialog', { name: 'Sign out?' })
            .getByRole('button', { name: 'Sign out' })
            .click();
          await signInThroughPicker(page, USERS.catalogAgent);
          await expect(
            page.getByRole('status').filter({ hasText: 'No access package chosen' }),
          ).toBeVisible();
        },
      },
      {
        name: 'catalog picker open',
        reach: async () => {
          await page.getByRole('combobox', { name: 'Access packages' }).click();
          await expect(page.getByRole('menuitemcheckbox', { name: 'Campaign Hub' })).toBeVisible();
        },
      },
      {
        name: 'catalog-scoped queue with a package chosen',
        reach: async () => {
          await page.getByRole('menuitemcheckbox', { name: 'Campaign Hub' }).click();
          await page.keyboard.press('Escape');
          await expect(page.getByRole('status').filter({ hasText: /^\d+ failed requests?$/ })).toBeVisible({
            timeout: 30_000,
          });
        },
      },
    ]);
  });
});
