// The queue's view: what the agent searched, filtered and sorted. It lives in the URL's query
// string, so a copied link reproduces the view after sign-in. Framework-free: parsing and writing
// the URL, per-row precomputation, filtering and sorting, and the words for the counts.
//
// Graph can filter the list only by state (graph-contract.md section 2: no documented `or`, `in`,
// `$search`, `$orderby`, and dates are not reliably filterable), so the app loads every failed
// request and everything here runs in the browser, over up to tens of thousands of rows: each row's
// search text and sort keys are computed once per request object, a keystroke only runs substring
// checks, and sorting happens only when the data, the sort or the minute changes.

import { currentLocale, format, t } from '../../i18n/i18n';
import {
  windowMsLeftAt,
  wholeDaysLeft,
  parseGraphDate,
  requestTypeLabel,
  stateLabel,
  type AssignmentRequest,
} from './model';

export const SORT_KEYS = [
  'requestor',
  'package',
  'state',
  'status',
  'type',
  'created',
  'completed',
  'window',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface QueueSort {
  key: SortKey;
  dir: SortDirection;
}
/** Soonest to leave the reprocess window first: what an agent should retry before it is too late. */
export const DEFAULT_SORT: QueueSort = { key: 'window', dir: 'asc' };

export const STATE_FILTERS = ['deliveryFailed', 'partiallyDelivered'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/**
 * `1`, `3`, `7`: at most that many whole days left (as the row shows them); then whole groups.
 * Without one, the view shows what can still be reprocessed (inside the window, or its end not
 * known: Graph decides); `all` adds the requests outside the window.
 */
export const WINDOW_FILTERS = ['1', '3', '7', 'inside', 'outside', 'unknown', 'all'] as const;
export type WindowFilter = (typeof WINDOW_FILTERS)[number];

/** "≤ 3 days left": a window filter's words for at most `days` whole days. */
export function atMostDaysLeftLabel(days: number): string {
  return t(
    {
      id: 'queue.window.atMostDaysLeft',
      defaultMessage: '≤ {days, plural, one {{days} day left} other {{days} days left}}',
    },
    { days },
  );
}

/** The window filter's options, in the language in use when read (getters). */
export const WINDOW_FILTER_LABELS: Readonly<Record<WindowFilter, string>> = {
  get '1'() {
    return atMostDaysLeftLabel(1);
  },
  get '3'() {
    return atMostDaysLeftLabel(3);
  },
  get '7'() {
    return atMostDaysLeftLabel(7);
  },
  get inside() {
    return t({ id: 'queue.window.inside', defaultMessage: 'Inside the window' });
  },
  get outside() {
    return t({ id: 'queue.window.outside', defaultMessage: 'Outside the window' });
  },
  get unknown() {
    return t({ id: 'queue.window.unknown', defaultMessage: 'Completion date unknown' });
  },
  get all() {
    return t({ id: 'queue.window.all', defaultMessage: 'Any, including outside the window' });
  },
};

export interface QueueView {
  /** The search text as typed (trimmed only when matching, so typing a space is not eaten). */
  q: string;
  state?: StateFilter;
  packageId?: string;
  catalogId?: string;
  /** A request type, camelCase when known (`userAdd` in both API versions), else as Graph sent it. */
  type?: string;
  window?: WindowFilter;
  sort: QueueSort;
}

/** The query-string keys the view owns; others (like the details drawer's `request`) are left alone. */
export const QUEUE_PARAMS = ['q', 'state', 'package', 'catalog', 'type', 'window', 'sort', 'dir'] as const;

export const EMPTY_VIEW: QueueView = { q: '', sort: DEFAULT_SORT };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value.trim() === '' ? undefined : value;
}

/** Reads the view from a query string. Unknown values are ignored (the link still opens). */
export function parseQueueView(params: URLSearchParams): QueueView {
  const view: QueueView = { q: params.get('q') ?? '', sort: DEFAULT_SORT };
  const state = oneOf(STATE_FILTERS, params.get('state'));
  if (state) view.state = state;
  const packageId = nonEmpty(params.get('package'));
  if (packageId) view.packageId = packageId;
  const catalogId = nonEmpty(params.get('catalog'));
  if (catalogId) view.catalogId = catalogId;
  const type = nonEmpty(params.get('type'));
  if (type) view.type = type;
  const windowFilter = oneOf(WINDOW_FILTERS, params.get('window'));
  if (windowFilter) view.window = windowFilter;
  const key = oneOf(SORT_KEYS, params.get('sort'));
  const dir = oneOf<SortDirection>(['asc', 'desc'], params.get('dir'));
  if (key || dir) view.sort = { key: key ?? DEFAULT_SORT.key, dir: dir ?? 'asc' };
  return view;
}

/** Writes the view into `params`, removing what is empty or default; other keys are kept. */
export function writeQueueView(params: URLSearchParams, view: QueueView): void {
  for (const key of QUEUE_PARAMS) params.delete(key);
  if (view.q.trim() !== '') params.set('q', view.q);
  if (view.state) params.set('state', view.state);
  if (view.packageId) params.set('package', view.packageId);
  if (view.catalogId) params.set('catalog', view.catalogId);
  if (view.type) params.set('type', view.type);
  if (view.window) params.set('window', view.window);
  if (view.sort.key !== DEFAULT_SORT.key || view.sort.dir !== DEFAULT_SORT.dir) {
    params.set('sort', view.sort.key);
    params.set('dir', view.sort.dir);
  }
}

/** A stable string for the view alone (not the drawer or other keys): for memo keys and links. */
export function queueViewKey(view: QueueView): string {
  const params = new URLSearchParams();
  writeQueueView(params, view);
  return params.toString();
}

/** True when the view hides some rows (a sort alone hides nothing). */
export function isFiltered(view: QueueView): boolean {
  return (
    searchTerms(view.q).length > 0 ||
    view.state !== undefined ||
    view.packageId !== undefined ||
    view.catalogId !== undefined ||
    view.type !== undefined ||
    (view.window !== undefined && view.window !== 'all')
  );
}

/** The default view leaves out what is outside the reprocess window (one click brings it back). */
export function hidesOutsideWindow(view: QueueView): boolean {
  return view.window === undefined;
}

/** The same view with every filter and the search removed; the sort stays. */
export function clearFilters(view: QueueView): QueueView {
  return { q: '', sort: view.sort };
}

// ---------------------------------------------------------------------------------------------
// Search text

// Letters that carry no combining mark in Unicode's decomposition, so NFKD alone leaves them.
const FOLD: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};

