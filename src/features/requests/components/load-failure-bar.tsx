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
import { describeLoadFailure } from '../load-failure';

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
  const ids = [
    failure.code ? `Graph error code ${failure.code}` : '',
    failure.requestId ? `request-id ${failure.requestId}` : '',
    failure.clientRequestId ? `client-request-id ${failure.clientRequestId}` : '',
  ].filter(Boolean);
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
              label="Copy ids"
            />
          </Text>
        )}
      </MessageBarBody>
      {onRetry && failure.retryable && (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
