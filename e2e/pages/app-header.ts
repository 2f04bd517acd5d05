import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The header as a person uses it: on a wide window its page links, Notifications and account
 * button; on a narrow one (a phone, a zoomed-in browser) the same behind one Menu button.
 */
export class AppHeader {
  readonly banner: Locator;
  /** The narrow header's one button. */
  readonly menuButton: Locator;
  /** The Menu's popup, once open. */
  readonly menu: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.menuButton = this.banner.getByRole('button', { name: 'Menu', exact: true });
    this.menu = page.getByRole('menu');
  }

  /** Whether the header shows the Menu button (narrow) rather than its links (wide). */
  async collapsed(): Promise<boolean> {
    const wide = this.banner.getByRole('navigation', { name: 'Pages' });
    await expect(this.menuButton.or(wide)).toBeVisible();
    return this.menuButton.isVisible();
  }

  /** Opens the narrow header's Menu and returns it. */
  async openMenu(): Promise<Locator> {
    await this.menuButton.click();
    await expect(this.menu).toBeVisible();
    return this.menu;
  }

  /** Signed in as `name`: the account button says so, or (narrow) the Menu's account group does. */
  async expectSignedIn(name: string): Promise<void> {
    if (!(await this.collapsed())) {
      await expect(this.banner.getByRole('button', { name: `Account: ${name}` })).toBeVisible();
      return;
    }
    const menu = await this.openMenu();
    await expect(menu.getByRole('group', { name: new RegExp(`^${name}`) })).toBeVisible();
    await this.page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
  }

  /** Goes to a page from the header ("Failed requests", "Activity", "Entra audit log"). */
  async goTo(label: string): Promise<void> {
    if (await this.collapsed()) {
      const menu = await this.openMenu();
      await menu.getByRole('menuitem', { name: label, exact: true }).click();
      await expect(menu).toBeHidden();
    } else {
      await this.banner
        .getByRole('navigation', { name: 'Pages' })
        .getByRole('link', { name: label, exact: true })
        .click();
    }
  }

  /** The header marks `label` as the page shown now. */
  async expectCurrentPage(label: string): Promise<void> {
    if (await this.collapsed()) {
      const menu = await this.openMenu();
      await expect(menu.getByRole('menuitem', { name: label, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await this.page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
    } else {
      const link = this.banner
        .getByRole('navigation', { name: 'Pages' })
        .getByRole('link', { name: label, exact: true });
      await expect(link).toHaveAttribute('aria-current', 'page');
    }
  }

  /** Clicks Notifications (the button, or the Menu's item). */
  async openNotifications(): Promise<void> {
    if (await this.collapsed()) {
      const menu = await this.openMenu();
      await menu.getByRole('menuitem', { name: /^Notifications/ }).click();
    } else {
      await this.banner.getByRole('button', { name: /^Notifications/ }).click();
    }
  }

  /** Opens what holds "Switch account" and "Sign out": the account menu, or the Menu. */
  async openAccountMenu(name: string): Promise<void> {
    if (await this.collapsed()) await this.openMenu();
    else await this.banner.getByRole('button', { name: `Account: ${name}` }).click();
  }
}
