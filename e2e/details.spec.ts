import type { Locator, Page } from '@playwright/test';
import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';

const DAY = 86_400_000;
const INVALID = 'Not a valid request id: expected a GUID like 1a2b3c4d-…';

async function failedRequests(): Promise<CanonicalRequest[]> {
  return [...(await emulator.requests('deliveryFailed')), ...(await emulator.requests('partiallyDelivered'))];
}

async function eligibleRequest(): Promise<CanonicalRequest> {
  const found = (await failedRequests()).find(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 13 * DAY,
  );
  if (!found) throw new Error('the seed has no failed request inside the window');
  return found;
}

const toast = (page: Page, title: string | RegExp) => page.locator('.fui-Toast').filter({ hasText: title });

// A guest's request with every detail the drawer shows, as a test seeds it (canonical v1.0 model).
const DETAILED = {
  id: '5d0f3c2a-7b1e-4c9d-8a6f-2e4b9c1d7a30',
  state: 'deliveryFailed',
  status:
    "Unable to add the user to the SharePoint Online site 'https://contoso.sharepoint.com/sites/PartnerPortal'.",
  requestType: 'userAdd',
  createdDateTime: new Date(Date.now() - 3 * DAY).toISOString(),
  completedDateTime: new Date(Date.now() - 2 * DAY).toISOString(),
  justification: 'Needs the partner portal for the Northwind deal.',
  schedule: {
    startDateTime: new Date(Date.now() - 3 * DAY).toISOString(),
    expiration: { endDateTime: null, duration: 'P365D', type: 'afterDuration' },
    recurrence: null,
  },
  answers: [
    {
      '@odata.type': '#microsoft.graph.accessPackageAnswerString',
      value: 'PRJ-1042',
      displayValue: 'PRJ-1042',
      answeredQuestion: {
        '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion',
        id: '0b6c1f2e-9d3a-4e5b-8c7d-1a2b3c4d5e6f',
        text: 'Which project is this for?',
      },
    },
  ],
  customExtensionCalloutInstances: [
    {
      id: 'c0ffee00-1111-4222-8333-444455556666',
      customExtensionId: 'f1e2d3c4-0006-4a5b-9c8d-7e6f5a4b3c06',
      detail: 'The callout timed out after 5 minutes.',
      externalCorrelationId: null,
      status: 'calloutFailed',
    },
  ],
  requestor: {
    id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    displayName: 'Ada Lovelace (Fabrikam)',
    email: 'ada.lovelace@fabrikam.com',
    objectId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
    principalName: 'ada.lovelace_fabrikam.com#EXT#@contoso.example',
    subjectType: 'user',
    subjectLifecycle: 'governed',
    connectedOrganization: { id: 'e5a1c7b3-1001-4f2d-8b6e-3c9a7d1e5f01', displayName: 'Fabrikam' },
  },
  accessPackage: {
    id: 'a7c3e9d1-0009-4b6f-9e2a-5d8c1f3b7009',
    displayName: 'Partner portal (guests)',
    description: 'Partner portal site and shared documents for connected organizations.',
    catalog: { id: 'c1a0b2c3-0004-4d5e-8f90-a1b2c3d4e504', displayName: 'Partners' },
  },
  assignment: {
    id: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
    state: 'deliveryFailed',
    status: 'DeliveryFailed',
  },
};
const DETAILED_TITLE = 'Partner portal (guests) for Ada Lovelace (Fabrikam)';

