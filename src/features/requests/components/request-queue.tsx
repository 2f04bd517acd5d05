// The failed-requests queue as both queue pages show it: the header with its tools, the read-only
// banner, the search and filters, the selection and bulk reprocess, the grid with its sort, the
// empty states and the details drawer in the URL. A page brings only its own: how it loads the
// requests, what it says above the queue, and what stands in for the queue before there is a list.
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ReadOnlyNotice } from '../../../auth/read-only-notice';
import { useGraphAccess } from '../../../auth/session';
import { AfterFirstScreen, LazyPart, lazyNamed } from '../../../components/lazy-part';
import { Spinner } from '../../../components/spinner';
import { useSearchParams } from '../../../components/url-state';
import { useNow } from '../../../components/use-now';
import { t } from '../../../i18n/i18n';
import { useLocale } from '../../../i18n/react';
import { useQueueRequests, useReprocess } from '../api/use-reprocess';
import type { AssignmentRequest } from '../model';
import {
  EMPTY_VIEW,
  clearFilters,
  countOutsideWindow,
  describeCount,
  hidesOutsideWindow,
  describeSelection,
  filterChoices,
  filterRows,
  isFiltered,
  parseQueueView,
  queueRows,
  queueViewKey,
  sortRows,
  writeQueueView,
  type QueueSort,
  type QueueView,
} from '../queue-view';
import { QueueHeader } from './queue-header';
import { RequestsGrid, type RequestsGridHandle } from './requests-grid';
import { useEmptyStateStyles } from '../../../components/empty-state-styles';

// The tools load right after the first rows (components/first-screen.ts); the drawer on first use.
const tools = () => import('./queue-tools');
const BulkReprocessPanel = lazyNamed(tools, 'BulkReprocessPanel');
const ExportQueueButton = lazyNamed(tools, 'ExportQueueButton');
const QueueFilters = lazyNamed(tools, 'QueueFilters');
const ReprocessById = lazyNamed(tools, 'ReprocessById');
const RequestDetailsDrawer = lazyNamed(() => import('./request-details-drawer'), 'RequestDetailsDrawer');

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  selectionRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
  },
  selectionCount: { fontWeight: tokens.fontWeightSemibold },
  countRow: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  resolved: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  resolvedSummary: {
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  resolvedGrid: { marginTop: tokens.spacingVerticalS, maxHeight: '320px' },
  // The room the tools take once loaded, so nothing moves when they arrive.
  // Export and "Reprocess by id…", two buttons.
  toolsPlaceholder: { height: '32px', width: '280px', maxWidth: '100%' },
  filtersPlaceholder: { height: '58px' },
  bulkPlaceholder: { height: '32px' },
  // Sized by useViewportMaxHeight: the grid scrolls inside it, the toolbar above stays in view.
  gridArea: { display: 'flex', flexDirection: 'column', minHeight: 0 },
  grid: { flex: '0 1 auto' },
});

const NO_SELECTION: ReadonlySet<string> = new Set();
const NO_REQUESTS: readonly AssignmentRequest[] = [];

export interface RequestQueueProps {
  /** The failed requests the page loaded: the tenant's, or those of the chosen access packages. */
  items: readonly AssignmentRequest[];
  /** The first answer is still on its way. */
  pending: boolean;
  /** A load or a refresh is under way. */
  loading: boolean;
  /** A list could not be (fully) loaded; the page says why in `notices`. */
  failed: boolean;
  /** Search, filters and export over the list (the tenant-wide queue); otherwise it is only sorted. */
  filterable: boolean;
  /** Instead of the count, while there is no list to count ("No access package chosen"). */
  countText?: string;
  /** After the count: how the list was loaded ("read page by page"), when that is worth knowing. */
  countNote?: string;
  /** Whether Refresh is disabled; by default while loading. */
  refreshDisabled?: boolean;
  onRefresh: () => void;
  /** Above the read-only banner: what the page explains about its list. */
  intro?: ReactNode;
  /** Below the read-only banner: load failures and the page's own controls (the package picker). */
  notices?: ReactNode;
  /** Shown in place of the queue while the page has no list to show yet; undefined shows the queue. */
  placeholder?: ReactNode;
  /** The empty state's sentence under "No failed requests". */
  emptyText: ReactNode;
}

