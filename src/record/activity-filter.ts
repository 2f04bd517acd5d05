// Filtering the activity record. Pure functions: the store uses the date bounds for its index
// range and `matchesFilter` for the rest; the page and the exports use the same rules.
import type { ActivityEntry, ActivityFilter, ActivityOutcome } from './activity-record';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const ACTIVITY_OUTCOMES: readonly ActivityOutcome[] = [
  'pending',
  'accepted',
  'refused',
  'gone',
  'denied',
  'unavailable',
  'network',
  'malformed',
  'cancelled',
  'failed',
];

export function isActivityOutcome(value: unknown): value is ActivityOutcome {
  return typeof value === 'string' && (ACTIVITY_OUTCOMES as readonly string[]).includes(value);
}

/** Milliseconds at 00:00 UTC of a `YYYY-MM-DD` day; undefined for anything else. */
function utcDayStart(day: string | undefined): number | undefined {
  if (day === undefined || !DATE.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  // Date.parse accepts 2026-02-31 by rolling over; a day that does not round-trip is not a day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return undefined;
  return ms;
}

/**
 * The filter's time bounds as ISO strings: `lower` inclusive, `upper` exclusive (the day after
 * `to`, so `to` includes its whole UTC day). A malformed day is ignored rather than matching nothing.
 */
export function timeBounds(filter: ActivityFilter): { lower?: string; upper?: string } {
  const from = utcDayStart(filter.from);
  const to = utcDayStart(filter.to);
  return {
    ...(from !== undefined && { lower: new Date(from).toISOString() }),
    ...(to !== undefined && { upper: new Date(to + DAY_MS).toISOString() }),
  };
}

function contains(haystack: readonly (string | undefined)[], needle: string | undefined): boolean {
  const wanted = needle?.trim().toLowerCase();
  if (!wanted) return true;
  return haystack.some((h) => h !== undefined && h.toLowerCase().includes(wanted));
}

export function matchesFilter(entry: ActivityEntry, filter: ActivityFilter): boolean {
  const { lower, upper } = timeBounds(filter);
  // Times are written by toISOString (fixed width, UTC), so string order is time order.
  if (lower !== undefined && entry.time < lower) return false;
  if (upper !== undefined && entry.time >= upper) return false;
  if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false;
  return (
    contains([entry.actor.upn, entry.actor.name], filter.user) &&
    contains([entry.requestId], filter.requestId) &&
    contains([entry.accessPackageName, entry.accessPackageId], filter.accessPackage)
  );
}

/** Newest first; entries written in the same millisecond (one bulk batch) in a stable order. */
export function compareNewestFirst(a: ActivityEntry, b: ActivityEntry): number {
  if (a.time !== b.time) return a.time < b.time ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** True when no field narrows the list. */
export function isEmptyFilter(filter: ActivityFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '');
}
