import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../record/activity-record';
import { fromGraph, type AssignmentRequest } from '../requests/model';
import {
  REST_KEY,
  TOP_SERIES,
  dayKey,
  dayStart,
  failedPerDay,
  lastDays,
  outcomeGroup,
  outcomesPerDay,
  trendRows,
} from './trends';

const DAY = 86_400_000;
// Noon local time, so a day's arithmetic never crosses midnight.
const NOW = new Date(2026, 11, 1, 12, 0, 0).getTime();

function request(id: string, pkg: string, completedDaysAgo: number | undefined): AssignmentRequest {
  const r = fromGraph(
    {
      id,
      state: 'deliveryFailed',
      status: 'DeliveryFailed',
      createdDateTime: new Date(NOW - 40 * DAY).toISOString(),
      ...(completedDaysAgo !== undefined && {
        completedDateTime: new Date(NOW - completedDaysAgo * DAY).toISOString(),
      }),
      accessPackage: { id: pkg, displayName: pkg.toUpperCase() },
    },
    'v1.0',
  );
  if (!r) throw new Error('not a request');
  return r;
}

const byPackage = (r: AssignmentRequest) => ({
  key: r.accessPackage?.id ?? '',
  label: r.accessPackage?.displayName ?? '',
});

describe('trends', () => {
  it('the last 30 local days, oldest first, ending today', () => {
    const days = lastDays(NOW);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe(dayStart(NOW));
    expect(dayKey(days[0]!)).toBe('2026-11-02');
    expect(dayKey(days.at(-1)!)).toBe('2026-12-01');
  });

  it('counts failed requests per day by series, the top ones by name and the rest summed', () => {
    const rows: AssignmentRequest[] = [];
    // Seven packages: p0 with 7 requests down to p6 with 1.
    for (let p = 0; p < 7; p++) for (let i = 0; i < 7 - p; i++) rows.push(request(`r${p}-${i}`, `p${p}`, i));
    rows.push(request('old', 'p0', 45), request('nodate', 'p0', undefined));
    const trend = failedPerDay(rows, NOW, byPackage, 'Everything else');
    expect(trend.series.map((s) => s.key)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', REST_KEY]);
    expect(trend.series).toHaveLength(TOP_SERIES + 1);
    const table = trendRows(trend);
    // Today: one of each package (i = 0); p5 and p6 in the rest.
    expect(table.at(-1)).toEqual({ day: dayStart(NOW), counts: [1, 1, 1, 1, 1, 2], total: 7 });
    expect(table.reduce((n, r) => n + r.total, 0)).toBe(28);
    // The one completed 45 days ago falls before the chart; without a completion date the
    // creation (40 days ago) is its day, also before.
    expect(trend.outside).toEqual({ earlier: 2, later: 0, undated: 0 });
  });

  it('keeps every series by name when one more would only be "the rest"', () => {
    const rows = Array.from({ length: TOP_SERIES + 1 }, (_, p) => request(`r${p}`, `p${p}`, 1));
    const trend = failedPerDay(rows, NOW, byPackage, 'Everything else');
    expect(trend.series.map((s) => s.key)).not.toContain(REST_KEY);
    expect(trend.series).toHaveLength(TOP_SERIES + 1);
  });

  it('an empty list is 30 days of zeros; a date in the future is left out and counted', () => {
    const empty = failedPerDay([], NOW, byPackage, 'x');
    expect(empty.series).toEqual([]);
    expect(trendRows(empty).every((r) => r.total === 0)).toBe(true);
    const future = failedPerDay([request('f', 'p', -3)], NOW, byPackage, 'x');
    expect(future.outside.later).toBe(1);
  });

  it('groups reprocess outcomes per day: accepted, refused, unanswered, not sent', () => {
    const entry = (outcome: ActivityEntry['outcome'], daysAgo: number) =>
      ({ outcome, time: new Date(NOW - daysAgo * DAY).toISOString() }) as ActivityEntry;
    const labels = { accepted: 'A', refused: 'R', unanswered: 'U', notSent: 'N' };
    const trend = outcomesPerDay(
      [
        entry('accepted', 0),
        entry('accepted', 0),
        entry('gone', 0),
        entry('network', 1),
        entry('cancelled', 2),
      ],
      NOW,
      labels,
    );
    expect(trend.series.map((s) => s.label)).toEqual(['A', 'R', 'U', 'N']);
    const table = trendRows(trend);
    expect(table.at(-1)?.counts).toEqual([2, 1, 0, 0]);
    expect(table.at(-2)?.counts).toEqual([0, 0, 1, 0]);
    expect(table.at(-3)?.counts).toEqual([0, 0, 0, 1]);
    expect(['refused', 'gone', 'denied'].map((o) => outcomeGroup(o as ActivityEntry['outcome']))).toEqual([
      'refused',
      'refused',
      'refused',
    ]);
  });
});
