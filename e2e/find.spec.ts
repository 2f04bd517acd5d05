import type { Page } from '@playwright/test';
import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, test as base, USERS } from './fixtures';
import { QueuePage } from './pages/queue-page';

// Finding one request among many: search, filters, sort, and a view that a copied link brings
// back. A small known tenant, so every expectation can be read off the data below.
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const CATALOGS = {
  marketing: { id: 'c0000000-0000-4000-8000-00000000000a', displayName: 'Marketing' },
  partners: { id: 'c0000000-0000-4000-8000-00000000000b', displayName: 'Partners' },
  engineering: { id: 'c0000000-0000-4000-8000-00000000000c', displayName: 'Engineering' },
  finance: { id: 'c0000000-0000-4000-8000-00000000000d', displayName: 'Finance' },
};
const PACKAGES = {
  campaign: {
    id: 'a0000000-0000-4000-8000-000000000001',
    displayName: 'Campaign Hub',
    catalog: CATALOGS.marketing,
  },
  brand: {
    id: 'a0000000-0000-4000-8000-000000000002',
    displayName: 'Brand assets library',
    catalog: CATALOGS.marketing,
  },
  partner: {
    id: 'a0000000-0000-4000-8000-000000000003',
    displayName: 'Partner portal (guests)',
    catalog: CATALOGS.partners,
  },
  github: {
    id: 'a0000000-0000-4000-8000-000000000004',
    displayName: 'GitHub Enterprise',
    catalog: CATALOGS.engineering,
  },
  finance: {
    id: 'a0000000-0000-4000-8000-000000000005',
    displayName: 'Finance reports',
    catalog: CATALOGS.finance,
  },
};

function person(displayName: string, email: string, principalName = email) {
  return { id: crypto.randomUUID(), displayName, email, principalName, subjectType: 'user' };
}

// In the default order (soonest to leave the 14-day window first): chloe, adele, bjorn, ben,
// then outside the window, most recently expired first: zoe, emile.
const R = {
  chloe: {
    id: '11111111-0000-4000-8000-000000000001',
    state: 'partiallyDelivered',
    requestType: 'userAdd',
    status: 'Partially delivered (1 of 2 resources).',
    createdDateTime: ago(14),
    completedDateTime: ago(13.5),
    requestor: person(
      "Chloé O'Brien (Fabrikam)",
      'chloe.obrien@fabrikam.com',
      'chloe.obrien_fabrikam.com#EXT#@contoso.example',
    ),
    accessPackage: PACKAGES.partner,
  },
  adele: {
    id: '11111111-0000-4000-8000-000000000002',
    state: 'deliveryFailed',
    requestType: 'adminAdd',
    status: "Unable to add the user to group 'Campaign Hub Members'.",
    createdDateTime: ago(13),
    completedDateTime: ago(12.5),
    requestor: person('Adele Vance', 'adele.vance@contoso.example'),
    accessPackage: PACKAGES.campaign,
  },
  bjorn: {
    id: '11111111-0000-4000-8000-000000000003',
    state: 'deliveryFailed',
    requestType: 'userAdd',
    status: "Unable to assign the app role 'User'.",
    createdDateTime: ago(9.5),
    completedDateTime: ago(9),
    requestor: person('Björn Lindqvist', 'bjorn.lindqvist@contoso.example'),
    accessPackage: PACKAGES.github,
  },
  ben: {
    id: '11111111-0000-4000-8000-000000000004',
    state: 'partiallyDelivered',
    requestType: 'adminAdd',
    status: 'Partially delivered (1 of 2 resources).',
    createdDateTime: ago(3),
    completedDateTime: ago(2),
    requestor: person('Ben Okafor', 'ben.okafor@contoso.example'),
    accessPackage: PACKAGES.brand,
  },
  zoe: {
    id: '11111111-0000-4000-8000-000000000005',
    state: 'deliveryFailed',
    requestType: 'userUpdate',
    status: 'The site has not been provisioned yet.',
    createdDateTime: ago(21),
    completedDateTime: ago(20),
    requestor: person('Zoë Ivanova', 'zoe.ivanova@contoso.example'),
    accessPackage: PACKAGES.campaign,
  },
  emile: {
    id: '11111111-0000-4000-8000-000000000006',
    state: 'deliveryFailed',
    requestType: 'userAdd',
    status: 'The app role was removed from the application.',
    createdDateTime: ago(41),
    completedDateTime: ago(40),
    requestor: person('Émile Dupré', 'emile.dupre@contoso.example'),
    accessPackage: PACKAGES.finance,
  },
} satisfies Record<string, Partial<CanonicalRequest>>;

