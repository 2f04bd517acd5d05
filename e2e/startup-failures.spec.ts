import type { Page, Route } from '@playwright/test';
import { expect, signInThroughPicker, test, USERS } from './fixtures';

/** Answers config.json with `handle` from now on, instead of the deployed file. */
async function serveConfig(page: Page, handle: (route: Route) => Promise<void>): Promise<void> {
  await page.unroute('**/config.json');
  await page.route('**/config.json', handle);
}

/** The deployed configuration, changed by `edit`. */
function editedConfig(edit: (config: Record<string, unknown>) => Record<string, unknown>) {
  return async (route: Route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: edit((await response.json()) as Record<string, unknown>) });
  };
}

test.describe('start-up failures each show a page naming the problem and what to do', () => {
  test('config.json missing, unreachable, not JSON, or with a misspelt key or a foreign redirect URI', async ({
    page,
  }) => {
    const heading = page.getByRole('heading', { name: 'Reprocess Desk cannot start' });
    const todo = page.getByRole('heading', { name: 'What to do' });

    await serveConfig(page, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto('/');
    await expect(heading).toBeVisible();
    await expect(page.getByRole('listitem')).toContainText(
      'Could not load /config.json: the server answered HTTP 404',
    );
    await expect(todo).toBeVisible();
    await expect(page.getByText(/Put a config\.json next to index\.html/)).toBeVisible();

    await serveConfig(page, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(heading).toBeVisible();
    await expect(page.getByRole('listitem')).toContainText('Could not load /config.json');

    // A server's SPA fallback answers with the app's HTML.
    await serveConfig(page, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Reprocess Desk</title>' }),
    );
    await page.reload();
    await expect(page.getByRole('listitem')).toContainText(
      '/config.json is not valid JSON (the server sent HTML: is the file missing?)',
    );

    await serveConfig(
      page,
      editedConfig(({ graphApiVersion: _, ...config }) => ({ ...config, graphApiVerison: 'beta' })),
    );
    await page.reload();
    await expect(page.getByRole('listitem').filter({ hasText: 'graphApiVerison' })).toContainText(
      'did you mean graphApiVersion?',
    );
    await expect(page.getByText(/Correct the values named above/)).toBeVisible();

    await serveConfig(
      page,
      editedConfig((config) => ({ ...config, redirectUri: 'https://desk.contoso.example/' })),
    );
    await page.reload();
    await expect(page.getByRole('listitem').filter({ hasText: 'redirectUri' })).toContainText(
      "redirectUri must be on this app's origin http://localhost:4173",
    );
    // The page offers the way back once the file is fixed.
    await serveConfig(page, (route) => route.continue());
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test('MSAL cannot initialise (no Web Crypto, as on a plain-http page from another host)', async ({
    page,
  }) => {
    // Browsers withhold crypto.subtle from insecure contexts; MSAL needs it for PKCE.
    await page.addInitScript(() => {
      Object.defineProperty(window.crypto, 'subtle', { value: undefined });
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign-in cannot start in this browser' })).toBeVisible();
    await expect(page.getByText(/crypto_nonexistent/)).toBeVisible();
    await expect(page.getByText(/Serve the dashboard over https/)).toBeVisible();
  });

  test('without IndexedDB the queue still lists, and says at once that reprocessing needs the record', async ({
    page,
    queue,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    await signInThroughPicker(page, USERS.agent);
    const notice = page.getByRole('note').filter({ hasText: 'Reprocessing needs the activity record' });
    await expect(notice).toContainText('no IndexedDB');
    await expect(notice).toContainText('normal (not private) window');
    await expect(queue.bodyRows().first()).toBeVisible();
  });

  test('with site storage blocked (a private window) the same, before any click', async ({ page, queue }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    await signInThroughPicker(page, USERS.agent);
    const notice = page.getByRole('note').filter({ hasText: 'Reprocessing needs the activity record' });
    await expect(notice).toContainText('The user denied permission to access the database.');
    await expect(queue.bodyRows().first()).toBeVisible();
  });
});
