import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { formatAuditTime } from '../format';
import { initiatorLabel, type DirectoryAuditEvent } from '../model';
import { AuditEventDetails, ResultBadge } from './audit-event-details';
import { t } from '../../../i18n/i18n';
import { tRich } from '../../../i18n/react';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `3px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  failure: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  success: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  reason: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  toggle: { justifySelf: 'start' },
});

/** The events of one request, compact, oldest at the bottom. */
export function AuditEventList({ events, label }: { events: readonly DirectoryAuditEvent[]; label: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState<string | undefined>();
  return (
    <ol className={styles.list} aria-label={label}>
      {events.map((event) => {
        const expanded = open === event.id;
        const time = formatAuditTime(event.activityDateTime);
        const tone =
          event.result === 'failure'
            ? styles.failure
            : event.result === 'success'
              ? styles.success
              : undefined;
        return (
          <li key={event.id} className={mergeClasses(styles.item, tone)} data-audit-id={event.id}>
            <div className={styles.head}>
              <Text weight="semibold">{event.activityDisplayName}</Text>
              <ResultBadge result={event.result} />
            </div>
            <span className={styles.sub}>
              {tRich(
                { id: 'audit.event.timeBy', defaultMessage: '<when>{time}</when> · by {initiator}' },
                {
                  time,
                  when: (chunks) => (
                    <span key="time" title={event.activityDateTime}>
                      {chunks}
                    </span>
                  ),
                  initiator: initiatorLabel(event.initiatedBy),
                },
              )}
            </span>
            {event.resultReason && <span className={styles.reason}>{event.resultReason}</span>}
            <Button
              className={styles.toggle}
              size="small"
              appearance="transparent"
              icon={expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
              aria-expanded={expanded}
              aria-label={t(
                { id: 'audit.event.detailsOf', defaultMessage: 'Details of "{activity}" at {time}' },
                { activity: event.activityDisplayName, time },
              )}
              onClick={() => setOpen(expanded ? undefined : event.id)}
            >
              {t({ id: 'audit.event.details', defaultMessage: 'Details' })}
            </Button>
            {expanded && <AuditEventDetails event={event} />}
          </li>
        );
      })}
    </ol>
  );
}