const ids = (...keys: (keyof typeof R)[]) => keys.map((k) => R[k].id);

// After the page fixture's reset (hence the dependency on it), the tenant holds only these rows.
const test = base.extend<{ knownTenant: void }>({
  knownTenant: [
    async ({ page: _page }, use) => {
      await emulator.seed({ failed: 0, total: 0, requests: Object.values(R) });
      await use();
    },
    { auto: true },
  ],
});

/**
 * The default view leaves out the two requests outside the window (zoe, emile); these journeys
 * are about finding among all six, so they first choose to see everything.
 */
async function showEverything(queue: QueuePage): Promise<void> {
  await queue.waitForAllLoaded(4);
  await queue.chooseFilter('Reprocess window', 'Any, including outside the window');
  await expect(queue.count).toHaveText('6 failed requests');
}

async function expectRows(queue: QueuePage, expected: string[]): Promise<void> {
  await expect.poll(() => queue.renderedRowIds()).toEqual(expected);
}

test.describe('Find', () => {
  test('search finds by name, email, UPN, access package, catalog and id, ignoring case and accents', async ({
    page,
    signIn,
  }, testInfo) => {
    const queue = await signIn(USERS.agent);
    await showEverything(queue);
    // Soonest to leave the reprocess window first.
    await expectRows(queue, ids('chloe', 'adele', 'bjorn', 'ben', 'zoe', 'emile'));
    await expect(queue.columnHeader('Reprocess window')).toHaveAttribute('aria-sort', 'ascending');
    await expect(queue.columnHeader('Requestor')).toHaveAttribute('aria-sort', 'none');

    const cases: [string, string[]][] = [
      ['chloe', ids('chloe')],
      ['O’BRIEN', ids('chloe')],
      ["o'brien", ids('chloe')],
      ['BJÖRN', ids('bjorn')],
      ['emile dupre', ids('emile')],
      ['adele.vance@', ids('adele')],
      ['#ext#@contoso', ids('chloe')],
      ['campaign hub', ids('adele', 'zoe')],
      ['MARKETING', ids('adele', 'ben', 'zoe')],
      [R.ben.id.slice(-12), ids('ben')],
    ];
    for (const [q, expected] of cases) {
      await queue.search.fill(q);
      await expect(queue.count).toHaveText(`${expected.length} of 6 failed requests`);
      await expectRows(queue, expected);
    }
    await expect(queue.table).toHaveAttribute('aria-rowcount', '2');
    expect(new URL(page.url()).searchParams.get('q')).toBe(R.ben.id.slice(-12));

    await queue.search.fill('campaign hub');
    await expect(queue.row(R.adele.id)).toContainText('Adele Vance');
    await page.screenshot({ path: testInfo.outputPath('search.png'), animations: 'disabled' });

    await queue.search.fill('nobody by this name');
    await expect(queue.count).toHaveText('0 of 6 failed requests');
    await expect(page.getByText('No failed requests match the search and filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    // Back to the default view: what can be reprocessed.
    await queue.waitForAllLoaded(4);
    await expect(queue.search).toHaveValue('');
    expect(new URL(page.url()).searchParams.has('q')).toBe(false);
  });

  test('each filter narrows the queue and is written to the URL', async ({ page, signIn }, testInfo) => {
    const queue = await signIn(USERS.agent);
    await showEverything(queue);
    const param = (key: string) => new URL(page.url()).searchParams.get(key);

    await queue.chooseFilter('State', 'Partially delivered');
    await expect(queue.count).toHaveText('2 of 6 failed requests');
    await expectRows(queue, ids('chloe', 'ben'));
    expect(param('state')).toBe('partiallyDelivered');
    await queue.chooseFilter('State', 'All states');

    // Grouped by catalog, each with its count of loaded rows.
    expect(await queue.filterOptions('Access package or catalog')).toEqual(
      expect.arrayContaining(['All access packages', 'Everything in Marketing (3)']),
    );
    await page.screenshot({ path: testInfo.outputPath('filters.png'), animations: 'disabled' });
    await queue.chooseFilter('Access package or catalog', /^Campaign Hub/);
    await expect(queue.count).toHaveText('2 of 6 failed requests');
    await expectRows(queue, ids('adele', 'zoe'));
    expect(param('package')).toBe(PACKAGES.campaign.id);

    await queue.chooseFilter('Access package or catalog', /^Everything in Marketing/);
    await expect(queue.count).toHaveText('3 of 6 failed requests');
    await expectRows(queue, ids('adele', 'ben', 'zoe'));
    expect(param('catalog')).toBe(CATALOGS.marketing.id);
    expect(param('package')).toBeNull();
    await expect(queue.filter('Access package or catalog')).toHaveValue(`catalog:${CATALOGS.marketing.id}`);
    await queue.chooseFilter('Access package or catalog', 'All access packages');

    // The same value in both API versions (beta sends AdminAdd).
    await queue.chooseFilter('Request type', /^Admin add/);
    await expect(queue.count).toHaveText('2 of 6 failed requests');
    await expectRows(queue, ids('adele', 'ben'));
    expect(param('type')).toBe('adminAdd');
    await queue.chooseFilter('Request type', 'All request types');

    await queue.chooseFilter('Reprocess window', '≤ 1 day left');
    await expect(queue.count).toHaveText('2 of 6 failed requests');
    await expectRows(queue, ids('chloe', 'adele'));
    // The last day reads as hours left.
    await expect(queue.row(R.chloe.id)).toContainText(/Ends in (11|12) h/);
    await expect(queue.row(R.adele.id)).toContainText('1 day left');
    expect(param('window')).toBe('1');
    await queue.chooseFilter('Reprocess window', '≤ 7 days left');
    await expectRows(queue, ids('chloe', 'adele', 'bjorn'));

    // Filters combine with each other and with the search.
    await queue.chooseFilter('State', 'Delivery failed');
    await expectRows(queue, ids('adele', 'bjorn'));
    await queue.search.fill('lindqvist');
    await expect(queue.count).toHaveText('1 of 6 failed requests');
    await expectRows(queue, ids('bjorn'));
    await page.screenshot({ path: testInfo.outputPath('filters.png'), animations: 'disabled' });

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await queue.waitForAllLoaded(4);
    for (const key of ['q', 'state', 'window']) expect(param(key)).toBeNull();
    await expect(queue.filter('State')).toHaveValue('');
  });

  test('the default view offers what can be reprocessed; those outside the window are one click away', async ({
    page,
    signIn,
  }, testInfo) => {
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(4);
    await expectRows(queue, ids('chloe', 'adele', 'bjorn', 'ben'));
    await expect(page.getByText('2 outside the 14-day window are not shown')).toBeVisible();
    for (const id of ids('chloe', 'adele', 'bjorn', 'ben'))
      await expect(queue.reprocessButton(id)).toBeEnabled();

    await page.getByRole('button', { name: 'Show the 2 outside the window' }).click();
    await expect(queue.count).toHaveText('2 of 6 failed requests');
    expect(new URL(page.url()).searchParams.get('window')).toBe('outside');
    // Most recently expired first: the closest to still being fixable.
    await expectRows(queue, ids('zoe', 'emile'));
    await expect(queue.bodyRows()).toHaveCount(2);
    for (const row of await queue.bodyRows().all()) await expect(row).toContainText('Outside window');
    // Their Reprocess is disabled and says why, to the eye (tooltip) and to a screen reader.
    const button = queue.reprocessButton(R.zoe.id);
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/Outside the 14-day reprocess window/);
    await button.hover();
    await expect(page.getByRole('tooltip')).toContainText('Outside the 14-day reprocess window');
    await page.screenshot({ path: testInfo.outputPath('outside-window.png'), animations: 'disabled' });
    await page.mouse.move(0, 0);
    await button.focus();
    await page.keyboard.press('Enter');
    expect((await emulator.log()).filter((e) => e.method === 'POST')).toEqual([]);

    await queue.chooseFilter('Reprocess window', 'Inside the window');
    await expectRows(queue, ids('chloe', 'adele', 'bjorn', 'ben'));
  });

  test('sorting by a column header, both ways, with aria-sort', async ({ page, signIn }) => {
    const queue = await signIn(USERS.agent);
    await showEverything(queue);

    await queue.columnHeader('Requestor').click();
    await expect(queue.columnHeader('Requestor')).toHaveAttribute('aria-sort', 'ascending');
    await expect(queue.columnHeader('Reprocess window')).toHaveAttribute('aria-sort', 'none');
    // Accents do not push a name to the end: Émile sorts as Emile, Zoë as Zoe.
    await expectRows(queue, ids('adele', 'ben', 'bjorn', 'chloe', 'emile', 'zoe'));

    await queue.columnHeader('Requestor').click();
    await expect(queue.columnHeader('Requestor')).toHaveAttribute('aria-sort', 'descending');
    await expectRows(queue, ids('zoe', 'emile', 'chloe', 'bjorn', 'ben', 'adele'));
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('requestor');
    expect(url.searchParams.get('dir')).toBe('desc');

    // The keyboard works too: the header is a button.
    await queue.columnHeader('Completed').getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(queue.columnHeader('Completed')).toHaveAttribute('aria-sort', 'ascending');
    await expectRows(queue, ids('emile', 'zoe', 'chloe', 'adele', 'bjorn', 'ben'));

    // The count never says "of" for a sort alone.
    await expect(queue.count).toHaveText('6 failed requests');
  });

  test('a copied link reproduces the view after sign-in, in a new tab', async ({
    page,
    context,
    signIn,
    graphApiVersion,
  }) => {
    const queue = await signIn(USERS.agent);
    await showEverything(queue);
    await queue.chooseFilter('Access package or catalog', /^Everything in Marketing/);
    await queue.search.fill('a');
    await queue.columnHeader('Requestor').click();
    await queue.columnHeader('Requestor').click();
    await expect(queue.count).toHaveText('3 of 6 failed requests');
    await expectRows(queue, ids('zoe', 'ben', 'adele'));
    const link = page.url();

    // A colleague's tab: same browser, not signed in to this dashboard yet (MSAL keeps its
    // cache per tab).
    const other = await context.newPage();
    await useApiVersion(other, graphApiVersion);
    await other.goto(link);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('button', { name: USERS.agent.name, exact: true }).click();
    const theirs = new QueuePage(other);
    await expect(theirs.count).toHaveText('3 of 6 failed requests', { timeout: 30_000 });
    expect(other.url()).toBe(link);
    await expect(theirs.search).toHaveValue('a');
    await expect(theirs.filter('Access package or catalog')).toHaveValue(`catalog:${CATALOGS.marketing.id}`);
    await expect(theirs.columnHeader('Requestor')).toHaveAttribute('aria-sort', 'descending');
    await expectRows(theirs, ids('zoe', 'ben', 'adele'));
  });

  test('selecting rows: one by one, those in view, and those the filter hides', async ({
    page,
    signIn,
  }, testInfo) => {
    const queue = await signIn(USERS.agent);
    await showEverything(queue);
    await expect(queue.selectionCount).toBeHidden();

    await queue.rowCheckbox(R.emile.id).check();
    await expect(queue.selectionCount).toHaveText('1 selected');
    await expect(queue.selectInView).toBeChecked({ indeterminate: true });

    // The header checkbox takes the rows in view (here every row the filter matches).
    await queue.chooseFilter('Access package or catalog', /^Everything in Marketing/);
    await expect(queue.selectionCount).toHaveText('1 selected (1 hidden by the filter)');
    await expect(queue.selectInView).not.toBeChecked();
    await queue.selectInView.check();
    await expect(queue.selectionCount).toHaveText('4 selected (1 hidden by the filter)');
    await page.screenshot({ path: testInfo.outputPath('selection.png'), animations: 'disabled' });
    for (const id of ids('adele', 'ben', 'zoe')) await expect(queue.rowCheckbox(id)).toBeChecked();
    // Nothing more matches than is in view: nothing more to offer.
    await expect(page.getByRole('button', { name: /^Select all \d+ matching$/ })).toHaveCount(0);

    await queue.rowCheckbox(R.ben.id).uncheck();
    await expect(queue.selectionCount).toHaveText('3 selected (1 hidden by the filter)');
    await expect(queue.selectInView).toBeChecked({ indeterminate: true });

    // Back to the default view: the two outside the window are hidden again, still selected.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(queue.selectionCount).toHaveText('3 selected (2 hidden by the filter)');
    await expect(queue.rowCheckbox(R.adele.id)).toBeChecked();
    await expect(queue.rowCheckbox(R.ben.id)).not.toBeChecked();

    // With some rows in view selected, the header selects the rest in view; a second click clears all.
    await queue.selectInView.click();
    await expect(queue.selectionCount).toHaveText('6 selected (2 hidden by the filter)');
    await expect(queue.selectInView).toBeChecked();
    await queue.selectInView.click();
    await expect(queue.selectionCount).toBeHidden();
  });

  test('Details opens the request in the URL; Back closes it and keeps the view', async ({
    page,
    signIn,
  }) => {
    const queue = await signIn(USERS.agent);
    await showEverything(queue);
    await queue.search.fill('marketing');
    await expect(queue.count).toHaveText('3 of 6 failed requests');
    await queue.detailsButton(R.ben.id).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('request')).toBe(R.ben.id);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.has('request')).toBe(false);
    await expect(queue.search).toHaveValue('marketing');
    await expect(queue.count).toHaveText('3 of 6 failed requests');
  });
});

/** What the fixture does for its own page: the app reads the API version from config.json. */
async function useApiVersion(page: Page, graphApiVersion: 'v1.0' | 'beta'): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...config, graphApiVersion } });
  });
}
