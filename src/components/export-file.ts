// Building and downloading export files (CSV and JSON), shared by the queue and activity exports.
// CSV is what people open in a spreadsheet, so it is written for Excel and friends: UTF-8 with a
// byte order mark (else Excel reads it as the local ANSI code page), RFC 4180 quoting with CRLF,
// and no cell that a spreadsheet would run as a formula (OWASP "CSV injection").

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

const BOM = '\uFEFF';
/** Characters that make a spreadsheet treat a cell as a formula (or, tab and CR, shift it into one). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/**
 * One CSV cell. A value starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
 * single quote, which spreadsheets show as text and never evaluate (`=HYPERLINK(...)` stays
 * words). Numbers go through the same rule, so a negative number reads `'-2`: safe over exact.
 */
export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: BOM, a header line, one line per row, CRLF after every line (RFC 4180). */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Pretty JSON with a final newline. JSON is not evaluated by spreadsheets: values stay as they are. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A Graph or record timestamp as ISO 8601 UTC with `Z`. Graph's timestamps are UTC; one without an
 * offset is read as UTC. Anything unparseable is returned as given, so no fact is lost.
 */
export function toUtcIso(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return text;
  const withZone = /T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** `reprocess-desk-activity-2026-11-28T1200Z.csv`: the export's time in UTC, safe in every file system. */
export function exportFileName(prefix: string, extension: 'csv' | 'json', at: Date): string {
  const iso = at.toISOString(); // 2026-11-28T12:00:07.123Z
  return `${prefix}-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z.${extension}`;
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const JSON_TYPE = 'application/json;charset=utf-8';

/** Hands a file to the browser's download. Throws if the browser refuses (the caller says so). */
export function downloadFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked later, not at once: some browsers read the blob after click() has returned.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
