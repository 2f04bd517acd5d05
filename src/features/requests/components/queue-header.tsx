import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { Spinner } from '../../../components/spinner';
import { t } from '../../../i18n/i18n';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { flexGrow: 1, display: 'grid' },
  note: { color: tokens.colorNeutralForeground3 },
  tools: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface QueueHeaderProps {
  /** "210 failed requests", "Loading failed requests…": announced politely as it changes. */
  countText: string;
  /** Said after the count: how the list was loaded, when that is worth knowing. */
  countNote?: string;
  /** Tools before Refresh (export, then the "Reprocess by id…" command). */
  children?: ReactNode;
  /** A refresh is under way (the first load shows its own progress). */
  refreshing: boolean;
  refreshDisabled: boolean;
  onRefresh: () => void;
}

/** The queue's title, its count, and its tools ending with Refresh: the same on both queue pages. */
export function QueueHeader({
  countText,
  countNote,
  children,
  refreshing,
  refreshDisabled,
  onRefresh,
}: QueueHeaderProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <div className={styles.title}>
        <Text as="h2" id="queue-title" size={600} weight="semibold">
          {t({ id: 'queue.title', defaultMessage: 'Failed requests' })}
        </Text>
        <Text role="status" aria-live="polite">
          {countText}
          {countNote !== undefined && <span className={styles.note}> · {countNote}</span>}
        </Text>
      </div>
      <div className={styles.tools}>
        {children}
        {refreshing && <Spinner size="tiny" aria-hidden />}
        <Button icon={<ArrowClockwiseRegular />} disabled={refreshDisabled} onClick={onRefresh}>
          {t({ id: 'common.refresh', defaultMessage: 'Refresh' })}
        </Button>
      </div>
    </div>
  );
}
