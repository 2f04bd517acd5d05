import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyButton } from '../../../components/copy-button';
import type { AuditLoadProblem } from '../audit-errors';
import { t } from '../../../i18n/i18n';

const useStyles = makeStyles({
  ids: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

/** A failed audit-log read, inline, with the ids for support and a way to try again. */
export function AuditLoadError({
  problem,
  onRetry,
  partial = false,
}: {
  problem: AuditLoadProblem;
  onRetry: () => void;
  /** Some events are on screen already; only the next page failed. */
  partial?: boolean;
}) {
  const styles = useStyles();
  const ids = [
    problem.requestId !== undefined ? `request-id ${problem.requestId}` : '',
    problem.clientRequestId !== undefined ? `client-request-id ${problem.clientRequestId}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {partial
            ? t({ id: 'audit.error.moreFailed', defaultMessage: 'More events could not be loaded' })
            : problem.title}
        </MessageBarTitle>
        {partial ? `${problem.title}. ${problem.detail}` : problem.detail}
        {ids !== '' && (
          <span className={styles.ids}>
            {ids}
            <CopyButton
              value={ids.replace(' · ', '\n')}
              label={t({ id: 'audit.copyIds', defaultMessage: 'Copy ids' })}
            />
          </span>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>{t({ id: 'common.retry', defaultMessage: 'Retry' })}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
