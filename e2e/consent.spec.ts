import { emulator, expect, test, USERS } from './fixtures';
import { AuditLogPage } from './pages/audit-page';

const AUDIT = 'AuditLog.Read.All';
const WRITE = 'EntitlementManagement.ReadWrite.All';

async function firstFailed() {
  const [first] = await emulator.requests('deliveryFailed');
  if (!first) throw new Error('the seed has no failed request');
  return first;
}

test.describe('consent granted after sign-in', () => {
  test('the audit log is asked for silently when it opens; after a grant, "Check again" shows it without signing out', async ({
    page,
    signIn,
  }) => {
    // The auditor's administrator has not granted the audit permission yet.
    await emulator.revoke(USERS.auditor.upn, AUDIT);
    const queue = await signIn(USERS.auditor);
    const first = await firstFailed();

    // The drawer's audit section asks Entra, which says consent is missing: the short notice.
    await queue.search.fill(first.id);
    await queue.detailsButton(first.id).click();
    const drawer = page.getByRole('dialog');
    const section = drawer.getByRole('region', { name: 'Entra audit events' });
    await expect(section.getByText('Entra audit events are not available to you')).toBeVisible();
    await expect(section.getByRole('button', { name: 'Request access' })).toBeVisible();
    await drawer.getByRole('button', { name: 'Close', exact: true }).click();

    // The page says the same, and offers to ask again.
    const audit = new AuditLogPage(page);
    await audit.open();
    const notice = page.getByRole('heading', { name: 'You can’t read Entra’s audit log yet' });
    await expect(notice).toBeVisible();
    await expect(page.getByRole('button', { name: 'Request access' })).toBeVisible();
    // Nothing changed yet: asking again (silently, no sign-in page) gives the same answer.
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.getByRole('button', { name: 'Check again' })).toBeEnabled();
    await expect(notice).toBeVisible();
    expect((await emulator.log()).some((e) => e.path.endsWith('/auditLogs/directoryAudits'))).toBe(false);

    // The administrator grants it; the auditor checks again, still signed in, on the same page.
    await emulator.grant(USERS.auditor.upn, AUDIT);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(audit.table).toBeVisible();
    await expect(audit.status).toHaveText(/^\d+ events?\b/);
    await expect(notice).toBeHidden();
    await expect(page).toHaveURL(/\/audit/);

    // The drawer's section now reads the request's events too (asked again as it opens).
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Failed requests' })
      .click();
    await queue.search.fill(first.id);
    await queue.detailsButton(first.id).click();
    await expect(
      page.getByRole('dialog').getByRole('link', { name: 'Open in the Entra audit log' }),
    ).toBeVisible();
    await expect(page.getByText('Entra audit events are not available to you')).toBeHidden();
  });

  test('an auditor granted the write permission later sees the read-only banner go after "Check again"', async ({
    page,
    signIn,
  }) => {
    const queue = await signIn(USERS.auditor);
    const first = await firstFailed();
    const banner = page.getByRole('note').filter({ hasText: 'Read-only access' });
    await expect(banner).toBeVisible();

    await banner.getByRole('button', { name: 'Check again' }).click();
    await expect(banner.getByRole('button', { name: 'Check again' })).toBeEnabled();
    await expect(banner).toBeVisible();

    await emulator.grant(USERS.auditor.upn, WRITE);
    await banner.getByRole('button', { name: 'Check again' }).click();
    await expect(banner).toBeHidden();
    await queue.search.fill(first.id);
    await expect(queue.reprocessButton(first.id)).toBeEnabled();
  });
});
