import type { Page } from '@playwright/test';
import type { CanonicalRequest, LogEntry } from './emulator-control';
import { emulator, expect, signInThroughPicker, test, USERS } from './fixtures';

const DAY = 86_400_000;
const EXPLANATION =
  'Your role covers only some catalogs, so Graph lists failed requests one access package at a time.';

async function failedRequests(): Promise<CanonicalRequest[]> {
  return [...(await emulator.requests('deliveryFailed')), ...(await emulator.requests('partiallyDelivered'))];
}

/** The ids of the rows on screen (few enough here that the virtualized grid renders them all). */
async function shownIds(page: Page): Promise<Set<string>> {
  const labels = await page
    .getByRole('button', { name: /^Details for request / })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return new Set(labels.map((label) => label.replace('Details for request ', '')));
}

/** The logged query string (the emulator logs it decoded, as text). */
function queryText(e: LogEntry): string {
  return typeof e.query === 'string' ? e.query : decodeURIComponent(new URLSearchParams(e.query).toString());
}

async function choosePackage(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Access packages' }).click();
  await page.getByRole('menuitemcheckbox', { name }).click();
  await page.keyboard.press('Escape');
}

function insideWindow(r: { completedDateTime?: string }): boolean {
  return !r.completedDateTime || Date.now() - Date.parse(r.completedDateTime) < 14 * DAY;
}

