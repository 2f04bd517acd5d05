import { expect, type Locator, type Page } from '@playwright/test';

/** The failed-requests queue, located the way a person finds things: by role and label. */
export class QueuePage {
  readonly table: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Failed requests' });
    this.count = page.getByRole('status').filter({ hasText: /failed request|Loading failed requests/ });
  }

  /** Waits until every page has loaded and the count reads "N failed requests". */
  async waitForAllLoaded(expected: number): Promise<void> {
    await expect(this.count).toHaveText(`${expected} failed request${expected === 1 ? '' : 's'}`, {
      timeout: 30_000,
    });
  }

  bodyRows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  row(requestId: string): Locator {
    return this.table.getByRole('row').filter({ has: this.reprocessButton(requestId) });
  }

  reprocessButton(requestId: string): Locator {
    return this.page.getByRole('button', { name: `Reprocess request ${requestId}` });
  }

  toast(title: string | RegExp): Locator {
    return this.page.locator('.fui-Toast').filter({ hasText: title });
  }
}
