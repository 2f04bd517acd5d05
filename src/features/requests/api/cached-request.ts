import type { QueryClient } from '@tanstack/react-query';
import type { AssignmentRequest } from '../model';
import { isRecord } from '../../../lib/is-record';

/**
 * A request already in hand: in a list this session loaded (the whole queue, or one access
 * package's list), or in a details answer. Reads every cached answer under `prefix` whatever its
 * shape (an array of requests, `{ items }`, `{ request }` or a request), so it keeps working when
 * a list's query changes shape. Ids compare case-insensitively, as Graph's do.
 */
export function findCachedRequest(
  queryClient: QueryClient,
  prefix: readonly unknown[],
  id: string,
): AssignmentRequest | undefined {
  const wanted = id.toLowerCase();
  const matches = (value: unknown): value is AssignmentRequest =>
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.stateRaw === 'string' &&
    value.id.toLowerCase() === wanted;
  for (const [, data] of queryClient.getQueriesData<unknown>({ queryKey: prefix })) {
    const candidates: unknown[] = Array.isArray(data)
      ? data
      : isRecord(data) && Array.isArray(data.items)
        ? data.items
        : isRecord(data) && isRecord(data.request)
          ? [data.request]
          : [data];
    const found = candidates.find(matches);
    if (found) return found;
  }
  return undefined;
}
