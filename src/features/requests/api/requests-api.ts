// The feature's Graph calls, framework-free: list every failed assignment request, and the paths a
// reprocess goes to (the reprocess engine in src/reprocess sends it).
// The React layer (queries, mutations) wraps these.

import type { GraphApiVersion } from '../../../config/app-config';
import type { GraphClient } from '../../../graph/graph-client';
import { fromGraph, type AssignmentRequest } from '../model';
import { odataString } from '../../../graph/odata';

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
  /** Pages received so far, over both state queries. */
  pagesLoaded: number;
  /** Distinct requests received so far. */
  itemsLoaded: number;
  /** True on the call for the last page of the last query still running. */
  done: boolean;
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
}

/**
 * Every request in either failed state, over every page. Graph documents only `eq` on the state
 * (no `or`, no `in`), so there is one query per state; both run at once. When one fails the other
 * is cancelled and the call rejects with that failure. Resolves with all distinct requests in the
 * order they arrived; a request seen in both queries (its state changed between them) is kept once,
 * as first seen.
 */
export async function listFailedRequests(
  client: GraphClient,
  opts: ListFailedRequestsOptions,
): Promise<AssignmentRequest[]> {
  const endpoints = requestsEndpoints(client.apiVersion);
  const byId = new Map<string, AssignmentRequest>();
  let pagesLoaded = 0;
  let running: number = endpoints.failedStates.length;

  // One controller for both queries: the caller's abort, or the first failure, stops both.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) controller.abort(opts.signal.reason);
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  const queryOne = async (state: string): Promise<void> => {
    let filter = `${endpoints.stateProperty} eq ${odataString(state)}`;
    if (opts.accessPackageId !== undefined)
      filter += ` and accessPackage/id eq ${odataString(opts.accessPackageId)}`;
    const pages = client.pages<unknown>(
      {
        method: 'GET',
        path: endpoints.collectionPath,
        query: { $filter: filter, $expand: endpoints.expand },
        scopes: opts.scopes,
        signal: controller.signal,
      },
      // The queue streams every page: the next is on its way while this one is rendered.
      { readAhead: true },
    );
    for await (const page of pages) {
      // A page already in hand when the other query failed (or the caller aborted) is not reported.
      if (controller.signal.aborted) return;
      const fresh: AssignmentRequest[] = [];
      for (const json of page.items) {
        const request = fromGraph(json, client.apiVersion);
        if (request && !byId.has(request.id)) {
          byId.set(request.id, request);
          fresh.push(request);
        }
      }
      pagesLoaded += 1;
      if (page.nextLink === undefined) running -= 1;
      opts.onPage(fresh, { pagesLoaded, itemsLoaded: byId.size, done: running === 0 });
    }
  };

  try {
    await Promise.all(
      endpoints.failedStates.map((state) =>
        queryOne(state).catch((e: unknown) => {
          controller.abort(e);
          throw e;
        }),
      ),
    );
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return [...byId.values()];
}

function requestIdSegment(id: string): string {
  // An id of "", "." or ".." would make the URL point at another resource once the URL parser
  // resolves dot segments (it also decodes %2E), so such an id is never sent.
  if (id === '' || id === '.' || id === '..') {
    throw new RangeError(`Not a valid assignment request id: ${JSON.stringify(id)}`);
  }
  return encodeURIComponent(id);
}