export function RequestQueue({
  items,
  pending,
  loading,
  failed,
  filterable,
  countText,
  countNote,
  refreshDisabled = loading,
  onRefresh,
  intro,
  notices,
  placeholder,
  emptyText,
}: RequestQueueProps) {
  const styles = useStyles();
  const access = useGraphAccess();
  const { reprocess } = useReprocess();
  const canReprocess = access.data?.canReprocess ?? false;
  const readOnly = access.isSuccess && !canReprocess;
  const now = useNow(60_000);
  const nowMs = now.getTime();
  const locale = useLocale();

  // The view lives in the URL. Only its own keys make it change, so opening the details drawer
  // (`request=`) neither re-filters nor scrolls the grid. Without search and filters, only the
  // sort is read: a link's filters cannot hide rows the page offers no way to show.
  const [params, updateParams] = useSearchParams();
  const viewKey = queueViewKey(readView(params, filterable));
  const view = useMemo(() => parseQueueView(new URLSearchParams(viewKey)), [viewKey]);
  // Typing stays responsive at 10,000 rows: the box shows each keystroke at once, the grid
  // follows when React has time.
  const shownView = useDeferredValue(view);
  const shownViewKey = queueViewKey(shownView);

  // What Graph last said about each request: those that left the failed states are set apart.
  const { open, resolved } = useQueueRequests(items);
  // Rows sort by words (state, request type) and the filters offer them: made again in a new language.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the words depend on `locale`
  const rows = useMemo(() => queueRows(open), [open, locale]);
  const outsideWindow = useMemo(() => countOutsideWindow(rows, nowMs), [rows, nowMs]);
  const { key: sortKey, dir: sortDir } = shownView.sort;
  const sorted = useMemo(
    () => sortRows(rows, { key: sortKey, dir: sortDir }, nowMs),
    [rows, sortKey, sortDir, nowMs],
  );
  const shownRows = useMemo(() => filterRows(sorted, shownView, nowMs), [sorted, shownView, nowMs]);
  const shown = useMemo(() => shownRows.map((r) => r.request), [shownRows]);
  const choices = useMemo(() => filterChoices(rows), [rows]);

  const setView = useCallback(
    (next: QueueView) => updateParams((p) => writeQueueView(p, next)),
    [updateParams],
  );
  const setSort = useCallback(
    (sort: QueueSort) => updateParams((p) => writeQueueView(p, { ...parseQueueView(p), sort })),
    [updateParams],
  );

  // Selection: page state (a new sign-in starts empty). Ids no longer in the list don't count.
  const [selection, setSelection] = useState<ReadonlySet<string>>(NO_SELECTION);
  const selected = useMemo(
    () =>
      selection.size === 0
        ? NO_REQUESTS
        : sorted.flatMap((r) => (selection.has(r.request.id) ? [r.request] : [])),
    [sorted, selection],
  );
  const hiddenSelected = useMemo(() => {
    if (selected.length === 0) return 0;
    let visible = 0;
    for (const r of shown) if (selection.has(r.id)) visible++;
    return selected.length - visible;
  }, [selected, shown, selection]);
  const clearSelection = useCallback(() => setSelection(NO_SELECTION), []);
  // After the header checkbox selected the rows in view: offer every row that matches.
  const [offerAll, setOfferAll] = useState(false);
  const onSelectedInView = useCallback(() => setOfferAll(true), []);
  if (offerAll && selection.size === 0) setOfferAll(false);
  const allMatchingSelected = shown.length > 0 && shown.every((r) => selection.has(r.id));
  const selectAllMatching = useCallback(
    () => setSelection((prev) => new Set([...prev, ...shown.map((r) => r.id)])),
    [shown],
  );

  // The details drawer: `request=<id>` in the URL. Opening pushes a history entry, so Back closes it.
  const drawerId = params.get('request') ?? undefined;
  const listed = useMemo(
    () => (drawerId ? items.find((r) => r.id.toLowerCase() === drawerId.toLowerCase()) : undefined),
    [items, drawerId],
  );
  // Mounted from the first opening on, so closing it animates like any drawer.
  const [drawerUsed, setDrawerUsed] = useState(drawerId !== undefined);
  if (drawerId !== undefined && !drawerUsed) setDrawerUsed(true);
  // What the page showed when it pushed the drawer's history entry; undefined otherwise.
  const pushedFrom = useRef<string | undefined>(undefined);
  // What had focus when the drawer opened (a row's Details, a cell): it has it again on close.
  const opener = useRef<HTMLElement | null>(null);
  const openDetails = useCallback(
    (req: AssignmentRequest) => {
      const current = new URL(window.location.href).searchParams;
      const alreadyOpen = current.has('request');
      if (!alreadyOpen) {
        pushedFrom.current = pageKey(current);
        const focused = document.activeElement;
        opener.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      }
      updateParams((p) => p.set('request', req.id), { replace: alreadyOpen });
    },
    [updateParams],
  );
  const closeDetails = useCallback(() => {
    const from = pushedFrom.current;
    pushedFrom.current = undefined;
    // The entry before is this same page without the drawer: going back to it keeps history tidy.
    // If the search, filters or chosen packages changed meanwhile (the drawer is non-modal), going
    // back would undo them, so replace instead.
    if (from !== undefined && from === pageKey(new URL(window.location.href).searchParams)) {
      window.history.back();
      return;
    }
    updateParams((p) => p.delete('request'));
  }, [updateParams]);

  const onReprocess = useCallback((req: AssignmentRequest) => void reprocess(req), [reprocess]);
  const grid = useRef<RequestsGridHandle>(null);
  const focusGrid = useCallback(() => void grid.current?.focus(), []);

  // The drawer closed (Escape, Close, Back): focus goes back to what opened it, or to the grid if
  // that row is gone; unless the agent has meanwhile put it somewhere else on the page.
  const drawerOpen = drawerId !== undefined;
  const wasOpen = useRef(drawerOpen);
  useEffect(() => {
    const closed = wasOpen.current && !drawerOpen;
    wasOpen.current = drawerOpen;
    if (!closed) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body && !focused.closest('[role="dialog"]')) return;
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected) back.focus();
    else grid.current?.focus();
  }, [drawerOpen]);

  const [gridArea, setGridArea] = useState<HTMLDivElement | null>(null);
  const gridMaxHeight = useViewportMaxHeight(gridArea);

  const total = rows.length;
  const hideOutside = hidesOutsideWindow(shownView);
  const filtered = isFiltered(shownView);
  const count =
    countText ??
    describeCount({
      pending,
      loading,
      failed,
      total: hideOutside ? total - outsideWindow : total,
      shown: shown.length,
      filtered,
    });
  const showOutside = () => setView({ ...view, window: 'outside' });
  // While the first page is on its way the grid is already there (headers, a loading line), so
  // when the rows arrive only they are added: no layout jump, and the page's first layout and
  // styles are done while waiting for Graph rather than after.
  const showQueue = placeholder === undefined && (pending || total > 0 || filtered);

  return (
    <section className={styles.page} aria-labelledby="queue-title">
      <QueueHeader
        countText={count}
        {...(countNote !== undefined && { countNote })}
        refreshing={loading && !pending}
        refreshDisabled={refreshDisabled}
        onRefresh={onRefresh}
      >
        <AfterFirstScreen
          name={t({ id: 'queue.part.toolbar', defaultMessage: 'the toolbar' })}
          placeholder={<div className={styles.toolsPlaceholder} />}
          quiet
        >
          {filterable && <ExportQueueButton rows={shown} />}
          <ReprocessById canReprocess={canReprocess} />
        </AfterFirstScreen>
      </QueueHeader>

      {intro}

      <ReadOnlyNotice />

      {notices}

      {filterable && showQueue && (
        <AfterFirstScreen
          name={t({ id: 'queue.part.filters', defaultMessage: 'the search, filters and tools' })}
          placeholder={<div className={styles.filtersPlaceholder} />}
        >
          <QueueFilters view={view} choices={choices} onChange={setView} onSearchDown={focusGrid} />
        </AfterFirstScreen>
      )}

      {hideOutside && outsideWindow > 0 && !pending && (
        <div className={styles.countRow}>
          <Text>
            {t(
              {
                id: 'queue.outsideWindow.hidden',
                defaultMessage:
                  '{count, plural, one {{count, number} outside the 14-day window is not shown: Graph would refuse to reprocess it.} other {{count, number} outside the 14-day window are not shown: Graph would refuse to reprocess them.}}',
              },
              { count: outsideWindow },
            )}
          </Text>
          <Button appearance="transparent" size="small" onClick={showOutside}>
            {t(
              {
                id: 'queue.outsideWindow.show',
                defaultMessage: 'Show the {count, number} outside the window',
              },
              { count: outsideWindow },
            )}
          </Button>
        </div>
      )}

      {!filterable && !hideOutside && (
        <div className={styles.countRow}>
          <Button
            appearance="transparent"
            size="small"
            onClick={() => setView({ ...view, window: undefined })}
          >
            {t({ id: 'queue.window.onlyReprocessable', defaultMessage: 'Show only what can be reprocessed' })}
          </Button>
        </div>
      )}

      {(selected.length > 0 || (showQueue && !readOnly)) && (
        <div className={styles.selectionRow}>
          {selected.length > 0 && (
            <Text role="status" className={styles.selectionCount}>
              {allMatchingSelected && shown.length > 1 && hiddenSelected === 0
                ? t(
                    {
                      id: 'queue.selection.allMatching',
                      defaultMessage: 'All {count, number} matching selected',
                    },
                    { count: selected.length },
                  )
                : describeSelection(selected.length, hiddenSelected)}
            </Text>
          )}
          {offerAll && selected.length > 0 && !allMatchingSelected && (
            <Button appearance="transparent" size="small" onClick={selectAllMatching}>
              {t(
                {
                  id: 'queue.selection.selectAllMatching',
                  defaultMessage: 'Select all {count, number} matching',
                },
                { count: shown.length },
              )}
            </Button>
          )}
          {/* A read-only sign-in has nothing to select or send: the read-only notice says so once. */}
          {!readOnly && (
            <AfterFirstScreen
              name={t({ id: 'queue.part.bulk', defaultMessage: 'bulk reprocess' })}
              placeholder={<div className={styles.bulkPlaceholder} />}
              quiet
            >
              <BulkReprocessPanel
                selected={selected}
                onClearSelection={clearSelection}
                canReprocess={canReprocess}
              />
            </AfterFirstScreen>
          )}
        </div>
      )}

      {placeholder !== undefined ? (
        placeholder
      ) : !pending && total === 0 && !loading && !failed ? (
        <QueueEmpty title={t({ id: 'queue.empty.title', defaultMessage: 'No failed requests' })}>
          {emptyText}
        </QueueEmpty>
      ) : showQueue ? (
        <div
          ref={setGridArea}
          className={styles.gridArea}
          style={gridMaxHeight === undefined ? undefined : { maxHeight: `${gridMaxHeight}px` }}
        >
          <RequestsGrid
            ref={grid}
            className={styles.grid}
            requests={shown}
            selection={selection}
            onSelectionChange={setSelection}
            sort={shownView.sort}
            onSortChange={setSort}
            canReprocess={canReprocess}
            accessKnown={access.isSuccess}
            selectable={!readOnly}
            onSelectedInView={onSelectedInView}
            onReprocess={onReprocess}
            onOpenDetails={openDetails}
            scrollResetKey={shownViewKey}
            busy={pending || view !== shownView}
            now={now}
            emptyMessage={
              pending ? (
                <Spinner
                  label={t({
                    id: 'queue.loading',
                    defaultMessage: 'Loading failed requests from Microsoft Graph…',
                  })}
                />
              ) : !filtered && hideOutside && outsideWindow > 0 ? (
                <>
                  <Text weight="semibold">
                    {t({
                      id: 'queue.empty.allOutside.title',
                      defaultMessage: 'Nothing here can be reprocessed',
                    })}
                  </Text>
                  <Text>
                    {t({
                      id: 'queue.empty.allOutside.body',
                      defaultMessage:
                        'Every failed request is outside the 14-day window, where Microsoft Graph refuses a reprocess.',
                    })}
                  </Text>
                  <Button onClick={showOutside}>
                    {t(
                      {
                        id: 'queue.outsideWindow.show',
                        defaultMessage: 'Show the {count, number} outside the window',
                      },
                      { count: outsideWindow },
                    )}
                  </Button>
                </>
              ) : (
                <>
                  <Text weight="semibold">
                    {t({
                      id: 'queue.empty.noMatch',
                      defaultMessage: 'No failed requests match the search and filters',
                    })}
                  </Text>
                  <Button onClick={() => setView(clearFilters(view))}>
                    {t({ id: 'filters.clear', defaultMessage: 'Clear filters' })}
                  </Button>
                </>
              )
            }
          />
        </div>
      ) : null}

      {resolved.length > 0 && (
        <ResolvedGroup
          requests={resolved}
          now={now}
          canReprocess={canReprocess}
          accessKnown={access.isSuccess}
          onReprocess={onReprocess}
          onOpenDetails={openDetails}
        />
      )}

      {drawerUsed && (
        <LazyPart name={t({ id: 'queue.part.details', defaultMessage: 'the request details' })}>
          <RequestDetailsDrawer requestId={drawerId} listed={listed} onClose={closeDetails} />
        </LazyPart>
      )}
    </section>
  );
}

