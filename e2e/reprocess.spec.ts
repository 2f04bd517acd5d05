import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';

const DAY = 86_400_000;

async function failedRequests(): Promise<CanonicalRequest[]> {
  return [...(await emulator.requests('deliveryFailed')), ...(await emulator.requests('partiallyDelivered'))];
}

function insideWindow(r: CanonicalRequest): boolean {
  return !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 13 * DAY;
}

async function eligibleRequest(): Promise<CanonicalRequest> {
  const found = (await failedRequests()).find(insideWindow);
  if (!found) throw new Error('the seed has no failed request inside the window');
  return found;
}

/** Every POST (reprocess calls, and any $batch: the reads that follow a 202 are GETs, never batched here). */
const reprocessPosts = async () => (await emulator.log()).filter((e) => e.method === 'POST');

test.describe('Reprocess', () => {
  test('202: the row says it; once delivered the request leaves the queue for Resolved, its Reprocess disabled', async ({
    page,
    signIn,
    graphApiVersion,
  }, testInfo) => {
    await emulator.settings({ deliveryDelayMs: 1500, deliveryOutcome: 'delivered' });
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    const before = await queue.failedCount();
    await queue.showRow(target.id);
    await queue.reprocessButton(target.id).click();

    // One notice per event: the row on screen says it; no toast repeats it.
    await expect(queue.rowNote(target.id)).toHaveText(/Accepted: delivery is being retried/);
    await expect(queue.toast(/Accepted/)).toHaveCount(0);

    // Delivered: the request leaves the failed list (and its count) for the Resolved group,
    // and a brief toast says where it went.
    await expect(queue.toast('Delivered after reprocess: moved to Resolved')).toBeVisible({
      timeout: 20_000,
    });
    await expect(queue.row(target.id)).toHaveCount(0);
    await expect(queue.count).toHaveText(`${before - 1} failed request${before - 1 === 1 ? '' : 's'}`);
    await expect(queue.resolvedGroup).toContainText('Resolved since you opened this page (1)');
    await queue.resolvedGroup.getByText('Resolved since you opened this page').click();
    const resolved = queue.resolvedRow(target.id);
    await expect(resolved).toContainText('Delivered');
    await expect(resolved).not.toContainText('Delivery failed');
    await page.screenshot({ path: testInfo.outputPath('resolved.png'), animations: 'disabled' });

    // The row is the truth: delivered, its Reprocess is disabled, says why, and sends nothing.
    const button = resolved.getByRole('button', { name: `Reprocess request ${target.id}` });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription('Delivered: there is nothing to reprocess');
    await button.hover();
    await expect(page.getByRole('tooltip')).toHaveText('Delivered: there is nothing to reprocess');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(resolved).toContainText('Delivered');

    const posts = await reprocessPosts();
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post?.status).toBe(202);
    expect(post?.path).toBe(
      graphApiVersion === 'beta'
        ? `/beta/identityGovernance/entitlementManagement/accessPackageAssignmentRequests/${target.id}/reprocess`
        : `/v1.0/identityGovernance/entitlementManagement/assignmentRequests/${target.id}/reprocess`,
    );
    expect(post?.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);

    // Every notice of the session is in Notifications, the ones the row showed too.
    const panel = await queue.openNotifications();
    await expect(panel).toContainText('Accepted (202 Accepted)');
    await expect(panel).toContainText('Delivered after reprocess');
    await queue.closeNotifications();
  });

  test('400 while the service is already retrying: the row shows the state Graph reports', async ({
    page,
    signIn,
  }) => {
    await emulator.settings({ deliveryDelayMs: 3_600_000 });
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await expect(queue.row(target.id)).toContainText('Delivery failed');
    // Someone else reprocessed it meanwhile (another agent, the admin center).
    await emulator.reprocessElsewhere(target.id);
    await queue.reprocessButton(target.id).click();

    await expect(queue.rowNote(target.id)).toHaveText('Refused: already being retried');
    await expect(queue.row(target.id)).toContainText('Delivering');
    await expect(queue.row(target.id)).not.toContainText('Delivery failed');
    const button = queue.reprocessButton(target.id);
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/the service is already retrying; try again later/);
    await expect(queue.toast(/Not reprocessable/)).toHaveCount(0);
    const [post] = await reprocessPosts();
    expect(post?.status).toBe(400);

    // The details Graph sent are kept in Notifications: the code and both ids.
    const panel = await queue.openNotifications();
    const notice = panel.getByRole('listitem').filter({ hasText: 'Not reprocessable (400 Bad Request)' });
    await expect(notice).toContainText('InvalidRequestState');
    await expect(notice).toContainText('request-id');
    await expect(notice).toContainText('client-request-id');
    await queue.closeNotifications();
    await expect(page.getByRole('button', { name: /^Notifications/ })).toBeFocused();
  });

  test('404: a request removed meanwhile is reported and leaves the queue', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await expect(queue.reprocessButton(target.id)).toBeEnabled();
    // The tenant changes under the agent's feet: every request id is new.
    await emulator.seed({ seed: 99 });
    await queue.reprocessButton(target.id).click();
    // It leaves the list, so a toast says what happened to it.
    await expect(queue.toast('Not found (404 Not Found)')).toBeVisible();
    await expect(queue.row(target.id)).toHaveCount(0);
    await queue.resolvedGroup.getByText('Resolved since you opened this page').click();
    await expect(queue.resolvedRow(target.id)).toContainText('Not found in Graph');
    await expect(
      queue.resolvedRow(target.id).getByRole('button', { name: `Reprocess request ${target.id}` }),
    ).toBeDisabled();
    expect((await reprocessPosts())[0]?.status).toBe(404);
  });

  test('403: a missing permission or role is named on the row, in full in Notifications', async ({
    signIn,
  }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 403 });
    await queue.reprocessButton(target.id).click();
    await expect(queue.rowNote(target.id)).toHaveText('Refused: permission missing');
    await expect(queue.toast(/Refused/)).toHaveCount(0);
    const panel = await queue.openNotifications();
    const notice = panel.getByRole('listitem').filter({ hasText: 'Refused: permission (403 Forbidden)' });
    await expect(notice).toContainText('EntitlementManagement.ReadWrite.All');
    await expect(notice).toContainText('Access package assignment manager');
  });

  test('429: throttled once, retried with backoff, then accepted', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 429, retryAfter: 1, count: 1 });
    await queue.reprocessButton(target.id).click();
    await expect(queue.rowNote(target.id)).toHaveText(/Accepted/, { timeout: 20_000 });
    const posts = await reprocessPosts();
    expect(posts.map((p) => p.status)).toEqual([429, 202]);
    // One logical call: its retries carry the same client-request-id.
    expect(posts[0]?.clientRequestId).toBe(posts[1]?.clientRequestId);
  });

  test('503 for a row scrolled away: a toast names the request and offers Retry, which sends it once more', async ({
    signIn,
  }) => {
    const queue = await signIn(USERS.agent);
    await queue.failedCount();
    // The first row: far from the end of the list.
    const firstId = (await queue.renderedRowIds())[0]!;
    const target = (await failedRequests()).find((r) => r.id === firstId)!;
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 503 });
    await queue.reprocessButton(target.id).click();
    // The agent moves on down the list while Graph is retried. (The row keeps focus, so the grid
    // keeps it in the DOM, out of view.)
    await queue.scrollTo(-1);
    await expect(queue.row(target.id)).not.toBeInViewport();
    const toast = queue.toast('Unavailable (503 Service Unavailable)');
    await expect(toast).toBeVisible({ timeout: 40_000 });
    await expect(toast).toContainText('even after retrying');
    await expect(toast).toContainText(String(target.accessPackage?.displayName));
    await expect(toast).toContainText(String(target.requestor?.displayName));
    const posts = await reprocessPosts();
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((p) => p.status === 503)).toBe(true);

    await emulator.clearFaults();
    await toast.getByRole('button', { name: 'Retry' }).click();
    await expect(queue.toast(/^Accepted \(202 Accepted\)/)).toBeVisible({ timeout: 20_000 });
    const after = await reprocessPosts();
    expect(after.filter((p) => p.status === 202)).toHaveLength(1);
    expect(after).toHaveLength(posts.length + 1);
  });

  test('no answer after Graph applied it: the state is read, and it is not sent again', async ({
    signIn,
  }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'drop', after: 'apply', count: 1 });
    await queue.reprocessButton(target.id).click();
    await expect(queue.rowNote(target.id)).toHaveText('No answer: outcome unknown', { timeout: 20_000 });
    await expect(queue.rowNote(target.id)).toHaveAttribute('title', /checked: now Delivering — left alone/);
    // One POST (applied, answer lost), then one read of its state, and nothing more.
    const log = await emulator.log();
    expect(log.filter((e) => e.method === 'POST' && e.path.endsWith('/reprocess'))).toHaveLength(1);
    const reads = log.flatMap((e) =>
      (e.steps ?? []).filter((s) => s.method === 'GET' && s.url.includes(target.id)),
    );
    expect(reads).toHaveLength(1);
  });

  test('no answer before Graph got it: the state is read, then it is sent again once', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'drop', count: 1 });
    await queue.reprocessButton(target.id).click();
    await expect(queue.rowNote(target.id)).toHaveText(/Accepted/, { timeout: 20_000 });
    const applied = (await emulator.log()).filter((e) => e.method === 'POST' && e.status === 202);
    expect(applied).toHaveLength(1);
  });

  test('a double click sends exactly one POST', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    // Slow answers make the window for a second POST wide open.
    await emulator.fault({ path: '/reprocess$', kind: 'latency', latencyMs: 1500 });
    await queue.reprocessButton(target.id).dblclick();
    await expect(queue.row(target.id)).toContainText('Sending…');
    await expect(queue.rowNote(target.id)).toHaveText(/Accepted/);
    // Both clicks happened before the answer came back, so any second POST has been sent by now.
    expect(await reprocessPosts()).toHaveLength(1);
  });
});
