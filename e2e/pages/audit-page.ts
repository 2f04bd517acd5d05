import { expect, type Locator, type Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** The Entra audit log page, located by role and label. */
export class AuditLogPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly status: Locator;
  readonly requestId: Locator;
  readonly showEvents: Locator;
  readonly loadMore: Locator;
  readonly refresh: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Entra audit log', exact: true });
    this.table = page.getByRole('table', { name: 'Entra audit events' });
    this.status = page.getByRole('status').filter({ hasText: /^(Loading events…|\d+ events?\b)/ });
    this.requestId = page.getByRole('textbox', { name: 'Request id (optional)' });
    this.showEvents = page.getByRole('button', { name: 'Show events' });
    this.loadMore = page.getByRole('button', { name: 'Load more events' });
    this.refresh = page.getByRole('button', { name: 'Refresh' });
  }

  /** Opens the page from the header's navigation, as a person would. */
  async open(): Promise<void> {
    await new AppHeader(this.page).goTo('Entra audit log');
    await expect(this.heading).toBeVisible();
  }

  async filterByRequest(id: string): Promise<void> {
    await this.requestId.fill(id);
    await this.showEvents.click();
  }

  /** The event rows (not the expanded details under them), newest first. */
  eventRows(): Locator {
    return this.table.locator('tr[data-audit-id]');
  }

  eventRow(activity: string): Locator {
    return this.eventRows().filter({ hasText: activity });
  }

  /** The "Waiting N s: …" line shown while a read waits its turn. */
  waiting(): Locator {
    return this.page.getByRole('timer');
  }
}
