// The feature's Graph calls, framework-free: list every failed assignment request, and the paths a
// reprocess goes to (the reprocess engine in src/reprocess sends it).
// The React layer (queries, mutations) wraps these.

import type { GraphApiVersion } from '../../../config/app-config';
import type { GraphClient } from '../../../graph/graph-client';
import { fromGraph, type AssignmentRequest } from '../model';
import { odataString } from '../../../graph/odata';
import { GraphError } from '../../../graph/graph-error';
import { rangeFilter, splitRange, type DateRange } from './partitions';

export interface RequestsEndpoints {
  /** Relative to the version root, e.g. `/identityGovernance/entitlementManagement/assignmentRequests`. */
  collectionPath: string;
  stateProperty: 'state' | 'requestState';
  /** The two failed states as this version spells them in `$filter`. */
  failedStates: readonly [string, string];
  reprocessPath(id: string): string;
  expand: string;
}

const V1_COLLECTION = '/identityGovernance/entitlementManagement/assignmentRequests';
// The beta docs say this path "will be retired soon"; v1.0 is the default, beta a supported setting.
const BETA_COLLECTION = '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests';

export function requestsEndpoints(v: GraphApiVersion): RequestsEndpoints {
  if (v === 'beta') {
    return {
      collectionPath: BETA_COLLECTION,
      stateProperty: 'requestState',
      failedStates: ['DeliveryFailed', 'PartiallyDelivered'],
      reprocessPath: (id) => `${BETA_COLLECTION}/${requestIdSegment(id)}/reprocess`,
      // beta's accessPackage names its catalog navigation `accessPackageCatalog` (v1.0: `catalog`).
      expand: 'requestor,accessPackage($expand=accessPackageCatalog)',
    };
  }
  return {
    collectionPath: V1_COLLECTION,
    stateProperty: 'state',
    failedStates: ['deliveryFailed', 'partiallyDelivered'],
    reprocessPath: (id) => `${V1_COLLECTION}/${requestIdSegment(id)}/reprocess`,
    expand: 'requestor,accessPackage($expand=catalog)',
  };
}

export interface ListProgress {
  /** Pages received so far, over every query. */
  pagesLoaded: number;
  /** Distinct requests received so far. */
  itemsLoaded: number;
  /** True on the call for the last page of the last query still running. */
  done: boolean;
  /**
   * True once Graph refused a `createdDateTime` partition (400): that state's list is then read
   * through its single `@odata.nextLink` chain, which is slower.
   */
  partitionsRefused?: boolean;
}

export interface ListFailedRequestsOptions {
  scopes: readonly string[];
  signal?: AbortSignal;
  /**
   * Called as each page arrives with the requests not seen before (already de-duplicated), so a
   * caller can append without checking ids. May be called with an empty array (an empty page).
   */
  onPage(items: AssignmentRequest[], progress: ListProgress): void;
  /** Users whose role covers only some catalogs must filter by access package, or Graph refuses the list. */
  accessPackageId?: string;
  /** At most this many list requests in flight at once (default 8). */
  maxInFlight?: number;
  /** The clock for open-ended partitions (default `Date.now`). */
  now?: () => number;
}

interface Task {
  state: string;
  /** Undefined for a state's first query, which has no date clause. */
  range?: DateRange;
}

/**
 * Every request in either failed state, over every page. Graph documents only `eq` on the state
 * (no `or`, no `in`), so there is one query per state; both start at once and show the first rows.
 * When a state's first page has a next link, the rest of that state is read in partitions by
 * `createdDateTime` (see partitions.ts), each a chain of its own, at most `maxInFlight` requests in
 * flight. Rows are de-duplicated by id across states, partitions and pages (a request kept once, as
 * first seen). If Graph refuses a partition filter with 400, that state falls back to its plain
 * next-link chain and the progress says so. When a query fails otherwise, the others are
 * cancelled and the call rejects with that failure.
 */
