import { describe, expect, it } from 'vitest';
import { rangeFilter, splitRange, type DateRange } from './partitions';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');

/** Every sample date falls in exactly one part, and consecutive parts meet. */
function expectCover(parts: DateRange[], whole: DateRange, dates: number[]): void {
  expect(parts[0]?.from).toBe(whole.from);
  expect(parts.at(-1)?.to).toBe(whole.to);
  for (let i = 1; i < parts.length; i++) expect(parts[i]?.from).toBe(parts[i - 1]?.to);
  for (const t of dates) {
    const holders = parts.filter(
      (p) => (p.from === undefined || t >= p.from) && (p.to === undefined || t < p.to),
    );
    expect(holders).toHaveLength(1);
  }
}

describe('rangeFilter', () => {
  it('writes documented createdDateTime comparisons, unquoted UTC', () => {
    expect(rangeFilter({})).toBeUndefined();
    expect(rangeFilter({ from: NOW })).toBe('createdDateTime ge 2026-12-01T00:00:00.000Z');
    expect(rangeFilter({ to: NOW })).toBe('createdDateTime lt 2026-12-01T00:00:00.000Z');
    expect(rangeFilter({ from: NOW - DAY, to: NOW })).toBe(
      'createdDateTime ge 2026-11-30T00:00:00.000Z and createdDateTime lt 2026-12-01T00:00:00.000Z',
    );
  });
});

describe('splitRange', () => {
  it('cuts evenly spread dates into the parts asked, covering the whole timeline', () => {
    const dates = Array.from({ length: 100 }, (_, i) => NOW - 30 * DAY + i * 0.3 * DAY);
    const parts = splitRange({}, dates, 4, NOW);
    expect(parts).toHaveLength(4);
    expectCover(parts, {}, dates);
    // the quantile cuts split the sample: no part holds most of it
    const counts = parts.map(
      (p) => dates.filter((t) => (p.from ?? -Infinity) <= t && t < (p.to ?? Infinity)).length,
    );
    expect(Math.max(...counts)).toBeLessThan(60);
  });

  it('follows skewed dates: most rows in one day still spread over the parts', () => {
    const burst = Array.from({ length: 90 }, (_, i) => NOW - 2 * DAY + i * 60_000);
    const old = Array.from({ length: 10 }, (_, i) => NOW - 300 * DAY + i * DAY);
    const dates = [...burst, ...old];
    const parts = splitRange({}, dates, 8, NOW);
    expectCover(parts, {}, dates);
    const inBurst = parts.filter((p) =>
      burst.some((t) => (p.from ?? -Infinity) <= t && t < (p.to ?? Infinity)),
    );
    expect(inBurst.length).toBeGreaterThanOrEqual(3);
  });

  it('cuts a bounded range inside its bounds, and leaves room past a sample seen only at its start', () => {
    const whole = { from: NOW - 10 * DAY, to: NOW };
    const dates = Array.from({ length: 50 }, (_, i) => whole.from + i * 60_000); // oldest first
    const parts = splitRange(whole, dates, 6, NOW);
    expectCover(parts, whole, dates);
    expect(parts.every((p) => p.from! >= whole.from && p.to! <= whole.to)).toBe(true);
    // even cuts after the sample's newest date, so the unseen rest is not one part
    expect(parts.filter((p) => p.from! > dates.at(-1)!).length).toBeGreaterThanOrEqual(2);
  });

  it('takes a sample in no date order as the whole range: every cut is a quantile, no part is empty', () => {
    // Shuffled dates over 40 days, as a service that returns rows in no date order would.
    const dates = Array.from({ length: 100 }, (_, i) => NOW - 40 * DAY + ((i * 37) % 100) * 0.4 * DAY);
    const parts = splitRange({}, dates, 8, NOW);
    expect(parts).toHaveLength(8);
    expectCover(parts, {}, dates);
    const counts = parts.map(
      (p) => dates.filter((t) => (p.from ?? -Infinity) <= t && t < (p.to ?? Infinity)).length,
    );
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...counts)).toBeLessThanOrEqual(15);
  });

  it('leaves room before a sample seen newest first, inside a bounded range', () => {
    const whole = { from: NOW - 30 * DAY, to: NOW };
    const dates = Array.from({ length: 50 }, (_, i) => NOW - (i + 1) * 60_000); // newest first
    const parts = splitRange(whole, dates, 6, NOW);
    expectCover(parts, whole, dates);
    expect(parts.filter((p) => p.to! <= dates.at(-1)!).length).toBeGreaterThanOrEqual(2);
  });

  it('does not cut without two distinct dates, or with fewer than 2 parts, or with dates outside', () => {
    expect(splitRange({}, [], 8, NOW)).toEqual([{}]);
    expect(splitRange({}, [NOW, NOW], 8, NOW)).toEqual([{}]);
    expect(splitRange({}, [NOW - DAY, NOW], 1, NOW)).toEqual([{}]);
    expect(splitRange({ from: NOW }, [NOW - 2 * DAY, NOW - DAY, Number.NaN], 8, NOW)).toEqual([
      { from: NOW },
    ]);
  });

  it('keeps an empty partition valid: a range with no rows is still a part of the cover', () => {
    const dates = [NOW - 20 * DAY, NOW - 19 * DAY];
    const parts = splitRange({}, dates, 4, NOW);
    expectCover(parts, {}, dates);
    const empty = parts.filter(
      (p) => !dates.some((t) => (p.from ?? -Infinity) <= t && t < (p.to ?? Infinity)),
    );
    expect(empty.length).toBeGreaterThan(0);
  });
});
