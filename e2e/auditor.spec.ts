import type { Page } from '@playwright/test';
import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';

const READ_ONLY_SENTENCE =
  'Reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.';

interface IdpCall {
  kind: 'authorize' | 'token';
  scope: string;
}

/** Every scope the browser asks the identity provider for (/authorize and /token), as sent. */
function recordIdpScopes(page: Page): IdpCall[] {
  const calls: IdpCall[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== 'https://localhost:8443') return;
    if (url.pathname.endsWith('/oauth2/v2.0/authorize')) {
      const form =
        request.method() === 'POST' ? new URLSearchParams(request.postData() ?? '') : url.searchParams;
      // The account picker posts back only its pending id: that step carries no scope.
      if (form.has('pending')) return;
      calls.push({ kind: 'authorize', scope: form.get('scope') ?? '' });
    } else if (url.pathname.endsWith('/oauth2/v2.0/token')) {
      const form = new URLSearchParams(request.postData() ?? '');
      calls.push({ kind: 'token', scope: form.get('scope') ?? '' });
    }
  });
  return calls;
}

async function someFailedRequest(): Promise<CanonicalRequest> {
  const [first] = await emulator.requests('deliveryFailed');
  if (!first) throw new Error('the seed has no failed request');
  return first;
}

test.describe('Auditor mode', () => {
  test('an auditor sees everything, cannot reprocess anywhere, and is never asked for write permission', async ({
    page,
    signIn,
  }, testInfo) => {
    const calls = recordIdpScopes(page);
    const target = await someFailedRequest();
    const queue = await signIn(USERS.auditor);
    await expect(page.getByText('Read-only access')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Request permission to reprocess' })).toBeVisible();

    // The reason is said once, above the queue; rows have nothing to tick or send, only Details.
    await expect(page.getByText(READ_ONLY_SENTENCE)).toHaveCount(1);
    await queue.search.fill(target.id);
    await queue.showRow(target.id);
    await expect(queue.row(target.id)).toContainText(target.requestor?.displayName ?? '');
    await expect(queue.reprocessButton(target.id)).toHaveCount(0);
    await expect(queue.rowCheckbox(target.id)).toHaveCount(0);
    await expect(queue.selectInView).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Reprocess selected/ })).toHaveCount(0);
    await queue.detailsButton(target.id).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole('button', { name: 'Reprocess', exact: true })).toHaveCount(0);
    await drawer.getByRole('button', { name: 'Close' }).last().click();

    // By id: the command opens the details instead, and its dialog offers no reprocess.
    const byId = queue.openById();
    await byId.fill(target.id);
    await expect(byId.dialog).toContainText('EntitlementManagement.ReadWrite.All');
    await expect(byId.dialog.getByRole('button', { name: 'Reprocess', exact: true })).toHaveCount(0);
    await expect(byId.submit).toBeEnabled();
    await byId.close.click();
    await expect(byId.command).toBeFocused();

    await page.screenshot({ path: testInfo.outputPath('auditor-queue.png'), animations: 'disabled' });

    const activity = new ActivityPage(page);
    await activity.open();
    await activity.expectEmptyRecord();
    await expect(
      page.getByText(/can read the queue but not reprocess, so nothing you do here is recorded/),
    ).toBeVisible();

    // Nothing was sent, and no step asked Entra for the write permission.
    expect((await emulator.log()).filter((e) => e.method === 'POST')).toEqual([]);
    expect(calls.filter((c) => c.kind === 'authorize').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.kind === 'token').length).toBeGreaterThan(0);
    for (const call of calls) expect(call.scope).not.toMatch(/ReadWrite/i);
  });

  test('"Request permission to reprocess" asks Entra, and a refusal ends in a clear message', async ({
    page,
    signIn,
  }, testInfo) => {
    const calls = recordIdpScopes(page);
    await signIn(USERS.auditor);
    expect(calls.some((c) => /ReadWrite/i.test(c.scope))).toBe(false);

    await page.getByRole('button', { name: 'Request permission to reprocess' }).click();
    // It says first what happens next, and nothing is asked of Entra until the person goes on.
    await expect(page.getByText(/an administrator has to consent to this permission first/)).toBeVisible();
    expect(calls.some((c) => c.kind === 'authorize' && /ReadWrite/.test(c.scope))).toBe(false);
    await page.getByRole('button', { name: 'Continue to Microsoft sign-in' }).click();
    await expect(page.getByRole('heading', { name: 'Pick an account' })).toBeVisible();
    await page.getByRole('button', { name: USERS.auditor.name, exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Approval required' })).toBeVisible();
    await expect(page.getByText('EntitlementManagement.ReadWrite.All')).toBeVisible();
    // Only now, because the person chose to, did the app ask for it.
    expect(
      calls.some((c) => c.kind === 'authorize' && /EntitlementManagement\.ReadWrite\.All/.test(c.scope)),
    ).toBe(true);

    await page.getByRole('link', { name: 'Back to the application' }).click();
    await expect(page.getByRole('button', { name: `Account: ${USERS.auditor.name}` })).toBeVisible();
    await expect(page.getByText('Permission to reprocess was not granted')).toBeVisible();
    await expect(page.getByText(/an\s+administrator has to approve it for you/)).toBeVisible();
    // Still signed in, still read-only, and the queue is there.
    await expect(page.getByRole('heading', { name: 'Failed requests' })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Failed requests' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('auditor-not-granted.png'), animations: 'disabled' });
  });
});
