import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { JSX } from 'react';
import { CopyButton } from '../../../components/copy-button';
import { t } from '../../../i18n/i18n';
import { describeLoadFailure } from '../load-failure';
import { supportIds } from './support-ids';

const useStyles = makeStyles({
  ids: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

/** A failed read, shown inline where its data would be, with the ids support asks for. */
export function LoadFailureBar({
  error,
  what,
  onRetry,
}: {
  error: unknown;
  /** What could not be read, e.g. "this request". */
  what: string;
  onRetry?: () => void;
}): JSX.Element {
  const styles = useStyles();
  const failure = describeLoadFailure(error, what);
  const ids = supportIds(failure);
  return (
    <MessageBar intent={failure.signingIn ? 'info' : 'error'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{failure.title}</MessageBarTitle>
        {failure.body}
        {ids.length > 0 && (
          <Text className={styles.ids}>
            {ids.join(' · ')}{' '}
            <CopyButton
              value={`request-id: ${failure.requestId ?? ''}\nclient-request-id: ${failure.clientRequestId ?? ''}`}
              label={t({ id: 'queue.copyIds', defaultMessage: 'Copy ids' })}
            />
          </Text>
        )}
      </MessageBarBody>
      {onRetry && failure.retryable && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t({ id: 'common.retry', defaultMessage: 'Retry' })}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
