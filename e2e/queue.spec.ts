import { emulator, expect, signInThroughPicker, signOutThroughMenu, test, USERS } from './fixtures';

test.describe('signing in and the queue', () => {
  test('a helpdesk agent signs in through the account picker and signs out', async ({ page, signIn }) => {
    await signIn(USERS.agent);
    await expect(page.getByRole('heading', { name: 'Failed requests' })).toBeVisible();
    await signOutThroughMenu(page, USERS.agent);
    // Signed out for real: a reload does not bring the account back.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test('switching account clears what the previous account saw', async ({ page, signIn }) => {
    const queue = await signIn(USERS.agent);
    await expect(queue.count).toHaveText(/^\d+ failed requests$/);
    await emulator.clearLog();
    await page.getByRole('button', { name: `Account: ${USERS.agent.name}` }).click();
    await page.getByRole('menuitem', { name: 'Switch account' }).click();
    await page.getByRole('button', { name: USERS.auditor.name, exact: true }).click();
    await expect(page.getByRole('button', { name: `Account: ${USERS.auditor.name}` })).toBeVisible();
    await expect(page.getByText('Read-only access')).toBeVisible();
    // The auditor's list came from Graph with the auditor's own token, not from the agent's cache.
    await expect(queue.count).toHaveText(/^\d+ failed requests$/);
    const lists = (await emulator.log()).filter((e) => e.method === 'GET');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.map((e) => `${e.upn} ${e.path}`).filter((l) => !l.startsWith(USERS.auditor.upn))).toEqual(
      [],
    );
  });

  test('the rows come first; if the tools cannot be downloaded the page says so, and Try again brings them', async ({
    page,
    signIn,
  }) => {
    // The tools (search, filters, by-id, export, bulk) load after the first rows: while their
    // download fails, the rows and their Reprocess buttons still work.
    await page.route('**/assets/queue-tools-*.js', (route) => route.abort('internetdisconnected'));
    const queue = await signIn(USERS.agent);
    await expect(queue.count).toHaveText(/^\d+ failed requests$/);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the search, filters and tools' });
    await expect(alert).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expect(queue.search).toHaveCount(0);
    await expect(
      queue
        .bodyRows()
        .first()
        .getByRole('button', { name: /^Reprocess/ }),
    ).toBeEnabled();

    await page.unroute('**/assets/queue-tools-*.js');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(queue.search).toBeVisible();
    await expect(page.getByRole('button', { name: /^Reprocess selected/ })).toBeVisible();
    await expect(queue.byId().command).toBeVisible();
    await expect(alert).toHaveCount(0);
  });

  test('a broken configuration names the key instead of a blank page', async ({ page }) => {
    await page.route('**/config.json', (route) =>
      route.fulfill({
        json: { authority: 'http://login.example/tenant', graphBaseUrl: 'https://graph.microsoft.com/v1.0' },
      }),
    );
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Reprocess Desk cannot start' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'clientId' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'authority' })).toContainText('https');
    await expect(page.getByRole('listitem').filter({ hasText: 'graphBaseUrl' })).toContainText('v1.0');
  });

  test('the queue holds exactly the failed requests of both states, across pages', async ({
    signIn,
    graphApiVersion,
  }) => {
    await emulator.settings({ pageSize: 40 });
    const failed = [
      ...(await emulator.requests('deliveryFailed')),
      ...(await emulator.requests('partiallyDelivered')),
    ];
    expect(failed.length).toBeGreaterThan(80); // several pages per state

    const outside = failed.filter(
      (r) =>
        r.completedDateTime !== undefined && Date.now() - Date.parse(r.completedDateTime) > 14 * 86_400_000,
    );
    expect(outside.length).toBeGreaterThan(0);

    const queue = await signIn(USERS.agent);
    // By default, what can be reprocessed; those outside the window are counted, one click away.
    await queue.waitForAllLoaded(failed.length - outside.length);
    await expect(
      queue.page.getByText(`${outside.length} outside the 14-day window are not shown`),
    ).toBeVisible();
    await queue.chooseFilter('Reprocess window', 'Any, including outside the window');
    await queue.waitForAllLoaded(failed.length);
    await expect(queue.table).toHaveAttribute('aria-rowcount', String(failed.length + 1));

    // Every failed request has its row; nothing else is listed. The grid is virtualized, so the
    // rows are read by scrolling it from top to bottom.
    const shownIds = await queue.allRowIds();
    expect(shownIds).toHaveLength(failed.length);
    expect(new Set(shownIds)).toEqual(new Set(failed.map((r) => r.id)));

    // Both states, paged: the emulator saw nextLink pages for each state query.
    const lists = (await emulator.log()).filter((e) => e.method === 'GET' && /[Rr]equests$/.test(e.path));
    expect(lists.length).toBeGreaterThanOrEqual(Math.ceil(failed.length / 40));
    expect(lists.every((e) => e.path.startsWith(`/${graphApiVersion}/`))).toBe(true);
  });

  test('an empty tenant says there is nothing to retry', async ({ page, signIn }) => {
    await emulator.seed({ failed: 0, total: 20 });
    await signIn(USERS.agent);
    await expect(page.getByText('No failed requests')).toBeVisible();
  });

  test('hostile text and unknown values from Graph render as plain text', async ({
    page,
    signIn,
    graphApiVersion,
  }) => {
    const hostile = '<img src=x onerror="window.__pwned=1">Robert\'); DROP TABLE--';
    await emulator.seed({
      failed: 0,
      total: 0,
      requests: [
        {
          state: 'deliveryFailed',
          status: '<script>window.__pwned=1</script>',
          requestType: 'approverRemove',
          completedDateTime: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          createdDateTime: new Date(Date.now() - 3 * 86_400_000).toISOString(),
          requestor: { displayName: hostile, email: '=HYPERLINK("http://x")' },
          accessPackage: { displayName: '<b>Sales</b> & "Marketing"' },
        },
      ],
    });
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(1);
    await expect(page.getByText(hostile, { exact: true })).toBeVisible();
    await expect(page.getByText('<b>Sales</b> & "Marketing"', { exact: true })).toBeVisible();
    await expect(page.getByText('<script>window.__pwned=1</script>')).toBeVisible();
    // v1.0: approverRemove comes after unknownFutureValue in the evolvable enum, so Graph sends
    // unknownFutureValue to the list (which does not opt in); beta's request types are plain strings.
    // Either way the row and the filter's option name it in words, never the raw value.
    const typeLabel = { 'v1.0': 'Other', beta: 'Approver remove' }[graphApiVersion];
    await expect(queue.bodyRows().first()).toContainText(typeLabel);
    await expect(queue.bodyRows().first()).not.toContainText(/unknownFutureValue|approverRemove/i);
    const typeFilter = page.getByRole('combobox', { name: 'Request type' });
    await expect(typeFilter.getByRole('option')).toHaveText(['All request types', `${typeLabel} (1)`]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('a first-load failure shows inline with Retry, which recovers', async ({ page, signIn }) => {
    await emulator.fault({
      path: 'ssignmentRequests$',
      method: 'GET',
      kind: 'status',
      status: 500,
      count: 10,
    });
    const queue = await signIn(USERS.agent);
    await expect(page.getByText('Failed requests could not be loaded')).toBeVisible({ timeout: 30_000 });
    // Nothing was loaded, so there is no count to give: not "0 failed requests".
    await expect(queue.count).toHaveText('Could not load failed requests');
    await expect(page.getByText(/\b0 failed requests?\b/)).toHaveCount(0);
    await emulator.clearFaults();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^\d+ failed requests$/ })).toBeVisible({
      timeout: 30_000,
    });
  });
});

