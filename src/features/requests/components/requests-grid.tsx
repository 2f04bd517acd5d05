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
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  type CSSProperties,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';
import { DeferredTooltip } from '../../../components/deferred-tooltip';
import { useFixedRowWindow } from '../../../components/use-fixed-row-window';
import { useNow } from '../../../components/use-now';
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
import { rowActivityNote } from '../row-activity';
import { OUTCOME_FOR } from '../outcome-on-screen';
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
  label: string;
  /** Fixed columns have a width; the text-heavy ones share what is left, from a minimum. */
  width?: number;
  grow?: number;
  minWidth?: number;
}

// Requestor (name over email) and Status (Graph's failure text) get the room; the rest is sized
// to its longest usual value, so an email never wraps mid-word at 1440px.
const COLUMNS: readonly Column[] = [
  { id: 'select', label: 'Selection', width: 44 },
  { id: 'requestor', label: 'Requestor', grow: 1.5, minWidth: 200 },
  { id: 'package', label: 'Access package', grow: 1, minWidth: 160 },
  { id: 'state', label: 'State', width: 146 },
  { id: 'status', label: 'Status', grow: 1.7, minWidth: 190 },
  { id: 'type', label: 'Type', width: 100 },
  { id: 'created', label: 'Created', width: 112 },
  { id: 'completed', label: 'Completed', width: 112 },
  { id: 'window', label: 'Reprocess window', width: 120 },
  { id: 'actions', label: 'Actions', width: 184 },
];
const WITHOUT_SELECT: readonly Column[] = COLUMNS.filter((c) => c.id !== 'select');
const minRowWidth = (columns: readonly Column[]) =>
  columns.reduce((sum, c) => sum + (c.width ?? c.minWidth ?? 0), 0);
const MIN_ROW_WIDTH = minRowWidth(COLUMNS);

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
  },
  // The table is its own scroll container, so its header stays in view and the page stays put.
  scroller: { overflow: 'auto', minHeight: 0, flexGrow: 1, position: 'relative' },
  scrollerEmpty: { flexGrow: 0, overflowY: 'hidden' },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    minWidth: `${MIN_ROW_WIDTH}px`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: `inset 0 -1px 0 ${tokens.colorNeutralStroke2}`,
  },
  headerRow: { height: `${HEADER_HEIGHT}px`, borderBottomStyle: 'none' },
  headerCell: { fontWeight: tokens.fontWeightSemibold },
  body: { position: 'relative', minWidth: `${MIN_ROW_WIDTH}px` },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    top: 0,
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
  },
  selectedRow: { backgroundColor: tokens.colorBrandBackground2 },
  cell: { overflow: 'hidden' },
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
    : { flex: `${column.grow ?? 1} 1 0px`, minWidth: `${column.minWidth ?? 0}px`, boxSizing: 'border-box' };
}

export interface RequestsGridProps {
  /** The rows to show, already filtered and in order. */
  requests: readonly AssignmentRequest[];
  /** The table's accessible name. */
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
}

/**
 * The failed-requests grid: sortable headers (aria-sort), a checkbox per row and one for the rows
 * in view (as a mail client's: the page then offers all that match), and virtualized rows (aria-rowcount/aria-rowindex tell assistive technology the
 * whole size). Reusable for any list of requests, e.g. one access package's.
 */