/**
 * Lower case, accents removed (é -> e, ø -> o), typographic apostrophes made plain (O’Brien ->
 * o'brien) and runs of white space made one space: how both the rows and the query are compared.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøłđðþæœı]/g, (c) => FOLD[c] ?? c)
    .replace(/[\u2018\u2019\u201B\u02BC\u02B9\u0060\u00B4\u2032]/g, "'")
    .replace(/\s+/g, ' ');
}

/** The query's words: a row matches when it contains every one (in any of its fields). */
export function searchTerms(q: string): string[] {
  const text = normalizeSearchText(q).trim();
  return text === '' ? [] : text.split(' ');
}

// ---------------------------------------------------------------------------------------------
// Rows

/** One request with what filtering and sorting read, computed once per request object. */
export interface QueueRow {
  request: AssignmentRequest;
  /** Requestor name, email and UPN, access package, catalog and request id, normalised, one per line. */
  search: string;
  completedMs: number | undefined;
  createdMs: number | undefined;
  /** The request type as the filter names it (see QueueView.type). */
  typeValue: string | undefined;
  /** Normalised text keys for sorting; '' when the value is missing (sorted last). */
  keys: Readonly<Record<'requestor' | 'package' | 'state' | 'status' | 'type', string>>;
}

// Request objects are immutable and kept across page arrivals (the list grows by concatenation),
// so each is normalised once, however many pages or keystrokes follow. The sort keys of the state
// and the type are words in the language in use: a change of language starts a new cache.
let rowCache = new WeakMap<AssignmentRequest, QueueRow>();
let rowCacheLocale = currentLocale();

