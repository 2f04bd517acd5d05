import {
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type Dispatch,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type SetStateAction,
} from 'react';
import { DeferredTooltip } from '../../../components/deferred-tooltip';
import { useFixedRowWindow } from '../../../components/use-fixed-row-window';
import { useNow } from '../../../components/use-now';
import { t } from '../../../i18n/i18n';
import { useLocale } from '../../../i18n/react';
import { useRowHoverStyles } from '../../../components/table-styles';
import { useRequestActivity } from '../api/use-reprocess';
import { formatDateTime } from '../format';
import {
  parseGraphDate,
  reprocessWindow,
  windowMsLeftAt,
  requestTypeLabel,
  stateLabel,
  type AssignmentRequest,
} from '../model';
import { nextSort, type QueueSort, type SortKey } from '../queue-view';
import { nextPosition, resolveStop, type GridPosition, type StopId } from '../grid-navigation';
import { rowActivityNote } from '../row-activity';
import { OUTCOME_FOR } from '../outcome-on-screen';
import { OUTCOMES } from '../../../reprocess/outcomes';
import { notReprocessableReason } from '../reprocess-eligibility';
import { Spinner } from '../../../components/spinner';

// Every row has the same height, so the virtualizer never measures: with 10,000 rows only the
// few dozen on screen (plus a small overscan) are in the DOM.
export const ROW_HEIGHT = 56;
const HEADER_HEIGHT = 40;
const OVERSCAN = 8;

type ColumnId = 'select' | SortKey | 'actions';
interface Column {
  id: ColumnId;
  /** Fixed columns have a width; the text-heavy ones share what is left, from a minimum. */
  width?: number;
  grow?: number;
  minWidth?: number;
}

const SELECT_WIDTH = 44;

// Requestor (name over email) and Status (Graph's failure text) get the room; the rest is sized
// to its longest usual value, so an email never wraps mid-word at 1440px.
const COLUMNS: readonly Column[] = [
  { id: 'select', width: SELECT_WIDTH },
  { id: 'requestor', grow: 1.5, minWidth: 200 },
  { id: 'package', grow: 1, minWidth: 160 },
  { id: 'state', width: 172 }, // "Entregue parcialmente" fits
  { id: 'status', grow: 1.7, minWidth: 190 },
  { id: 'type', width: 100 },
  { id: 'created', width: 112 },
  { id: 'completed', width: 112 },
  { id: 'window', width: 120 },
  { id: 'actions', width: 184 },
];
const WITHOUT_SELECT: readonly Column[] = COLUMNS.filter((c) => c.id !== 'select');
// On a narrow screen the grid scrolls sideways inside its frame, with the selection and requestor
// columns kept in view (sticky): there the requestor gets less room, so the rest can be seen.
const REQUESTOR_MIN = 'var(--requestor-min-width, 200px)';
const REQUESTOR_MIN_NARROW = '112px';
const minRowWidth = (columns: readonly Column[]) =>
  `calc(${columns.reduce((sum, c) => sum + (c.id === 'requestor' ? 0 : (c.width ?? c.minWidth ?? 0)), 0)}px + ${REQUESTOR_MIN})`;
const MIN_ROW_WIDTH = minRowWidth(COLUMNS);

// The headers' words, apart from the sizes: the styles read the sizes at build time.
function columnLabel(id: ColumnId): string {
  switch (id) {
    case 'select':
      return t({ id: 'grid.column.selection', defaultMessage: 'Selection' });
    case 'requestor':
      return t({ id: 'grid.column.requestor', defaultMessage: 'Requestor' });
    case 'package':
      return t({ id: 'grid.column.package', defaultMessage: 'Access package' });
    case 'state':
      return t({ id: 'grid.column.state', defaultMessage: 'State' });
    case 'status':
      return t({ id: 'grid.column.status', defaultMessage: 'Status' });
    case 'type':
      return t({ id: 'grid.column.type', defaultMessage: 'Type' });
    case 'created':
      return t({ id: 'grid.column.created', defaultMessage: 'Created' });
    case 'completed':
      return t({ id: 'grid.column.completed', defaultMessage: 'Completed' });
    case 'window':
      return t({ id: 'grid.column.window', defaultMessage: 'Reprocess window' });
    case 'actions':
      return t({ id: 'grid.column.actions', defaultMessage: 'Actions' });
  }
}

function col(id: ColumnId): Column {
  const column = COLUMNS.find((c) => c.id === id);
  if (!column) throw new Error(`No column ${id}`);
  return column;
}

