// Partitions of a failed-request list by `createdDateTime`, so one long `@odata.nextLink` chain
// becomes several shorter ones that run side by side.
//
// Graph documents `$filter` comparisons on `createdDateTime` (gt, ge, lt, le) joined to the state
// filter with `and`, but not `$orderby`, `$top` or `$count` here, and not the order of the rows.
// So the only knowledge of where the dates lie is the first page of a range, in the order Graph
// returned it. When that page is in no date order, it is a sample of the whole range, and every
// cut is one of its quantiles (this follows skew). When it is oldest first, the page saw only the
// start of the range: half the cuts are quantiles, half are even between its newest date and the
// range's end; newest first, the same towards the range's start. A partition whose own first page
// again has a next link is cut the same way while there is room in flight; otherwise its chain
// is followed to the end.

/** A half-open range of creation times in ms: `from` inclusive (`ge`), `to` exclusive (`lt`). */
export interface DateRange {
  from?: number;
  to?: number;
}

/** The `$filter` clause for a range, or undefined for the whole timeline. */
export function rangeFilter(range: DateRange): string | undefined {
  const parts: string[] = [];
  if (range.from !== undefined) parts.push(`createdDateTime ge ${new Date(range.from).toISOString()}`);
  if (range.to !== undefined) parts.push(`createdDateTime lt ${new Date(range.to).toISOString()}`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function inside(range: DateRange, t: number): boolean {
  return (range.from === undefined || t >= range.from) && (range.to === undefined || t < range.to);
}

/**
 * Cuts `range` into at most `parts` ranges that cover it exactly (no gap, no overlap), using the
 * creation times seen on its first page. Returns `[range]` when it cannot be cut usefully: fewer
 * than 2 parts asked, or no two distinct dates inside the range. `now` bounds an open-ended range
 * for the even cuts (rows are not created in the future; a later row still lands in the last part).
 */
export function splitRange(
  range: DateRange,
  sample: readonly number[],
  parts: number,
  now: number,
): DateRange[] {
  const asReturned = sample.filter((t) => Number.isFinite(t) && inside(range, t));
  const order = sampleOrder(asReturned);
  const dates = [...asReturned].sort((a, b) => a - b);
  const lo = dates[0];
  const hi = dates[dates.length - 1];
  if (parts < 2 || lo === undefined || hi === undefined || lo === hi) return [range];

  const cuts = new Set<number>();
  // Where the sample's rows are: every cut for a sample in no order, half for a sorted one.
  const quantileCuts = order === 'none' ? parts - 1 : Math.max(1, Math.ceil((parts - 1) / 2));
  for (let i = 1; i <= quantileCuts; i++) {
    const t = dates[Math.floor((i * dates.length) / (quantileCuts + 1))];
    if (t !== undefined) cuts.add(t);
  }
  // The rest evenly over what a sorted sample could not see: after it, or before it.
  const evenCuts = parts - 1 - quantileCuts;
  if (order === 'oldestFirst') {
    const end = Math.max(range.to ?? now, hi + 1);
    for (let i = 1; i <= evenCuts; i++) cuts.add(Math.floor(hi + ((end - hi) * i) / (evenCuts + 1)));
  } else if (order === 'newestFirst') {
    // An open start has no bound: reach back as far before the sample as the sample spans.
    const start = Math.min(range.from ?? lo - (hi - lo), lo - 1);
    for (let i = 1; i <= evenCuts; i++) cuts.add(Math.ceil(start + ((lo - start) * i) / (evenCuts + 1)));
  }

  const sorted = [...cuts]
    .filter((t) => (range.from === undefined || t > range.from) && (range.to === undefined || t < range.to))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return [range];
  const out: DateRange[] = [];
  let from = range.from;
  for (const cut of sorted) {
    out.push(from === undefined ? { to: cut } : { from, to: cut });
    from = cut;
  }
  out.push(range.to === undefined ? { from } : { from, to: range.to });
  return out;
}

/** Whether the dates came oldest first, newest first, or in no date order. */
function sampleOrder(dates: readonly number[]): 'oldestFirst' | 'newestFirst' | 'none' {
  let up = true;
  let down = true;
  for (let i = 1; i < dates.length; i++) {
    const d = (dates[i] as number) - (dates[i - 1] as number);
    if (d < 0) up = false;
    if (d > 0) down = false;
  }
  return up ? 'oldestFirst' : down ? 'newestFirst' : 'none';
}
