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

/** At most one update of the list per this many ms while pages stream in (the first at once). */
const UPDATE_INTERVAL_MS = 150;

/** Resolves after `ms`, or at once when `signal` fires (the stream then ends as aborted). */
function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
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
  let settled!: () => void;
  const ended = new Promise<void>((resolve) => (settled = resolve));
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
      settled();
      wake?.();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      settled();
      wake?.();
    },
  );
  let lastYield = -Infinity;
  for (;;) {
    if (queue.length > 0) {
      // Pages arrive faster than a 10,000-row list can be sorted and drawn again: the first goes
      // out at once, then what came within UPDATE_INTERVAL_MS goes out as one, so the main thread
      // keeps time to send the next reads.
      const wait = lastYield + UPDATE_INTERVAL_MS - performance.now();
      // The last pages go out as soon as the list is complete.
      if (wait > 0 && !finished) await Promise.race([abortableDelay(wait, signal), ended]);
      const pages = queue.splice(0, queue.length);
      lastYield = performance.now();
      yield {
        items: pages.length === 1 ? (pages[0] as FailedRequestsPage).items : pages.flatMap((p) => p.items),
        partitionsRefused: pages.some((p) => p.partitionsRefused),
      };
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