const useStyles = makeStyles({
  frame: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    overflow: 'hidden',
    '@media (max-width: 520px)': { '--requestor-min-width': REQUESTOR_MIN_NARROW },
  },
  // The table is its own scroll container, so its header stays in view and the page stays put.
  scroller: {
    overflow: 'auto',
    minHeight: 0,
    flexGrow: 1,
    position: 'relative',
    // What the browser scrolls into view stays clear of the sticky header.
    scrollPaddingTop: `${HEADER_HEIGHT}px`,
  },
  scrollerEmpty: { flexGrow: 0, overflowY: 'hidden' },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    minWidth: MIN_ROW_WIDTH,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: `inset 0 -1px 0 ${tokens.colorNeutralStroke2}`,
  },
  headerRow: { height: `${HEADER_HEIGHT}px`, borderBottomStyle: 'none' },
  headerCell: { fontWeight: tokens.fontWeightSemibold },
  body: { position: 'relative', minWidth: MIN_ROW_WIDTH },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    top: 0,
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    // Opaque, so the sticky cells (which inherit it) hide what scrolls under them.
    backgroundColor: tokens.colorNeutralBackground1,
  },
  selectedRow: { backgroundColor: tokens.colorBrandBackground2 },
  // The selection and requestor columns stay in view when the grid scrolls sideways.
  sticky: { position: 'sticky', zIndex: 1, backgroundColor: 'inherit' },
  stickyHeader: { backgroundColor: tokens.colorNeutralBackground1 },
  stickySelect: { left: 0 },
  stickyRequestor: { boxShadow: `inset -1px 0 0 ${tokens.colorNeutralStroke2}` },
  cell: { overflow: 'hidden' },
  // A text cell takes focus itself (arrow keys); drawn inside it, as the cells clip what overflows.
  focusCell: createFocusOutlineStyle({ style: { outlineOffset: '-2px' } }),
  stack: { display: 'grid', minWidth: 0, width: '100%' },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  status: {
    display: '-webkit-box',
    WebkitLineClamp: '2',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  // The one urgency cue: the requests whose window ends within a day read in bold. Nothing else
  // in the column stands out; red is kept for errors.
  window: { color: tokens.colorNeutralForeground2 },
  windowSoon: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  windowGone: { color: tokens.colorNeutralForeground3 },
  gone: { opacity: 0.6 },
  // A state pill drawn like Fluent's tint Badge (rounded, medium), without its component.
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    boxSizing: 'border-box',
    height: '20px',
    maxWidth: '100%',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    padding: `0 calc(${tokens.spacingHorizontalXS} + ${tokens.spacingHorizontalXXS})`,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase200,
  },
  // A failed delivery is the queue's normal business, not an error of this page: amber, not red.
  badgeWarning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorStatusWarningForeground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
  },
  // Partly delivered: the same family, outlined only.
  badgeWarningOutline: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorStatusWarningForeground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder2}`,
  },
  badgeSuccess: {
    backgroundColor: tokens.colorStatusSuccessBackground1,
    color: tokens.colorStatusSuccessForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBorder1}`,
  },
  badgeInformative: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
  badgeSubtle: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  action: { display: 'grid', gap: tokens.spacingVerticalXXS, minWidth: 0, width: '100%' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXS },
  note: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    // The live region is always there (so what comes into it is announced); empty, it takes no room.
    ':empty': { marginTop: `calc(-1 * ${tokens.spacingVerticalXXS})` },
  },
  empty: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    justifyItems: 'center',
    padding: tokens.spacingVerticalXXL,
    textAlign: 'center',
  },
});

// Widths include the cell's padding, so header and body cells line up whatever their content.
function columnStyle(column: Column): CSSProperties {
  return column.width !== undefined
    ? { flex: `0 0 ${column.width}px`, boxSizing: 'border-box' }
    : {
        flex: `${column.grow ?? 1} 1 0px`,
        minWidth: column.id === 'requestor' ? REQUESTOR_MIN : `${column.minWidth ?? 0}px`,
        boxSizing: 'border-box',
      };
}

