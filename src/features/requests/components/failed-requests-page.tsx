import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { useGraphAccess, useSession } from '../../../auth/session';
import { isGraphError } from '../../../graph/graph-error';
import { failedRequestsQuery } from '../api/request-queries';
import { useReprocess } from '../api/use-reprocess';
import { PermissionPage } from './permission-page';
import { RequestsTable } from './requests-table';

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalM },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { flexGrow: 1, display: 'grid' },
  empty: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    justifyItems: 'center',
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
});

export function FailedRequestsPage() {
  const styles = useStyles();
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  const access = useGraphAccess();
  const { reprocess } = useReprocess();
  const canReprocess = access.data?.canReprocess ?? false;

  const items = query.data?.items ?? [];
  const loading = query.isFetching;

  if (query.isError && isGraphError(query.error) && query.error.status === 403) {
    return <PermissionPage error={query.error} />;
  }

  const count = items.length;
  const countText = query.isPending
    ? 'Loading failed requests…'
    : loading
      ? `${count} failed request${count === 1 ? '' : 's'} loaded so far, loading more…`
      : `${count} failed request${count === 1 ? '' : 's'}`;

  return (
    <section className={styles.page} aria-labelledby="queue-title">
      <div className={styles.titleRow}>
        <div className={styles.title}>
          <Text as="h2" id="queue-title" size={600} weight="semibold">
            Failed requests
          </Text>
          <Text role="status" aria-live="polite">
            {countText}
          </Text>
        </div>
        {loading && !query.isPending && <Spinner size="tiny" aria-hidden />}
        <Button
          icon={<ArrowClockwiseRegular />}
          disabled={loading}
          onClick={() => {
            void query.refetch();
          }}
        >
          Refresh
        </Button>
      </div>

      {access.data && !canReprocess && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Read-only access</MessageBarTitle>
            You can see every failed request, but reprocessing needs the permission
            EntitlementManagement.ReadWrite.All, which your sign-in does not have.
          </MessageBarBody>
        </MessageBar>
      )}

      {query.isError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {count > 0 ? 'The list could not be fully loaded' : 'Failed requests could not be loaded'}
            </MessageBarTitle>
            {describeLoadError(query.error)}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                void query.refetch();
              }}
            >
              Retry
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {query.isPending ? (
        <Spinner label="Loading failed requests from Microsoft Graph…" />
      ) : count === 0 && !loading && !query.isError ? (
        <div className={styles.empty}>
          <Text size={500} weight="semibold">
            No failed requests
          </Text>
          <Text>
            Every access package assignment request in this tenant was delivered or is still in progress.
          </Text>
        </div>
      ) : count > 0 ? (
        <RequestsTable
          requests={items}
          canReprocess={canReprocess}
          accessKnown={access.isSuccess}
          onReprocess={(req) => void reprocess(req)}
        />
      ) : null}
    </section>
  );
}

function describeLoadError(error: unknown): string {
  if (isGraphError(error)) {
    const ids = [
      error.code ? `Graph error code ${error.code}` : '',
      error.requestId ? `request-id ${error.requestId}` : '',
      `client-request-id ${error.clientRequestId}`,
    ]
      .filter(Boolean)
      .join(', ');
    if (error.kind === 'network')
      return `Microsoft Graph could not be reached. Check the connection and retry. (${ids})`;
    if (error.kind === 'malformed')
      return `Graph answered in a form this dashboard does not understand. (${ids})`;
    if (error.status === 401)
      return `Graph did not accept your sign-in. Sign out and sign in again. (${ids})`;
    if (error.status === 429)
      return `Graph is throttling requests; the dashboard retried and gave up for now. (${ids})`;
    return `Graph answered ${error.status}. (${ids})`;
  }
  return error instanceof Error ? error.message : String(error);
}
