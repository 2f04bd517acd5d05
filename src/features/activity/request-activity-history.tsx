import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useActivityStore } from '../../record/activity-record-provider';
import { formatLocal, formatUtc, outcomeLabel, sourceLabel } from './activity-format';
import { useActivityEntries } from './use-activity-entries';
import { t } from '../../i18n/i18n';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalXS, margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** This request's entries in the activity record (every session, this browser), for the details drawer. */
export function RequestActivityHistory({ requestId }: { requestId: string }) {
  const styles = useStyles();
  const state = useActivityEntries(useActivityStore(), { requestId });
  if (state.status === 'loading')
    return (
      <Text className={styles.muted}>
        {t({ id: 'activity.reading', defaultMessage: 'Reading the activity record…' })}
      </Text>
    );
  if (state.status === 'error') {
    return (
      <Text>
        {t({
          id: 'activity.history.readFailed',
          defaultMessage: 'The activity record could not be read in this browser.',
        })}
      </Text>
    );
  }
  if (state.entries.length === 0) {
    return (
      <Text className={styles.muted}>
        {t({
          id: 'activity.history.none',
          defaultMessage: 'The activity record has no reprocess of this request.',
        })}
      </Text>
    );
  }
  return (
    <ul
      className={styles.list}
      aria-label={t({ id: 'activity.history.label', defaultMessage: 'Activity record for this request' })}
    >
      {state.entries.map((entry) => (
        <li key={entry.id}>
          <Text title={formatUtc(entry.time)}>{formatLocal(entry.time)}</Text> · {entry.actor.upn} ·{' '}
          {sourceLabel(entry)} · <Text weight="semibold">{outcomeLabel(entry)}</Text>
          {entry.graphErrorCode ? ` (${entry.graphErrorCode})` : ''}
        </li>
      ))}
    </ul>
  );
}
