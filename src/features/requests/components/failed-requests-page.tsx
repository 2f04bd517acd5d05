import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useGraphAccess, useSession } from '../../../auth/session';
import { ReadOnlyNotice } from '../../../auth/read-only-notice';
import { useSearchParams } from '../../../components/url-state';
import { useNow } from '../../../components/use-now';
import { isGraphError } from '../../../graph/graph-error';
import { failedRequestsQuery } from '../api/request-queries';
import { useReprocess } from '../api/use-reprocess';
import type { AssignmentRequest } from '../model';
import {
  clearFilters,
  describeCount,
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
import { RequestsGrid } from './requests-grid';
import { AfterFirstScreen, LazyPart, PageLoading, lazyNamed } from '../../../components/lazy-part';
import { useMarkFirstScreen } from '../../../components/first-screen';
import { Spinner } from '../../../components/spinner';
import { InlineAlert } from '../../../components/inline-alert';
import { QueueHeader } from './queue-header';
import { describeLoadFailure } from '../load-failure';

// Loaded on first use: most agents never see the catalog-scoped queue, and the drawer opens on demand.
const CatalogScopedQueue = lazyNamed(() =>
  import('./catalog-scoped-queue').then((m) => m.CatalogScopedQueue),
);
const tools = () => import('./queue-tools');
const BulkReprocessPanel = lazyNamed(() => tools().then((m) => m.BulkReprocessPanel));
const ExportQueueButton = lazyNamed(() => tools().then((m) => m.ExportQueueButton));
const QueueFilters = lazyNamed(() => tools().then((m) => m.QueueFilters));
const ReprocessById = lazyNamed(() => tools().then((m) => m.ReprocessById));
const RequestDetailsDrawer = lazyNamed(() =>
  import('./request-details-drawer').then((m) => m.RequestDetailsDrawer),
);

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
  // The room the tools take once loaded, so nothing moves when they arrive.
  toolsPlaceholder: { height: '58px', width: '420px' },
  filtersPlaceholder: { height: '58px' },
  bulkPlaceholder: { height: '32px' },
  // Sized by useViewportMaxHeight: the grid scrolls inside it, the toolbar above stays in view.
  gridArea: { display: 'flex', flexDirection: 'column', minHeight: 0 },
  grid: { flex: '0 1 auto' },
  empty: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    justifyItems: 'center',
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
});

const NO_SELECTION: ReadonlySet<string> = new Set();
const NO_REQUESTS: readonly AssignmentRequest[] = [];

export function FailedRequestsPage() {
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  // The first rows (or the empty or error state) are what the agent came for: the tools load after.
  useMarkFirstScreen(!query.isPending);

  // Graph refused the list itself: the account lacks a permission or a role. The one place that
  // decides what such a user sees instead of the queue.
  if (query.isError && isGraphError(query.error) && query.error.status === 403) {
    return (
      <LazyPart
        name="the access package picker"
        fallback={<PageLoading label="Opening the access package picker…" />}
      >
        <CatalogScopedQueue error={query.error} />
      </LazyPart>
    );
  }
  return <FailedRequestsQueue />;
}

