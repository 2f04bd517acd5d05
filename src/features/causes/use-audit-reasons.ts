// The audit log's failure reasons for the causes, read in the background when the user may read
// the audit log: each failure activity's events, newest first, in pages of up to 999 (each page
// is one of the audit log's few reads per 10 seconds, paced by the shared AuditThrottle). Pages
// keep coming until the log (30 days) is read or MAX_PAGES is reached; the causes sharpen as
// they arrive. Without the permission, in a cloud without audit logs through Graph, or when a
// read fails, the causes are grouped from the requests alone, and the page says so.
import { infiniteQueryOptions, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { InteractionStartedError } from '../../auth/access-token';
import { useAuditLogAccess, useSession } from '../../auth/session';
import { cloudForGraphBaseUrl } from '../../config/app-config';
import type { GraphClient } from '../../graph/graph-client';
import { auditKeys, useAuditGraphClient } from '../audit/api/audit-queries';
import { auditThrottle } from '../audit/api/audit-throttle';
import { fetchAuditPage, type AuditPage } from '../audit/api/directory-audits-api';
import { FAILURE_ACTIVITIES, latestFailureReasons } from './audit-reasons';

/** Events per page: Graph's directoryAudits allow up to 999 in every version we know of. */
const PAGE_SIZE = 999;
/** About 30,000 failure events per activity, a minute of reads: the rest is left unread. */
const MAX_PAGES = 30;

function failuresQuery(client: GraphClient, accountId: string, scope: string, activity: string) {
  // The client is one per session and configuration: the account and API version identify it.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return infiniteQueryOptions({
    queryKey: [...auditKeys.all(accountId, client.apiVersion), 'failures', activity, PAGE_SIZE, scope],
    queryFn: ({ pageParam, signal }): Promise<AuditPage> =>
      auditThrottle.run(
        () =>
          fetchAuditPage(client, {
            filter: { activity },
            scopes: [scope],
            top: PAGE_SIZE,
            signal,
            ...(pageParam !== undefined && { nextLink: pageParam }),
          }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: AuditPage, pages: AuditPage[]) =>
      pages.length < MAX_PAGES ? last.nextLink : undefined,
    // Reads are scarce: kept for the session's visits to the Causes page; Refresh reads again.
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export type AuditReasonsState =
  /** No audit log through Graph in this cloud. */
  | 'unavailable'
  | 'checking'
  /** Entra says the user has not been granted AuditLog.Read.All. */
  | 'noAccess'
  | 'loading'
  | 'complete'
  /** MAX_PAGES were read and the log goes on. */
  | 'truncated'
  | 'error';

export interface AuditReasons {
  state: AuditReasonsState;
  /** Per request id in lower case; undefined until a page arrived. */
  reasons: ReadonlyMap<string, string> | undefined;
  /** Failure events read so far. */
  events: number;
  error?: unknown;
  /** Reads the failures again from the newest. */
  refresh: () => void;
  /** Asks Entra again whether the user may read the audit log (after an administrator granted it). */
  checkAgain: () => void;
}

function useFailurePages(client: GraphClient, activity: string, enabled: boolean) {
  const { account, scopes } = useSession();
  const query = useInfiniteQuery({
    ...failuresQuery(client, account.homeAccountId, scopes.auditLog, activity),
    enabled,
  });
  const { hasNextPage, isFetching, isError, fetchNextPage } = query;
  useEffect(() => {
    if (enabled && hasNextPage && !isFetching && !isError) void fetchNextPage();
  }, [enabled, hasNextPage, isFetching, isError, fetchNextPage]);
  return query;
}

export function useAuditReasons(): AuditReasons {
  const { config, account } = useSession();
  const client = useAuditGraphClient();
  const queryClient = useQueryClient();
  const china = cloudForGraphBaseUrl(config.graphBaseUrl)?.id === 'china';
  const access = useAuditLogAccess();
  const enabled = !china && access.data === true;
  const failed = useFailurePages(client, FAILURE_ACTIVITIES[0], enabled);
  const partial = useFailurePages(client, FAILURE_ACTIVITIES[1], enabled);

  const reasons = useMemo(() => {
    const pages = [...(failed.data?.pages ?? []), ...(partial.data?.pages ?? [])];
    return pages.length > 0 ? latestFailureReasons(pages.flatMap((p) => p.events)) : undefined;
  }, [failed.data, partial.data]);
  const events = (failed.data?.pages ?? [])
    .concat(partial.data?.pages ?? [])
    .reduce((n, p) => n + p.events.length, 0);

  const refresh = useCallback(() => {
    void queryClient.resetQueries({
      queryKey: [...auditKeys.all(account.homeAccountId, client.apiVersion), 'failures'],
    });
  }, [queryClient, account.homeAccountId, client.apiVersion]);
  const { refetch } = access;
  const checkAgain = useCallback(() => void refetch(), [refetch]);

  const queries = [failed, partial];
  const error = queries.find((q) => q.isError && !(q.error instanceof InteractionStartedError))?.error;
  const truncated = queries.some(
    (q) => (q.data?.pages.length ?? 0) >= MAX_PAGES && q.data?.pages.at(-1)?.nextLink,
  );
  const state: AuditReasonsState = china
    ? 'unavailable'
    : access.isPending || access.isError
      ? access.isError
        ? 'error'
        : 'checking'
      : !enabled
        ? 'noAccess'
        : error !== undefined
          ? 'error'
          : queries.some((q) => q.isPending || q.hasNextPage || q.isFetching)
            ? 'loading'
            : truncated
              ? 'truncated'
              : 'complete';
  return {
    state,
    reasons,
    events,
    ...(state === 'error' && { error: error ?? access.error }),
    refresh,
    checkAgain,
  };
}