// A member's partly delivered request whose status only repeats its state, with callouts in two
// states and a lifecycle that is not defined: every value the drawer must put in words.
const SAME_WORDS = {
  id: '3c9e1a7b-2d4f-4e6a-9b8c-7d6e5f4a3b21',
  state: 'partiallyDelivered',
  status: 'PartiallyDelivered',
  requestType: 'adminAdd',
  createdDateTime: new Date(Date.now() - 2 * DAY).toISOString(),
  completedDateTime: new Date(Date.now() - 1 * DAY).toISOString(),
  customExtensionCalloutInstances: [
    {
      id: 'ca11bac0-0001-4000-8000-000000000001',
      customExtensionId: 'f1e2d3c4-0006-4a5b-9c8d-7e6f5a4b3c06',
      detail: 'The logic app answered.',
      externalCorrelationId: null,
      status: 'callbackReceived',
    },
    {
      id: 'ca11bac0-0002-4000-8000-000000000002',
      customExtensionId: 'f1e2d3c4-0007-4a5b-9c8d-7e6f5a4b3c07',
      detail: null,
      externalCorrelationId: null,
      status: 'waitingForCallback',
    },
  ],
  requestor: {
    id: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    displayName: 'Grace Hopper',
    email: 'grace.hopper@contoso.example',
    objectId: '3c4d5e6f-7081-4923-8b4c-5d6e7f809102',
    principalName: 'grace.hopper@contoso.example',
    subjectType: 'user',
    subjectLifecycle: 'notDefined',
  },
  accessPackage: {
    id: 'a7c3e9d1-0001-4b6f-9e2a-5d8c1f3b7001',
    displayName: 'Campaign Hub',
    catalog: { id: 'c1a0b2c3-0002-4d5e-8f90-a1b2c3d4e502', displayName: 'Marketing' },
  },
  assignment: {
    id: '8f7e6d5c-4b3a-4291-8e7f-6d5c4b3a2910',
    state: 'partiallyDelivered',
    status: 'PartiallyDelivered',
  },
};

/** The value beside a label in the drawer's field lists (the first list that has it). */
function fieldValue(drawer: Locator, label: string): Locator {
  return drawer
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .first()
    .locator('xpath=following-sibling::dd[1]');
}

test.describe('reprocess by id', () => {
  test('a command after the others opens a dialog: it checks the id as it is typed, reprocesses a pasted one, empties after an accepted one, and says what Graph answers', async ({
    page,
    signIn,
    graphApiVersion,
  }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    const byId = queue.byId();
    await expect(byId.command).toBeVisible();

    // Not the first stop: from the top of the page, Tab reaches the page links and the other
    // tools before it.
    const before = await queue.tabStopsBefore(byId.command);
    await expect(byId.command).toBeFocused();
    expect(before).toEqual(expect.arrayContaining(['Failed requests', 'Activity', 'Export']));

    // Opened from the keyboard: focus is in the field.
    await page.keyboard.press('Enter');
    await expect(byId.dialog).toBeVisible();
    await expect(byId.field).toBeFocused();

    // Invalid: said inline in full, and nothing is sent.
    await byId.field.fill('REQ-12345');
    await expect(byId.alert(INVALID)).toHaveText(INVALID);
    await expect(byId.submit).toBeDisabled();
    await byId.field.press('Enter');
    await expect(byId.openDetails).toHaveCount(0);

    // Pasted from a ticket with braces and spaces around it.
    await byId.field.fill(`  {${target.id.toUpperCase()}}  `);
    await expect(byId.alert(INVALID)).toHaveCount(0);
    await expect(byId.openDetails).toBeVisible();
    await byId.submit.click();
    // The dialog says it, named from the list the page already holds (no toast repeats it), and
    // the field is empty and ready for the next id.
    await expect(byId.status).toContainText(
      `Accepted: ${target.accessPackage?.displayName} for ${target.requestor?.displayName}`,
    );
    await expect(byId.field).toHaveValue('');
    await expect(byId.field).toBeFocused();
    await expect(toast(page, /Accepted/)).toHaveCount(0);

    let posts = (await emulator.log()).filter((e) => e.method === 'POST');
    // Only the valid id reached Graph: the invalid one never did.
    expect(posts.map((p) => [p.path, p.status])).toEqual([
      [
        graphApiVersion === 'beta'
          ? `/beta/identityGovernance/entitlementManagement/accessPackageAssignmentRequests/${target.id}/reprocess`
          : `/v1.0/identityGovernance/entitlementManagement/assignmentRequests/${target.id}/reprocess`,
        202,
      ],
    ]);

    // Valid but unknown: the dialog gives Graph's real answer to the POST, and the field keeps the id.
    const unknown = '0badc0de-1234-4abc-8def-0123456789ab';
    await emulator.clearLog();
    await byId.field.fill(unknown);
    await expect(byId.status).toHaveText('');
    await byId.submit.click();
    await expect(byId.alert('Not found (404 Not Found)')).toContainText(
      'Microsoft Graph has no request with this id (404 Not Found). It may have been removed.',
    );
    await expect(byId.field).toHaveValue(unknown);
    const log = await emulator.log();
    posts = log.filter((e) => e.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toContain(`/${unknown}/reprocess`);
    expect(posts[0]?.status).toBe(404);
    // It was looked up first (to name it), and that 404 did not stop the POST.
    const lookup = log.find((e) => e.method === 'GET' && e.path.endsWith(`/${unknown}`));
    expect(lookup?.status).toBe(404);
    expect(lookup!.seq).toBeLessThan(posts[0]!.seq);

    // Close gives focus back to the command; opened again, the dialog starts empty.
    await byId.close.click();
    await expect(byId.dialog).toBeHidden();
    await expect(byId.command).toBeFocused();
    // (From the keyboard: the 404's toast stays until dismissed, over the toolbar.)
    await byId.openFromKeyboard();
    await expect(byId.field).toHaveValue('');
    await page.keyboard.press('Escape');
    await expect(byId.dialog).toBeHidden();
    await expect(byId.command).toBeFocused();
  });

  test('is "Open by id…" for a read-only auditor: it opens the details and offers no reprocess', async ({
    page,
    signIn,
  }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.auditor);
    const byId = queue.openById();
    await byId.open();
    await expect(byId.dialog).toContainText('EntitlementManagement.ReadWrite.All');
    await expect(byId.dialog.getByRole('button', { name: 'Reprocess', exact: true })).toHaveCount(0);
    await expect(queue.byId().command).toHaveCount(0);
    await byId.field.fill(`{${target.id}}`);
    // Details stay open to them.
    await byId.field.press('Enter');
    await expect(byId.dialog).toBeHidden();
    await expect(page.getByRole('dialog')).toContainText(String(target.requestor?.displayName));
    expect((await emulator.log()).filter((e) => e.method === 'POST')).toHaveLength(0);
  });
});