test.describe('who may do what', () => {
  test('an auditor sees the queue but cannot reprocess, and is told why', async ({ page, signIn }) => {
    const queue = await signIn(USERS.auditor);
    const failed = [
      ...(await emulator.requests('deliveryFailed')),
      ...(await emulator.requests('partiallyDelivered')),
    ];
    await expect(page.getByText('Read-only access')).toBeVisible();
    await expect(
      page.getByText(/EntitlementManagement\.ReadWrite\.All, which your sign-in does not have/),
    ).toHaveCount(1);
    const first = failed.find(
      (r) =>
        r.completedDateTime !== undefined && Date.now() - Date.parse(r.completedDateTime) < 13 * 86_400_000,
    )!;
    await queue.showRow(first.id);
    // Rows offer only their details: nothing to tick, nothing disabled to puzzle over.
    await expect(queue.detailsButton(first.id)).toBeVisible();
    await expect(queue.reprocessButton(first.id)).toHaveCount(0);
    await expect(queue.rowCheckbox(first.id)).toHaveCount(0);
    expect((await emulator.log()).filter((e) => e.method === 'POST')).toHaveLength(0);
  });

  test('a user without an entitlement-management role gets a permission page', async ({ page }) => {
    await signInThroughPicker(page, USERS.noRole);
    await expect(
      page.getByRole('heading', { name: /don.t have access to entitlement management/ }),
    ).toBeVisible();
    await expect(page.getByText(/Access package assignment manager/)).toBeVisible();
    await expect(page.getByText(/Authorization_RequestDenied/)).toBeVisible();
  });
});
