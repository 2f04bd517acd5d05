import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** The Activity page: the record of reprocess actions, located by role and label. */
export class ActivityPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'My activity in this browser', exact: true });
    this.table = page.getByRole('table', { name: 'Activity' });
    this.count = page
      .getByRole('status')
      .filter({ hasText: /^(\d[\d,]* actions?( match(es)? the filter)?|Reading the activity record…)$/ });
  }

  /** Opens the page from the header's navigation, as a person would. */
  async open(): Promise<void> {
    const header = new AppHeader(this.page);
    await header.goTo('Activity');
    await expect(this.heading).toBeVisible();
    // The header says which page this is, and the URL is the page's own.
    await header.expectCurrentPage('Activity');
    expect(new URL(this.page.url()).pathname).toBe('/activity');
  }

  /** Waits until the count reads "N actions" (or "N actions match the filter"). */
  /** The record is empty: the page says what it is, and offers nothing to filter, export or remove. */
  async expectEmptyRecord(): Promise<void> {
    await expect(this.page.getByText('Nothing recorded in this browser yet')).toBeVisible({
      timeout: 15_000,
    });
    await expect(this.page.getByRole('button', { name: 'Export' })).toHaveCount(0);
    await expect(this.page.getByRole('button', { name: 'Change retention' })).toHaveCount(0);
    await expect(this.page.getByRole('search', { name: 'Filter activity' })).toHaveCount(0);
    await expect(this.page.getByText(/^0 actions$/)).toHaveCount(0);
  }

  async expectCount(n: number, filtered = false): Promise<void> {
    const noun = n === 1 ? 'action' : 'actions';
    const text = filtered ? `${n} ${noun} ${n === 1 ? 'matches' : 'match'} the filter` : `${n} ${noun}`;
    await expect(this.count).toHaveText(text, { timeout: 15_000 });
  }

  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** The entries for one assignment request (its id is shown in the row). */
  rowsFor(requestId: string): Locator {
    return this.rows().filter({ hasText: requestId });
  }

  filter(label: 'From (UTC day)' | 'To (UTC day)' | 'User (UPN)' | 'Request id' | 'Access package'): Locator {
    return this.page.getByRole('search', { name: 'Filter activity' }).getByLabel(label);
  }

  outcomeFilter(): Locator {
    return this.page.getByRole('combobox', { name: 'Outcome' });
  }

  /** Exports through the page's Export menu; resolves with the file's name and text. */
  async export(format: 'CSV' | 'JSON'): Promise<{ name: string; text: string }> {
    return downloadVia(this.page, this.page.getByRole('button', { name: 'Export' }), format);
  }
}

/** Clicks an Export menu button, picks the format and reads the downloaded file. */
export async function downloadVia(
  page: Page,
  exportButton: Locator,
  format: 'CSV' | 'JSON',
): Promise<{ name: string; text: string }> {
  await exportButton.click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: format, exact: true }).click();
  const download = await downloading;
  const path = await download.path();
  // Read as UTF-8 without stripping the byte order mark: the tests check that it is there.
  const text = (await readFile(path)).toString('utf8');
  return { name: download.suggestedFilename(), text };
}

/** RFC 4180: records of fields; quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV text (after its BOM) as objects keyed by the header line. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