export interface RequestsGridProps {
  /** The rows to show, already filtered and in order. */
  requests: readonly AssignmentRequest[];
  /** The grid's accessible name. */
  label?: string;
  /** Ids of the selected requests; may hold ids that are not among `requests` (hidden by a filter). */
  selection: ReadonlySet<string>;
  /** Always called with an updater, so a `useState` setter can be passed as is. */
  onSelectionChange: Dispatch<SetStateAction<ReadonlySet<string>>>;
  sort: QueueSort;
  onSortChange: (sort: QueueSort) => void;
  canReprocess: boolean;
  /** False until the signed-in user's permissions are known: Reprocess waits. */
  accessKnown: boolean;
  /** Rows have selection checkboxes (not for a read-only sign-in, nor for resolved requests). */
  selectable?: boolean;
  /** Called when the header checkbox selected the rows in view, with how many it selected. */
  onSelectedInView?: (count: number) => void;
  onReprocess: (request: AssignmentRequest) => void;
  onOpenDetails: (request: AssignmentRequest) => void;
  /** When this changes (a new search, filter or sort), the grid scrolls back to the top. */
  scrollResetKey?: string;
  /** Shown under the header when there are no rows. */
  emptyMessage?: ReactNode;
  /** True while a newer search or filter is being applied. */
  busy?: boolean;
  /** The time the window column counts from; the grid keeps its own minute clock otherwise. */
  now?: Date;
  /** For sizing: the grid fills what this class gives it and scrolls inside. */
  className?: string;
  /** For a page that moves focus into the grid (the search box's Down arrow). */
  ref?: Ref<RequestsGridHandle>;
}

export interface RequestsGridHandle {
  /** Focuses the grid's one Tab stop (the cell or control last focused in it); false if it has none. */
  focus(): boolean;
}

/** The attribute that marks what takes focus in a cell: the cell itself, or its control. */
const STOP = 'data-grid-stop';
const stopAttr = (stop: StopId) => ({ [STOP]: stop });
const TAB_STOP_SELECTOR = `[${STOP}][tabindex="0"]`;

/**
 * Focuses the first requests grid's Tab stop inside `container` (the skip link's target): the
 * cell or control last focused in it, else the first row's Reprocess. False when there is no grid.
 */
export function focusRequestsGrid(container: ParentNode): boolean {
  const stop = container.querySelector<HTMLElement>(`[role="grid"] ${TAB_STOP_SELECTOR}`);
  stop?.focus();
  return stop !== null;
}

// The column a keyboard user lands on first: the queue exists for its Reprocess buttons.
const FIRST_COL: StopId = 'reprocess';

/**
 * The failed-requests grid: sortable headers (aria-sort), a checkbox per row and one for the rows
 * in view (as a mail client's: the page then offers all that match), and virtualized rows (aria-rowcount/aria-rowindex tell assistive technology the
 * whole size). Reusable for any list of requests, e.g. one access package's.
 *
 * The keyboard follows the WAI-ARIA grid pattern: the grid is one Tab stop (a roving tabindex), the
 * arrows, Home/End, Ctrl+Home/End and PageUp/PageDown move between cells, Enter on a text cell
 * opens the request's details. It is written here rather than with Fluent's
 * `useArrowNavigationGroup({ axis: 'grid' })` (tabster) because tabster moves between the
 * elements in the DOM: with 10,000 virtualized rows, Down on the last rendered row, PageDown or
 * Ctrl+End must reach rows that are not rendered yet, and a focused row that scrolls out must stay
 * in the DOM (it does: the row holding focus is always rendered). Tabster also keeps every cell at
 * tabindex 0 and intercepts Tab instead of a real roving tabindex.
 */
