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

async function outsideWindowRequest(): Promise<CanonicalRequest> {
  const found = (await failedRequests()).find(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) > 15 * DAY,
  );
  if (!found) throw new Error('the seed has no failed request outside the window');
  return found;
}

/** Every POST (reprocess calls, and any $batch: the reads that follow a 202 are GETs, never batched here). */
const reprocessPosts = async () => (await emulator.log()).filter((e) => e.method === 'POST');

test.describe('Reprocess', () => {
  test('202: accepted, the row shows it, and the row updates when the state changes', async ({
    signIn,
    graphApiVersion,
  }) => {
    await emulator.settings({ deliveryDelayMs: 1500, deliveryOutcome: 'delivered' });
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await queue.reprocessButton(target.id).click();

    const toast = queue.toast('Accepted (202 Accepted)');
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('retries the delivery');
    await expect(queue.row(target.id)).toContainText(/Accepted: delivery is being retried|Reprocessed/);
    await expect(queue.row(target.id)).toContainText('Delivered', { timeout: 20_000 });
    await expect(queue.toast('Delivered after reprocess')).toBeVisible();
    // The row is the truth: delivered, so its Reprocess is disabled, says why, and sends nothing.
    const button = queue.reprocessButton(target.id);
    await expect(button).toBeDisabled();
    await button.hover();
    await expect(queue.page.getByRole('tooltip')).toHaveText('Delivered: there is nothing to reprocess');
    // It stays focusable (so its reason can be read): pressing it does nothing.
    await button.focus();
    await queue.page.keyboard.press('Enter');
    await expect(queue.row(target.id)).toContainText('Delivered');
    await expect(queue.row(target.id)).not.toContainText('Delivery failed');

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
  });

  test('400: a request outside the 14-day window is not reprocessable', async ({ signIn }) => {
    const old = await outsideWindowRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(old.id);
    await expect(queue.row(old.id)).toContainText('Outside window');
    await queue.reprocessButton(old.id).click();
    const toast = queue.toast('Not reprocessable (400 Bad Request)');
    await expect(toast).toContainText('14 days of completion');
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('request-id');
    await expect(toast).toContainText('client-request-id');
    const [post] = await reprocessPosts();
    expect(post?.status).toBe(400);
    // Error toasts stay until dismissed.
    await toast.getByText('Dismiss').click();
    await expect(toast).toBeHidden();
  });

  test('404: a request removed meanwhile is reported and its row marked', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await expect(queue.reprocessButton(target.id)).toBeEnabled();
    // The tenant changes under the agent's feet: every request id is new.
    await emulator.seed({ seed: 99 });
    await queue.reprocessButton(target.id).click();
    await expect(queue.toast('Not found (404 Not Found)')).toBeVisible();
    await expect(queue.row(target.id)).toContainText('Not found in Graph');
    await expect(queue.reprocessButton(target.id)).toBeDisabled();
    expect((await reprocessPosts())[0]?.status).toBe(404);
  });

  test('403: a missing permission or role is named', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 403 });
    await queue.reprocessButton(target.id).click();
    const toast = queue.toast('Refused: permission (403 Forbidden)');
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('EntitlementManagement.ReadWrite.All');
    await expect(toast).toContainText('Access package assignment manager');
  });

  test('429: throttled once, retried with backoff, then accepted', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 429, retryAfter: 1, count: 1 });
    await queue.reprocessButton(target.id).click();
    await expect(queue.toast('Accepted (202 Accepted)')).toBeVisible({ timeout: 20_000 });
    const posts = await reprocessPosts();
    expect(posts.map((p) => p.status)).toEqual([429, 202]);
    // One logical call: its retries carry the same client-request-id.
    expect(posts[0]?.clientRequestId).toBe(posts[1]?.clientRequestId);
  });

  test('503: retried for a bounded time, then reported', async ({ signIn }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'status', status: 503 });
    await queue.reprocessButton(target.id).click();
    const toast = queue.toast('Unavailable (503 Service Unavailable)');
    await expect(toast).toBeVisible({ timeout: 40_000 });
    await expect(toast).toContainText('even after retrying');
    const posts = await reprocessPosts();
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((p) => p.status === 503)).toBe(true);
  });

  test('no answer after Graph applied it: the state is read, and it is not sent again', async ({
    signIn,
  }) => {
    const target = await eligibleRequest();
    const queue = await signIn(USERS.agent);
    await queue.showRow(target.id);
    await emulator.fault({ path: '/reprocess$', kind: 'drop', after: 'apply', count: 1 });
    await queue.reprocessButton(target.id).click();
    const toast = queue.toast('Outcome unknown');
    await expect(toast).toBeVisible({ timeout: 20_000 });
    await expect(toast).toContainText('checked: now Delivering — left alone');
    await expect(queue.row(target.id)).toContainText('No answer: outcome unknown');
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
    await expect(queue.toast('Accepted (202 Accepted)')).toBeVisible({ timeout: 20_000 });
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
    await expect(queue.toast('Accepted (202 Accepted)')).toBeVisible();
    // Both clicks happened before the answer came back, so any second POST has been sent by now.
    expect(await reprocessPosts()).toHaveLength(1);
  });
});