export async function listFailedRequests(
  client: GraphClient,
  opts: ListFailedRequestsOptions,
): Promise<AssignmentRequest[]> {
  const endpoints = requestsEndpoints(client.apiVersion);
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 8);
  const now = opts.now ?? Date.now;
  const byId = new Map<string, AssignmentRequest>();
  let pagesLoaded = 0;
  let partitionsRefused = false;
  const refusedStates = new Set<string>();
  // Each state's partition tasks stop when that state falls back to its plain chain.
  const stateControllers = new Map<string, AbortController>();

  // One controller for every query: the caller's abort, or the first failure, stops them all.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) controller.abort(opts.signal.reason);
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  const queue: Task[] = endpoints.failedStates.map((state) => ({ state }));
  let active = 0;
  let settle: { resolve(): void; reject(e: unknown): void } | undefined;
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  const report = (fresh: AssignmentRequest[], last: boolean): void => {
    pagesLoaded += 1;
    const done = last && active === 1 && queue.length === 0;
    const progress: ListProgress = { pagesLoaded, itemsLoaded: byId.size, done };
    if (partitionsRefused) progress.partitionsRefused = true;
    opts.onPage(fresh, progress);
  };

  const take = (items: readonly unknown[]): { fresh: AssignmentRequest[]; dates: number[] } => {
    const fresh: AssignmentRequest[] = [];
    const dates: number[] = [];
    for (const json of items) {
      const request = fromGraph(json, client.apiVersion);
      if (!request) continue;
      const t = request.createdDateTime !== undefined ? Date.parse(request.createdDateTime) : NaN;
      if (Number.isFinite(t)) dates.push(t);
      if (!byId.has(request.id)) {
        byId.set(request.id, request);
        fresh.push(request);
      }
    }
    return { fresh, dates };
  };

  const run = async (task: Task): Promise<void> => {
    let stateController = stateControllers.get(task.state);
    if (!stateController) {
      stateController = new AbortController();
      stateControllers.set(task.state, stateController);
    }
    const signal = AbortSignal.any([controller.signal, stateController.signal]);
    let filter = `${endpoints.stateProperty} eq ${odataString(task.state)}`;
    if (opts.accessPackageId !== undefined)
      filter += ` and accessPackage/id eq ${odataString(opts.accessPackageId)}`;
    const dateClause = task.range ? rangeFilter(task.range) : undefined;
    if (dateClause !== undefined) filter += ` and ${dateClause}`;
    const pages = client.pages<unknown>({
      method: 'GET',
      path: endpoints.collectionPath,
      query: { $filter: filter, $expand: endpoints.expand },
      scopes: opts.scopes,
      signal,
    });
    let first = true;
    // The creation times on the chain's first page: where its rows lie, for cutting its range.
    const seen: number[] = [];
    try {
      for await (const page of pages) {
        // A page already in hand when another query failed (or the caller aborted) is not reported.
        if (signal.aborted) return;
        const { fresh, dates } = take(page.items);
        seen.push(...dates);
        const last = page.nextLink === undefined;
        if (first && !last && !refusedStates.has(task.state)) {
          // A state's first query cuts its range into as many parts as there are calls in flight,
          // so with the other state's parts there are more parts than calls: a call freed by a
          // short part takes the next one, and the states need not be the same size. A part whose
          // own first page has a next link is cut again when calls are free. A chain is never cut
          // once under way: its rows in hand would all come again.
          const room = task.range === undefined ? maxInFlight : maxInFlight - active + 1 - queue.length;
          const parts = room >= 2 ? splitRange(task.range ?? {}, seen, room, now()) : [];
          if (parts.length > 1) {
            queue.push(...parts.map((range) => ({ state: task.state, range })));
            report(fresh, false);
            return;
          }
        }
        first = false;
        report(fresh, last);
        if (last) return;
      }
    } catch (e) {
      if (dateClause !== undefined && isBadRequest(e) && !controller.signal.aborted) {
        // Graph refused the partition filter: read this state through its plain chain instead.
        if (!refusedStates.has(task.state)) {
          refusedStates.add(task.state);
          partitionsRefused = true;
          stateController.abort();
          stateControllers.delete(task.state);
          for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.state === task.state) queue.splice(i, 1);
          queue.push({ state: task.state });
        }
        return;
      }
      if (stateController.signal.aborted && !controller.signal.aborted) return;
      throw e;
    }
  };

  const pump = (): void => {
    while (active < maxInFlight && queue.length > 0) {
      const task = queue.shift() as Task;
      active += 1;
      run(task).then(
        () => {
          active -= 1;
          if (controller.signal.aborted) return;
          pump();
          if (active === 0 && queue.length === 0) settle?.resolve();
        },
        (e: unknown) => {
          active -= 1;
          controller.abort(e);
          settle?.reject(e);
        },
      );
    }
  };

  try {
    // Already aborted: the first query rejects as aborted without a call.
    pump();
    await finished;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return [...byId.values()];
}

function isBadRequest(e: unknown): boolean {
  return e instanceof GraphError && e.status === 400;
}

function requestIdSegment(id: string): string {
  // An id of "", "." or ".." would make the URL point at another resource once the URL parser
  // resolves dot segments (it also decodes %2E), so such an id is never sent.
  if (id === '' || id === '.' || id === '..') {
    throw new RangeError(`Not a valid assignment request id: ${JSON.stringify(id)}`);
  }
  return encodeURIComponent(id);
}
