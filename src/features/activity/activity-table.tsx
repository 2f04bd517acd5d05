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
import { t } from '../../i18n/i18n';
import { useLocale } from '../../i18n/react';
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

/** The columns, worded in the language in use. */
function columns() {
  return [
    { label: t({ id: 'activity.table.time', defaultMessage: 'Time' }), width: 'colTime' },
    { label: t({ id: 'activity.table.user', defaultMessage: 'User' }), width: 'colUser' },
    { label: t({ id: 'activity.table.request', defaultMessage: 'Request' }), width: 'colRequest' },
    { label: t({ id: 'activity.table.outcome', defaultMessage: 'Outcome' }), width: 'colOutcome' },
    { label: t({ id: 'activity.table.graphIds', defaultMessage: 'Graph ids' }), width: 'colIds' },
    { label: t({ id: 'activity.table.sentFrom', defaultMessage: 'Sent from' }), width: 'colSource' },
  ] as const;
}

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
      <Table
        className={styles.table}
        aria-label={t({ id: 'activity.table.label', defaultMessage: 'Activity' })}
        aria-rowcount={totalRows + 1}
        size="small"
      >
        <TableHeader>
          <TableRow aria-rowindex={1}>
            {columns().map((c) => (
              <TableHeaderCell key={c.width} className={styles[c.width]}>
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
        <CopyButton
          value={value}
          label={t({ id: 'activity.table.copy', defaultMessage: 'Copy {what}' }, { what: label })}
        />
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
  // A memo row: a new language must still re-render it.
  useLocale();
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
          <span className={styles.sub}>
            {t(
              { id: 'activity.table.localTime', defaultMessage: '{time} (local)' },
              { time: formatLocal(entry.time) },
            )}
          </span>
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
            {entry.requestorName ??
              entry.requestorPrincipal ??
              t({ id: 'activity.table.noRequestor', defaultMessage: 'Requestor not recorded' })}
          </Text>
          {entry.requestorName && entry.requestorPrincipal && (
            <span className={styles.sub}>{entry.requestorPrincipal}</span>
          )}
          <Text>
            {entry.accessPackageName ??
              entry.accessPackageId ??
              t({ id: 'activity.table.noAccessPackage', defaultMessage: 'Access package not recorded' })}
          </Text>
          <IdLine
            label={t({ id: 'activity.table.requestId', defaultMessage: 'request id' })}
            value={entry.requestId}
          />
        </div>
      </TableCell>
      <TableCell className={styles.cell}>
        <div className={styles.outcome}>
          <Icon className={mergeClasses(styles.icon, styles[tone])} aria-hidden />
          <div className={styles.stack}>
            <Text weight="semibold">{label}</Text>
            {(status ?? entry.graphErrorCode) && (
              <span className={styles.sub}>
                {[
                  status,
                  entry.graphErrorCode &&
                    t(
                      { id: 'activity.table.graphCode', defaultMessage: 'Graph code {code}' },
                      { code: entry.graphErrorCode },
                    ),
                ]
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
