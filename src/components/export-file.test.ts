// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvCell, downloadFile, exportFileName, toCsv, toJson, toUtcIso, CSV_TYPE } from './export-file';

/** Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV', () => {
  it('starts with a UTF-8 byte order mark and ends every line with CRLF', () => {
    const csv = toCsv([{ header: 'name', value: (r: { n: string }) => r.n }], [{ n: 'Zoë' }, { n: 'Åsa' }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFname\r\nZoë\r\nÅsa\r\n');
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('semi;colon')).toBe('"semi;colon"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(202)).toBe('202');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe('"\'\r=1+1"');
    expect(csvCell(-3)).toBe("'-3");
    // Inside a value they are harmless.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('x-1')).toBe('x-1');
  });

  it('round-trips through a CSV parser with every hostile value intact behind its quote', () => {
    const values = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM', 'O\'Brien, "Bob"\r\nline 2', 'ok'];
    const csv = toCsv([{ header: 'value', value: (v: string) => v }], values);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(['value']);
    expect(rows.map((r) => r[0])).toEqual([
      '\'=HYPERLINK("http://x","y")',
      "'+1",
      "'-2",
      "'@SUM",
      'O\'Brien, "Bob"\r\nline 2',
      'ok',
    ]);
  });
});

describe('times and names', () => {
  it('writes Graph times as ISO 8601 UTC with Z', () => {
    expect(toUtcIso('2026-11-28T12:00:07.123Z')).toBe('2026-11-28T12:00:07.123Z');
    expect(toUtcIso('2026-11-28T13:00:07+01:00')).toBe('2026-11-28T12:00:07.000Z');
    // Graph's times are UTC even when the offset is missing.
    expect(toUtcIso('2026-11-28T12:00:07')).toBe('2026-11-28T12:00:07.000Z');
    expect(toUtcIso('not a date')).toBe('not a date');
    expect(toUtcIso(undefined)).toBeUndefined();
    expect(toUtcIso('')).toBeUndefined();
  });

  it('names files after the UTC time of the export', () => {
    const at = new Date('2026-11-28T12:00:59.999Z');
    expect(exportFileName('reprocess-desk-activity', 'csv', at)).toBe(
      'reprocess-desk-activity-2026-11-28T1200Z.csv',
    );
    expect(exportFileName('reprocess-desk-queue', 'json', at)).toBe(
      'reprocess-desk-queue-2026-11-28T1200Z.json',
    );
  });
});

describe('JSON', () => {
  it('keeps values exactly as they are, formula-like text included', () => {
    const text = toJson({ name: '=HYPERLINK("http://x","y")', n: -2 });
    expect(JSON.parse(text)).toEqual({ name: '=HYPERLINK("http://x","y")', n: -2 });
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('downloadFile', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands the browser a blob with the file name, and frees it later', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    // jsdom has no object URLs.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test/1';
    });
    const revoke = vi.fn();
    URL.revokeObjectURL = revoke;
    const clicked: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href });
    });

    downloadFile('x.csv', '\uFEFFa\r\n', CSV_TYPE);

    expect(clicked).toEqual([{ name: 'x.csv', href: 'blob:test/1' }]);
    expect(document.querySelectorAll('a')).toHaveLength(0);
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    expect(new Uint8Array(await blobs[0]!.arrayBuffer())[0]).toBe(0xef);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
  });
});