export function queueRow(request: AssignmentRequest): QueueRow {
  const locale = currentLocale();
  if (locale !== rowCacheLocale) {
    rowCacheLocale = locale;
    rowCache = new WeakMap();
  }
  const cached = rowCache.get(request);
  if (cached) return cached;
  const requestor = request.requestor;
  const pkg = request.accessPackage;
  const search = normalizeSearchText(
    [
      requestor?.displayName,
      requestor?.email,
      requestor?.principalName,
      pkg?.displayName,
      pkg?.catalog?.displayName,
      request.id,
    ]
      .filter((v): v is string => v !== undefined && v !== '')
      // A newline can never be in a normalised query, so no match spans two fields.
      .join('\n'),
  );
  const typeValue = request.requestType ?? (request.requestTypeRaw || undefined);
  const row: QueueRow = {
    request,
    search,
    completedMs: parseGraphDate(request.completedDateTime),
    createdMs: parseGraphDate(request.createdDateTime),
    typeValue,
    keys: {
      requestor: sortText(requestor?.displayName ?? requestor?.principalName ?? requestor?.email),
      // Package first, then its catalog: two packages of the same name stay grouped by catalog.
      package: pkg?.displayName
        ? `${sortText(pkg.displayName)}\u0000${sortText(pkg.catalog?.displayName)}`
        : '',
      state: request.stateRaw ? sortText(stateLabel(request.stateRaw)) : '',
      status: sortText(request.status),
      type: request.requestTypeRaw ? sortText(requestTypeLabel(request.requestTypeRaw)) : '',
    },
  };
  rowCache.set(request, row);
  return row;
}

function sortText(value: string | undefined): string {
  return value === undefined ? '' : normalizeSearchText(value).trim();
}

export function queueRows(requests: readonly AssignmentRequest[]): QueueRow[] {
  return requests.map(queueRow);
}

// ---------------------------------------------------------------------------------------------
// The reprocess window

/**
 * Milliseconds left to reprocess (<= 0: outside the window); undefined without a completion date.
 * model.reprocessWindow's arithmetic, on the date parsed once per row.
 */
export function windowMsLeft(row: QueueRow, nowMs: number): number | undefined {
  return row.completedMs === undefined ? undefined : windowMsLeftAt(row.completedMs, nowMs);
}

/** Whole days left as the row shows them (model.reprocessWindow); undefined when outside or unknown. */
export function windowDaysLeft(row: QueueRow, nowMs: number): number | undefined {
  const ms = windowMsLeft(row, nowMs);
  if (ms === undefined || ms <= 0) return undefined;
  return wholeDaysLeft(ms);
}

export function matchesWindow(row: QueueRow, filter: WindowFilter, nowMs: number): boolean {
  if (filter === 'all') return true;
  const ms = windowMsLeft(row, nowMs);
  if (filter === 'unknown') return ms === undefined;
  if (ms === undefined) return false;
  if (filter === 'outside') return ms <= 0;
  if (ms <= 0) return false;
  if (filter === 'inside') return true;
  return wholeDaysLeft(ms) <= Number(filter);
}

// ---------------------------------------------------------------------------------------------
// Filtering and sorting

/** Outside the reprocess window: what the default view leaves out. */
export function isOutsideWindow(row: QueueRow, nowMs: number): boolean {
  const ms = windowMsLeft(row, nowMs);
  return ms !== undefined && ms <= 0;
}

/** How many of the rows are outside the reprocess window. */
export function countOutsideWindow(rows: readonly QueueRow[], nowMs: number): number {
  let n = 0;
  for (const row of rows) if (isOutsideWindow(row, nowMs)) n++;
  return n;
}

/**
 * The rows the view shows, in the order given: by default those that can still be reprocessed.
 * Returns `rows` itself when nothing is left out.
 */
export function filterRows(rows: readonly QueueRow[], view: QueueView, nowMs: number): readonly QueueRow[] {
  const hideOutside = hidesOutsideWindow(view);
  if (!isFiltered(view) && (!hideOutside || !rows.some((r) => isOutsideWindow(r, nowMs)))) return rows;
  const terms = searchTerms(view.q);
  const { state, packageId, catalogId, type, window: windowFilter } = view;
  return rows.filter((row) => {
    if (hideOutside && isOutsideWindow(row, nowMs)) return false;
    const r = row.request;
    if (state !== undefined && r.state !== state) return false;
    if (packageId !== undefined && r.accessPackage?.id !== packageId) return false;
    if (catalogId !== undefined && r.accessPackage?.catalog?.id !== catalogId) return false;
    if (type !== undefined && row.typeValue !== type) return false;
    if (windowFilter !== undefined && !matchesWindow(row, windowFilter, nowMs)) return false;
    for (const term of terms) if (!row.search.includes(term)) return false;
    return true;
  });
}

