import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CopyButton } from '../../../components/copy-button';
import {
  initiatorLabel,
  resultLabel,
  targetTypeLabel,
  type AuditInitiator,
  type DirectoryAuditEvent,
} from '../model';
import { t } from '../../../i18n/i18n';

const useStyles = makeStyles({
  details: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalXL,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  group: { display: 'grid', gap: tokens.spacingVerticalXS, alignContent: 'start', minWidth: 0 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  person: { display: 'grid', minWidth: 0 },
  upn: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  idLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, minWidth: 0 },
});

/** Who did it: the name, with a user's UPN on a line of its own (UPNs are long). */
export function Initiator({ initiator }: { initiator: AuditInitiator }) {
  const styles = useStyles();
  if (initiator.kind !== 'user' || !initiator.displayName || !initiator.userPrincipalName) {
    return <span className={styles.value}>{initiatorLabel(initiator)}</span>;
  }
  return (
    <span className={styles.person}>
      <span>{initiator.displayName}</span>
      <span className={styles.upn}>{initiator.userPrincipalName}</span>
    </span>
  );
}

export function ResultBadge({ result }: { result: string | undefined }) {
  const color = result === 'success' ? 'success' : result === 'failure' ? 'danger' : 'warning';
  return (
    <Badge appearance="tint" shape="rounded" color={color}>
      {resultLabel(result)}
    </Badge>
  );
}

/** An id shown whole, in a monospace font, with a copy button. */
export function CopyableId({ label, value }: { label: string; value: string }) {
  const styles = useStyles();
  return (
    <span className={styles.idLine}>
      <span className={styles.mono}>{value}</span>
      <CopyButton
        value={value}
        label={t({ id: 'audit.copy', defaultMessage: 'Copy {what}' }, { what: label })}
      />
    </span>
  );
}

function Pairs({ pairs }: { pairs: readonly (readonly [string, string])[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {pairs.map(([k, v], i) => (
        <div key={`${k}-${i}`} className={styles.pair}>
          <dt className={styles.term}>{k}</dt>
          <dd className={styles.value}>{v === '' ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Everything else Entra recorded about an event, for the expanded view. */
export function AuditEventDetails({ event }: { event: DirectoryAuditEvent }) {
  const styles = useStyles();
  return (
    <div className={styles.details}>
      <div className={styles.group}>
        <Text weight="semibold">
          {t({ id: 'audit.details.additional', defaultMessage: 'Additional details' })}
        </Text>
        {event.additionalDetails.length > 0 ? (
          <Pairs pairs={event.additionalDetails.map((d) => [d.key, d.value] as const)} />
        ) : (
          <Text>{t({ id: 'audit.details.none', defaultMessage: 'None recorded.' })}</Text>
        )}
      </div>
      <div className={styles.group}>
        <Text weight="semibold">{t({ id: 'audit.details.targets', defaultMessage: 'Targets' })}</Text>
        {event.targets.length > 0 ? (
          <Pairs
            pairs={event.targets.map(
              (t) =>
                [
                  targetTypeLabel(t.type),
                  [t.displayName, t.userPrincipalName, t.id].filter((x) => x !== undefined).join(' · '),
                ] as const,
            )}
          />
        ) : (
          <Text>{t({ id: 'audit.details.none', defaultMessage: 'None recorded.' })}</Text>
        )}
      </div>
      <div className={styles.group}>
        <Text weight="semibold">{t({ id: 'audit.details.event', defaultMessage: 'Event' })}</Text>
        <Pairs
          pairs={[
            [t({ id: 'audit.details.eventId', defaultMessage: 'Event id' }), event.id],
            [
              t({ id: 'audit.details.correlationId', defaultMessage: 'Correlation id' }),
              event.correlationId ?? '',
            ],
            [t({ id: 'audit.details.service', defaultMessage: 'Service' }), event.loggedByService ?? ''],
            [t({ id: 'audit.details.category', defaultMessage: 'Category' }), event.category ?? ''],
            [t({ id: 'audit.details.operation', defaultMessage: 'Operation' }), event.operationType ?? ''],
          ]}
        />
      </div>
    </div>
  );
}
