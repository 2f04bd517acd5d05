import { Button } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../../auth/session';
import { LazyPart, PageLoading, lazyNamed } from '../../../components/lazy-part';
import { useMarkFirstScreen } from '../../../components/first-screen';
import { InlineAlert } from '../../../components/inline-alert';
import { isGraphError } from '../../../graph/graph-error';
import { t } from '../../../i18n/i18n';
import { failedRequestsQuery } from '../api/request-queries';
import type { AssignmentRequest } from '../model';
import { describeLoadFailure } from '../load-failure';
import { supportIds } from './support-ids';
import { RequestQueue, type RequestQueueProps } from './request-queue';
import { useSearchParams } from '../../../components/url-state';

// Loaded on first use: most agents never see the catalog-scoped queue, and the grouping by cause
// loads only when a link filters the queue to one cause.
const CatalogScopedQueue = lazyNamed(() => import('./catalog-scoped-queue'), 'CatalogScopedQueue');
const CauseQueue = lazyNamed(() => import('../../causes/cause-queue'), 'CauseQueue');

const NO_REQUESTS: readonly AssignmentRequest[] = [];

export function FailedRequestsPage() {
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  // The first rows (or the empty or error state) are what the agent came for: the tools load after.
  useMarkFirstScreen(!query.isPending);

  // Graph refused the list itself: the account lacks a permission or a role. The one place that
  // decides what such a user sees instead of the queue.
  if (query.isError && isGraphError(query.error) && query.error.status === 403) {
    return (
      <LazyPart
        name={t({ id: 'queue.part.packagePicker', defaultMessage: 'the access package picker' })}
        fallback={
          <PageLoading
            label={t({
              id: 'queue.packagePicker.opening',
              defaultMessage: 'Opening the access package picker…',
            })}
          />
        }
      >
        <CatalogScopedQueue error={query.error} />
      </LazyPart>
    );
  }
  return <FailedRequestsQueue />;
}

function FailedRequestsQueue() {
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  const items = query.data?.items ?? NO_REQUESTS;
  const [params] = useSearchParams();
  const causeKey = params.get('cause');
  const queue: RequestQueueProps = {
    items,
    pending: query.isPending,
    loading: query.isFetching,
    failed: query.isError,
    filterable: true,
    ...(query.data?.partitionsRefused === true && {
      countNote: t({
        id: 'queue.count.partitionsRefused',
        defaultMessage: 'Graph refused loading by date ranges, so the list was read page by page (slower)',
      }),
    }),
    onRefresh: () => void query.refetch(),
    notices: query.isError && (
      <InlineAlert
        intent="error"
        title={
          items.length > 0
            ? t({ id: 'queue.loadFailed.partial', defaultMessage: 'The list could not be fully loaded' })
            : t({ id: 'queue.loadFailed.title', defaultMessage: 'Failed requests could not be loaded' })
        }
        actions={
          <Button
            onClick={() => {
              void query.refetch();
            }}
          >
            {t({ id: 'common.retry', defaultMessage: 'Retry' })}
          </Button>
        }
      >
        {describeLoadError(query.error)}
      </InlineAlert>
    ),
    emptyText: t({
      id: 'queue.empty.tenant',
      defaultMessage:
        'Every access package assignment request in this tenant was delivered or is still in progress.',
    }),
  };
  if (causeKey === null || causeKey === '') return <RequestQueue {...queue} />;
  return (
    <LazyPart
      name={t({ id: 'queue.part.causeFilter', defaultMessage: 'the filter by cause' })}
      fallback={
        <PageLoading
          label={t({ id: 'queue.causeFilter.opening', defaultMessage: 'Grouping the failed requests…' })}
        />
      }
    >
      <CauseQueue causeKey={causeKey} {...queue} />
    </LazyPart>
  );
}

/** The load failure in words, with the ids support asks for (see load-failure.ts). */
function describeLoadError(error: unknown): string {
  const failure = describeLoadFailure(
    error,
    t({ id: 'queue.loadFailed.what', defaultMessage: 'the failed requests' }),
  );
  const ids = supportIds(failure).join(', ');
  return ids
    ? t(
        { id: 'queue.loadFailed.bodyWithIds', defaultMessage: '{title}. {body} ({ids})' },
        { title: failure.title, body: failure.body, ids },
      )
    : t(
        { id: 'queue.loadFailed.body', defaultMessage: '{title}. {body}' },
        { title: failure.title, body: failure.body },
      );
}
