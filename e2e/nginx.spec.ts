import { existsSync } from 'node:fs';
import { emulator, expect, test, USERS } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { AuditLogPage } from './pages/audit-page';

// The deployment as docs/deploy.md describes it: the production build behind Debian's nginx with
// the server block of deploy/nginx/reprocess-desk.conf (scripts/nginx-serve.mjs), its
// Content-Security-Policy naming the emulator's hosts (public/config.json). The policy is
// enforced by the browser; the journey must not trip it once.

const DAY = 86_400_000;
const SIGN_IN = 'https://localhost:8443';
const GRAPH = 'https://localhost:8444';

// Written out rather than computed with scripts/csp-lib.mjs, so the test checks the policy itself.
const csp = (frameAncestors: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "img-src 'self'",
    "manifest-src 'self'",
    `connect-src 'self' ${SIGN_IN} ${GRAPH}`,
    `frame-src 'self' ${SIGN_IN}`,
    `form-action ${SIGN_IN}`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': csp("'none'"),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=63072000',
  'permissions-policy':
    'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), clipboard-read=(), clipboard-write=(self)',
};

function expectHeaders(
  response: { headers(): Record<string, string>; url(): string },
  expected: Record<string, string | undefined>,
): void {
  const headers = response.headers();
  for (const [name, value] of Object.entries(expected)) {
    expect(headers[name], `${name} of ${response.url()}`).toBe(value);
  }
}

interface Violation {
  documentURI: string;
  violatedDirective: string;
  blockedURI: string;
  sample: string;
}

test.beforeAll(() => {
  // Locally the spec needs Debian's nginx; in CI (.ci/run installs it) it must never be skipped.
  if (!process.env.CI) {
    // eslint-disable-next-line playwright/no-skipped-test -- a machine without nginx; never in CI
    test.skip(!existsSync('/usr/sbin/nginx'), 'Debian nginx is not installed: apt-get install -y nginx');
  }
});

test('behind nginx: the headers, and a whole journey with the CSP enforced and not one violation', async ({
  page,
  request,
  signIn,
  baseURL,
}) => {
  test.setTimeout(120_000);
  expect(baseURL, 'the nginx project serves on port 4180').toBe('http://localhost:4180');

  // Every frame of every page reports here, including redirect.html in its iframe.
  const violations: Violation[] = [];
  const policyErrors: string[] = [];
  await page.exposeFunction('__reportCspViolation', (v: Violation) => void violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (v: unknown) => void })
        .__reportCspViolation;
      report?.({
        documentURI: e.documentURI,
        violatedDirective: e.violatedDirective,
        blockedURI: e.blockedURI,
        sample: e.sample,
      });
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy|Refused to/i.test(message.text())) {
      policyErrors.push(message.text());
    }
  });

  // The files and their cache rules.
  const index = await request.get('/');
  expect(index.status()).toBe(200);
  expectHeaders(index, { ...SECURITY_HEADERS, 'cache-control': 'no-cache' });
  const html = await index.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, 'index.html loads the app').toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, 'no inline script in index.html').toMatch(/\ssrc="\/assets\//);
  expect(html).not.toMatch(/<style\b|\son[a-z]+=/i);

  const deepLink = await request.get('/activity?view=all');
  expect(deepLink.status(), 'a client route is the app').toBe(200);
  expect(await deepLink.text()).toBe(html);
  expectHeaders(deepLink, { ...SECURITY_HEADERS, 'cache-control': 'no-cache' });

  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  expectHeaders(asset, {
    'content-type': 'application/javascript; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  const missingAsset = await request.get('/assets/not-in-this-build.js');
  expect(missingAsset.status(), 'a missing asset is not index.html').toBe(404);
  expectHeaders(missingAsset, { 'cache-control': undefined });

  const config = await request.get('/config.json');
  expect(config.status()).toBe(200);
  expectHeaders(config, { 'content-type': 'application/json', 'cache-control': 'no-cache' });

  const bridge = await request.get('/redirect.html');
  expect(bridge.status()).toBe(200);
  expectHeaders(bridge, {
    ...SECURITY_HEADERS,
    'content-security-policy': csp("'self'"),
    'x-frame-options': 'SAMEORIGIN',
    'cache-control': 'no-cache',
  });
  expect(await bridge.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);

  // The journey: sign in through the emulator, the list, reprocess a row.
  await emulator.settings({ deliveryDelayMs: 300, deliveryOutcome: 'delivered' });
  const target = (await emulator.requests('deliveryFailed')).find(
    (r) => !!r.completedDateTime && Date.now() - Date.parse(r.completedDateTime) < 10 * DAY,
  );
  expect(target, 'the seed has a recent failed request').toBeDefined();
  const id = target!.id;
  const navigation = page.waitForResponse((r) => r.url() === 'http://localhost:4180/');
  const queue = await signIn(USERS.agent);
  expectHeaders(await navigation, SECURITY_HEADERS);
  await expect(queue.bodyRows().first()).toBeVisible();

  // Fluent's styles are in place: Griffel's <style> elements were allowed and hold their rules.
  const cssRules = await page.evaluate(() =>
    [...document.querySelectorAll('style')].reduce((n, s) => n + (s.sheet?.cssRules.length ?? 0), 0),
  );
  expect(
    cssRules,
    `Griffel's style rules under the CSP; violations: ${JSON.stringify(violations)}`,
  ).toBeGreaterThan(100);

  await queue.showRow(id);
  await queue.reprocessButton(id).click();
  await expect(queue.rowNote(id)).toHaveText(/^Accepted/);

  // The details drawer, then a reload of its deep link: nginx answers with index.html.
  await queue.detailsButton(id).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(String(target!.requestor?.displayName));
  expect(new URL(page.url()).searchParams.get('request')).toBe(id);
  await page.reload();
  await expect(page.getByRole('dialog')).toContainText(String(target!.requestor?.displayName));
  await expect(
    page.getByRole('dialog').getByRole('list', { name: 'Activity record for this request' }),
  ).toContainText('Accepted');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // The Activity page, and a reload of /activity.
  const activity = new ActivityPage(page);
  await activity.open();
  await expect(activity.rowsFor(id)).toContainText('Accepted');
  await page.reload();
  await expect(activity.heading).toBeVisible();
  await expect(activity.rowsFor(id)).toContainText('Accepted');

  // Entra's audit log, read from Graph with its own token.
  const audit = new AuditLogPage(page);
  await audit.open();
  await audit.filterByRequest(id);
  await expect(audit.status).toHaveText(new RegExp(`^\\d+ events? for request ${id}$`), { timeout: 20_000 });
  await expect(audit.eventRows().first()).toBeVisible();

  // MSAL's silent sign-in frames redirect.html: the app's origin may, and the bridge runs alone.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.title = 'bridge check';
    frame.src = '/redirect.html';
    document.body.append(frame);
  });
  const bridgeFrame = page.frameLocator('iframe[title="bridge check"]');
  await expect(bridgeFrame.locator('body')).toContainText(/Signing in|Sign-in could not be completed/);
  await expect(bridgeFrame.locator('#root')).toHaveCount(0);

  const ours = violations.filter((v) => v.documentURI.startsWith('http://localhost:4180/'));
  expect(ours, 'securitypolicyviolation events on the app').toEqual([]);
  expect(policyErrors, 'CSP or Permissions-Policy messages in the console').toEqual([]);
});
