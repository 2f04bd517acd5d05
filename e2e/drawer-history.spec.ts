import { emulator, expect, test, USERS } from './fixtures';

const DAY = 86_400_000;

// The details drawer answers "what has happened to this request": the dashboard's own record
// (every session, this browser) and Entra's audit events for it.
test('the details drawer shows the activity record and Entra audit events for the request', async ({
  page,
  signIn,
}) => {
  await emulator.settings({ deliveryDelayMs: 300, deliveryOutcome: 'delivered' });
  const target = (await emulator.requests('deliveryFailed')).find(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  expect(target).toBeDefined();
  const id = target!.id;
  const queue = await signIn(USERS.agent);
  await queue.search.fill(id);
  await queue.reprocessButton(id).click();
  await expect(queue.rowNote(id)).toHaveText(/^Accepted/);
  await expect
    .poll(async () => (await emulator.requests('delivered')).some((r) => r.id === id), { timeout: 15_000 })
    .toBe(true);

  await queue.detailsButton(id).click();
  const history = page.getByRole('list', { name: 'Activity record for this request' });
  await expect(history).toContainText(USERS.agent.upn);
  await expect(history).toContainText('Accepted');
  await expect(page.getByText('Ready to fulfill access package assignment request').first()).toBeVisible({
    timeout: 20_000,
  });
});
