import { experimental_streamedQuery as streamedQuery, queryOptions } from '@tanstack/react-query';
import type { GraphClient } from '../../../graph/graph-client';
import { t } from '../../../i18n/i18n';
import { fromGraph, type AssignmentRequest } from '../model';
import { listFailedRequests, requestsEndpoints } from './requests-api';

/** Query keys: everything a queryFn reads is in its key (account, API version). */
export const requestKeys = {
  all: (accountId: string, apiVersion: string) => ['requests', accountId, apiVersion] as const,
  failed: (accountId: string, apiVersion: string) =>
    [...requestKeys.all(accountId, apiVersion), 'failed'] as const,
  detail: (accountId: string, apiVersion: string, id: string) =>
    [...requestKeys.all(accountId, apiVersion), 'detail', id] as const,
};

export interface FailedRequestsData {
  items: AssignmentRequest[];
  pagesLoaded: number;
  /** Graph refused the createdDateTime partitions: the list came through one slower chain per state. */
  partitionsRefused: boolean;
}

interface FailedRequestsPage {
  items: AssignmentRequest[];
  partitionsRefused: boolean;
}

/** Turns the callback-style pager into an async stream, so each page reaches the cache as it arrives. */
async function* failedRequestPages(
  graph: GraphClient,
  scopes: readonly string[],
  signal: AbortSignal,
): AsyncGenerator<FailedRequestsPage> {
  const queue: FailedRequestsPage[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  void listFailedRequests(graph, {
    scopes,
    signal,
    onPage: (items, progress) => {
      queue.push({ items, partitionsRefused: progress.partitionsRefused === true });
      wake?.();
    },
  }).then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      wake?.();
    },
  );
  for (;;) {
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (finished) {
      if (failure !== undefined)
        throw failure instanceof Error
          ? failure
          : new Error(t({ id: 'load.requestsFailed', defaultMessage: 'Loading failed requests failed' }));
      return;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
}

export function failedRequestsQuery(graph: GraphClient, accountId: string, readScope: string) {
  return queryOptions({
    queryKey: requestKeys.failed(accountId, graph.apiVersion),
    queryFn: streamedQuery<FailedRequestsPage, FailedRequestsData>({
      streamFn: ({ signal }) => failedRequestPages(graph, [readScope], signal),
      reducer: (acc, page) => ({
        items: acc.items.concat(page.items),
        pagesLoaded: acc.pagesLoaded + 1,
        partitionsRefused: acc.partitionsRefused || page.partitionsRefused,
      }),
      initialValue: { items: [], pagesLoaded: 0, partitionsRefused: false },
      // A manual refresh keeps the rows on screen until the new list is complete.
      refetchMode: 'replace',
    }),
    staleTime: 5 * 60_000,
  });
}

/** One request, as Graph has it now; polled after a 202 until its state changes. */
export function requestDetailQuery(graph: GraphClient, accountId: string, readScope: string, id: string) {
  return queryOptions({
    queryKey: [...requestKeys.detail(accountId, graph.apiVersion, id), readScope],
    queryFn: async ({ signal }) => {
      const endpoints = requestsEndpoints(graph.apiVersion);
      const response = await graph.request<unknown>({
        method: 'GET',
        path: `${endpoints.collectionPath}/${encodeURIComponent(id)}`,
        query: { $expand: endpoints.expand },
        scopes: [readScope],
        signal,
      });
      return fromGraph(response.data, graph.apiVersion) ?? null;
    },
  });
}
