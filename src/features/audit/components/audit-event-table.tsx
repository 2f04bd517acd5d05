import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { Fragment, useState } from 'react';
import { formatAuditTime } from '../format';
import { targetLabel, type DirectoryAuditEvent } from '../model';
import { AuditEventDetails, CopyableId, Initiator, ResultBadge } from './audit-event-details';
import { t } from '../../../i18n/i18n';
import { useRecordTableStyles, useRowHoverStyles } from '../../../components/table-styles';

const useStyles = makeStyles({
  table: { minWidth: '1240px' },
  time: { width: '170px' },
  activity: { width: '200px' },
  result: { width: '190px' },
  initiator: { width: '210px' },
  correlation: { width: '210px' },
  toggle: { width: '110px' },
  stack: { display: 'grid', gap: tokens.spacingVerticalXXS, justifyItems: 'start', minWidth: 0 },
  reason: {
    display: '-webkit-box',
    WebkitLineClamp: '3',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase200,
  },
  expanded: { backgroundColor: tokens.colorNeutralBackground2 },
});

/** The columns, worded in the language in use. */
function columns() {
  return [
    { key: 'time', name: t({ id: 'audit.table.time', defaultMessage: 'Time' }), width: 'time' },
    {
      key: 'activity',
      name: t({ id: 'audit.table.activity', defaultMessage: 'Activity' }),
      width: 'activity',
    },
    { key: 'result', name: t({ id: 'audit.table.result', defaultMessage: 'Result' }), width: 'result' },
    {
      key: 'initiator',
      name: t({ id: 'audit.table.initiatedBy', defaultMessage: 'Initiated by' }),
      width: 'initiator',
    },
    // Takes what is left.
    { key: 'targets', name: t({ id: 'audit.details.targets', defaultMessage: 'Targets' }), width: undefined },
    {
      key: 'correlation',
      name: t({ id: 'audit.details.correlationId', defaultMessage: 'Correlation id' }),
      width: 'correlation',
    },
    { key: 'details', name: t({ id: 'audit.event.details', defaultMessage: 'Details' }), width: 'toggle' },
  ] as const;
}

/** The main targets in the row; the full list is in the details. */
const ROW_TARGET_TYPES = new Set(['AccessPackage', 'User', 'AccessPackageAssignmentRequest']);

export function AuditEventTable({ events }: { events: readonly DirectoryAuditEvent[] }) {
  const styles = { ...useRecordTableStyles(), ...useStyles() };
  const hover = useRowHoverStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const cols = columns();
  const toggle = (id: string): void =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className={styles.wrap}>
      <Table
        className={styles.table}
        aria-label={t({ id: 'audit.drawer.title', defaultMessage: 'Entra audit events' })}
        size="small"
      >
        <TableHeader>
          <TableRow>
            {cols.map((c) => (
              <TableHeaderCell key={c.key} className={c.width && styles[c.width]}>
                {c.name}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.map((event) => {
            const expanded = open.has(event.id);
            const time = formatAuditTime(event.activityDateTime);
            const targets = event.targets.filter((t) => t.type !== undefined && ROW_TARGET_TYPES.has(t.type));
            return (
              <Fragment key={event.id}>
                <TableRow className={hover.row} data-audit-id={event.id}>
                  <TableCell className={styles.cell}>
                    <span title={event.activityDateTime}>{time}</span>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <Text weight="semibold">{event.activityDisplayName}</Text>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <div className={styles.stack}>
                      <ResultBadge result={event.result} />
                      {event.resultReason && (
                        <span className={styles.reason} title={event.resultReason}>
                          {event.resultReason}
                        </span>
                      )}
                    </div>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <Initiator initiator={event.initiatedBy} />
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <div className={styles.stack}>
                      {(targets.length > 0 ? targets : event.targets).map((t, i) => (
                        <span key={`${t.id ?? ''}-${i}`} className={i === 0 ? undefined : styles.sub}>
                          {targetLabel(t)}
                        </span>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    {event.correlationId ? (
                      <CopyableId
                        label={t({ id: 'audit.table.correlationIdLower', defaultMessage: 'correlation id' })}
                        value={event.correlationId}
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
                      aria-expanded={expanded}
                      aria-label={t(
                        { id: 'audit.event.detailsOf', defaultMessage: 'Details of "{activity}" at {time}' },
                        { activity: event.activityDisplayName, time },
                      )}
                      onClick={() => toggle(event.id)}
                    >
                      {t({ id: 'audit.event.details', defaultMessage: 'Details' })}
                    </Button>
                  </TableCell>
                </TableRow>
                {expanded && (
                  <TableRow className={styles.expanded}>
                    <TableCell colSpan={cols.length}>
                      <AuditEventDetails event={event} />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
