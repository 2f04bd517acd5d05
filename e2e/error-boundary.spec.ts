import { emulator, expect, test, USERS } from './fixtures';

test.describe('error boundaries', () => {
  test('a page that throws says so in its place; the header, the other pages and the drawer keep working', async ({
    page,
    signIn,
    pageProblems,
  }) => {
    // A browser whose number formatting breaks on one value (an old engine, a hostile extension):
    // the record's retention limit (50,000 entries) is only written on the Activity page, so only
    // that page can fail.
    await page.addInitScript(() => {
      const descriptor = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format')!;
      Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
        get(this: Intl.NumberFormat) {
          const format = descriptor.get!.call(this) as (value: number | bigint) => string;
          return (value: number | bigint) => {
            if (Number(value) === 50_000) throw new RangeError('Incorrect locale information provided');
            return format(value);
          };
        },
      });
    });
    // The reporter writes what the boundary caught to the console, for whoever investigates.
    pageProblems.expect(/Reprocess Desk: caught: [\s\S]*Incorrect locale information provided/);

    const queue = await signIn(USERS.agent);
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Activity' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Something went wrong in the Activity page' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Incorrect locale information provided');
    await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
    // Not a blank page: the header is there, and so is the rest of the app.
    await expect(page.getByRole('button', { name: `Account: ${USERS.agent.name}` })).toBeVisible();

    await nav.getByRole('link', { name: 'Failed requests' }).click();
    await expect(alert).toBeHidden();
    const request = (await emulator.requests('deliveryFailed'))[0]!;
    await queue.search.fill(request.id);
    await queue.detailsButton(request.id).click();
    await expect(page.getByRole('dialog')).toContainText(request.id);

    await nav.getByRole('link', { name: 'Entra audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Entra audit log', exact: true })).toBeVisible();
    // No calm notice either: the boundary already explained it where it happened.
    await expect(page.getByText('Something did not work as expected')).toBeHidden();
  });
});
