import { describe, expect, it } from 'vitest';
import { fromGraph, reprocessWindow, type AssignmentRequest } from './model';
import {
  DEFAULT_SORT,
  EMPTY_VIEW,
  SORT_KEYS,
  clearFilters,
  countOutsideWindow,
  hidesOutsideWindow,
  isOutsideWindow,
  describeCount,
  describeSelection,
  filterChoices,
  filterRows,
  isFiltered,
  matchesWindow,
  nextSort,
  normalizeSearchText,
  parseQueueView,
  queueRow,
  queueRows,
  queueViewKey,
  searchTerms,
  sortRows,
  windowDaysLeft,
  writeQueueView,
  type QueueRow,
  type QueueView,
  type SortKey,
} from './queue-view';

const NOW = Date.parse('2025-03-15T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A completion date that leaves `msLeft` of the 14-day window at NOW. */
const completedWith = (msLeft: number) => new Date(NOW - 14 * DAY + msLeft).toISOString();

let seq = 0;
function req(extra: Record<string, unknown> = {}, version: 'v1.0' | 'beta' = 'v1.0'): AssignmentRequest {
  seq++;
  const json = {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    state: 'deliveryFailed',
    requestType: 'userAdd',
    createdDateTime: '2025-03-01T08:00:00Z',
    completedDateTime: completedWith(5 * DAY),
    ...extra,
  };
  const mapped = fromGraph(json, version);
  if (!mapped) throw new Error('no id');
  return mapped;
}

const view = (v: Partial<QueueView> = {}): QueueView => ({ ...EMPTY_VIEW, ...v });
const ids = (rows: readonly QueueRow[]) => rows.map((r) => r.request.id);

const adele = req({
  requestor: {
    displayName: 'Adele Vance',
    email: 'adele.vance@contoso.example',
    principalName: 'adele.vance@contoso.example',
  },
  accessPackage: {
    id: 'pkg-campaign',
    displayName: 'Campaign Hub',
    catalog: { id: 'cat-mkt', displayName: 'Marketing' },
  },
  status: 'Unable to add the user to group',
  requestType: 'adminAdd',
  completedDateTime: completedWith(20 * HOUR),
  createdDateTime: '2025-02-20T08:00:00Z',
});
const chloe = req({
  state: 'partiallyDelivered',
  requestor: {
    displayName: "Chloé O'Brien (Fabrikam)",
    email: 'chloe.obrien@fabrikam.com',
    principalName: 'chloe.obrien_fabrikam.com#EXT#@contoso.example',
  },
  accessPackage: {
    id: 'pkg-partner',
    displayName: 'Partner portal (guests)',
    catalog: { id: 'cat-partners', displayName: 'Partners' },
  },
  status: 'Partially delivered (1 of 2 resources).',
  completedDateTime: completedWith(2.5 * DAY),
  createdDateTime: '2025-03-10T08:00:00Z',
});
const bjorn = req({
  requestor: { displayName: 'Björn Lindqvist', email: 'bjorn.lindqvist@contoso.example' },
  accessPackage: {
    id: 'pkg-github',
    displayName: 'GitHub Enterprise',
    catalog: { id: 'cat-eng', displayName: 'Engineering' },
  },
  status: 'The app role was removed',
  requestType: 'userUpdate',
  completedDateTime: completedWith(6.5 * DAY),
  createdDateTime: '2025-03-05T08:00:00Z',
});
const old = req({
  requestor: { displayName: 'Zoë Ivanova', email: 'zoe.ivanova@contoso.example' },
  accessPackage: {
    id: 'pkg-campaign',
    displayName: 'Campaign Hub',
    catalog: { id: 'cat-mkt', displayName: 'Marketing' },
  },
  status: 'Site not provisioned',
  completedDateTime: completedWith(-3 * DAY),
  createdDateTime: '2025-02-01T08:00:00Z',
});
const older = req({
  requestor: { displayName: 'Ben Okafor' },
  accessPackage: {
    id: 'pkg-github',
    displayName: 'GitHub Enterprise',
    catalog: { id: 'cat-eng', displayName: 'Engineering' },
  },
  completedDateTime: completedWith(-10 * DAY),
  createdDateTime: '2025-01-20T08:00:00Z',
});
const undated = req({
  requestor: { displayName: 'Émile Dupré' },
  requestType: 'unknownFutureValue',
  completedDateTime: undefined,
  createdDateTime: undefined,
});
const ALL = [old, bjorn, undated, chloe, older, adele];
const ROWS = queueRows(ALL);

describe('URL: parse and write', () => {
  it('round-trips a full view and leaves other keys (the drawer) alone', () => {
    const full: QueueView = {
      q: "  O'Brien é ",
      state: 'partiallyDelivered',
      packageId: 'pkg-partner',
      catalogId: 'cat-partners',
      type: 'userAdd',
      window: 'outside',
      sort: { key: 'requestor', dir: 'desc' },
    };
    const params = new URLSearchParams('request=abc&q=old');
    writeQueueView(params, full);
    expect(params.get('request')).toBe('abc');
    expect(parseQueueView(new URLSearchParams(params.toString()))).toEqual(full);
  });

  it.each<QueueView>([
    view(),
    view({ q: 'chloe' }),
    view({ state: 'deliveryFailed' }),
    view({ window: '1' }),
    view({ window: 'unknown', sort: { key: 'window', dir: 'desc' } }),
    view({ sort: { key: 'created', dir: 'asc' } }),
    view({ type: 'unknownFutureValue', catalogId: "c'1&x=y" }),
  ])('round-trips %j', (v) => {
    const params = new URLSearchParams();
    writeQueueView(params, v);
    expect(parseQueueView(new URLSearchParams(params.toString()))).toEqual(v);
  });

  it('writes nothing for the default view, and the documented keys otherwise', () => {
    expect(queueViewKey(view())).toBe('');
    expect(
      queueViewKey(
        view({ q: 'a b', state: 'deliveryFailed', window: '3', sort: { key: 'package', dir: 'asc' } }),
      ),
    ).toBe('q=a+b&state=deliveryFailed&window=3&sort=package&dir=asc');
  });

  it('ignores unknown values and empty keys instead of failing', () => {
    expect(
      parseQueueView(new URLSearchParams('state=Delivered&window=99&sort=color&dir=up&package=&type=%20')),
    ).toEqual(view());
    expect(parseQueueView(new URLSearchParams('dir=desc'))).toEqual(
      view({ sort: { key: 'window', dir: 'desc' } }),
    );
    expect(parseQueueView(new URLSearchParams('sort=type'))).toEqual(
      view({ sort: { key: 'type', dir: 'asc' } }),
    );
  });

  it('a search of only spaces is not written and filters nothing', () => {
    const params = new URLSearchParams();
    writeQueueView(params, view({ q: '   ' }));
    expect(params.has('q')).toBe(false);
    expect(isFiltered(view({ q: '   ' }))).toBe(false);
  });

  it('clearFilters keeps the sort', () => {
    const sort = { key: 'status', dir: 'desc' } as const;
    expect(clearFilters(view({ q: 'x', state: 'deliveryFailed', window: '7', sort }))).toEqual(
      view({ sort }),
    );
  });
});

describe('search', () => {
  it('normalises case, accents, letters without marks, apostrophes and spaces', () => {
    expect(normalizeSearchText('Chloé  ÁLVAREZ')).toBe('chloe alvarez');
    expect(normalizeSearchText('Straße Øresund Łódź')).toBe('strasse oresund lodz');
    expect(normalizeSearchText('O’Brien ʼ `')).toBe("o'brien ' '");
    expect(searchTerms('  Chloé   O’Brien ')).toEqual(['chloe', "o'brien"]);
  });

  // Over every row, outside the window included (the default view leaves those out: see below).
  const search = (q: string) => ids(filterRows(ROWS, view({ q, window: 'all' }), NOW));

  it.each([
    ['requestor name', 'adele v', [adele.id]],
    ['email', 'bjorn.lindqvist@', [bjorn.id]],
    ['UPN', '#ext#@contoso', [chloe.id]],
    ['access package', 'campaign hub', [adele.id, old.id]],
    ['catalog', 'engineering', [bjorn.id, older.id]],
    ['request id', chloe.id.slice(-6), [chloe.id]],
    ['whole request id in capitals', chloe.id.toUpperCase(), [chloe.id]],
  ])('finds by %s', (_field, q, expected) => {
    expect(search(q).sort()).toEqual([...expected].sort());
  });

  it('ignores case and accents both ways', () => {
    expect(search('CHLOE')).toEqual([chloe.id]);
    expect(search('chloé')).toEqual([chloe.id]);
    expect(search('bjorn')).toEqual([bjorn.id]);
    expect(search('BJÖRN')).toEqual([bjorn.id]);
    expect(search('emile dupre')).toEqual([undated.id]);
    expect(search('zoe')).toEqual([old.id]);
  });

  it("finds O'Brien with a straight or typographic apostrophe, and as obrien in the email", () => {
    expect(search("o'brien")).toEqual([chloe.id]);
    expect(search('O’Brien')).toEqual([chloe.id]);
    expect(search('obrien')).toEqual([chloe.id]);
    expect(search("'")).toEqual([chloe.id]);
  });

  it('needs every word, in any field, but never across two fields', () => {
    expect(search('adele marketing')).toEqual([adele.id]);
    expect(search('adele engineering')).toEqual([]);
    // "Hub" ends the package name and "Marketing" is the catalog on the next line.
    expect(search('hub marketing').sort()).toEqual([adele.id, old.id].sort());
    expect(search('hubmarketing')).toEqual([]);
    expect(search('hub\nmarketing').sort()).toEqual([adele.id, old.id].sort());
  });

  it('does not search the status text', () => {
    expect(search('provisioned')).toEqual([]);
  });

  it('computes a row once per request object', () => {
    expect(queueRow(adele)).toBe(queueRow(adele));
    expect(queueRows([adele])[0]).toBe(ROWS[5]);
  });
});

describe('filters', () => {
  const filtered = (v: Partial<QueueView>) =>
    ids(filterRows(ROWS, view({ window: 'all', ...v }), NOW)).sort();

  it('returns the same array when nothing is filtered', () => {
    expect(filterRows(ROWS, view({ sort: { key: 'type', dir: 'desc' }, window: 'all' }), NOW)).toBe(ROWS);
  });

  it('by default leaves out what is outside the window, and `all` brings it back', () => {
    const outside = ROWS.filter((r) => isOutsideWindow(r, NOW));
    expect(outside.length).toBeGreaterThan(0);
    const shown = filterRows(ROWS, view(), NOW);
    expect(shown).toHaveLength(ROWS.length - outside.length);
    expect(shown.some((r) => isOutsideWindow(r, NOW))).toBe(false);
    expect(countOutsideWindow(ROWS, NOW)).toBe(outside.length);
    expect(isFiltered(view())).toBe(false);
    expect(isFiltered(view({ window: 'all' }))).toBe(false);
    expect(hidesOutsideWindow(view())).toBe(true);
    expect(hidesOutsideWindow(view({ window: 'all' }))).toBe(false);
    // Outside plus a search: the search alone decides among what is outside.
    expect(ids(filterRows(ROWS, view({ window: 'outside' }), NOW)).sort()).toEqual(ids(outside).sort());
    // Nothing outside: the rows themselves.
    const inside = ROWS.filter((r) => !isOutsideWindow(r, NOW));
    expect(filterRows(inside, view(), NOW)).toBe(inside);
  });

  it('by state', () => {
    expect(filtered({ state: 'partiallyDelivered' })).toEqual([chloe.id]);
    expect(filtered({ state: 'deliveryFailed' })).toEqual(
      [old.id, bjorn.id, undated.id, older.id, adele.id].sort(),
    );
  });

  it('by access package and by catalog', () => {
    expect(filtered({ packageId: 'pkg-campaign' })).toEqual([adele.id, old.id].sort());
    expect(filtered({ catalogId: 'cat-eng' })).toEqual([bjorn.id, older.id].sort());
    expect(filtered({ catalogId: 'cat-eng', packageId: 'pkg-campaign' })).toEqual([]);
    expect(filtered({ packageId: 'no-such-package' })).toEqual([]);
  });

  it('by request type, the same value for v1.0 and beta', () => {
    const beta = queueRow(req({ requestType: 'AdminAdd', requestState: 'DeliveryFailed' }, 'beta'));
    expect(beta.typeValue).toBe('adminAdd');
    expect(ids(filterRows([...ROWS, beta], view({ type: 'adminAdd' }), NOW)).sort()).toEqual(
      [adele.id, beta.request.id].sort(),
    );
    expect(filtered({ type: 'userUpdate' })).toEqual([bjorn.id]);
    expect(filtered({ type: 'unknownFutureValue' })).toEqual([undated.id]);
  });

  it('by days left in the window, as the rows count them', () => {
    expect(filtered({ window: '1' })).toEqual([adele.id]);
    expect(filtered({ window: '3' })).toEqual([adele.id, chloe.id].sort());
    expect(filtered({ window: '7' })).toEqual([adele.id, chloe.id, bjorn.id].sort());
    expect(filtered({ window: 'inside' })).toEqual([adele.id, chloe.id, bjorn.id].sort());
    expect(filtered({ window: 'outside' })).toEqual([old.id, older.id].sort());
    expect(filtered({ window: 'unknown' })).toEqual([undated.id]);
  });

  it('"≤ 1 day" includes a row that shows "1 day left" (1.9 days) and excludes 2 days', () => {
    const a = queueRow(req({ completedDateTime: completedWith(1.9 * DAY) }));
    const b = queueRow(req({ completedDateTime: completedWith(2 * DAY + 1000) }));
    expect(matchesWindow(a, '1', NOW)).toBe(true);
    expect(matchesWindow(b, '1', NOW)).toBe(false);
    expect(matchesWindow(b, '3', NOW)).toBe(true);
  });

  it('the window edge: no time left is outside', () => {
    const edge = queueRow(req({ completedDateTime: completedWith(0) }));
    expect(matchesWindow(edge, 'outside', NOW)).toBe(true);
    expect(matchesWindow(edge, 'inside', NOW)).toBe(false);
    expect(matchesWindow(edge, '1', NOW)).toBe(false);
  });

  it('agrees with model.reprocessWindow on days left', () => {
    for (const msLeft of [-DAY, 0, 1, HOUR, DAY - 1, DAY, 3.5 * DAY, 13.99 * DAY, 14 * DAY, 15 * DAY]) {
      const r = req({ completedDateTime: completedWith(msLeft) });
      const w = reprocessWindow(r, new Date(NOW));
      expect(windowDaysLeft(queueRow(r), NOW)).toBe(w.expired ? undefined : w.daysLeft);
    }
  });

  it('combines search and filters', () => {
    expect(filtered({ q: 'campaign', window: 'outside' })).toEqual([old.id]);
    expect(filtered({ q: 'campaign', state: 'partiallyDelivered' })).toEqual([]);
  });
});

describe('sorting', () => {
  it('by default puts the soonest to expire first, then outside the window, then unknown', () => {
    expect(ids(sortRows(ROWS, DEFAULT_SORT, NOW))).toEqual([
      adele.id, // 20 hours left
      chloe.id, // 2.5 days
      bjorn.id, // 6.5 days
      old.id, // expired 3 days ago
      older.id, // expired 10 days ago
      undated.id, // no completion date
    ]);
  });

  it('descending by window reverses only the requests still inside it', () => {
    expect(ids(sortRows(ROWS, { key: 'window', dir: 'desc' }, NOW))).toEqual([
      bjorn.id,
      chloe.id,
      adele.id,
      old.id,
      older.id,
      undated.id,
    ]);
  });

  // [ascending, descending]. Missing values last both ways; accents ignored ("Émile" sorts as
  // "emile", "Zoë" as "zoe"); ties in the default order (inside the window first).
  const expected: Record<Exclude<SortKey, 'window'>, [AssignmentRequest[], AssignmentRequest[]]> = {
    requestor: [
      [adele, older, bjorn, chloe, undated, old],
      [old, undated, chloe, bjorn, older, adele],
    ],
    // Campaign Hub (adele inside the window, old outside), GitHub, Partner portal, no package.
    package: [
      [adele, old, bjorn, older, chloe, undated],
      [chloe, bjorn, older, adele, old, undated],
    ],
    state: [
      [adele, bjorn, old, older, undated, chloe],
      [chloe, adele, bjorn, old, older, undated],
    ],
    status: [
      [chloe, old, bjorn, adele, older, undated],
      [adele, bjorn, old, chloe, older, undated],
    ],
    // Admin add, Other (unknownFutureValue), User add, User update.
    type: [
      [adele, undated, chloe, old, older, bjorn],
      [bjorn, chloe, old, older, undated, adele],
    ],
    created: [
      [older, old, adele, bjorn, chloe, undated],
      [chloe, bjorn, adele, old, older, undated],
    ],
    completed: [
      [older, old, adele, chloe, bjorn, undated],
      [bjorn, chloe, adele, old, older, undated],
    ],
  };

  it.each(Object.entries(expected))('by %s, ascending and descending', (key, [asc, desc]) => {
    const k = key as Exclude<SortKey, 'window'>;
    expect(ids(sortRows(ROWS, { key: k, dir: 'asc' }, NOW))).toEqual(asc.map((r) => r.id));
    expect(ids(sortRows(ROWS, { key: k, dir: 'desc' }, NOW))).toEqual(desc.map((r) => r.id));
  });

  it('sorts every column without touching the input', () => {
    const before = ids(ROWS);
    for (const key of SORT_KEYS) sortRows(ROWS, { key, dir: 'desc' }, NOW);
    expect(ids(ROWS)).toEqual(before);
  });

  it('is the same for any input order', () => {
    const shuffled = [...ROWS].reverse();
    for (const key of SORT_KEYS) {
      expect(ids(sortRows(shuffled, { key, dir: 'asc' }, NOW))).toEqual(
        ids(sortRows(ROWS, { key, dir: 'asc' }, NOW)),
      );
    }
  });

  it('a header click sorts a new column ascending and flips the current one', () => {
    expect(nextSort(DEFAULT_SORT, 'requestor')).toEqual({ key: 'requestor', dir: 'asc' });
    expect(nextSort({ key: 'requestor', dir: 'asc' }, 'requestor')).toEqual({
      key: 'requestor',
      dir: 'desc',
    });
    expect(nextSort({ key: 'requestor', dir: 'desc' }, 'requestor')).toEqual({
      key: 'requestor',
      dir: 'asc',
    });
  });
});

describe('filter choices', () => {
  it('lists catalogs with their packages and the request types, with counts', () => {
    const choices = filterChoices(ROWS);
    expect(choices.catalogs.map((c) => [c.name, c.count, c.packages.map((p) => [p.name, p.count])])).toEqual([
      ['Engineering', 2, [['GitHub Enterprise', 2]]],
      ['Marketing', 2, [['Campaign Hub', 2]]],
      ['Partners', 1, [['Partner portal (guests)', 1]]],
    ]);
    expect(choices.types).toEqual([
      { value: 'adminAdd', label: 'Admin add', count: 1 },
      { value: 'unknownFutureValue', label: 'Other', count: 1 },
      { value: 'userAdd', label: 'User add', count: 3 },
      { value: 'userUpdate', label: 'User update', count: 1 },
    ]);
  });

  it('puts packages without a catalog last', () => {
    const loose = queueRow(req({ accessPackage: { id: 'p-x', displayName: 'Loose package' } }));
    const choices = filterChoices([...ROWS, loose]);
    expect(choices.catalogs.at(-1)).toMatchObject({ id: undefined, name: 'No catalog', count: 1 });
  });
});

describe('words', () => {
  it('keeps the unfiltered wording and says "N of M" when filtered', () => {
    const base = { pending: false, loading: false, failed: false, total: 210, shown: 210, filtered: false };
    expect(describeCount(base)).toBe('210 failed requests');
    expect(describeCount({ ...base, total: 1, shown: 1 })).toBe('1 failed request');
    expect(describeCount({ ...base, shown: 37, filtered: true })).toBe('37 of 210 failed requests');
    expect(describeCount({ ...base, loading: true })).toBe(
      '210 failed requests loaded so far, loading more…',
    );
    expect(describeCount({ ...base, shown: 3, filtered: true, loading: true })).toBe(
      '3 of 210 failed requests loaded so far, loading more…',
    );
    expect(describeCount({ ...base, pending: true })).toBe('Loading failed requests…');
  });

  it('never gives a count for a list that could not be loaded', () => {
    const failed = { pending: false, loading: false, failed: true, total: 0, shown: 0, filtered: false };
    expect(describeCount(failed)).toBe('Could not load failed requests');
    expect(describeCount({ ...failed, filtered: true })).toBe('Could not load failed requests');
    expect(describeCount(failed)).not.toMatch(/\b0 failed requests/);
    // Retrying: the loading words, not a count of nothing.
    expect(describeCount({ ...failed, pending: true })).toBe('Loading failed requests…');
  });

  it('says a partly loaded list is incomplete', () => {
    const partial = { pending: false, loading: false, failed: true, total: 120, shown: 120, filtered: false };
    expect(describeCount(partial)).toBe('120 failed requests loaded (list incomplete)');
    expect(describeCount({ ...partial, total: 1, shown: 1 })).toBe(
      '1 failed request loaded (list incomplete)',
    );
    expect(describeCount({ ...partial, shown: 7, filtered: true })).toBe(
      '7 of 120 failed requests loaded (list incomplete)',
    );
    // Pages still arriving (a retry, or the other access packages' lists): the loading words.
    expect(describeCount({ ...partial, loading: true })).toBe(
      '120 failed requests loaded so far, loading more…',
    );
  });

  it('says how many selected rows the filter hides', () => {
    expect(describeSelection(3, 0)).toBe('3 selected');
    expect(describeSelection(3, 1)).toBe('3 selected (1 hidden by the filter)');
  });
});
