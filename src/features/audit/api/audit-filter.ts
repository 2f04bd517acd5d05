// What the audit views ask Graph for: entitlement management's events, in a time range and
// optionally about one request or of one activity, as a documented `$filter` (directoryaudit-list.md: eq, ge, le,
// startswith, targetResources/any). Framework-free.
import { odataDateTime, odataString } from '../../../graph/odata';
import { t } from '../../../i18n/i18n';

/** The `loggedByService` of entitlement management's events. */
export const ENTITLEMENT_MANAGEMENT_SERVICE = 'Entitlement Management';

export interface AuditFilter {
  /** Earliest activityDateTime, ISO 8601. */
  from?: string;
  /** Latest activityDateTime, ISO 8601. */
  to?: string;
  /** Only events that name this assignment request among their targets. */
  requestId?: string;
  /** Only this activity (`activityDisplayName`, as Entra names it). */
  activity?: string;
}

export function buildAuditFilter(filter: AuditFilter): string {
  const clauses = [`loggedByService eq ${odataString(ENTITLEMENT_MANAGEMENT_SERVICE)}`];
  if (filter.from !== undefined) clauses.push(`activityDateTime ge ${odataDateTime(filter.from)}`);
  if (filter.to !== undefined) clauses.push(`activityDateTime le ${odataDateTime(filter.to)}`);
  if (filter.activity !== undefined) clauses.push(`activityDisplayName eq ${odataString(filter.activity)}`);
  if (filter.requestId !== undefined) {
    clauses.push(`targetResources/any(t: t/id eq ${odataString(filter.requestId)})`);
  }
  return clauses.join(' and ');
}

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `yyyy-mm-dd` day (as a date input gives it) in the browser's time zone; undefined if invalid. */
function localDay(day: string, endOfDay: boolean): Date | undefined {
  const m = DAY_TEXT.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = endOfDay ? new Date(y, mo - 1, d, 23, 59, 59, 999) : new Date(y, mo - 1, d);
  // Date rolls 2024-02-31 over into March: such a day does not exist.
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date : undefined;
}

export function dayText(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last seven days, today included, as the date inputs show them. */
export function defaultDays(now: Date): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7);
  return { from: dayText(from), to: dayText(now) };
}

export type DayRange =
  { ok: true; from: string; to: string } | { ok: false; field: 'from' | 'to'; problem: string };

/** From the start of the first day to the end of the last, local time, as ISO 8601 instants. */
export function dayRange(fromDay: string, toDay: string): DayRange {
  const from = localDay(fromDay, false);
  const to = localDay(toDay, true);
  if (!from) {
    return {
      ok: false,
      field: 'from',
      problem: t({ id: 'audit.filters.badFrom', defaultMessage: 'Enter a valid start date.' }),
    };
  }
  if (!to) {
    return {
      ok: false,
      field: 'to',
      problem: t({ id: 'audit.filters.badTo', defaultMessage: 'Enter a valid end date.' }),
    };
  }
  if (from > to) {
    return {
      ok: false,
      field: 'from',
      problem: t({
        id: 'audit.filters.fromAfterTo',
        defaultMessage: 'The start date is after the end date.',
      }),
    };
  }
  return { ok: true, from: from.toISOString(), to: to.toISOString() };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A pasted request id, trimmed and lower-cased, or undefined when it is not a GUID. */
export function normalizeRequestId(text: string): string | undefined {
  const id = text.trim().replace(/^\{(.*)\}$/, '$1');
  return GUID.test(id) ? id.toLowerCase() : undefined;
}