test.describe('catalog-scoped agents', () => {
  test('list failed requests one access package at a time, and reprocess within them', async ({
    page,
    signIn,
  }, testInfo) => {
    // A small tenant, so every row of a package is on screen; two per page, so each package's
    // list takes several pages.
    await emulator.seed({ failed: 40, total: 80 });
    await emulator.settings({ pageSize: 2, deliveryOutcome: 'delivered' });
    const failed = await failedRequests();
    // What the queue shows by default: the failed requests still inside the reprocess window.
    const inPackage = (name: string) =>
      failed.filter((r) => r.accessPackage?.displayName === name && insideWindow(r));
    const campaign = inPackage('Campaign Hub');
    const portal = inPackage('Partner portal (guests)');
    const elsewhere = failed.find((r) =>
      ['Finance', 'Engineering', 'General'].includes(String(r.accessPackage?.catalog?.displayName)),
    );
    expect(campaign.length).toBeGreaterThan(0);
    expect(portal.length).toBeGreaterThan(0);
    expect(elsewhere).toBeDefined();
    const campaignId = String(campaign[0]?.accessPackage?.id);
    const portalId = String(portal[0]?.accessPackage?.id);

    const queue = await signIn(USERS.catalogAgent);
    await expect(page.getByText(EXPLANATION)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'No access package chosen' })).toBeVisible();

    // Only the packages of their two catalogs are offered, grouped by catalog.
    await page.getByRole('combobox', { name: 'Access packages' }).click();
    await expect(page.getByRole('menuitemcheckbox')).toHaveText([
      'Brand assets library',
      'Campaign Hub',
      'Social media tools',
      'Joint venture workspace',
      'Partner portal (guests)',
    ]);
    await expect(page.getByRole('group', { name: 'Marketing' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('catalog-picker.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');

    await choosePackage(page, 'Campaign Hub');
    await expect(page).toHaveURL(new RegExp(`[?&]packages=${campaignId}`));
    await queue.waitForAllLoaded(campaign.length);
    expect(await shownIds(page)).toEqual(new Set(campaign.map((r) => r.id)));

    // A second package: its requests join the list.
    await choosePackage(page, 'Partner portal (guests)');
    await queue.waitForAllLoaded(campaign.length + portal.length);
    const shown = await shownIds(page);
    expect(shown).toEqual(new Set([...campaign, ...portal].map((r) => r.id)));
    // A request from a catalog their role does not cover is not listed.
    expect(shown.has(elsewhere!.id)).toBe(false);
    await page.screenshot({ path: testInfo.outputPath('catalog-queue.png'), animations: 'disabled' });

    // Every list call named one of the chosen packages, and Graph answered each.
    const lists = (await emulator.log()).filter(
      (e) => e.method === 'GET' && /[Rr]equests$/.test(e.path) && queryText(e).includes('accessPackage/id'),
    );
    expect(lists.every((e) => e.status === 200 && e.upn === USERS.catalogAgent.upn)).toBe(true);
    const packagesAsked = new Set(lists.map((e) => /accessPackage\/id eq '([^']+)'/.exec(queryText(e))?.[1]));
    expect(packagesAsked).toEqual(new Set([campaignId, portalId]));

    // Reprocess one of theirs.
    const target = [...campaign, ...portal].find(
      (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 13 * DAY,
    );
    expect(target).toBeDefined();
    await queue.reprocessButton(target!.id).click();
    await expect(queue.rowNote(target!.id)).toHaveText(/^Accepted/);
    const posts = (await emulator.log()).filter((e) => e.method === 'POST');
    expect(posts.map((p) => [p.path.endsWith(`/${target!.id}/reprocess`), p.status, p.upn])).toEqual([
      [true, 202, USERS.catalogAgent.upn],
    ]);

    // The chosen packages live in the URL: a reload lists them again, fresh from Graph, where
    // the reprocessed request is no longer failed.
    await page.reload();
    await queue.waitForAllLoaded(campaign.length + portal.length - 1);
    expect((await shownIds(page)).has(target!.id)).toBe(false);
  });

  test('a request from another catalog, pasted by id, is refused by Graph and said so', async ({
    page,
    signIn,
  }) => {
    const elsewhere = (await failedRequests()).find(
      (r) => r.accessPackage?.catalog?.displayName === 'Finance',
    );
    expect(elsewhere).toBeDefined();
    const queue = await signIn(USERS.catalogAgent);
    await expect(page.getByText(EXPLANATION)).toBeVisible();
    const byId = queue.byId();
    await byId.fill(elsewhere!.id);
    await byId.submit.click();
    // Said in the dialog, in full (no toast repeats it), and the id stays in the field.
    await expect(byId.alert('Refused: permission (403 Forbidden)')).toBeVisible();
    await expect(queue.toast(/Refused/)).toHaveCount(0);
    await expect(byId.field).toHaveValue(elsewhere!.id);
    const posts = (await emulator.log()).filter((e) => e.method === 'POST');
    expect(posts.map((p) => p.status)).toEqual([403]);
  });

  test('details open in the URL: Back closes them, and a package chosen meanwhile stays chosen', async ({
    page,
    signIn,
  }) => {
    await emulator.seed({ failed: 40, total: 80 });
    const failed = await failedRequests();
    // What the queue shows by default: the failed requests still inside the reprocess window.
    const inPackage = (name: string) =>
      failed.filter((r) => r.accessPackage?.displayName === name && insideWindow(r));
    const campaign = inPackage('Campaign Hub');
    const portal = inPackage('Partner portal (guests)');
    expect(campaign.length).toBeGreaterThan(0);
    expect(portal.length).toBeGreaterThan(0);
    const campaignId = String(campaign[0]?.accessPackage?.id);
    const portalId = String(portal[0]?.accessPackage?.id);
    const target = campaign[0]!;
    const packagesInUrl = () => new URL(page.url()).searchParams.get('packages');
    const requestInUrl = () => new URL(page.url()).searchParams.get('request');

    const queue = await signIn(USERS.catalogAgent);
    await choosePackage(page, 'Campaign Hub');
    await queue.waitForAllLoaded(campaign.length);

    const drawer = page.getByRole('dialog', {
      name: `${target.accessPackage?.displayName} for ${target.requestor?.displayName}`,
    });
    await queue.detailsButton(target.id).click();
    await expect(drawer).toBeVisible();
    await expect.poll(requestInUrl).toBe(target.id);
    await page.goBack();
    await expect(drawer).toBeHidden();
    await expect.poll(requestInUrl).toBeNull();
    expect(packagesInUrl()).toBe(campaignId);

    // The drawer does not block the page: a package chosen while it is open is kept when it closes.
    await queue.detailsButton(target.id).click();
    await expect(drawer).toBeVisible();
    await choosePackage(page, 'Partner portal (guests)');
    await queue.waitForAllLoaded(campaign.length + portal.length);
    await drawer.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(drawer).toBeHidden();
    await expect.poll(requestInUrl).toBeNull();
    expect(packagesInUrl()).toBe(`${campaignId},${portalId}`);
    await queue.waitForAllLoaded(campaign.length + portal.length);
  });

  test('a user without any entitlement-management role still gets the permission page', async ({ page }) => {
    await signInThroughPicker(page, USERS.noRole);
    await expect(
      page.getByRole('heading', { name: /don.t have access to entitlement management/ }),
    ).toBeVisible();
    await expect(page.getByText(EXPLANATION)).toHaveCount(0);
    const packageCalls = (await emulator.log()).filter((e) => e.path.endsWith('/accessPackages'));
    expect(packageCalls.map((e) => e.status)).toEqual([403]);
  });
});
