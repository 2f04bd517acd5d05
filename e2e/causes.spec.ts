import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { emulator, expect, test, USERS } from './fixtures';
import type { CanonicalRequest, LogEntry } from './emulator-control';
import { ActivityPage, parseCsv } from './pages/activity-page';

// Why did they fail? The Causes page groups the tenant's failed requests by cause, says what to
// do about each, filters the queue to one (in the URL) and reprocesses a whole cause through the
// reprocess engine. The expected groups are worked out here from the emulator's own data, by the
// words of its status sentences, not by the app's grouping.

const DAY = 86_400_000;
const FAILED = ['deliveryFailed', 'partiallyDelivered'];

async function failedRequests(): Promise<CanonicalRequest[]> {
  return (await emulator.requests()).filter((r) => FAILED.includes(r.state ?? ''));
}

const outsideWindow = (r: CanonicalRequest): boolean =>
  typeof r.completedDateTime === 'string' && Date.now() - Date.parse(r.completedDateTime) > 14 * DAY;

const isGuest = (r: CanonicalRequest): boolean => (r.requestor?.principalName ?? '').includes('#EXT#');

/** The states of the request's custom extension callouts, as the emulator holds them. */
function calloutStates(r: CanonicalRequest): string[] {
  const callouts = r.customExtensionCalloutInstances;
  return Array.isArray(callouts) ? callouts.map((c: { status?: string }) => c.status ?? '') : [];
}

const AUDIT = 'AuditLog.Read.All';
/** The audit log keeps 30 days (the emulator as Entra). */
const RETENTION = 30 * DAY;
const isCode = (text: string | undefined): boolean => /^[A-Za-z]+$/.test(text ?? '');

/**
 * The audit log's reason for the request's latest failure (the seed's hidden `failureReason`,
 * written where the status is only a code), while the log still holds that failure.
 */
function auditReason(r: CanonicalRequest): string | undefined {
  const completed = typeof r.completedDateTime === 'string' ? Date.parse(r.completedDateTime) : NaN;
  return typeof r.failureReason === 'string' && Date.now() - completed < RETENTION
    ? r.failureReason
    : undefined;
}

/** What says why the request failed, to a user who can read the audit log: status first. */
const reasonOf = (r: CanonicalRequest): string =>
  (isCode(r.status) ? auditReason(r) : undefined) ?? r.status ?? '';

/** The seed's sentence for a cause, when no custom extension's failure comes first. */
const saying = (words: string) => (r: CanonicalRequest) =>
  reasonOf(r).includes(words) && !reasonOf(r).includes('custom extension');

/** No failed request's latest failure is within minutes of leaving the audit log's 30 days. */
function expectClearOfRetentionEdge(failed: readonly CanonicalRequest[]): void {
  const edge = failed.filter((r) => {
    const age = Date.now() - Date.parse(String(r.completedDateTime));
    return Math.abs(age - RETENTION) < 15 * 60_000;
  });
  expect(edge.map((r) => r.id)).toEqual([]);
}

/** The app's reads of the audit log, as the emulator saw them. */
async function auditReads(): Promise<LogEntry[]> {
  return (await emulator.log()).filter((e) => /\/auditLogs\/directoryAudits$/.test(e.path));
}

function causesPage(page: Page) {
  const list = page.getByRole('navigation', { name: 'Causes, most requests first' }).getByRole('list');
  return {
    heading: page.getByRole('heading', { name: 'Why requests failed', level: 2 }),
    count: page.getByRole('status').filter({ hasText: /failed requests? in \d+ causes?|Loading/ }),
    items: list.getByRole('listitem'),
    cause: (title: string | RegExp) => list.getByRole('button', { name: title }),
    details: page.getByRole('region', { name: /./ }).filter({ has: page.locator('#cause-title') }),
    /** The value of one of the chosen cause's facts. */
    fact: (term: string) =>
      page
        .locator('section:has(#cause-title) dt')
        .filter({ hasText: new RegExp(`^${term}$`) })
        .locator('xpath=following-sibling::dd[1]'),
  };
}

async function openCauses(page: Page): Promise<ReturnType<typeof causesPage>> {
  await page.getByRole('link', { name: 'Causes', exact: true }).click();
  const causes = causesPage(page);
  await expect(causes.heading).toBeVisible();
  return causes;
}

/** The numbers in the list's count badges, which say how many requests each cause has. */
async function badgeCounts(page: Page): Promise<number[]> {
  const texts = await causesPage(page).items.locator('.fui-CounterBadge').allInnerTexts();
  return texts.map((t) => Number(t.replace(/\D/g, '')));
}

