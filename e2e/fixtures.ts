import { test as base, expect, type Page } from '@playwright/test';
import { emulator } from './emulator-control';
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
}

export const test = base.extend<AppOptions & Fixtures>({
  graphApiVersion: ['v1.0', { option: true }],

  // Every test starts from the emulator's default tenant, and the app reads the API version
  // from its runtime configuration, as a real deployment would.
  page: async ({ page, graphApiVersion }, use) => {
    await emulator.reset();
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...config, graphApiVersion } });
    });
    await use(page);
    await emulator.clearFaults();
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
  await expect(page.getByRole('button', { name: `Account: ${user.name}` })).toBeVisible();
}

export { expect, emulator };
