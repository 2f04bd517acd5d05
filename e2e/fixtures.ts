import { test as base, expect, type Page } from '@playwright/test';
import { emulator } from './emulator-control';
import { AppHeader } from './pages/app-header';
import { QueuePage } from './pages/queue-page';

export interface AppOptions {
  graphApiVersion: 'v1.0' | 'beta';
}

/** The emulator's demo users, as the account picker names them. */
export const USERS = {
  agent: { name: 'Avery Howard', upn: 'avery.howard@contoso.example' },
  auditor: { name: 'Morgan Lee', upn: 'morgan.lee@contoso.example' },
  noRole: { name: 'Sam Rivera', upn: 'sam.rivera@contoso.example' },
  catalogAgent: { name: 'Jordan Patel', upn: 'jordan.patel@contoso.example' },
} as const;
export type DemoUser = (typeof USERS)[keyof typeof USERS];

interface Fixtures {
  queue: QueuePage;
  signIn: (user: DemoUser) => Promise<QueuePage>;
  /** Page errors and console errors seen so far; a test that provokes one says which with `expect`. */
  pageProblems: PageProblems;
}

/**
 * The browser's own messages for a request that failed at the network or HTTP level. Chromium
 * logs one for every non-2xx answer and every aborted load, also when the app handles it (a 403
 * for an auditor, a 429 or a dropped connection the tests inject). The app's handling is what the
 * specs check; these lines say nothing about the app's code.
 */
const BROWSER_NETWORK_MESSAGES: readonly RegExp[] = [/^Failed to load resource: /];

export interface PageProblems {
  /** Errors the test provokes on purpose: each must occur, and stops counting as a problem. */
  expect(pattern: RegExp): void;
}

function problemsGuard(page: Page) {
  const seen: string[] = [];
  const expected: RegExp[] = [];
  page.on('pageerror', (error) => seen.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (BROWSER_NETWORK_MESSAGES.some((p) => p.test(text))) return;
    const where = message.location().url ? ` (${message.location().url})` : '';
    seen.push(`console error: ${text}${where}`);
  });
  return {
    api: { expect: (pattern: RegExp) => void expected.push(pattern) } satisfies PageProblems,
    /** What is left once the expected errors are taken out, and the expected ones that never came. */
    verdict(): { unexpected: string[]; missing: string[] } {
      return {
        unexpected: seen.filter((line) => !expected.some((p) => p.test(line))),
        missing: expected.filter((p) => !seen.some((line) => p.test(line))).map(String),
      };
    },
  };
}

const guards = new WeakMap<Page, ReturnType<typeof problemsGuard>>();

export const test = base.extend<AppOptions & Fixtures>({
  graphApiVersion: ['v1.0', { option: true }],

  // Every test starts from the emulator's default tenant, and the app reads the API version
  // from its runtime configuration, as a real deployment would.
  pageProblems: async ({ page }, use) => {
    const guard = guards.get(page);
    if (!guard) throw new Error('the page fixture sets up the guard');
    await use(guard.api);
  },

  // Every test fails on an error in the page or the console (see BROWSER_NETWORK_MESSAGES).
  page: async ({ page, graphApiVersion }, use) => {
    const guard = problemsGuard(page);
    guards.set(page, guard);
    await emulator.reset();
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...config, graphApiVersion } });
    });
    await use(page);
    await emulator.clearFaults();
    const { unexpected, missing } = guard.verdict();
    expect(unexpected, 'errors in the page or its console').toEqual([]);
    expect(missing, 'errors the test expected but that did not occur').toEqual([]);
  },

  queue: async ({ page }, use) => {
    await use(new QueuePage(page));
  },

  signIn: async ({ page, queue }, use) => {
    await use(async (user) => {
      await signInThroughPicker(page, user);
      return queue;
    });
  },
});

/** The real MSAL redirect flow: app -> emulator's account picker -> back to the app. */
export async function signInThroughPicker(page: Page, user: DemoUser): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Pick an account' })).toBeVisible();
  await page.getByRole('button', { name: user.name, exact: true }).click();
  await new AppHeader(page).expectSignedIn(user.name);
}

/** The account menu's Sign out, confirmed in its dialog (optionally removing the activity record). */
export async function signOutThroughMenu(
  page: Page,
  user: DemoUser,
  opts: { removeRecord?: boolean } = {},
): Promise<void> {
  await new AppHeader(page).openAccountMenu(user.name);
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out?' });
  if (opts.removeRecord) {
    await dialog.getByRole('checkbox', { name: 'Also remove this browser’s activity record' }).check();
  }
  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

export { expect, emulator };
