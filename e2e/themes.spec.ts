import type { Locator, Page } from '@playwright/test';
import { expect, test, USERS, type DemoUser } from './fixtures';

/**
 * The colour a person sees behind an element: its own background or, where that is transparent,
 * the nearest ancestor's (up to the page's canvas), as relative luminance (0 black, 1 white).
 */
async function luminanceBehind(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const canvas = (node: Element | null): string => {
      for (let at = node; at; at = at.parentElement) {
        const colour = getComputedStyle(at).backgroundColor;
        const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(colour)?.[1];
        if (colour !== 'transparent' && alpha !== '0') return colour;
      }
      // Nothing painted: the browser's canvas, dark or light with the used color-scheme.
      return getComputedStyle(document.documentElement).colorScheme === 'dark'
        ? 'rgb(0, 0, 0)'
        : 'rgb(255, 255, 255)';
    };
    const [r, g, b] = (canvas(el).match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  });
}

/** The text's luminance, to check the words stay readable on the background. */
async function textLuminance(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const [r, g, b] = (getComputedStyle(el).color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  });
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Dark: the background is near black and the heading's text light on it. */
async function expectDark(page: Page, heading: Locator): Promise<void> {
  await expect.poll(() => luminanceBehind(heading)).toBeLessThan(0.05);
  expect(contrast(await textLuminance(heading), await luminanceBehind(heading))).toBeGreaterThan(7);
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
    .toBe('dark');
}

async function expectLight(page: Page, heading: Locator): Promise<void> {
  await expect.poll(() => luminanceBehind(heading)).toBeGreaterThan(0.8);
  expect(contrast(await textLuminance(heading), await luminanceBehind(heading))).toBeGreaterThan(7);
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
    .toBe('light');
}

/** Opens the account menu and returns its theme choices (menu item radios). */
async function openThemeChoices(page: Page, user: DemoUser) {
  await page.getByRole('button', { name: `Account: ${user.name}` }).click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('group', { name: 'Theme' })).toBeVisible();
  return (name: 'System' | 'Light' | 'Dark' | 'High contrast') =>
    menu.getByRole('menuitemradio', { name, exact: true });
}

async function closeMenu(page: Page): Promise<void> {
  if (await page.getByRole('menu').isVisible()) await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
}

test.describe('themes', () => {
  test.use({ colorScheme: 'dark' });

  test('the dashboard follows the system until a theme is chosen in the account menu, and remembers it', async ({
    page,
    signIn,
  }) => {
    // Before signing in: the sign-in page is dark too.
    await page.goto('/');
    await expectDark(page, page.getByRole('heading', { name: 'Reprocess Desk' }));

    await signIn(USERS.agent);
    const title = page.getByRole('heading', { name: 'Failed requests' });
    await expectDark(page, title);
    let choice = await openThemeChoices(page, USERS.agent);
    await expect(choice('System')).toBeChecked();
    await expect(choice('Dark')).not.toBeChecked();

    // High contrast: white on black, and still so after a reload.
    await choice('High contrast').click();
    await closeMenu(page);
    await expect.poll(() => luminanceBehind(title)).toBe(0);
    expect(await textLuminance(title)).toBe(1);
    await page.reload();
    await expect(title).toBeVisible();
    await expect.poll(() => luminanceBehind(title)).toBe(0);
    choice = await openThemeChoices(page, USERS.agent);
    await expect(choice('High contrast')).toBeChecked();
    await expect(choice('System')).not.toBeChecked();

    // Light, although the system is dark; remembered too.
    await choice('Light').click();
    await closeMenu(page);
    await expectLight(page, title);
    await page.reload();
    await expect(title).toBeVisible();
    await expectLight(page, title);
    choice = await openThemeChoices(page, USERS.agent);
    await expect(choice('Light')).toBeChecked();

    // An OS change leaves a chosen theme alone...
    await closeMenu(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectLight(page, title);

    // ...and is followed live under System.
    choice = await openThemeChoices(page, USERS.agent);
    await choice('System').click();
    await closeMenu(page);
    await expectDark(page, title);
    await page.emulateMedia({ colorScheme: 'light' });
    await expectLight(page, title);

    // Windows' contrast themes (forced colours) give the high-contrast theme under System. The
    // browser then paints with the system's colours whatever the page says, so what is left to
    // see is the theme Fluent was given (its tokens, used where a component opts out of forcing).
    const appRoot = page.locator('#root > .fui-FluentProvider');
    const token = () =>
      appRoot.evaluate((el) => getComputedStyle(el).getPropertyValue('--colorNeutralBackground1').trim());
    const lightBackground = await token();
    await page.emulateMedia({ forcedColors: 'active' });
    await expect.poll(token).toBe('#000000');
    await expect(page.getByRole('main')).toBeVisible();
    await page.emulateMedia({ forcedColors: 'none' });
    await expectLight(page, title);
    await expect.poll(token).toBe(lightBackground);
    await page.reload();
    await expect(title).toBeVisible();
    choice = await openThemeChoices(page, USERS.agent);
    await expect(choice('System')).toBeChecked();
  });

  test('a stored value the dashboard does not know counts as System', async ({ page, signIn }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('reprocess-desk.theme', 'sepia'));
    await signIn(USERS.agent);
    await expectDark(page, page.getByRole('heading', { name: 'Failed requests' }));
    const choice = await openThemeChoices(page, USERS.agent);
    await expect(choice('System')).toBeChecked();
  });

  test('the start-up failure pages, drawn without Fluent, follow the theme too', async ({ page }) => {
    await page.unroute('**/config.json');
    await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.goto('/');
    const heading = page.getByRole('heading', { name: 'Reprocess Desk cannot start' });
    await expect(heading).toBeVisible();
    await expectDark(page, heading);

    await page.evaluate(() => localStorage.setItem('reprocess-desk.theme', 'light'));
    await page.reload();
    await expect(heading).toBeVisible();
    await expectLight(page, heading);
  });
});
