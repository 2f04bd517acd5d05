import {
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
  CheckmarkCircleRegular,
  DismissCircleRegular,
  QuestionCircleRegular,
  SubtractCircleRegular,
} from '@fluentui/react-icons';
import { memo } from 'react';
import { CopyButton } from '../../components/copy-button';
import type { ActivityEntry } from '../../record/activity-record';
import {
  afterwardText,
  formatLocal,
  formatUtc,
  httpStatusLabel,
  outcomeHint,
  outcomeLabel,
  outcomeTone,
  sourceLabel,
  type OutcomeTone,
} from './activity-format';
import { useRecordTableStyles, useRowHoverStyles } from '../../components/table-styles';

const useStyles = makeStyles({
  table: { minWidth: '1280px' },
  stack: { display: 'grid', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  nowrap: { whiteSpace: 'nowrap' },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  idRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, minWidth: 0 },
  idLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  outcome: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  icon: { fontSize: '20px', flexShrink: 0 },
  // Status tokens: each theme maps them to a colour readable on its background (the marigold
  // palette colour is about 2:1 on white).
  success: { color: tokens.colorStatusSuccessForeground1 },
  danger: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  neutral: { color: tokens.colorNeutralForeground3 },
  // Widths that keep a GUID (36 monospace characters) on one line next to its copy button.
  colTime: { width: '180px' },
  colUser: { width: '180px' },
  colRequest: { width: '300px' },
  colOutcome: { width: '210px' },
  colIds: { width: '300px' },
  colSource: { width: '110px' },
});

const COLUMNS = [
  { label: 'Time', width: 'colTime' },
  { label: 'User', width: 'colUser' },
  { label: 'Request', width: 'colRequest' },
  { label: 'Outcome', width: 'colOutcome' },
  { label: 'Graph ids', width: 'colIds' },
  { label: 'Sent from', width: 'colSource' },
] as const;

export interface ActivityTableProps {
  entries: readonly ActivityEntry[];
  /** Row index (1-based, header included) of the first entry, for paged lists. */
  firstRowIndex: number;
  totalRows: number;
  isInFlight: (entryId: string) => boolean;
}

export function ActivityTable({ entries, firstRowIndex, totalRows, isInFlight }: ActivityTableProps) {
  const styles = { ...useRecordTableStyles(), ...useStyles() };
  return (
    <div className={styles.wrap}>
      <Table className={styles.table} aria-label="Activity" aria-rowcount={totalRows + 1} size="small">
        <TableHeader>
          <TableRow aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <TableHeaderCell key={c.label} className={styles[c.width]}>
                {c.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((entry, i) => (
            <ActivityRow
              key={entry.id}
              entry={entry}
              rowIndex={firstRowIndex + i}
              inFlight={entry.outcome === 'pending' && isInFlight(entry.id)}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

const TONE_ICON: Record<OutcomeTone, typeof CheckmarkCircleRegular> = {
  success: CheckmarkCircleRegular,
  danger: DismissCircleRegular,
  warning: QuestionCircleRegular,
  neutral: SubtractCircleRegular,
};

function IdLine({ label, value }: { label: string; value: string }) {
  const styles = { ...useRecordTableStyles(), ...useStyles() };
  return (
    <div className={styles.stack}>
      <span className={styles.idLabel}>{label}</span>
      <span className={styles.idRow}>
        <span className={styles.mono}>{value}</span>
        <CopyButton value={value} label={`Copy ${label}`} />
      </span>
    </div>
  );
}

const ActivityRow = memo(function ActivityRow({
  entry,
  rowIndex,
  inFlight,
}: {
  entry: ActivityEntry;
  rowIndex: number;
  inFlight: boolean;
}) {
  const styles = { ...useRecordTableStyles(), ...useStyles() };
  const hover = useRowHoverStyles();
  const tone = inFlight ? 'neutral' : outcomeTone(entry);
  const Icon = TONE_ICON[tone];
  const label = outcomeLabel(entry, inFlight);
  const hint = outcomeHint(entry, inFlight);
  const status = httpStatusLabel(entry.httpStatus);
  const afterward = afterwardText(entry);
  return (
    <TableRow
      aria-rowindex={rowIndex}
      className={hover.row}
      data-entry-id={entry.id}
      data-request-id={entry.requestId}
    >
      <TableCell className={styles.cell}>
        <div className={styles.stack}>
          <Text className={styles.nowrap}>{formatUtc(entry.time)}</Text>
          <span className={styles.sub}>{formatLocal(entry.time)} (local)</span>
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.stack}>
          {entry.actor.name && <Text weight="semibold">{entry.actor.name}</Text>}
          <span className={styles.sub}>{entry.actor.upn}</span>
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.stack}>
          <Text weight="semibold">
            {entry.requestorName ?? entry.requestorPrincipal ?? 'Requestor not recorded'}
          </Text>
          {entry.requestorName && entry.requestorPrincipal && (
            <span className={styles.sub}>{entry.requestorPrincipal}</span>
          )}
          <Text>{entry.accessPackageName ?? entry.accessPackageId ?? 'Access package not recorded'}</Text>
          <IdLine label="request id" value={entry.requestId} />
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.outcome}>
          <Icon className={mergeClasses(styles.icon, styles[tone])} aria-hidden />
          <div className={styles.stack}>
            <Text weight="semibold">{label}</Text>
            {(status ?? entry.graphErrorCode) && (
              <span className={styles.sub}>
                {[status, entry.graphErrorCode && `Graph code ${entry.graphErrorCode}`]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            )}
            {hint && <span className={styles.sub}>{hint}</span>}
            {afterward && <Text size={200}>{afterward}</Text>}
          </div>
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.stack}>
          {entry.graphRequestId && <IdLine label="request-id" value={entry.graphRequestId} />}
          {entry.clientRequestId && <IdLine label="client-request-id" value={entry.clientRequestId} />}
          {!entry.graphRequestId && !entry.clientRequestId && <span className={styles.sub}>—</span>}
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.stack}>
          <Text>{sourceLabel(entry)}</Text>
          {entry.bulkRunId && <span className={styles.mono}>{entry.bulkRunId}</span>}
          <span className={styles.sub}>Graph {entry.apiVersion}</span>
        </div>
      </TableCell>
    </TableRow>
  );
});
