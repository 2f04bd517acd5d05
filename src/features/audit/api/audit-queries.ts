import { useMsal } from '@azure/msal-react';
import { infiniteQueryOptions, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { acquireToken } from '../../../auth/access-token';
import { useSession } from '../../../auth/session';
import { createGraphClient, type GraphClient } from '../../../graph/graph-client';
import type { AuditFilter } from './audit-filter';
import { auditThrottle, type AuditThrottle, type AuditWait } from './audit-throttle';
import { fetchAuditPage, type AuditPage } from './directory-audits-api';

/** Query keys: everything a queryFn reads is in its key (account, API version, filter, scope). */
export const auditKeys = {
  all: (accountId: string, apiVersion: string) => ['audit', accountId, apiVersion] as const,
  list: (accountId: string, apiVersion: string, filter: AuditFilter, scope: string) =>
    [...auditKeys.all(accountId, apiVersion), 'list', filter, scope] as const,
};

/** Entra's audit events matching `filter`, newest first, a page per "Load more". */
export function auditEventsQuery(
  client: GraphClient,
  accountId: string,
  scope: string,
  filter: AuditFilter,
  throttle: AuditThrottle = auditThrottle,
) {
  // The client is one per session and configuration: the account and API version in the key
  // identify it (the client object itself is not serialisable).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return infiniteQueryOptions({
    queryKey: auditKeys.list(accountId, client.apiVersion, filter, scope),
    queryFn: ({ pageParam, signal }): Promise<AuditPage> =>
      throttle.run(
        () =>
          fetchAuditPage(client, {
            filter,
            scopes: [scope],
            signal,
            ...(pageParam !== undefined && { nextLink: pageParam }),
          }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: AuditPage) => last.nextLink,
    // Reads are scarce (about 5 per 10 s): nothing refetches by itself; Refresh does.
    staleTime: Infinity,
  });
}

/**
 * A Graph client for audit-log reads only, without the client's own retries: its backoff is
 * sub-second and silent, while the audit log's window is ten seconds long. The AuditThrottle
 * waits instead, and says so. The AuditLog.Read.All token is asked for per call, so only the
 * audit views ever request it.
 */
export function useAuditGraphClient(): GraphClient {
  const { instance } = useMsal();
  const { config } = useSession();
  return useMemo(
    () =>
      createGraphClient({
        baseUrl: config.graphBaseUrl,
        apiVersion: config.graphApiVersion,
        getAccessToken: async (scopes) => (await acquireToken(instance, scopes)).accessToken,
        retry: { maxAttempts: 1 },
      }),
    [config, instance],
  );
}

export function useAuditEvents(filter: AuditFilter, enabled: boolean) {
  const client = useAuditGraphClient();
  const { account, scopes } = useSession();
  const queryClient = useQueryClient();
  const options = auditEventsQuery(client, account.homeAccountId, scopes.auditLog, filter);
  const query = useInfiniteQuery({ ...options, enabled });
  const { queryKey } = options;
  // Starts again from the first page: refetching an infinite query re-reads every page loaded,
  // which the audit log's rate limit makes slow.
  const refresh = useCallback(
    () => queryClient.resetQueries({ queryKey, exact: true }),
    [queryClient, queryKey],
  );
  const events = useMemo(() => query.data?.pages.flatMap((p) => p.events) ?? [], [query.data]);
  return { query, events, refresh };
}

/** What the audit reads are waiting for, if anything. */
export function useAuditWait(throttle: AuditThrottle = auditThrottle): AuditWait | null {
  return useSyncExternalStore(throttle.subscribe, throttle.wait);
}
