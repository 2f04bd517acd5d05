import { expect, type Locator, type Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** The failed-requests queue, located the way a person finds things: by role and label. */
export class QueuePage {
  readonly table: Locator;
  readonly count: Locator;
  readonly search: Locator;
  /** The header checkbox: it selects the rows in view (then the page offers all that match). */
  readonly selectInView: Locator;
  /** "N selected" / "N selected (M hidden by the filter)" / "All N matching selected". */
  readonly selectionCount: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('grid', { name: 'Failed requests' });
    this.count = page.getByRole('status').filter({ hasText: /failed request|Loading failed requests/ });
    this.search = page.getByRole('searchbox', { name: 'Search requests' });
    this.selectInView = page.getByRole('checkbox', { name: 'Select the rows in view' });
    this.selectionCount = page
      .getByRole('status')
      .filter({ hasText: /^([\d,]+|All [\d,]+ matching) selected/ });
  }

  /**
   * Selects every row the search and filters match, as a person does: the header checkbox (the
   * rows in view), then "Select all N matching" when more match than are in view.
   */
  async selectAllMatching(): Promise<void> {
    await this.selectInView.check();
    const all = this.page.getByRole('button', { name: /^Select all \d+ matching$/ });
    const done = this.page
      .getByRole('status')
      .filter({ hasText: /^All \d+ matching selected$|^1 selected$/ });
    await expect(all.or(done)).toBeVisible();
    if (await all.isVisible()) await all.click();
    await expect(done).toBeVisible();
  }

  /** A filter by its label: "State", "Access package or catalog", "Request type", "Reprocess window". */
  filter(label: string): Locator {
    return this.page.getByRole('combobox', { name: label });
  }

  /** Chooses the option whose label is `option` (or matches it), as a user picks from the list. */
  async chooseFilter(label: string, option: string | RegExp): Promise<void> {
    const select = this.filter(label);
    await select.waitFor();
    const labels = await select.locator('option').allTextContents();
    const match = labels.find((l) => (typeof option === 'string' ? l === option : option.test(l)));
    if (match === undefined)
      throw new Error(`No option ${String(option)} in ${label}: ${labels.join(' | ')}`);
    await select.selectOption({ label: match });
  }

  /** The labels of a filter's options, in order. */
  async filterOptions(label: string): Promise<string[]> {
    await this.filter(label).waitFor();
    return this.filter(label).locator('option').allTextContents();
  }

  columnHeader(name: string): Locator {
    return this.table.getByRole('columnheader', { name, exact: true });
  }

  rowCheckbox(requestId: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select request ${requestId}` });
  }

  detailsButton(requestId: string): Locator {
    return this.page.getByRole('button', { name: `Details for request ${requestId}` });
  }

  /**
   * The grid is virtualized: only the rows near the scroll position are in the DOM. Scrolls it
   * (as a person would) until the request's row is rendered; pages still arriving are waited for.
   */
  async showRow(requestId: string, timeoutMs = 20_000): Promise<void> {
    const row = this.table.locator(`[data-request-id="${requestId}"]`);
    const deadline = Date.now() + timeoutMs;
    await expect(this.table).toBeVisible();
    while (Date.now() < deadline) {
      await this.scrollTo(0);
      for (;;) {
        if ((await row.count()) > 0) {
          await row.scrollIntoViewIfNeeded();
          return;
        }
        if (!(await this.scrollBy(0.8))) break;
      }
    }
    throw new Error(`the grid has no row for request ${requestId}`);
  }

  /** Every row's request id, in the grid's order, by scrolling it from top to bottom. */
  async allRowIds(): Promise<string[]> {
    const byIndex = new Map<number, string>();
    await this.scrollTo(0);
    for (;;) {
      const seen = await this.table
        .locator('[data-request-id]')
        .evaluateAll((rows) =>
          rows.map(
            (r) =>
              [Number(r.getAttribute('aria-rowindex')), r.getAttribute('data-request-id') ?? ''] as const,
          ),
        );
      for (const [index, id] of seen) byIndex.set(index, id);
      if (!(await this.scrollBy(0.8))) break;
    }
    return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
  }

  /**
   * Scrolls the grid from top to bottom, as a person works down the list, calling `visit` with
   * the request ids of the rows rendered at each position (top to bottom; a row may come twice).
   */
  async visitRows(visit: (ids: string[]) => Promise<void>): Promise<void> {
    await this.scrollTo(0);
    do await visit(await this.renderedRowIds());
    while (await this.scrollBy(0.8));
  }

  /** The request ids of the rows in the DOM now, top to bottom. */
  async renderedRowIds(): Promise<string[]> {
    return this.table.locator('[data-request-id]').evaluateAll((rows) =>
      rows
        .map(
          (r) => [Number(r.getAttribute('aria-rowindex')), r.getAttribute('data-request-id') ?? ''] as const,
        )
        .sort(([a], [b]) => a - b)
        .map(([, id]) => id),
    );
  }

  /** Scrolls the grid's own container to a position (pixels; Infinity for the end). */
  async scrollTo(top: number): Promise<void> {
    await this.table.evaluate(
      async (el, y) => {
        el.scrollTop = y === -1 ? el.scrollHeight : y;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      },
      Number.isFinite(top) ? top : -1,
    );
    await this.rowsInView();
  }

  /** Scrolls down by a share of the visible height; false when already at the end. */
  private async scrollBy(share: number): Promise<boolean> {
    const moved = await this.table.evaluate(async (el, s) => {
      const before = el.scrollTop;
      el.scrollTop = before + el.clientHeight * s;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return el.scrollTop > before;
    }, share);
    await this.rowsInView();
    return moved;
  }

  /**
   * Waits until the rows rendered cover what the grid shows at its scroll position: on a busy page
   * the virtualizer may render a frame or more after the scroll, and a row never rendered would
   * be skipped by whoever works down the list.
   */
  private async rowsInView(): Promise<void> {
    await this.table.evaluate(
      (el) =>
        new Promise<void>((resolve, reject) => {
          const deadline = performance.now() + 10_000;
          const covered = (): boolean => {
            const rows = [...el.querySelectorAll<HTMLElement>('[data-request-id]')];
            const count = Number(el.getAttribute('aria-rowcount') ?? '1') - 1;
            if (count <= 0) return true;
            const first = rows[0];
            if (!first) return false;
            const height = first.offsetHeight;
            const header = el.querySelector<HTMLElement>('[role="rowgroup"]')?.offsetHeight ?? 0;
            const indexes = new Set(rows.map((r) => Number(r.getAttribute('aria-rowindex')) - 2));
            const top = Math.max(0, Math.floor((el.scrollTop - header) / height));
            const bottom = Math.min(
              count - 1,
              Math.floor((el.scrollTop + el.clientHeight - header) / height),
            );
            for (let i = Math.min(top, bottom); i <= bottom; i++) if (!indexes.has(i)) return false;
            return true;
          };
          const check = () => {
            if (covered()) resolve();
            else if (performance.now() > deadline)
              reject(new Error('the grid did not render its rows in view'));
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
  }

  /** Waits until every page has loaded and the count reads "N failed requests". */
  async waitForAllLoaded(expected: number): Promise<void> {
    await expect(this.count).toHaveText(
      `${expected.toLocaleString('en-US')} failed request${expected === 1 ? '' : 's'}`,
      {
        timeout: 30_000,
      },
    );
  }

  bodyRows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  row(requestId: string): Locator {
    return this.table.locator(`[data-request-id="${requestId}"]`);
  }

  /** The collapsed group of requests that left the failed states while the page was open. */
  get resolvedGroup(): Locator {
    return this.page.locator('details').filter({ hasText: 'Resolved since you opened this page' });
  }

  resolvedRow(requestId: string): Locator {
    return this.page
      .getByRole('grid', { name: 'Resolved since you opened this page' })
      .locator(`[data-request-id="${requestId}"]`);
  }

  reprocessButton(requestId: string): Locator {
    return this.page.getByRole('button', { name: `Reprocess request ${requestId}` });
  }

  /** The row's own note on what this dashboard did with the request. */
  rowNote(requestId: string): Locator {
    return this.row(requestId).getByRole('status');
  }

  /** The failed count as a number ("123 failed requests"). */
  async failedCount(): Promise<number> {
    await expect(this.count).toHaveText(/^\d+ failed requests?$/);
    return Number((await this.count.textContent())?.split(' ')[0]);
  }

  /** Opens the Notifications panel (every notice of this session) and returns it. */
  async openNotifications(): Promise<Locator> {
    await new AppHeader(this.page).openNotifications();
    const panel = this.page.getByRole('dialog', { name: 'Notifications' });
    await expect(panel).toBeVisible();
    return panel;
  }

  async closeNotifications(): Promise<void> {
    const panel = this.page.getByRole('dialog', { name: 'Notifications' });
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(panel).toBeHidden();
  }

  toast(title: string | RegExp): Locator {
    return this.page.locator('.fui-Toast').filter({ hasText: title });
  }

  /**
   * Presses Tab from the top of the page until `target` has focus, as a keyboard user works
   * through it: the accessible text of each control focused before it, in order.
   */
  async tabStopsBefore(target: Locator, maxStops = 40): Promise<string[]> {
    await this.page.locator('body').focus();
    const before: string[] = [];
    for (let i = 0; i < maxStops; i++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return before;
      before.push(
        await this.page.evaluate(() => {
          const el = document.activeElement;
          return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
        }),
      );
    }
    throw new Error(
      `${maxStops} Tab presses did not reach the control; they went through: ${before.join(' | ')}`,
    );
  }

  /** "Reprocess by id…" in the queue's toolbar, and the dialog it opens. */
  byId(): ByIdDialog {
    return new ByIdDialog(this.page, 'Reprocess by id');
  }

  /** "Open by id…", what a read-only sign-in has instead. */
  openById(): ByIdDialog {
    return new ByIdDialog(this.page, 'Open by id');
  }
}

/**
 * The toolbar command ("Reprocess by id…" or "Open by id…") and its dialog: the id field, what it
 * says under the field, the primary button, the Open details link and Close.
 */
export class ByIdDialog {
  readonly command: Locator;
  readonly dialog: Locator;
  readonly field: Locator;
  /** Reprocess, or Open details for a read-only sign-in. */
  readonly submit: Locator;
  readonly openDetails: Locator;
  readonly close: Locator;
  /** What the dialog said of the last accepted reprocess. */
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly title: 'Reprocess by id' | 'Open by id',
  ) {
    this.command = page.getByRole('button', { name: `${title}…`, exact: true });
    this.dialog = page.getByRole('dialog', { name: title });
    this.field = this.dialog.getByRole('textbox', { name: 'Request id' });
    this.submit = this.dialog.getByRole('button', {
      name: title === 'Open by id' ? 'Open details' : 'Reprocess',
      exact: true,
    });
    this.openDetails = this.dialog.getByRole('link', { name: 'Open details' });
    this.close = this.dialog.getByRole('button', { name: 'Close', exact: true });
    this.status = this.dialog.getByRole('status');
  }

  /** Opens the dialog from the toolbar, unless it is open already. */
  async open(): Promise<void> {
    if (await this.dialog.isVisible()) return;
    await this.command.click();
    await expect(this.field).toBeFocused();
  }

  /**
   * Opens the dialog from the keyboard: toasts sit over the toolbar (top end) and take its
   * clicks while they last.
   */
  async openFromKeyboard(): Promise<void> {
    await this.command.focus();
    await this.command.press('Enter');
    await expect(this.field).toBeFocused();
  }

  /** Opens the dialog and pastes `text` into the field. */
  async fill(text: string): Promise<void> {
    await this.open();
    await this.field.fill(text);
  }

  /** The message under the field (invalid id, why it cannot be sent now, Graph's answer). */
  alert(text: string | RegExp): Locator {
    return this.dialog.getByRole('alert').filter({ hasText: text });
  }
}