test.describe('request details', () => {
  test('from a row: every field, the raw JSON, copy id, and Back closes it', async ({
    page,
    context,
    signIn,
    graphApiVersion,
  }, testInfo) => {
    await emulator.seed({ failed: 0, total: 0, requests: [DETAILED] });
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(1);
    await page.getByRole('button', { name: `Details for request ${DETAILED.id}` }).click();

    const drawer = page.getByRole('dialog', { name: DETAILED_TITLE });
    await expect(drawer).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]request=${DETAILED.id}`));
    for (const text of [
      DETAILED.id,
      'Delivery failed',
      DETAILED.status,
      'User add',
      'days left',
      'After 365 days',
      DETAILED.justification,
      'Which project is this for?',
      'PRJ-1042',
      'Callout failed',
      'The callout timed out after 5 minutes.',
      DETAILED.customExtensionCalloutInstances[0]!.customExtensionId,
      'Ada Lovelace (Fabrikam)',
      DETAILED.requestor.email,
      DETAILED.requestor.principalName,
      DETAILED.requestor.objectId,
      'Fabrikam',
      DETAILED.accessPackage.id,
      'Partners',
      DETAILED.accessPackage.catalog.id,
      'What this dashboard has done to this request',
      'Nothing yet in this session.',
    ]) {
      await expect(drawer).toContainText(text);
    }
    // Graph's enum values in words: the assignment's state and its repeating status said once,
    // the callout status and the subject type named; the raw values only in the raw JSON.
    await expect(fieldValue(drawer, 'Assignment')).toHaveText(`Delivery failed (${DETAILED.assignment.id})`);
    await expect(fieldValue(drawer, 'Subject type')).toHaveText('User');
    await expect(fieldValue(drawer, 'Lifecycle')).toHaveText('Governed by entitlement management');
    for (const raw of ['calloutFailed', 'DeliveryFailed', 'deliveryFailed', 'governed']) {
      await expect(drawer).not.toContainText(raw);
    }
    await expect(drawer.getByRole('link', { name: 'Open in the Entra admin center' })).toHaveAttribute(
      'href',
      `https://entra.microsoft.com/#view/Microsoft_AAD_ERM/AccessPackageMenuBlade/~/Requests/accessPackageId/${DETAILED.accessPackage.id}`,
    );

    // The raw JSON is collapsed until asked for, and is Graph's own shape.
    const raw = drawer.getByLabel('Raw Graph JSON', { exact: true });
    await expect(raw).toHaveCount(0);
    await drawer.getByRole('button', { name: 'Raw Graph JSON' }).click();
    await expect(raw).toContainText(`"id": "${DETAILED.id}"`);
    await expect(raw).toContainText(
      graphApiVersion === 'beta' ? '"requestState": "DeliveryFailed"' : '"state": "deliveryFailed"',
    );
    await page.screenshot({ path: testInfo.outputPath('details-drawer.png'), animations: 'disabled' });

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await drawer.getByRole('button', { name: 'Copy id' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(DETAILED.id);

    await page.goBack();
    await expect(drawer).toBeHidden();
    await expect(page).not.toHaveURL(/[?&]request=/);
    await expect(queue.table).toBeVisible();
  });

  test("names Graph's values in words, says a repeated status once, keeps raw values to the raw JSON", async ({
    page,
    signIn,
    graphApiVersion,
  }, testInfo) => {
    await emulator.seed({ failed: 0, total: 0, requests: [SAME_WORDS] });
    const queue = await signIn(USERS.agent);
    await queue.waitForAllLoaded(1);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: `Details for request ${SAME_WORDS.id}` }).click();
    const drawer = page.getByRole('dialog', { name: 'Campaign Hub for Grace Hopper' });
    // Loaded fresh from Graph (the callouts are not in the list's copy).
    await expect(drawer).toContainText('Callback received');

    await expect(fieldValue(drawer, 'State')).toHaveText('Partially delivered');
    // Graph's status says what the state says: no second line for it.
    await expect(drawer.locator('dt', { hasText: /^Status$/ })).toHaveCount(2); // the two callouts' only
    await expect(fieldValue(drawer, 'Request type')).toHaveText('Admin add');
    await expect(fieldValue(drawer, 'Assignment')).toHaveText(
      `Partially delivered (${SAME_WORDS.assignment.id})`,
    );
    await expect(drawer).toContainText('Waiting for callback');
    await expect(fieldValue(drawer, 'Subject type')).toHaveText('User');
    // A lifecycle that is not defined says nothing worth a line.
    await expect(drawer.locator('dt', { hasText: /^Lifecycle$/ })).toHaveCount(0);
    for (const raw of [
      'partiallyDelivered',
      'PartiallyDelivered',
      'Partially delivered ·',
      'adminAdd',
      'callbackReceived',
      'waitingForCallback',
      'notDefined',
      'Not defined',
    ]) {
      await expect(drawer).not.toContainText(raw);
    }
    await page.screenshot({ path: testInfo.outputPath('details-drawer-words.png'), animations: 'disabled' });

    // The raw values are all there in the raw JSON, as Graph sent them.
    await drawer.getByRole('button', { name: 'Raw Graph JSON' }).click();
    const raw = drawer.getByLabel('Raw Graph JSON', { exact: true });
    await expect(raw).toContainText(
      graphApiVersion === 'beta' ? '"requestStatus": "PartiallyDelivered"' : '"status": "PartiallyDelivered"',
    );
    await expect(raw).toContainText('"status": "callbackReceived"');
    await expect(raw).toContainText('"subjectLifecycle": "notDefined"');
  });

  test('from the by-id link: a clear 404, then fresh from Graph with reprocess in the drawer', async ({
    page,
    signIn,
  }, testInfo) => {
    const target = await eligibleRequest();
    const byId = (await signIn(USERS.agent)).byId();

    const unknown = '0badc0de-1234-4abc-8def-0123456789ab';
    await byId.fill(unknown);
    await byId.openDetails.click();
    await expect(byId.dialog).toBeHidden();
    const missing = page.getByRole('dialog', { name: 'Request details' });
    await expect(missing).toContainText('Not found (404 Not Found)');
    await expect(missing).toContainText('client-request-id');
    await missing.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(missing).toBeHidden();

    await byId.fill(`{${target.id}}`);
    await byId.openDetails.click();
    const drawer = page.getByRole('dialog', {
      name: `${target.accessPackage?.displayName} for ${target.requestor?.displayName}`,
    });
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText(String(target.requestor?.principalName));
    await expect(drawer).toContainText(String(target.accessPackage?.catalog?.displayName));
    await page.screenshot({ path: testInfo.outputPath('details-drawer-top.png'), animations: 'disabled' });
    await drawer.getByRole('button', { name: 'Reprocess', exact: true }).click();
    // The drawer on screen says it; no toast repeats it.
    await expect(drawer).toContainText(/Accepted: delivery is being retried|Reprocessed: now/);
    await expect(toast(page, /Accepted/)).toHaveCount(0);
    await page.goBack();
    await expect(drawer).toBeHidden();
  });
});
