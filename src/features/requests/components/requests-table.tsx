import {
  Badge,
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { memo } from 'react';
import { useNow } from '../../../components/use-now';
import { useRowActivityStore } from '../api/use-reprocess';
import { useRowActivity } from '../row-activity';
import {
  isReprocessable,
  reprocessWindow,
  requestTypeLabel,
  stateLabel,
  type AssignmentRequest,
} from '../model';
import { formatDateTime } from '../format';

const useStyles = makeStyles({
  wrap: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  table: { minWidth: '1180px' },
  stack: { display: 'grid', minWidth: 0 },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  status: {
    display: '-webkit-box',
    WebkitLineClamp: '2',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  gone: { opacity: 0.6 },
  action: { display: 'grid', gap: tokens.spacingVerticalXXS, justifyItems: 'start' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

const COLUMNS = [
  'Requestor',
  'Access package',
  'State',
  'Status',
  'Type',
  'Created',
  'Completed',
  'Reprocess window',
  'Action',
] as const;

export interface RequestsTableProps {
  requests: readonly AssignmentRequest[];
  canReprocess: boolean;
  accessKnown: boolean;
  onReprocess: (req: AssignmentRequest) => void;
}

export function RequestsTable({ requests, canReprocess, accessKnown, onReprocess }: RequestsTableProps) {
  const styles = useStyles();
  const now = useNow(60_000);
  return (
    <div className={styles.wrap}>
      <Table
        className={styles.table}
        aria-label="Failed requests"
        aria-rowcount={requests.length + 1}
        size="small"
      >
        <TableHeader>
          <TableRow aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <TableHeaderCell key={c}>{c}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {requests.map((req, i) => (
            <RequestRow
              key={req.id}
              index={i + 2}
              request={req}
              now={now}
              canReprocess={canReprocess}
              accessKnown={accessKnown}
              onReprocess={onReprocess}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function StateBadge({ request }: { request: AssignmentRequest }) {
  const label = stateLabel(request.state === 'unknown' ? request.stateRaw : request.state);
  const color =
    request.state === 'deliveryFailed'
      ? 'danger'
      : request.state === 'partiallyDelivered'
        ? 'warning'
        : request.state === 'delivered'
          ? 'success'
          : request.state === 'delivering'
            ? 'informative'
            : 'subtle';
  return (
    <Badge appearance="tint" color={color} shape="rounded">
      {label}
    </Badge>
  );
}

function windowText(request: AssignmentRequest, now: Date): string {
  const w = reprocessWindow(request, now);
  if (w.daysLeft === undefined) return 'Unknown';
  if (w.expired) return 'Outside window';
  if (w.daysLeft === 0) return 'Ends today';
  return `${w.daysLeft} day${w.daysLeft === 1 ? '' : 's'} left`;
}

interface RowProps {
  index: number;
  request: AssignmentRequest;
  now: Date;
  canReprocess: boolean;
  accessKnown: boolean;
  onReprocess: (req: AssignmentRequest) => void;
}

const RequestRow = memo(function RequestRow({
  index,
  request: listed,
  now,
  canReprocess,
  accessKnown,
  onReprocess,
}: RowProps) {
  const styles = useStyles();
  const activity = useRowActivity(useRowActivityStore(), listed.id);
  const request = activity?.phase === 'settled' ? activity.request : listed;
  const requestorName = request.requestor?.displayName ?? 'Unknown requestor';
  const requestorId = request.requestor?.email ?? request.requestor?.principalName;
  const packageName = request.accessPackage?.displayName ?? 'Unknown access package';
  const sending = activity?.phase === 'sending';
  const gone = activity?.phase === 'gone';
  const eligible = isReprocessable(request, now);

  let note: string | undefined;
  if (sending) note = 'Reprocessing…';
  else if (activity?.phase === 'submitted') note = 'Submitted: delivery is being retried';
  else if (activity?.phase === 'settled') note = `Reprocessed: now ${stateLabel(request.stateRaw)}`;
  else if (gone) note = 'No longer exists';
  else if (activity?.phase === 'failed') note = 'Last reprocess failed';

  const label = `Reprocess request ${request.id} (${packageName} for ${requestorName})`;
  const disabledReason = !canReprocess
    ? 'Read-only: reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.'
    : gone
      ? 'This request no longer exists.'
      : undefined;

  const button = (
    <Button
      size="small"
      appearance={eligible ? 'primary' : 'secondary'}
      aria-label={label}
      // Until the granted permissions are known the button waits: an auditor must never be sent
      // to a consent prompt for a write permission.
      disabled={sending || !accessKnown}
      disabledFocusable={!sending && accessKnown && !!disabledReason}
      icon={sending ? <Spinner size="extra-tiny" /> : undefined}
      onClick={() => onReprocess(request)}
    >
      Reprocess
    </Button>
  );

  return (
    <TableRow
      aria-rowindex={index}
      className={mergeClasses(gone && styles.gone)}
      data-request-id={request.id}
    >
      <TableCell>
        <div className={styles.stack}>
          <Text weight="semibold">{requestorName}</Text>
          {requestorId && <span className={styles.sub}>{requestorId}</span>}
        </div>
      </TableCell>
      <TableCell>
        <div className={styles.stack}>
          <Text>{packageName}</Text>
          {request.accessPackage?.catalog?.displayName && (
            <span className={styles.sub}>{request.accessPackage.catalog.displayName}</span>
          )}
        </div>
      </TableCell>
      <TableCell>
        <StateBadge request={request} />
      </TableCell>
      <TableCell>
        <span className={styles.status} title={request.status}>
          {request.status ?? '—'}
        </span>
      </TableCell>
      <TableCell>{requestTypeLabel(request.requestTypeRaw)}</TableCell>
      <TableCell>{formatDateTime(request.createdDateTime)}</TableCell>
      <TableCell>{formatDateTime(request.completedDateTime)}</TableCell>
      <TableCell>{windowText(request, now)}</TableCell>
      <TableCell>
        <div className={styles.action}>
          {disabledReason && accessKnown ? (
            <Tooltip content={disabledReason} relationship="description">
              {button}
            </Tooltip>
          ) : (
            button
          )}
          {note && (
            <span className={styles.note} role="status">
              {note}
            </span>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
});
