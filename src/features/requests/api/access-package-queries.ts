import { queryOptions } from '@tanstack/react-query';
import type { GraphClient } from '../../../graph/graph-client';
import type { AssignmentRequest } from '../model';
import { listAccessPackages } from './access-packages';
import { requestKeys } from './request-queries';
import { listFailedRequests } from './requests-api';

/** Query keys: everything a queryFn reads is in its key (account, API version, scope, package). */
export const accessPackageKeys = {
  all: (accountId: string, apiVersion: string) => ['access-packages', accountId, apiVersion] as const,
  list: (accountId: string, apiVersion: string, readScope: string) =>
    [...accessPackageKeys.all(accountId, apiVersion), 'list', readScope] as const,
  /**
   * One package's failed requests. Under the requests prefix, so whatever refreshes "the
   * requests" of an account refreshes these too; a key of its own (not under `failed`), because
   * its data is a plain array, not the streamed list's shape.
   */
  failedInPackage: (accountId: string, apiVersion: string, readScope: string, packageId: string) =>
    [...requestKeys.all(accountId, apiVersion), 'failed-in-package', packageId, readScope] as const,
};

export function accessPackagesQuery(graph: GraphClient, accountId: string, readScope: string) {
  // The Graph client is one per signed-in session: the account and API version identify it.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: accessPackageKeys.list(accountId, graph.apiVersion, readScope),
    queryFn: ({ signal }) => listAccessPackages(graph, { scopes: [readScope], signal }),
    staleTime: 10 * 60_000,
  });
}

/** Every failed request (both states) of one access package: what a catalog-scoped role may list. */
export function failedInPackageQuery(
  graph: GraphClient,
  accountId: string,
  readScope: string,
  packageId: string,
) {
  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- one Graph client per session, as above
  return queryOptions({
    queryKey: accessPackageKeys.failedInPackage(accountId, graph.apiVersion, readScope, packageId),
    queryFn: ({ signal }): Promise<AssignmentRequest[]> =>
      listFailedRequests(graph, {
        scopes: [readScope],
        signal,
        accessPackageId: packageId,
        // The whole list is the answer; pages need no separate handling here.
        onPage: () => undefined,
      }),
    staleTime: 5 * 60_000,
  });
}
