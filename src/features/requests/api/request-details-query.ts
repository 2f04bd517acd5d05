import { queryOptions } from '@tanstack/react-query';
import type { GraphApiVersion } from '../../../config/app-config';
import type { GraphClient } from '../../../graph/graph-client';
import { requestDetailsFromGraph, type RequestDetails } from '../request-details';
import { requestKeys } from './request-queries';
import { requestsEndpoints } from './requests-api';

/**
 * Everything the details drawer shows: the requestor with their connected organization (guests),
 * the access package with its catalog, and the assignment.
 */
export function detailsExpand(v: GraphApiVersion): string {
  return v === 'beta'
    ? 'requestor($expand=connectedOrganization),accessPackage($expand=accessPackageCatalog),accessPackageAssignment'
    : 'requestor($expand=connectedOrganization),accessPackage($expand=catalog),assignment';
}

/**
 * One request with every detail, fresh from Graph. `id` must already be a valid GUID (see
 * request-id.ts): an id taken from the URL is never sent unchecked. Resolves null when Graph
 * answered without a usable request.
 */
export function requestDetailsQuery(graph: GraphClient, accountId: string, readScope: string, id: string) {
  return queryOptions({
    queryKey: [...requestKeys.detail(accountId, graph.apiVersion, id), 'full', readScope],
    queryFn: async ({ signal }): Promise<RequestDetails | null> => {
      const endpoints = requestsEndpoints(graph.apiVersion);
      const response = await graph.request<unknown>({
        method: 'GET',
        path: `${endpoints.collectionPath}/${encodeURIComponent(id)}`,
        query: { $expand: detailsExpand(graph.apiVersion) },
        // An agent looking at one request wants its real type, also for values added to the
        // evolvable enum after unknownFutureValue (e.g. onBehalfAdd); the model labels them.
        headers: { Prefer: 'include-unknown-enum-members' },
        scopes: [readScope],
        signal,
      });
      return requestDetailsFromGraph(response.data, graph.apiVersion) ?? null;
    },
    staleTime: 30_000,
  });
}
