import type { Page } from '@playwright/test';
import type { CanonicalRequest } from './emulator-control';
import { emulator, expect, test, USERS } from './fixtures';

const DAY = 86_400_000;

async function eligibleRequest(): Promise<CanonicalRequest> {
  const failed = [
    ...(await emulator.requests('deliveryFailed')),
    ...(await emulator.requests('partiallyDelivered')),
  ];
  const found = failed.find(
    (r) =>
      r.state === 'deliveryFailed' &&
      !!r.completedDateTime &&
      Date.now() - Date.parse(r.completedDateTime) < 12 * DAY,
  );
  if (!found) throw new Error('the seed has no failed request inside the window');
  return found;
}

/** The scripts the page downloaded, by path. */
async function scriptPaths(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js')),
  );
}

const ptCatalog = (paths: string[]) => paths.filter((p) => /\/assets\/pt-BR-[^/]*\.js$/.test(p));

test.describe('Languages', () => {
  test.describe('a browser set to Portuguese', () => {
    test.use({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });

    test('the core journey in pt-BR: sign in, the queue, a reprocess, the details and the Activity page', async ({
      page,
    }) => {
      await emulator.settings({ deliveryDelayMs: 600_000 });
      const target = await eligibleRequest();
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
      await page.getByRole('button', { name: 'Entrar', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Pick an account' })).toBeVisible();
      await page.getByRole('button', { name: USERS.agent.name, exact: true }).click();

      const banner = page.getByRole('banner');
      await expect(
        banner.getByRole('button', { name: new RegExp(`^Conta: ${USERS.agent.name}`) }),
      ).toBeVisible();
      await expect(banner.getByRole('link', { name: 'Solicitações com falha', exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Solicitações com falha', level: 2 })).toBeVisible();
      // Counts with Portuguese plurals and grouping.
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: /solicitações com falha/ })
          .first(),
      ).toHaveText(/^\d{1,3}(\.\d{3})* (de \d{1,3}(\.\d{3})* )?solicitações com falha/);

      await page.getByRole('searchbox').fill(target.id);
      const row = page.locator(`[data-request-id="${target.id}"]`);
      await expect(row).toContainText('Falha na entrega');
      // Dates as Brazilians write them (day first).
      await expect(row).toContainText(/\d{1,2} de [a-zç]+\.? de \d{4}|\d{2}\/\d{2}\/\d{4}/);
      await row.getByRole('button', { name: new RegExp(`^Reprocessar a solicitação ${target.id}`) }).click();
      await expect(row).toContainText('Aceito: a entrega está sendo repetida', { timeout: 20_000 });
      // Graph's own status text is shown as Graph sent it; the state word is Microsoft's Portuguese.
      await expect(row).toContainText('Entregando');

      await row.getByRole('button', { name: `Detalhes da solicitação ${target.id}` }).click();
      const drawer = page.getByRole('dialog');
      await expect(
        drawer.getByText('Detalhes da solicitação').or(drawer.getByRole('heading')).first(),
      ).toBeVisible();
      await expect(drawer).toContainText('Entregando');
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();

      await banner.getByRole('link', { name: 'Atividade', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Minha atividade neste navegador' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText('Aceito');

      // Only the language in use was downloaded: pt-BR's catalog, once.
      expect(ptCatalog(await scriptPaths(page))).toHaveLength(1);
    });
  });

  test('switching language and theme in the account menu: the page follows at once, and both are remembered', async ({
    page,
    signIn,
  }) => {
    await signIn(USERS.agent);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Failed requests', level: 2 })).toBeVisible();
    // English is the code's own text: no catalog is downloaded for it.
    expect(ptCatalog(await scriptPaths(page))).toEqual([]);

    const banner = page.getByRole('banner');
    await banner.getByRole('button', { name: new RegExp(`^Account: ${USERS.agent.name}`) }).click();
    await page.getByRole('menuitemradio', { name: 'Português (Brasil)' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
    await expect(page.getByRole('heading', { name: 'Solicitações com falha', level: 2 })).toBeVisible();
    await expect(banner.getByRole('link', { name: 'Atividade', exact: true })).toBeVisible();
    await expect(page.getByRole('grid').getByText('Falha na entrega').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Reprocessar a solicitação / }).first()).toBeVisible();

    // The theme, in the same menu, now in Portuguese.
    const colorScheme = () => page.evaluate(() => document.documentElement.style.colorScheme);
    await expect.poll(colorScheme).toBe('light');
    await banner.getByRole('button', { name: new RegExp(`^Conta: ${USERS.agent.name}`) }).click();
    await page.getByRole('menuitemradio', { name: 'Escuro', exact: true }).click();
    await expect.poll(colorScheme).toBe('dark');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
    await expect(page.getByRole('heading', { name: 'Solicitações com falha', level: 2 })).toBeVisible();
    await expect.poll(colorScheme).toBe('dark');
    await banner.getByRole('button', { name: new RegExp(`^Conta: ${USERS.agent.name}`) }).click();
    await expect(page.getByRole('menuitemradio', { name: 'Português (Brasil)' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(page.getByRole('menuitemradio', { name: 'Escuro', exact: true })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Failed requests', level: 2 })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Failed requests', level: 2 })).toBeVisible();
  });
});
