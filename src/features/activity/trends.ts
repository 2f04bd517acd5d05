// Trends for auditors, framework-free: failed requests per day over the last 30 days (by cause or
// by access package), and this dashboard's reprocess outcomes per day, as series a chart, a table
// and a CSV file all read. Days are the browser's local calendar days.

import type { ActivityEntry, ActivityOutcome } from '../../record/activity-record';
import { parseGraphDate, type AssignmentRequest } from '../requests/model';

export const TREND_DAYS = 30;
/** Series shown by name; the rest are summed into one. */
export const TOP_SERIES = 5;
/** The key of the summed series ("Everything else"). */
export const REST_KEY = '\u0000rest';

export interface TrendSeries {
  key: string;
  label: string;
}

export interface Trend {
  /** Local midnight of each day, oldest first. */
  days: number[];
  series: TrendSeries[];
  /** counts[day][series] */
  counts: number[][];
  /** What the chart leaves out: items before the first day, after today (a wrong clock), or without a date. */
  outside: { earlier: number; later: number; undated: number };
}

/** Local midnight of the day `ms` falls in. */
export function dayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The last `count` local days up to the one `nowMs` is in, oldest first (daylight saving safe). */
export function lastDays(nowMs: number, count = TREND_DAYS): number[] {
  const today = new Date(dayStart(nowMs));
  const days: number[] = [];
  for (let i = count - 1; i >= 0; i--)
    days.push(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i).getTime());
  return days;
}

/** `YYYY-MM-DD` of a local day (for the table and the CSV file). */
export function dayKey(dayMs: number): string {
  const d = new Date(dayMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface Counted<T> {
  items: readonly T[];
  /** When the item happened (ms), or undefined when it has no usable date. */
  at: (item: T) => number | undefined;
  /** Which series the item counts in, and that series' label. */
  seriesOf: (item: T) => TrendSeries;
  /** The label of the summed series. */
  restLabel: string;
  /** Series kept by name (ranked by count when not given, the top TOP_SERIES). */
  fixedSeries?: readonly TrendSeries[];
}

function countPerDay<T>(nowMs: number, opts: Counted<T>): Trend {
  const days = lastDays(nowMs);
  const index = new Map(days.map((d, i) => [d, i]));
  const first = days[0] ?? 0;
  // Today, and a day of clock skew between Graph and this computer (counted as today).
  const end = dayStart(nowMs) + 2 * 86_400_000;
  const outside = { earlier: 0, later: 0, undated: 0 };
  const inRange: { day: number; series: TrendSeries }[] = [];
  const totals = new Map<string, { series: TrendSeries; count: number }>();
  for (const item of opts.items) {
    const at = opts.at(item);
    if (at === undefined) {
      outside.undated += 1;
      continue;
    }
    if (at < first) {
      outside.earlier += 1;
      continue;
    }
    if (at >= end) {
      outside.later += 1;
      continue;
    }
    const day = Math.min(index.size - 1, index.get(dayStart(at)) ?? index.size - 1);
    const series = opts.seriesOf(item);
    inRange.push({ day, series });
    const total = totals.get(series.key) ?? { series, count: 0 };
    total.count += 1;
    totals.set(series.key, total);
  }
  const ranked = [...totals.values()].sort(
    (a, b) => b.count - a.count || (a.series.label < b.series.label ? -1 : 1),
  );
  const named = opts.fixedSeries
    ? [...opts.fixedSeries]
    : ranked.slice(0, ranked.length > TOP_SERIES + 1 ? TOP_SERIES : TOP_SERIES + 1).map((r) => r.series);
  const namedIndex = new Map(named.map((s, i) => [s.key, i]));
  const hasRest = inRange.some(({ series }) => !namedIndex.has(series.key));
  const series = hasRest ? [...named, { key: REST_KEY, label: opts.restLabel }] : named;
  const counts = days.map(() => series.map(() => 0));
  for (const { day, series: s } of inRange) {
    const i = namedIndex.get(s.key) ?? series.length - 1;
    const row = counts[day];
    if (row) row[i] = (row[i] ?? 0) + 1;
  }
  return { days, series, counts, outside };
}

/**
 * Failed requests per day of failure (the completion of the failed delivery; its creation when
 * Graph sent no completion), in the series `seriesOf` gives (a cause, an access package).
 */
export function failedPerDay(
  requests: readonly AssignmentRequest[],
  nowMs: number,
  seriesOf: (request: AssignmentRequest) => TrendSeries,
  restLabel: string,
): Trend {
  return countPerDay(nowMs, {
    items: requests,
    at: (r) => parseGraphDate(r.completedDateTime) ?? parseGraphDate(r.createdDateTime),
    seriesOf,
    restLabel,
  });
}

/** How a reprocess ended, in the few groups a chart can show. */
export type OutcomeGroup = 'accepted' | 'refused' | 'unanswered' | 'notSent';

export const OUTCOME_GROUPS: readonly OutcomeGroup[] = ['accepted', 'refused', 'unanswered', 'notSent'];

export function outcomeGroup(outcome: ActivityOutcome): OutcomeGroup {
  switch (outcome) {
    case 'accepted':
      return 'accepted';
    case 'refused':
    case 'gone':
    case 'denied':
      return 'refused';
    case 'cancelled':
      return 'notSent';
    case 'pending':
    case 'unavailable':
    case 'network':
    case 'malformed':
    case 'failed':
      return 'unanswered';
  }
}

/** This dashboard's reprocess attempts per day they were made, by how they ended. */
export function outcomesPerDay(
  entries: readonly ActivityEntry[],
  nowMs: number,
  labels: Readonly<Record<OutcomeGroup, string>>,
): Trend {
  const series = OUTCOME_GROUPS.map((g) => ({ key: g, label: labels[g] }));
  return countPerDay(nowMs, {
    items: entries,
    at: (e) => {
      const ms = Date.parse(e.time);
      return Number.isNaN(ms) ? undefined : ms;
    },
    seriesOf: (e) =>
      series[OUTCOME_GROUPS.indexOf(outcomeGroup(e.outcome))] ?? { key: 'unanswered', label: '' },
    restLabel: '',
    fixedSeries: series,
  });
}

/** The trend as rows of a table or CSV file: the day, then one count per series, then the total. */
export function trendRows(trend: Trend): { day: number; counts: number[]; total: number }[] {
  return trend.days.map((day, i) => {
    const counts = trend.counts[i] ?? [];
    return { day, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
}
