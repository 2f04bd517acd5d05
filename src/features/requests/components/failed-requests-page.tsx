import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useGraphAccess, useSession, useWritePermissionRequest } from '../../../auth/session';
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
import { BulkReprocessPanel } from './bulk/bulk-reprocess-panel';
import { ExportQueueButton } from './export-queue-button';
import { CatalogScopedQueue } from './catalog-scoped-queue';
import { QueueFilters } from './queue-filters';
import { ReprocessById } from './reprocess-by-id';
import { RequestDetailsDrawer } from './request-details-drawer';
import { RequestsGrid } from './requests-grid';
import { useActivityRecorder } from '../../../record/activity-record-provider';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { flexGrow: 1, display: 'grid' },
  tools: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  selectionRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
  },
  selectionCount: { fontWeight: tokens.fontWeightSemibold },
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

  // Graph refused the list itself: the account lacks a permission or a role. The one place that
  // decides what such a user sees instead of the queue.
  if (query.isError && isGraphError(query.error) && query.error.status === 403) {
    return <CatalogScopedQueue error={query.error} />;
  }
  return <FailedRequestsQueue />;
}

function FailedRequestsQueue() {
  const styles = useStyles();
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  const access = useGraphAccess();
  const writePermission = useWritePermissionRequest();
  const { reprocess } = useReprocess();
  const canReprocess = access.data?.canReprocess ?? false;
  const recorder = useActivityRecorder();
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
  const showQueue = total > 0 || (filtered && !query.isPending);

  return (
    <section className={styles.page} aria-labelledby="queue-title">
      <div className={styles.titleRow}>
        <div className={styles.title}>
          <Text as="h2" id="queue-title" size={600} weight="semibold">
            Failed requests
          </Text>
          <Text role="status" aria-live="polite">
            {countText}
          </Text>
        </div>
        <div className={styles.tools}>
          <ReprocessById canReprocess={canReprocess} />
          <ExportQueueButton rows={shown} />
          {loading && !query.isPending && <Spinner size="tiny" aria-hidden />}
          <Button
            icon={<ArrowClockwiseRegular />}
            disabled={loading}
            onClick={() => {
              void query.refetch();
            }}
          >
            Refresh
          </Button>
        </div>
      </div>

      {access.data && !canReprocess && (
        <MessageBar intent={writePermission.status ? 'warning' : 'info'} style={{ flexShrink: 0 }}>
          <MessageBarBody>
            {writePermission.status === 'not-granted' ? (
              <>
                <MessageBarTitle>Permission to reprocess was not granted</MessageBarTitle>
                Microsoft Entra ID did not grant EntitlementManagement.ReadWrite.All to your account: an
                administrator has to approve it for you. Nothing was changed, and you can keep working
                read-only.
              </>
            ) : writePermission.status === 'failed' ? (
              <>
                <MessageBarTitle>The permission request could not start</MessageBarTitle>
                The Microsoft sign-in page could not be opened (
                {writePermission.error instanceof Error ? writePermission.error.message : 'unknown error'}).
                Try again in a moment.
              </>
            ) : (
              <>
                <MessageBarTitle>Read-only access</MessageBarTitle>
                You can see every failed request, but reprocessing needs the permission
                EntitlementManagement.ReadWrite.All, which your sign-in does not have.
              </>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void writePermission.request()}>Request permission to reprocess</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {query.isError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {total > 0 ? 'The list could not be fully loaded' : 'Failed requests could not be loaded'}
            </MessageBarTitle>
            {describeLoadError(query.error)}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                void query.refetch();
              }}
            >
              Retry
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {showQueue && <QueueFilters view={view} choices={choices} onChange={setView} />}

      {(selected.length > 0 || showQueue) && (
        <div className={styles.selectionRow}>
          {selected.length > 0 && (
            <Text role="status" className={styles.selectionCount}>
              {describeSelection(selected.length, hiddenSelected)}
            </Text>
          )}
          <BulkReprocessPanel
            selected={selected}
            onClearSelection={clearSelection}
            canReprocess={canReprocess}
            recorder={recorder}
          />
        </div>
      )}

      {query.isPending ? (
        <Spinner label="Loading failed requests from Microsoft Graph…" />
      ) : total === 0 && !loading && !query.isError ? (
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
            busy={view !== shownView}
            now={now}
            emptyMessage={
              <>
                <Text weight="semibold">No failed requests match the search and filters</Text>
                <Button onClick={() => setView(clearFilters(view))}>Clear filters</Button>
              </>
            }
          />
        </div>
      ) : null}

      <RequestDetailsDrawer requestId={drawerId} listed={listed} onClose={closeDetails} />
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

function describeLoadError(error: unknown): string {
  if (isGraphError(error)) {
    const ids = [
      error.code ? `Graph error code ${error.code}` : '',
      error.requestId ? `request-id ${error.requestId}` : '',
      `client-request-id ${error.clientRequestId}`,
    ]
      .filter(Boolean)
      .join(', ');
    if (error.kind === 'network')
      return `Microsoft Graph could not be reached. Check the connection and retry. (${ids})`;
    if (error.kind === 'malformed')
      return `Graph answered in a form this dashboard does not understand. (${ids})`;
    if (error.status === 401)
      return `Graph did not accept your sign-in. Sign out and sign in again. (${ids})`;
    if (error.status === 429)
      return `Graph is throttling requests; the dashboard retried and gave up for now. (${ids})`;
    return `Graph answered ${error.status}. (${ids})`;
  }
  return error instanceof Error ? error.message : String(error);
}