/**
 * Order within the window column: requests still inside the window by time left, then those
 * outside it (most recently expired first: the closest to still being fixable), then those
 * without a completion date. The direction reverses only the first group: requests that can no
 * longer be reprocessed, or whose window is unknown, never crowd the top.
 */
function compareWindow(a: QueueRow, b: QueueRow, dir: number, nowMs: number): number {
  const ga = windowGroup(a, nowMs);
  const gb = windowGroup(b, nowMs);
  if (ga !== gb) return ga - gb;
  if (ga === 0) return dir * ((a.completedMs ?? 0) - (b.completedMs ?? 0));
  if (ga === 1) return (b.completedMs ?? 0) - (a.completedMs ?? 0);
  return 0;
}

function windowGroup(row: QueueRow, nowMs: number): 0 | 1 | 2 {
  const ms = windowMsLeft(row, nowMs);
  return ms === undefined ? 2 : ms > 0 ? 0 : 1;
}

/** Missing values sort last in both directions, as in a spreadsheet. */
function compareValues<T extends string | number>(a: T | undefined, b: T | undefined, dir: number): number {
  const missingA = a === undefined || a === '';
  const missingB = b === undefined || b === '';
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  return a < b ? -dir : a > b ? dir : 0;
}

/**
 * A sorted copy. Ties fall back to the default order (soonest to expire first), then the id, so
 * the order is the same on every load.
 */
export function sortRows(rows: readonly QueueRow[], sort: QueueSort, nowMs: number): QueueRow[] {
  const dir = sort.dir === 'asc' ? 1 : -1;
  const primary = (a: QueueRow, b: QueueRow): number => {
    switch (sort.key) {
      case 'window':
        return compareWindow(a, b, dir, nowMs);
      case 'created':
        return compareValues(a.createdMs, b.createdMs, dir);
      case 'completed':
        return compareValues(a.completedMs, b.completedMs, dir);
      default:
        return compareValues(a.keys[sort.key], b.keys[sort.key], dir);
    }
  };
  return [...rows].sort(
    (a, b) =>
      primary(a, b) ||
      compareWindow(a, b, 1, nowMs) ||
      (a.request.id < b.request.id ? -1 : a.request.id > b.request.id ? 1 : 0),
  );
}