const NO_SORT_CHANGE = () => undefined;
const RESOLVED_SORT: QueueSort = { key: 'requestor', dir: 'asc' };

/**
 * The requests that left the failed states while the page was open (delivered after a reprocess,
 * canceled, gone): out of the failed count, collapsed, each row showing what it became with its
 * Reprocess disabled and why.
 */
function ResolvedGroup({
  requests,
  now,
  canReprocess,
  accessKnown,
  onReprocess,
  onOpenDetails,
}: {
  requests: readonly AssignmentRequest[];
  now: Date;
  canReprocess: boolean;
  accessKnown: boolean;
  onReprocess: (req: AssignmentRequest) => void;
  onOpenDetails: (req: AssignmentRequest) => void;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.resolved} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={styles.resolvedSummary}>
        {t(
          {
            id: 'queue.resolved.summary',
            defaultMessage: 'Resolved since you opened this page ({count, number})',
          },
          { count: requests.length },
        )}
      </summary>
      {open && (
        <RequestsGrid
          className={styles.resolvedGrid}
          label={t({ id: 'queue.resolved.label', defaultMessage: 'Resolved since you opened this page' })}
          requests={requests}
          selection={NO_SELECTION}
          onSelectionChange={NO_SORT_CHANGE}
          sort={RESOLVED_SORT}
          onSortChange={NO_SORT_CHANGE}
          canReprocess={canReprocess}
          accessKnown={accessKnown}
          selectable={false}
          onReprocess={onReprocess}
          onOpenDetails={onOpenDetails}
          now={now}
        />
      )}
    </details>
  );
}