export function RequestsGrid({
  requests,
  label = 'Failed requests',
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
}: RequestsGridProps) {
  const columns = selectable ? COLUMNS : WITHOUT_SELECT;
  const rowMinWidth = selectable ? undefined : { minWidth: `${minRowWidth(columns)}px` };
  const styles = useStyles();
  const ownNow = useNow(60_000);
  const now = nowProp ?? ownNow;
  const scrollRef = useRef<HTMLDivElement>(null);

  const rowWindow = useFixedRowWindow(scrollRef, {
    count: requests.length,
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    // The rows start below the sticky header, inside the same scroll container.
    offsetTop: HEADER_HEIGHT,
  });

  const firstKey = useRef(scrollResetKey);
  useEffect(() => {
    if (firstKey.current === scrollResetKey) return;
    firstKey.current = scrollResetKey;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [scrollResetKey]);

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

  const empty = requests.length === 0;
  const shownRows = requests.slice(rowWindow.first, rowWindow.last);

  return (
    <div className={mergeClasses(styles.frame, className)}>
      <Table
        ref={scrollRef}
        noNativeElements
        sortable
        size="small"
        aria-label={label}
        aria-rowcount={requests.length + 1}
        aria-busy={busy || undefined}
        className={mergeClasses(styles.scroller, empty && styles.scrollerEmpty)}
      >
        <TableHeader className={styles.header} style={rowMinWidth}>
          <TableRow aria-rowindex={1} className={styles.headerRow}>
            {columns.map((column) =>
              column.id === 'select' ? (
                <TableHeaderCell key={column.id} sortable={false} style={columnStyle(column)}>
                  <Checkbox
                    aria-label="Select the rows in view"
                    checked={allChecked}
                    disabled={empty}
                    onChange={toggleInView}
                  />
                </TableHeaderCell>
              ) : column.id === 'actions' ? (
                <TableHeaderCell
                  key={column.id}
                  sortable={false}
                  className={styles.headerCell}
                  style={columnStyle(column)}
                >
                  {column.label}
                </TableHeaderCell>
              ) : (
                <SortableHeader
                  key={column.id}
                  column={column}
                  sortKey={column.id}
                  sort={sort}
                  onSortChange={onSortChange}
                />
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody className={styles.body} style={{ height: `${rowWindow.totalHeight}px`, ...rowMinWidth }}>
          {shownRows.map((request, i) => {
            const index = rowWindow.first + i;
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
}: {
  column: Column;
  sortKey: SortKey;
  sort: QueueSort;
  onSortChange: (sort: QueueSort) => void;
}) {
  const styles = useStyles();
  const active = sort.key === sortKey;
  return (
    <TableHeaderCell
      className={styles.headerCell}
      style={columnStyle(column)}
      sortDirection={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      onClick={() => onSortChange(nextSort(sort, sortKey))}
    >
      {column.label}
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
  if (w.daysLeft === undefined) return { text: 'Unknown' };
  if (w.expired) return { text: 'Outside window', tone: 'gone' };
  if (w.daysLeft >= 1) return { text: `${w.daysLeft} day${w.daysLeft === 1 ? '' : 's'} left` };
  const completed = parseGraphDate(request.completedDateTime) ?? 0;
  const msLeft = windowMsLeftAt(completed, now.getTime());
  if (msLeft >= HOUR_MS) return { text: `Ends in ${Math.floor(msLeft / HOUR_MS)} h`, tone: 'soon' };
  const minutes = Math.floor(msLeft / 60_000);
  return { text: minutes < 1 ? 'Ends in under a minute' : `Ends in ${minutes} min`, tone: 'soon' };
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
  onReprocess,
  onOpenDetails,
  onToggle,
}: RowProps) {
  const styles = useStyles();
  const hover = useRowHoverStyles();
  const activity = useRequestActivity(listed.id);
  const request = activity.settled ?? listed;
  const requestorName = request.requestor?.displayName ?? 'Unknown requestor';
  const requestorId = request.requestor?.email ?? request.requestor?.principalName;
  const packageName = request.accessPackage?.displayName ?? 'Unknown access package';
  const catalogName = request.accessPackage?.catalog?.displayName;
  const phase = activity.status?.phase;
  const sending = phase === 'sending' || phase === 'checking';
  const gone =
    phase === 'done' && activity.status?.phase === 'done' && activity.status.outcome.kind === 'notFound';
  const win = windowInfo(request, now);
  const typeLabel = requestTypeLabel(request.requestTypeRaw);

  // Short enough for the column; the full sentence is the note's tooltip.
  const note = rowActivityNote(activity);

  const label = `Reprocess request ${request.id} (${packageName} for ${requestorName})`;
  // A read-only sign-in gets no Reprocess at all: the page says once why (ReadOnlyNotice).
  const readOnly = accessKnown && !canReprocess;
  const disabledReason = gone
    ? 'Microsoft Graph no longer has this request'
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
    >
      Reprocess
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
        <TableCell style={columnStyle(col('select'))}>
          <Checkbox
            aria-label={`Select request ${request.id}`}
            checked={selected}
            onChange={(_, data) => onToggle(listed.id, data.checked === true)}
          />
        </TableCell>
      )}
      <TableCell className={styles.cell} style={columnStyle(col('requestor'))}>
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
      <TableCell className={styles.cell} style={columnStyle(col('package'))}>
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
      <TableCell className={styles.cell} style={columnStyle(col('state'))}>
        <StateBadge request={request} />
      </TableCell>
      <TableCell className={styles.cell} style={columnStyle(col('status'))}>
        <span className={styles.status} title={request.status}>
          {request.status ?? '—'}
        </span>
      </TableCell>
      <TableCell className={styles.cell} style={columnStyle(col('type'))}>
        <span className={styles.status} title={typeLabel}>
          {typeLabel}
        </span>
      </TableCell>
      <TableCell className={mergeClasses(styles.cell, styles.small)} style={columnStyle(col('created'))}>
        {formatDateTime(request.createdDateTime)}
      </TableCell>
      <TableCell className={mergeClasses(styles.cell, styles.small)} style={columnStyle(col('completed'))}>
        {formatDateTime(request.completedDateTime)}
      </TableCell>
      <TableCell
        className={mergeClasses(
          styles.cell,
          styles.window,
          win.tone === 'soon' && styles.windowSoon,
          win.tone === 'gone' && styles.windowGone,
        )}
        style={columnStyle(col('window'))}
      >
        {win.text}
      </TableCell>
      <TableCell className={styles.cell} style={columnStyle(col('actions'))}>
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
              aria-label={`Details for request ${request.id}`}
              onClick={() => onOpenDetails(listed)}
            >
              Details
            </Button>
          </div>
          {note && (
            <span className={mergeClasses(styles.note, styles.ellipsis)} role="status" title={note.full}>
              {note.short}
            </span>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
});