/** Clicking a column header: a new column sorts ascending, the current one flips. */
export function nextSort(current: QueueSort, key: SortKey): QueueSort {
  if (current.key !== key) return { key, dir: 'asc' };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

// ---------------------------------------------------------------------------------------------
// Filter choices, from the loaded rows

export interface PackageChoice {
  id: string;
  name: string;
  count: number;
}

export interface CatalogChoice {
  /** undefined for access packages Graph sent without a catalog. */
  id: string | undefined;
  name: string;
  count: number;
  packages: PackageChoice[];
}

export interface TypeChoice {
  value: string;
  label: string;
  count: number;
}

export interface FilterChoices {
  catalogs: CatalogChoice[];
  types: TypeChoice[];
}

const byName = (a: { name: string }, b: { name: string }) => format.compare(a.name, b.name);

/** The catalogs, access packages and request types present in the rows, with how many rows each. */
export function filterChoices(rows: readonly QueueRow[]): FilterChoices {
  const catalogs = new Map<string, CatalogChoice>();
  const packages = new Map<string, PackageChoice>();
  const types = new Map<string, TypeChoice>();
  for (const row of rows) {
    const pkg = row.request.accessPackage;
    if (pkg?.id) {
      const catalogKey = pkg.catalog?.id ?? '';
      let catalog = catalogs.get(catalogKey);
      if (!catalog) {
        catalog = {
          id: pkg.catalog?.id,
          name:
            pkg.catalog?.displayName ??
            (pkg.catalog?.id
              ? t({ id: 'queue.catalog.unnamed', defaultMessage: 'Unnamed catalog' })
              : t({ id: 'queue.catalog.none', defaultMessage: 'No catalog' })),
          count: 0,
          packages: [],
        };
        catalogs.set(catalogKey, catalog);
      }
      catalog.count++;
      const packageKey = `${catalogKey}\u0000${pkg.id}`;
      let choice = packages.get(packageKey);
      if (!choice) {
        choice = {
          id: pkg.id,
          name:
            pkg.displayName ??
            t(
              { id: 'queue.package.unnamed', defaultMessage: 'Unnamed access package ({id})' },
              { id: pkg.id },
            ),
          count: 0,
        };
        packages.set(packageKey, choice);
        catalog.packages.push(choice);
      }
      choice.count++;
    }
    if (row.typeValue !== undefined) {
      let type = types.get(row.typeValue);
      if (!type) {
        type = { value: row.typeValue, label: requestTypeLabel(row.request.requestTypeRaw), count: 0 };
        types.set(row.typeValue, type);
      }
      type.count++;
    }
  }
  const catalogList = [...catalogs.values()].sort((a, b) =>
    // Packages without a catalog come last.
    a.id === undefined ? 1 : b.id === undefined ? -1 : byName(a, b),
  );
  for (const c of catalogList) c.packages.sort(byName);
  return {
    catalogs: catalogList,
    types: [...types.values()].sort((a, b) => format.compare(a.label, b.label)),
  };
}

// ---------------------------------------------------------------------------------------------
// Words

// Counts are bare `{n}` in the English messages: the digits as they have always read ("10000
// failed requests", which the tests wait for); a translation may format them (`#`, `{n, number}`).

/**
 * The count line. Unfiltered it reads "210 failed requests" (tests wait for that exact text);
 * filtered, "37 of 210 failed requests"; while pages arrive, "... loaded so far, loading more…".
 * `failed`: the list (or part of it) could not be loaded. Then no count is given as the whole:
 * with nothing loaded it says so, with some rows it says the list is incomplete.
 */
export function describeCount(opts: {
  pending: boolean;
  loading: boolean;
  failed: boolean;
  total: number;
  shown: number;
  filtered: boolean;
}): string {
  const { pending, loading, failed, total, shown, filtered } = opts;
  if (pending) return t({ id: 'queue.count.pending', defaultMessage: 'Loading failed requests…' });
  if (failed && !loading && total === 0)
    return t({ id: 'queue.count.failed', defaultMessage: 'Could not load failed requests' });
  const values = { total, shown };
  if (filtered) {
    if (loading)
      return t(
        {
          id: 'queue.count.filteredLoading',
          defaultMessage:
            '{shown, number} of {total, plural, one {# failed request} other {# failed requests}} loaded so far, loading more…',
        },
        values,
      );
    if (failed)
      return t(
        {
          id: 'queue.count.filteredIncomplete',
          defaultMessage:
            '{shown, number} of {total, plural, one {# failed request} other {# failed requests}} loaded (list incomplete)',
        },
        values,
      );
    return t(
      {
        id: 'queue.count.filtered',
        defaultMessage:
          '{shown, number} of {total, plural, one {# failed request} other {# failed requests}}',
      },
      values,
    );
  }
  if (loading)
    return t(
      {
        id: 'queue.count.loading',
        defaultMessage:
          '{total, plural, one {# failed request} other {# failed requests}} loaded so far, loading more…',
      },
      values,
    );
  if (failed)
    return t(
      {
        id: 'queue.count.incomplete',
        defaultMessage:
          '{total, plural, one {# failed request} other {# failed requests}} loaded (list incomplete)',
      },
      values,
    );
  return t(
    {
      id: 'queue.count.all',
      defaultMessage: '{total, plural, one {# failed request} other {# failed requests}}',
    },
    values,
  );
}

/** "3 selected", or "3 selected (1 hidden by the filter)" when some are not shown. */
export function describeSelection(selected: number, hidden: number): string {
  return hidden > 0
    ? t(
        {
          id: 'queue.selection.someHidden',
          defaultMessage: '{selected, number} selected ({hidden, number} hidden by the filter)',
        },
        { selected, hidden },
      )
    : t({ id: 'queue.selection.count', defaultMessage: '{selected, number} selected' }, { selected });
}