function FailedRequestsQueue() {
  const styles = useStyles();
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  const access = useGraphAccess();
  const { reprocess } = useReprocess();
  const canReprocess = access.data?.canReprocess ?? false;
  const now = useNow(60_000);
  const nowMs = now.getTime();

  const items = query.data?.items ?? NO_REQUESTS;
  const loading = query.isFetching;

  // The view lives in the URL. Only its own keys make it change, so opening the details drawer
  // (`request=`) neither re-filters nor scrolls the grid.
  const [params, updateParams] = useSearchParams();
  const viewKey = queueViewKey(parseQueueView(params));
  const view = useMemo(() => parseQueueView(new URLSearchParams(viewKey)), [viewKey]);
  // Typing stays responsive at 10,000 rows: the box shows each keystroke at once, the grid
  // follows when React has time.
  const shownView = useDeferredValue(view);
  const shownViewKey = queueViewKey(shownView);

  const rows = useMemo(() => queueRows(items), [items]);
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

  // The details drawer: `request=<id>` in the URL. Opening pushes a history entry, so Back closes it.
  const drawerId = params.get('request') ?? undefined;
  const listed = useMemo(
    () => (drawerId ? items.find((r) => r.id.toLowerCase() === drawerId.toLowerCase()) : undefined),
    [items, drawerId],
  );
  // Mounted from the first opening on, so closing it animates like any drawer.
  const [drawerUsed, setDrawerUsed] = useState(drawerId !== undefined);
  if (drawerId !== undefined && !drawerUsed) setDrawerUsed(true);
  // The view's key when this page pushed the drawer's history entry; undefined otherwise.
  const pushedFrom = useRef<string | undefined>(undefined);
  const openDetails = useCallback(
    (req: AssignmentRequest) => {
      const current = new URL(window.location.href).searchParams;
      const alreadyOpen = current.has('request');
      if (!alreadyOpen) pushedFrom.current = queueViewKey(parseQueueView(current));
      updateParams((p) => p.set('request', req.id), { replace: alreadyOpen });
    },
    [updateParams],
  );
  const closeDetails = useCallback(() => {
    const from = pushedFrom.current;
    pushedFrom.current = undefined;
    const current = new URL(window.location.href).searchParams;
    // The entry before is this same view without the drawer: going back to it keeps history tidy.
    // If the search or filters changed meanwhile, going back would undo them, so replace instead.
    if (from !== undefined && from === queueViewKey(parseQueueView(current))) {
      window.history.back();
      return;
    }
    updateParams((p) => p.delete('request'));
  }, [updateParams]);

  const onReprocess = useCallback((req: AssignmentRequest) => void reprocess(req), [reprocess]);

  const [gridArea, setGridArea] = useState<HTMLDivElement | null>(null);
  const gridMaxHeight = useViewportMaxHeight(gridArea);

  const total = items.length;
  const filtered = isFiltered(shownView);
  const countText = describeCount({
    pending: query.isPending,
    loading,
    total,
    shown: shown.length,
    filtered,
  });
  // While the first page is on its way the grid is already there (headers, a loading line), so
  // when the rows arrive only they are added: no layout jump, and the page's first layout and
  // styles are done while waiting for Graph rather than after.
  const showQueue = query.isPending || total > 0 || filtered;

  return (
    <section className={styles.page} aria-labelledby="queue-title">
      <QueueHeader
        countText={countText}
        refreshing={loading && !query.isPending}
        refreshDisabled={loading}
        onRefresh={() => void query.refetch()}
      >
        <AfterFirstScreen name="the toolbar" placeholder={<div className={styles.toolsPlaceholder} />} quiet>
          <ReprocessById canReprocess={canReprocess} />
          <ExportQueueButton rows={shown} />
        </AfterFirstScreen>
      </QueueHeader>

      <ReadOnlyNotice />

      {query.isError && (
        <InlineAlert
          intent="error"
          title={total > 0 ? 'The list could not be fully loaded' : 'Failed requests could not be loaded'}
          actions={
            <Button
              onClick={() => {
                void query.refetch();
              }}
            >
              Retry
            </Button>
          }
        >
          {describeLoadError(query.error)}
        </InlineAlert>
      )}

      {showQueue && (
        <AfterFirstScreen
          name="the search, filters and tools"
          placeholder={<div className={styles.filtersPlaceholder} />}
        >
          <QueueFilters view={view} choices={choices} onChange={setView} />
        </AfterFirstScreen>
      )}

      {(selected.length > 0 || showQueue) && (
        <div className={styles.selectionRow}>
          {selected.length > 0 && (
            <Text role="status" className={styles.selectionCount}>
              {describeSelection(selected.length, hiddenSelected)}
            </Text>
          )}
          <AfterFirstScreen
            name="bulk reprocess"
            placeholder={<div className={styles.bulkPlaceholder} />}
            quiet
          >
            <BulkReprocessPanel
              selected={selected}
              onClearSelection={clearSelection}
              canReprocess={canReprocess}
            />
          </AfterFirstScreen>
        </div>
      )}

      {!query.isPending && total === 0 && !loading && !query.isError ? (
        <div className={styles.empty}>
          <Text size={500} weight="semibold">
            No failed requests
          </Text>
          <Text>
            Every access package assignment request in this tenant was delivered or is still in progress.
          </Text>
        </div>
      ) : showQueue ? (
        <div
          ref={setGridArea}
          className={styles.gridArea}
          style={gridMaxHeight === undefined ? undefined : { maxHeight: `${gridMaxHeight}px` }}
        >
          <RequestsGrid
            className={styles.grid}
            requests={shown}
            selection={selection}
            onSelectionChange={setSelection}
            sort={shownView.sort}
            onSortChange={setSort}
            canReprocess={canReprocess}
            accessKnown={access.isSuccess}
            onReprocess={onReprocess}
            onOpenDetails={openDetails}
            scrollResetKey={shownViewKey}
            busy={query.isPending || view !== shownView}
            now={now}
            emptyMessage={
              query.isPending ? (
                <Spinner label="Loading failed requests from Microsoft Graph…" />
              ) : (
                <>
                  <Text weight="semibold">No failed requests match the search and filters</Text>
                  <Button onClick={() => setView(clearFilters(view))}>Clear filters</Button>
                </>
              )
            }
          />
        </div>
      ) : null}

      {drawerUsed && (
        <LazyPart name="the request details">
          <RequestDetailsDrawer requestId={drawerId} listed={listed} onClose={closeDetails} />
        </LazyPart>
      )}
    </section>
  );
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

/** The load failure in words, with the ids support asks for (see load-failure.ts). */
function describeLoadError(error: unknown): string {
  const failure = describeLoadFailure(error, 'the failed requests');
  const ids = [
    failure.code ? `Graph error code ${failure.code}` : '',
    failure.requestId ? `request-id ${failure.requestId}` : '',
    failure.clientRequestId ? `client-request-id ${failure.clientRequestId}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${failure.title}. ${failure.body}${ids ? ` (${ids})` : ''}`;
}