/** The queue's empty states: a title and a sentence, in the grid's place. */
export function QueueEmpty({ title, children }: { title: string; children: ReactNode }) {
  const emptyStyles = useEmptyStateStyles();
  return (
    <div className={emptyStyles.empty}>
      <Text size={500} weight="semibold">
        {title}
      </Text>
      <Text>{children}</Text>
    </div>
  );
}

function readView(params: URLSearchParams, filterable: boolean): QueueView {
  const view = parseQueueView(params);
  // Without search and filters, the sort and whether to show what is outside the window remain.
  if (filterable) return view;
  const plain: QueueView = { ...EMPTY_VIEW, sort: view.sort };
  if (view.window === 'outside' || view.window === 'all') plain.window = view.window;
  return plain;
}

/** Everything the page shows from the URL but the drawer, in a stable order. */
function pageKey(params: URLSearchParams): string {
  const rest = new URLSearchParams(params);
  rest.delete('request');
  rest.sort();
  return rest.toString();
}

/** Below this the page scrolls as a whole rather than squeezing the grid to a sliver. */
const MIN_GRID_HEIGHT = 320;

/**
 * The room from the element's top to the bottom of the window (less the page's bottom padding),
 * re-measured when the window or anything above the grid changes size (a message bar appears,
 * the toolbar wraps), so the grid scrolls inside its own container and the toolbar stays in view.
 */
function useViewportMaxHeight(el: HTMLElement | null): number | undefined {
  const [height, setHeight] = useState<number>();
  useLayoutEffect(() => {
    if (!el) return undefined;
    const measure = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      const main = el.closest('main');
      const bottomGap = main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0;
      setHeight(Math.max(MIN_GRID_HEIGHT, Math.floor(window.innerHeight - top - bottomGap)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    if (el.parentElement) observer.observe(el.parentElement);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [el]);
  return height;
}
