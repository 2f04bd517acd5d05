// Reads Entra's directory audit log one page at a time (GET /auditLogs/directoryAudits), newest
// first. Framework-free; the React layer pages with "Load more".
import type { GraphClient } from '../../../graph/graph-client';
import { fromGraphAudit, type DirectoryAuditEvent } from '../model';
import { buildAuditFilter, type AuditFilter } from './audit-filter';

export const DIRECTORY_AUDITS_PATH = '/auditLogs/directoryAudits';

export interface AuditPage {
  events: DirectoryAuditEvent[];
  /** Where the next page is; absent on the last page. */
  nextLink?: string;
}

export interface FetchAuditPageOptions {
  filter: AuditFilter;
  /** The previous page's `@odata.nextLink`, which already carries the filter. */
  nextLink?: string;
  scopes: readonly string[];
  signal?: AbortSignal;
  /** Events per page (`$top`); the service's own page size when absent. */
  top?: number;
}

/** One page of events. Rejects with a GraphError (including a malformed page). */
export async function fetchAuditPage(client: GraphClient, opts: FetchAuditPageOptions): Promise<AuditPage> {
  const pages = client.pages<unknown>({
    method: 'GET',
    ...(opts.nextLink !== undefined
      ? { path: opts.nextLink }
      : {
          path: DIRECTORY_AUDITS_PATH,
          // No $top unless asked: the service's own page size is a screenful for the views, and
          // each page is one read against the audit log's rate limit however small it is.
          query: {
            $filter: buildAuditFilter(opts.filter),
            $orderby: 'activityDateTime desc',
            ...(opts.top !== undefined && { $top: String(opts.top) }),
          },
        }),
    scopes: opts.scopes,
    ...(opts.signal !== undefined && { signal: opts.signal }),
  });
  // Only the first page: the client's pager checks its shape and its nextLink's origin.
  const first = await pages.next();
  await pages.return(undefined);
  if (first.done) return { events: [] };
  const page = first.value;
  return {
    events: page.items.flatMap((item) => fromGraphAudit(item) ?? []),
    ...(page.nextLink !== undefined && { nextLink: page.nextLink }),
  };
}