export function RequestsGrid({
  requests,
  label = t({ id: 'grid.label', defaultMessage: 'Failed requests' }),
  selection,
  onSelectionChange,
  sort,
  onSortChange,
  canReprocess,
  accessKnown,
  selectable = true,
  onSelectedInView,
  onReprocess,
  onOpenDetails,
  scrollResetKey,
  emptyMessage,
  busy = false,
  now: nowProp,
  className,
  ref,
}: RequestsGridProps) {
  const columns = selectable ? COLUMNS : WITHOUT_SELECT;
  const rowMinWidth = selectable ? undefined : { minWidth: minRowWidth(columns) };
  const styles = useStyles();
  const ownNow = useNow(60_000);
  const now = nowProp ?? ownNow;
  const scrollRef = useRef<HTMLDivElement>(null);
  const empty = requests.length === 0;
  const count = requests.length;

  const rowWindow = useFixedRowWindow(scrollRef, {
    count,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    // The rows start below the sticky header, inside the same scroll container.
    offsetTop: HEADER_HEIGHT,
  });

  // What takes focus in each row, left to right (see grid-navigation.ts).
  const headerStops: readonly StopId[] = columns.flatMap((c): StopId[] =>
    c.id === 'select' ? (empty ? [] : ['select']) : [c.id],
  );
  // Without the permission (or until it is known) a row has no Reprocess to focus.
  const hasReprocess = accessKnown && canReprocess;
  const bodyStops: readonly StopId[] = columns.flatMap((c): StopId[] =>
    c.id === 'actions' ? (hasReprocess ? ['reprocess', 'details'] : ['details']) : [c.id],
  );

  // The roving tabindex: the one cell or control of the grid in the Tab order. The row is kept by
  // its request's id, so it follows the request through a sort, a refresh or a virtualizer's pass.
  const [active, setActive] = useState<GridPosition & { id?: string }>({ row: 1, col: FIRST_COL });
  const foundIndex = active.id === undefined ? -1 : requests.findIndex((r) => r.id === active.id);
  const activeRow = foundIndex >= 0 ? foundIndex + 1 : Math.min(active.row, count);
  // Its request left the list (resolved, filtered out): the row now in its place takes over.
  if (active.id !== undefined && foundIndex < 0)
    setActive({ row: active.row, col: active.col, id: requests[activeRow - 1]?.id });
  // While focus is in the grid, the active row stays rendered wherever it scrolls (see below).
  // Otherwise, once it is scrolled away, the first row in view holds the Tab stop instead, so
  // Tab always has somewhere to land.
  const [focusInside, setFocusInside] = useState(false);
  const activeRendered =
    activeRow === 0 || (activeRow - 1 >= rowWindow.first && activeRow - 1 < rowWindow.last);
  const tabRow =
    focusInside || activeRendered || count === 0 ? activeRow : Math.min(count, rowWindow.visibleFirst + 1);
  const activeIndex = tabRow - 1;

  const firstKey = useRef(scrollResetKey);
  useEffect(() => {
    if (firstKey.current === scrollResetKey) return;
    firstKey.current = scrollResetKey;
    scrollRef.current?.scrollTo({ top: 0 });
    // A new search or filter starts again from the first row, unless focus is in the grid (a
    // sort from its header keeps focus where it is).
    if (!scrollRef.current?.contains(document.activeElement)) setActive((a) => ({ row: 1, col: a.col }));
  }, [scrollResetKey]);

  /** Scrolls the grid so `el` (a stop) is in view below the sticky header, then the page if needed. */
  const reveal = useCallback((el: HTMLElement, row: number) => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    // The header row is sticky: it is always in view inside the grid, and scrolling it "into
    // view" would move the rows under it (a box checked for "the rows in view" would then see
    // others). Only the grid itself is brought onto the page.
    if (row === 0) {
      scroller.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return;
    }
    const top = (row - 1) * ROW_HEIGHT;
    const room = scroller.clientHeight - HEADER_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + room) scroller.scrollTop = top + ROW_HEIGHT - room;
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, []);

  // After a key moved the active cell, focus follows once the row is rendered.
  const focusWanted = useRef(false);
  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    const el = scrollRef.current?.querySelector<HTMLElement>(TAB_STOP_SELECTOR);
    if (!el) return;
    el.focus({ preventScroll: true });
    reveal(el, activeRow);
  });

  const focusActive = useCallback((): boolean => {
    const el = scrollRef.current?.querySelector<HTMLElement>(TAB_STOP_SELECTOR);
    el?.focus();
    return el !== null && el !== undefined;
  }, []);
  useImperativeHandle(ref, () => ({ focus: focusActive }), [focusActive]);

  const positionOf = (target: EventTarget) => {
    if (!(target instanceof HTMLElement)) return undefined;
    const stop = target.closest<HTMLElement>(`[${STOP}]`);
    const row = stop?.closest<HTMLElement>('[aria-rowindex]');
    if (!stop || !row || !scrollRef.current?.contains(row)) return undefined;
    return {
      row: Number(row.getAttribute('aria-rowindex')) - 1,
      col: stop.getAttribute(STOP) as StopId,
      stop,
    };
  };

  // Set while a pointer is down in the grid: focus that follows from a click is not scrolled to.
  const pointerDown = useRef(false);
  const onPointerDown = () => {
    pointerDown.current = true;
    const release = () => {
      pointerDown.current = false;
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
    };
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
  };

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const at = positionOf(e.target);
    if (!at) return;
    // A click, Tab or a page's own focus() makes the focused control the grid's Tab stop.
    if (at.row !== tabRow || at.col !== resolveStop(active.col, at.row === 0 ? headerStops : bodyStops))
      setActive({ row: at.row, col: at.col, id: requests[at.row - 1]?.id });
    // Coming in from elsewhere on the page (Tab, the skip link, the search box): the row is
    // scrolled into view. Not when focus comes back from nowhere (a replaced control): the agent
    // may have scrolled away meanwhile.
    // A click needs none: what was clicked is in view.
    const from = e.relatedTarget;
    if (from instanceof Node && !e.currentTarget.contains(from) && !pointerDown.current)
      reveal(at.stop, at.row);
  };

  // A control can be replaced while it has focus (Reprocess gains its tooltip when it becomes
  // disabled, a row moves to Resolved): focus then falls to the page, with no blur event React
  // would see. Focus goes back to the grid's Tab stop instead.
  useEffect(() => {
    const root = scrollRef.current;
    if (!root) return undefined;
    let focused: Element | null = null;
    const onFocusIn = (e: globalThis.FocusEvent) => {
      focused = e.target instanceof Element ? e.target : null;
      setFocusInside(true);
    };
    const left = () => {
      focused = null;
      setFocusInside(false);
    };
    const onFocusOut = (e: globalThis.FocusEvent) => {
      const to = e.relatedTarget;
      if (to instanceof Node && !root.contains(to)) left();
      // Focus went to the page itself: a click outside keeps the control in the DOM; a removal does not.
      else if (to === null) {
        const from = e.target;
        queueMicrotask(() => {
          if (from instanceof Element && from.isConnected && focused === from) left();
        });
      }
    };
    const rescue = new MutationObserver(() => {
      if (!focused || focused.isConnected) return;
      const now = document.activeElement;
      if (now !== null && now !== document.body) return;
      root.querySelector<HTMLElement>(TAB_STOP_SELECTOR)?.focus({ preventScroll: true });
    });
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    rescue.observe(root, { childList: true, subtree: true });
    return () => {
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
      rescue.disconnect();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const at = positionOf(e.target);
    if (!at) return;
    const plainCell = at.stop === e.target && at.stop.getAttribute('role') === 'gridcell';
    if (e.key === 'Enter' || e.key === ' ') {
      // A control does what it does (a checkbox toggles with Space, a button runs); a text cell
      // of a request opens its details with Enter.
      if (!plainCell) return;
      e.preventDefault();
      const request = requests[at.row - 1];
      if (e.key === 'Enter' && request) onOpenDetails(request);
      return;
    }
    const next = nextPosition(
      e,
      { row: at.row, col: at.col },
      {
        count,
        headerStops,
        bodyStops,
        pageRows: Math.max(1, rowWindow.visibleLast - rowWindow.visibleFirst - 1),
      },
    );
    if (!next) return;
    e.preventDefault();
    focusWanted.current = true;
    setActive({ ...next, id: requests[next.row - 1]?.id });
  };

  // The header checkbox speaks for the rows in view: checked when all of them are selected.
  const inView = requests.slice(rowWindow.visibleFirst, rowWindow.visibleLast);
  let selectedInView = 0;
  for (const r of inView) if (selection.has(r.id)) selectedInView++;
  const allChecked: boolean | 'mixed' =
    selection.size === 0 || inView.length === 0 ? false : selectedInView === inView.length ? true : 'mixed';

  const toggleInView = () => {
    if (allChecked === true) {
      // Unchecking clears the selection, whatever else it held.
      onSelectionChange(() => new Set());
      return;
    }
    const ids = inView.map((r) => r.id);
    onSelectionChange((prev) => {
      const next = new Set(prev);
      for (const id of ids) next.add(id);
      return next;
    });
    onSelectedInView?.(ids.length);
  };

  // Stable for the memoised rows: it reads the selection through the updater, not a closure.
  const toggleOne = useCallback(
    (id: string, checked: boolean) =>
      onSelectionChange((prev) => {
        if (prev.has(id) === checked) return prev;
        const next = new Set(prev);
        if (checked) next.add(id);
        else next.delete(id);
        return next;
      }),
    [onSelectionChange],
  );

  // The rows near the viewport, and the row holding focus wherever it is: the focused control
  // stays in the DOM (and keeps focus) when its row scrolls out of view and back.
  const shownIndexes: number[] = [];
  if (activeIndex >= 0 && activeIndex < rowWindow.first) shownIndexes.push(activeIndex);
  for (let i = rowWindow.first; i < rowWindow.last; i++) shownIndexes.push(i);
  if (activeIndex >= rowWindow.last && activeIndex < count) shownIndexes.push(activeIndex);
  const headerTabStop = tabRow === 0 ? resolveStop(active.col, headerStops) : undefined;
  const bodyTabStop = resolveStop(active.col, bodyStops);
  const tabIndexIn = (stop: StopId) => (headerTabStop === stop ? 0 : -1);

  return (
    <div className={mergeClasses(styles.frame, className)}>
      <Table
        ref={scrollRef}
        role="grid"
        noNativeElements
        sortable
        size="small"
        aria-label={label}
        aria-rowcount={count + 1}
        aria-colcount={columns.length}
        aria-busy={busy || undefined}
        className={mergeClasses(styles.scroller, empty && styles.scrollerEmpty)}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onPointerDownCapture={onPointerDown}
      >
        <TableHeader className={styles.header} style={rowMinWidth}>
          <TableRow aria-rowindex={1} className={styles.headerRow}>
            {columns.map((column) =>
              column.id === 'select' ? (
                <TableHeaderCell
                  key={column.id}
                  sortable={false}
                  className={mergeClasses(styles.sticky, styles.stickyHeader, styles.stickySelect)}
                  style={columnStyle(column)}
                >
                  <Checkbox
                    aria-label={t({ id: 'grid.selectInView', defaultMessage: 'Select the rows in view' })}
                    checked={allChecked}
                    disabled={empty}
                    onChange={toggleInView}
                    tabIndex={tabIndexIn('select')}
                    {...stopAttr('select')}
                  />
                </TableHeaderCell>
              ) : column.id === 'actions' ? (
                <TableHeaderCell
                  key={column.id}
                  sortable={false}
                  className={mergeClasses(styles.headerCell, styles.focusCell)}
                  style={columnStyle(column)}
                  tabIndex={tabIndexIn('actions')}
                  {...stopAttr('actions')}
                >
                  {columnLabel(column.id)}
                </TableHeaderCell>
              ) : (
                <SortableHeader
                  key={column.id}
                  column={column}
                  sortKey={column.id}
                  sort={sort}
                  onSortChange={onSortChange}
                  className={
                    column.id === 'requestor'
                      ? mergeClasses(styles.sticky, styles.stickyHeader, styles.stickyRequestor)
                      : undefined
                  }
                  stickyLeft={column.id === 'requestor' ? (selectable ? SELECT_WIDTH : 0) : undefined}
                  tabIndex={tabIndexIn(column.id)}
                />
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody className={styles.body} style={{ height: `${rowWindow.totalHeight}px`, ...rowMinWidth }}>
          {shownIndexes.map((index) => {
            const request = requests[index];
            if (!request) return null;
            return (
              <RequestRow
                key={request.id}
                rowIndex={index + 2}
                top={index * ROW_HEIGHT}
                request={request}
                selected={selection.has(request.id)}
                now={now}
                canReprocess={canReprocess}
                accessKnown={accessKnown}
                selectable={selectable}
                tabStop={index === activeIndex ? bodyTabStop : undefined}
                onReprocess={onReprocess}
                onOpenDetails={onOpenDetails}
                onToggle={toggleOne}
              />
            );
          })}
        </TableBody>
      </Table>
      {empty && emptyMessage !== undefined && <div className={styles.empty}>{emptyMessage}</div>}
    </div>
  );
}

function SortableHeader({
  column,
  sortKey,
  sort,
  onSortChange,
  className,
  stickyLeft,
  tabIndex,
}: {
  column: Column;
  sortKey: SortKey;
  sort: QueueSort;
  onSortChange: (sort: QueueSort) => void;
  className?: string;
  /** For a sticky column: where it stays, from the grid's left edge. */
  stickyLeft?: number;
  tabIndex: number;
}) {
  const styles = useStyles();
  const active = sort.key === sortKey;
  return (
    <TableHeaderCell
      className={mergeClasses(styles.headerCell, className)}
      style={stickyLeft === undefined ? columnStyle(column) : { ...columnStyle(column), left: stickyLeft }}
      sortDirection={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      onClick={() => onSortChange(nextSort(sort, sortKey))}
      button={{ tabIndex, ...stopAttr(sortKey) }}
    >
      {columnLabel(column.id)}
    </TableHeaderCell>
  );
}

function StateBadge({ request }: { request: AssignmentRequest }) {
  const styles = useStyles();
  const label = stateLabel(request.state === 'unknown' ? request.stateRaw : request.state);
  const tone =
    request.state === 'deliveryFailed'
      ? styles.badgeWarning
      : request.state === 'partiallyDelivered'
        ? styles.badgeWarningOutline
        : request.state === 'delivered'
          ? styles.badgeSuccess
          : request.state === 'delivering'
            ? styles.badgeInformative
            : styles.badgeSubtle;
  return (
    <span className={mergeClasses(styles.badge, tone)} title={label}>
      {label}
    </span>
  );
}

const HOUR_MS = 3_600_000;

/**
 * The window as time left: days while there are days, then hours and minutes. The last day is the
 * one that stands out (bold), once.
 */
export function windowInfo(
  request: Pick<AssignmentRequest, 'completedDateTime'>,
  now: Date,
): { text: string; tone?: 'soon' | 'gone' } {
  const w = reprocessWindow(request, now);
  if (w.daysLeft === undefined) return { text: t({ id: 'grid.window.unknown', defaultMessage: 'Unknown' }) };
  if (w.expired)
    return { text: t({ id: 'grid.window.outside', defaultMessage: 'Outside window' }), tone: 'gone' };
  if (w.daysLeft >= 1)
    return {
      text: t(
        {
          id: 'grid.window.daysLeft',
          defaultMessage: '{days, plural, one {# day left} other {# days left}}',
        },
        { days: w.daysLeft },
      ),
    };
  const completed = parseGraphDate(request.completedDateTime) ?? 0;
  const msLeft = windowMsLeftAt(completed, now.getTime());
  if (msLeft >= HOUR_MS)
    return {
      text: t(
        { id: 'grid.window.endsInHours', defaultMessage: 'Ends in {hours, number} h' },
        { hours: Math.floor(msLeft / HOUR_MS) },
      ),
      tone: 'soon',
    };
  const minutes = Math.floor(msLeft / 60_000);
  return {
    text:
      minutes < 1
        ? t({ id: 'grid.window.endsInUnderAMinute', defaultMessage: 'Ends in under a minute' })
        : t(
            { id: 'grid.window.endsInMinutes', defaultMessage: 'Ends in {minutes, number} min' },
            { minutes },
          ),
    tone: 'soon',
  };
}

interface RowProps {
  rowIndex: number;
  top: number;
  request: AssignmentRequest;
  selected: boolean;
  now: Date;
  canReprocess: boolean;
  accessKnown: boolean;
  selectable: boolean;
  /** In the grid's active row: which of its stops is the grid's one Tab stop. */
  tabStop: StopId | undefined;
  onReprocess: (req: AssignmentRequest) => void;
  onOpenDetails: (req: AssignmentRequest) => void;
  onToggle: (id: string, checked: boolean) => void;
}

const RequestRow = memo(function RequestRow({
  rowIndex,
  top,
  request: listed,
  selected,
  now,
  canReprocess,
  accessKnown,
  selectable,
  tabStop,
  onReprocess,
  onOpenDetails,
  onToggle,
}: RowProps) {
  const styles = useStyles();
  // A memoised row: its words are made again when the language changes.
  useLocale();
  const tabIndexOf = (stop: StopId) => (tabStop === stop ? 0 : -1);
  // A text cell: focusable by the arrow keys, announced as a grid cell.
  const cellProps = (stop: StopId, className?: string) => ({
    role: 'gridcell',
    tabIndex: tabIndexOf(stop),
    className: mergeClasses(styles.cell, styles.focusCell, className),
    style: columnStyle(col(stop as ColumnId)),
    ...stopAttr(stop),
  });
  const hover = useRowHoverStyles();
  const activity = useRequestActivity(listed.id);
  const request = activity.settled ?? listed;
  const requestorName =
    request.requestor?.displayName ?? t({ id: 'grid.unknownRequestor', defaultMessage: 'Unknown requestor' });
  const requestorId = request.requestor?.email ?? request.requestor?.principalName;
  const packageName =
    request.accessPackage?.displayName ??
    t({ id: 'grid.unknownPackage', defaultMessage: 'Unknown access package' });
  const catalogName = request.accessPackage?.catalog?.displayName;
  const phase = activity.status?.phase;
  const sending = phase === 'sending' || phase === 'checking';
  const gone =
    phase === 'done' && activity.status?.phase === 'done' && activity.status.outcome.kind === 'notFound';
  const win = windowInfo(request, now);
  const typeLabel = requestTypeLabel(request.requestTypeRaw);

  // Short enough for the column; the full sentence is the note's tooltip.
  const note = rowActivityNote(activity);
  const urgent =
    activity.status?.phase === 'done' && OUTCOMES[activity.status.outcome.kind].tone === 'danger';

  const label = t(
    {
      id: 'grid.reprocess.label',
      defaultMessage: 'Reprocess request {id} ({accessPackage} for {requestor})',
    },
    { id: request.id, accessPackage: packageName, requestor: requestorName },
  );
  // A read-only sign-in gets no Reprocess at all: the page says once why (ReadOnlyNotice).
  const readOnly = accessKnown && !canReprocess;
  const disabledReason = gone
    ? t({ id: 'queue.requestGone', defaultMessage: 'Microsoft Graph no longer has this request' })
    : (activity.busy ?? notReprocessableReason(request, now));

  const button = (
    <Button
      size="small"
      appearance={disabledReason ? 'secondary' : 'primary'}
      aria-label={label}
      // Until the granted permissions are known the button waits: an auditor must never be sent
      // to a consent prompt for a write permission.
      disabled={!accessKnown}
      disabledFocusable={accessKnown && !!disabledReason}
      icon={sending ? <Spinner size="extra-tiny" /> : undefined}
      onClick={() => onReprocess(request)}
      tabIndex={tabIndexOf('reprocess')}
      {...stopAttr('reprocess')}
    >
      {t({ id: 'common.reprocess', defaultMessage: 'Reprocess' })}
    </Button>
  );

  return (
    <TableRow
      aria-rowindex={rowIndex}
      className={mergeClasses(styles.row, hover.row, selected && styles.selectedRow, gone && styles.gone)}
      style={{ transform: `translateY(${top}px)` }}
      data-request-id={request.id}
    >
      {selectable && (
        <TableCell
          role="gridcell"
          className={mergeClasses(styles.sticky, styles.stickySelect)}
          style={columnStyle(col('select'))}
        >
          <Checkbox
            aria-label={t(
              { id: 'grid.select.label', defaultMessage: 'Select request {id}' },
              { id: request.id },
            )}
            checked={selected}
            onChange={(_, data) => onToggle(listed.id, data.checked === true)}
            tabIndex={tabIndexOf('select')}
            {...stopAttr('select')}
          />
        </TableCell>
      )}
      <TableCell
        {...cellProps('requestor', mergeClasses(styles.sticky, styles.stickyRequestor))}
        style={{ ...columnStyle(col('requestor')), left: selectable ? SELECT_WIDTH : 0 }}
      >
        <div className={styles.stack}>
          <Text weight="semibold" className={styles.ellipsis} title={requestorName}>
            {requestorName}
          </Text>
          {requestorId && (
            <span className={mergeClasses(styles.sub, styles.ellipsis)} title={requestorId}>
              {requestorId}
            </span>
          )}
        </div>
      </TableCell>
      <TableCell {...cellProps('package')}>
        <div className={styles.stack}>
          <Text className={styles.ellipsis} title={packageName}>
            {packageName}
          </Text>
          {catalogName && (
            <span className={mergeClasses(styles.sub, styles.ellipsis)} title={catalogName}>
              {catalogName}
            </span>
          )}
        </div>
      </TableCell>
      <TableCell {...cellProps('state')}>
        <StateBadge request={request} />
      </TableCell>
      <TableCell {...cellProps('status')}>
        <span className={styles.status} title={request.status}>
          {request.status ?? '—'}
        </span>
      </TableCell>
      <TableCell {...cellProps('type')}>
        <span className={styles.status} title={typeLabel}>
          {typeLabel}
        </span>
      </TableCell>
      <TableCell {...cellProps('created', styles.small)}>{formatDateTime(request.createdDateTime)}</TableCell>
      <TableCell {...cellProps('completed', styles.small)}>
        {formatDateTime(request.completedDateTime)}
      </TableCell>
      <TableCell
        {...cellProps(
          'window',
          mergeClasses(
            styles.window,
            win.tone === 'soon' && styles.windowSoon,
            win.tone === 'gone' && styles.windowGone,
          ),
        )}
      >
        {win.text}
      </TableCell>
      <TableCell role="gridcell" className={styles.cell} style={columnStyle(col('actions'))}>
        <div className={styles.action} {...{ [OUTCOME_FOR]: request.id }}>
          <div className={styles.buttons}>
            {readOnly ? null : disabledReason && accessKnown ? (
              <DeferredTooltip content={disabledReason}>{button}</DeferredTooltip>
            ) : (
              button
            )}
            <Button
              size="small"
              appearance="subtle"
              aria-label={t(
                { id: 'grid.details.label', defaultMessage: 'Details for request {id}' },
                { id: request.id },
              )}
              onClick={() => onOpenDetails(listed)}
              tabIndex={tabIndexOf('details')}
              {...stopAttr('details')}
            >
              {t({ id: 'grid.details', defaultMessage: 'Details' })}
            </Button>
          </div>
          {/* A live region from the start, so an outcome is announced when it comes: polite, an
              error assertive. */}
          <span
            className={mergeClasses(styles.note, styles.ellipsis)}
            role="status"
            aria-live={urgent ? 'assertive' : 'polite'}
            title={note?.full}
          >
            {note?.short}
          </span>
        </div>
      </TableCell>
    </TableRow>
  );
});