async function reprocessSteps(): Promise<string[]> {
  const log: LogEntry[] = await emulator.log();
  return log.flatMap((e) => [
    ...(e.method === 'POST' && e.path.endsWith('/reprocess') ? [e.path] : []),
    ...(e.steps ?? []).filter((s) => s.method === 'POST' && s.url.endsWith('/reprocess')).map((s) => s.url),
  ]);
}

/** The app's scripts the page has loaded so far. */
async function loadedScripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js')),
  );
}

/** Completed within the last 30 local calendar days, today included (the chart's days). */
function isInLast30Days(iso: string | undefined): boolean {
  if (typeof iso !== 'string') return false;
  const today = new Date();
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29).getTime();
  return Date.parse(iso) >= first;
}

/** Today as the trend tables write a day, in the browser's language and time zone. */
function todayLabel(page: Page): Promise<string> {
  return page.evaluate(() => new Date().toLocaleDateString('en-US', { dateStyle: 'medium' }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function downloadTrend(page: Page, button: ReturnType<Page['getByRole']>): Promise<string[][]> {
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  const text = (await readFile(await download.path())).toString('utf8');
  expect(download.suggestedFilename()).toMatch(/^reprocess-desk-failed-per-day-.*\.csv$/);
  return parseCsv(text.replace(/^\uFEFF/, '')).filter((row) => row.some((cell) => cell !== ''));
}

async function pictures(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.mouse.move(0, 0);
      await page.screenshot({
        path: testInfo.outputPath(`${name}-${width}-${scheme}.png`),
        fullPage: true,
        animations: 'disabled',
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

// Each hint, as the seed's sentences bring its cause: the title, words of the hint, the advice
// and the Microsoft Learn page it links to.
const HINTS: readonly [string | RegExp, string, string, string][] = [
  [
    'Group not found',
    'deleted or replaced',
    'Fix first, then reprocess',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-access-package-resources',
  ],
  [
    /^Group membership can’t be changed/,
    'Reprocessing will not help',
    'Reprocessing will not help',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-catalog-create#add-resources-to-a-catalog',
  ],
  [
    'External user not yet known to SharePoint Online',
    'external sharing is allowed',
    'Fix first, then reprocess',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-external-users',
  ],
  [
    'SharePoint site not provisioned yet',
    'the retry usually succeeds',
    'Reprocessing can help',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-troubleshoot',
  ],
  [
    'App role removed from the application',
    'no longer has this app role',
    'Fix first, then reprocess',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-access-package-resources',
  ],
  [
    'Application’s service principal not found',
    'Restore it',
    'Fix first, then reprocess',
    'https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application',
  ],
  [
    'Custom extension timed out',
    'did not answer in time',
    'Fix first, then reprocess',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-logic-apps-integration',
  ],
  [
    /^Other: “The request could not be completed/,
    'matches none of the documented failures',
    'Reprocessing can help',
    'https://learn.microsoft.com/entra/id-governance/entitlement-management-troubleshoot',
  ],
];

test('causes: ranked from the seed, each with its hint; one filters the queue in the URL and is reprocessed once each', async ({
  page,
  signIn,
}, testInfo) => {
  test.slow();
  const failed = await failedRequests();
  expectClearOfRetentionEdge(failed);
  const queue = await signIn(USERS.agent);
  const causes = await openCauses(page);
  await expect(causes.count).toHaveText(new RegExp(`^${failed.length} failed requests in \\d+ causes$`));
  // The agent may read the audit log: its reasons sharpen the requests whose status is a code.
  const fromAudit = failed.filter((r) => isCode(r.status) && auditReason(r) !== undefined);
  expect(fromAudit.length).toBeGreaterThan(0);
  await expect(
    page.getByText(`Entra’s audit log gave the reason for ${fromAudit.length} of these requests.`),
  ).toBeVisible();

  // Every failed request is in exactly one cause, and the causes are ranked by count.
  const counts = await badgeCounts(page);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(failed.length);
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  await expect(causes.items).toHaveCount(Number(/in (\d+) causes/.exec(await causes.count.innerText())?.[1]));

  // Each documented cause the seed's sentences bring, with its hint and its Microsoft Learn page.
  for (const [title, words, advice, learn] of HINTS) {
    await causes.cause(title).click();
    const details = causes.details;
    await expect(details.getByRole('heading', { level: 3 })).toHaveText(title);
    await expect(details).toContainText(words);
    await expect(details).toContainText(advice);
    await expect(details.getByRole('link', { name: /^Microsoft Learn:/ }).first()).toHaveAttribute(
      'href',
      learn,
    );
  }

  // One cause in full: its facts, against the emulator's data.
  const notFound = failed.filter(saying('the group was not found'));
  const notFoundOutside = notFound.filter(outsideWindow);
  expect(notFound.length).toBeGreaterThan(notFoundOutside.length);
  expect(notFoundOutside.length).toBeGreaterThan(0);
  await causes.cause('Group not found').click();
  await expect(page).toHaveURL(/\/causes\?cause=groupNotFound$/);
  const details = causes.details;
  await expect(causes.fact('Requests')).toHaveText(String(notFound.length));
  await expect(causes.fact('Inside the reprocess window')).toHaveText(
    `${notFound.length - notFoundOutside.length} of ${notFound.length}`,
  );
  await expect(causes.fact('External requestors')).toHaveText(String(notFound.filter(isGuest).length));
  // Some say why in their status, the others through the audit log.
  const notFoundFromAudit = notFound.filter((r) => isCode(r.status)).length;
  expect(notFoundFromAudit).toBeGreaterThan(0);
  expect(notFoundFromAudit).toBeLessThan(notFound.length);
  await expect(details.getByText(`${notFoundFromAudit} from Entra’s audit log`)).toBeVisible();
  await expect(details).toContainText(
    `${notFoundOutside.length} request${notFoundOutside.length === 1 ? ' is' : 's are'} past the reprocess window`,
  );
  await expect(details).toContainText('request access again in My Access');
  await expect(
    details.getByRole('link', { name: 'Microsoft Learn: Reprocess an assignment request' }),
  ).toHaveAttribute('href', 'https://learn.microsoft.com/graph/api/accesspackageassignmentrequest-reprocess');
  await pictures(page, testInfo, 'causes');

  // Choosing it filters the queue, in the URL: exactly the requests of the cause.
  await details.getByRole('link', { name: `Show the ${notFound.length} requests in the queue` }).click();
  await expect(page).toHaveURL(/\/\?cause=groupNotFound&window=all$/);
  await queue.waitForAllLoaded(notFound.length);
  await expect(page.getByRole('note').filter({ hasText: 'One cause: Group not found' })).toBeVisible();
  expect(new Set(await queue.allRowIds())).toEqual(new Set(notFound.map((r) => r.id)));
  // The link reproduces the view after a reload.
  await page.reload();
  await queue.waitForAllLoaded(notFound.length);
  await pictures(page, testInfo, 'cause-queue');
  await page.getByRole('button', { name: 'Show every failed request' }).click();
  await expect(page).toHaveURL(/\/\?window=all$/);
  await queue.waitForAllLoaded(failed.length);

  // Reprocess the cause: the confirmation lists what is outside the window and leaves it out;
  // each eligible request is sent once.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/causes\?cause=groupNotFound$/);
  await emulator.clearLog();
  await emulator.settings({ deliveryDelayMs: 60_000 });
  await causes.details
    .getByRole('button', { name: `Reprocess the ${notFound.length} requests in this cause` })
    .click();
  const dialog = page.getByRole('dialog', {
    name: `Reprocess the ${notFound.length} requests of “Group not found”?`,
  });
  await expect(
    dialog.getByRole('list', { name: 'Requests that look ineligible' }).getByRole('listitem'),
  ).toHaveCount(Math.min(notFoundOutside.length, 10) + (notFoundOutside.length > 10 ? 1 : 0));
  await expect(
    dialog.getByRole('checkbox', {
      name: `Leave out ${notFoundOutside.length} request${notFoundOutside.length === 1 ? '' : 's'} that look${notFoundOutside.length === 1 ? 's' : ''} ineligible`,
    }),
  ).toBeChecked();
  const eligible = notFound.length - notFoundOutside.length;
  await dialog
    .getByRole('button', { name: `Reprocess ${eligible} request${eligible === 1 ? '' : 's'}` })
    .click();
  await expect(page.getByText('Bulk reprocess finished')).toBeVisible({ timeout: 30_000 });
  const sent = await reprocessSteps();
  expect(sent).toHaveLength(eligible);
  expect(new Set(sent.map((url) => /assignmentRequests\/([^/]+)\/reprocess/i.exec(url)?.[1]))).toEqual(
    new Set(notFound.filter((r) => !outsideWindow(r)).map((r) => r.id)),
  );

  // Trends on the Activity page: the chart loads only when opened; its table and CSV file.
  const activity = new ActivityPage(page);
  await activity.open();
  await activity.expectCount(eligible);
  const scriptsBefore = await loadedScripts(page);
  expect(scriptsBefore.some((s) => s.includes('trends-panel'))).toBe(false);
  await page.getByRole('button', { name: 'Show trends' }).click();
  await expect(page).toHaveURL(/\/activity\?trends=1$/);
  const trends = page.getByRole('region', { name: 'Trends, last 30 days' });
  const inLast30 = failed.filter((r) => isInLast30Days(r.completedDateTime)).length;
  await expect(trends.getByText(`${inLast30} failed requests in 30 days.`)).toBeVisible();
  await expect(trends.locator('svg').first()).toBeVisible();
  expect((await loadedScripts(page)).some((s) => s.includes('trends-panel'))).toBe(true);
  await trends.getByText('The numbers, as a table').first().click();
  const failedTable = trends.getByRole('table', { name: 'failed requests per day' });
  await expect(failedTable.getByRole('row')).toHaveCount(31);
  await expect(failedTable.getByRole('columnheader', { name: 'Group not found' })).toBeVisible();
  await expect(trends.getByText(`${eligible} reprocess attempts in 30 days.`)).toBeVisible();
  await trends.getByText('The numbers, as a table').nth(1).click();
  const outcomes = trends.getByRole('table', { name: 'reprocess attempts per day' });
  await expect(outcomes.getByRole('row').last()).toHaveText(
    new RegExp(`^${escapeRegExp(await todayLabel(page))}${eligible}000${eligible}$`),
  );
  const csv = await downloadTrend(page, trends.getByRole('button', { name: 'Download CSV' }).first());
  expect(csv[0]?.slice(0, 2)).toEqual(['Day', expect.any(String)]);
  expect(csv).toHaveLength(31);
  expect(csv.slice(1).reduce((n, row) => n + Number(row.at(-1)), 0)).toBe(inLast30);
  await pictures(page, testInfo, 'trends');
  await trends.getByRole('radio', { name: 'By access package' }).check();
  await expect(page).toHaveURL(/\/activity\?trends=1&trendsBy=package$/);
  await expect(failedTable.getByRole('columnheader', { name: 'Campaign Hub' })).toBeVisible();

  // The same page in Portuguese.
  await page.getByRole('button', { name: new RegExp(`^Account: ${USERS.agent.name}`) }).click();
  await page.getByRole('menuitemradio', { name: 'Português (Brasil)' }).click();
  await expect(page.getByRole('region', { name: 'Tendências, últimos 30 dias' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Por pacote de acesso' })).toBeChecked();
  await page.getByRole('link', { name: 'Causas', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Por que as solicitações falharam', level: 2 }),
  ).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Causas, da que tem mais solicitações para a que tem menos' })
    .getByRole('button', { name: /^Grupo não encontrado/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Grupo não encontrado', level: 3 })).toBeVisible();
  await expect(causes.details).toContainText('Corrija antes e depois reprocesse');
});

test('causes on a tenant whose status is only a code: grouped by package, resources and requestor, packages read once', async ({
  page,
  signIn,
}, testInfo) => {
  test.slow();
  await emulator.seed({ detailedStatusShare: 0 });
  const failed = await failedRequests();
  expect(failed.every((r) => r.status === 'DeliveryFailed' || r.status === 'PartiallyDelivered')).toBe(true);
  expectClearOfRetentionEdge(failed);
  // At first, the agent's administrator has not granted the audit log permission.
  await emulator.revoke(USERS.agent.upn, AUDIT);
  await emulator.clearLog();
  const queue = await signIn(USERS.agent);
  const causes = await openCauses(page);
  await expect(
    page.getByText(/^Your account can’t read Entra’s audit log, so its failure reasons are not included/),
  ).toBeVisible();
  await pictures(page, testInfo, 'causes-without-audit');
  await expect(causes.count).toHaveText(new RegExp(`^${failed.length} failed requests in \\d+ causes$`));
  const counts = await badgeCounts(page);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(failed.length);

  // Campaign Hub (a SharePoint site and a group), for members, then for external requestors.
  // (The package has no custom extension, so nothing else says why.)
  const hubMembers = failed.filter((r) => r.accessPackage?.displayName === 'Campaign Hub' && !isGuest(r));
  expect(hubMembers.length).toBeGreaterThan(0);
  await causes.cause(/^Delivery failed: Campaign Hub(?!, external)/).click();
  await expect(causes.details.getByRole('heading', { level: 3 })).toHaveText('Delivery failed: Campaign Hub');
  await expect(causes.fact('Requests')).toHaveText(String(hubMembers.length));
  await expect(causes.fact('What the package delivers')).toHaveText('Group and SharePoint site');
  await expect(causes.details).toContainText('Graph gave no reason');
  await expect(causes.fact('External requestors')).toHaveText('0');

  const partnerGuests = failed.filter(
    (r) => r.accessPackage?.displayName === 'Partner portal (guests)' && isGuest(r),
  );
  expect(partnerGuests.length).toBeGreaterThan(0);
  await causes.cause(/^Delivery failed: Partner portal \(guests\), external requestors/).click();
  await expect(causes.fact('External requestors')).toHaveText(String(partnerGuests.length));
  await expect(causes.fact('Requests')).toHaveText(String(partnerGuests.length));

  // Custom extension callouts still say why, without a sentence in the status.
  const timedOut = failed.filter((r) => calloutStates(r).includes('calloutFailed'));
  expect(timedOut.length).toBeGreaterThan(0);
  await causes.cause('Custom extension timed out').click();
  await expect(causes.fact('Requests')).toHaveText(String(timedOut.length));
  await expect(causes.details).toContainText('From the custom extension callout');

  // What each package delivers was read once per package, with the documented expansion.
  const packageReads = (await emulator.log()).filter((e) => /\/accessPackages\/[0-9a-f-]{36}$/i.test(e.path));
  const packages = new Set(failed.map((r) => r.accessPackage?.id));
  expect(packageReads).toHaveLength(packages.size);
  expect(new Set(packageReads.map((e) => e.path.split('/').pop()))).toEqual(packages);
  for (const e of packageReads)
    expect(JSON.stringify(e.query)).toContain('resourceRoleScopes($expand=role,scope)');
  expect(await auditReads()).toEqual([]);

  // The administrator grants it; "Check again", still signed in: the audit log's reasons sharpen
  // the causes, and every request is still in exactly one.
  await emulator.grant(USERS.agent.upn, AUDIT);
  await page.getByRole('button', { name: 'Check again' }).click();
  const fromAudit = failed.filter((r) => auditReason(r) !== undefined);
  expect(fromAudit.length).toBeGreaterThan(0);
  await expect(
    page.getByText(`Entra’s audit log gave the reason for ${fromAudit.length} of these requests.`),
  ).toBeVisible();
  const sharper = await badgeCounts(page);
  expect(sharper.reduce((a, b) => a + b, 0)).toBe(failed.length);
  const unknownToSharePoint = failed.filter(saying('the guest user is not yet known to SharePoint Online'));
  expect(unknownToSharePoint.length).toBeGreaterThan(0);
  await causes.cause('External user not yet known to SharePoint Online').click();
  await expect(causes.fact('Requests')).toHaveText(String(unknownToSharePoint.length));
  await expect(causes.details.getByText('From Entra’s audit log', { exact: true })).toBeVisible();
  await expect(causes.details).toContainText('external sharing is allowed');
  // What is left to the facts: the failures older than the audit log's 30 days.
  const hubLeft = hubMembers.filter((r) => auditReason(r) === undefined);
  await expect(causes.cause(/^Delivery failed: Campaign Hub(?!, external)/)).toHaveCount(
    hubLeft.length > 0 ? 1 : 0,
  );

  // The audit log was read for the two failure activities only, newest first, a page each.
  const reads = (await auditReads()).map((e) =>
    typeof e.query === 'string' ? Object.fromEntries(new URLSearchParams(e.query)) : e.query,
  );
  expect(reads.map((q) => q.$filter).sort()).toEqual([
    "loggedByService eq 'Entitlement Management' and activityDisplayName eq 'Failed access package assignment request'",
    "loggedByService eq 'Entitlement Management' and activityDisplayName eq 'Partially fulfill access package assignment request'",
  ]);
  for (const q of reads) expect(q).toMatchObject({ $top: '999', $orderby: 'activityDateTime desc' });

  // The queue filtered to that cause holds the same requests, also after a reload (read again).
  await causes.details
    .getByRole('link', { name: `Show the ${unknownToSharePoint.length} requests in the queue` })
    .click();
  await expect(page).toHaveURL(/\/\?cause=guestNotInSharePoint&window=all$/);
  await page.reload();
  await queue.waitForAllLoaded(unknownToSharePoint.length);
  expect(new Set(await queue.allRowIds())).toEqual(new Set(unknownToSharePoint.map((r) => r.id)));
});
