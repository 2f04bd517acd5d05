import { useEffect, useMemo, useState } from 'react';
import { useActivityVersion } from '../../record/activity-record-provider';
import type { ActivityEntry, ActivityFilter, ActivityStore } from '../../record/activity-record';
import { isActivityOutcome } from '../../record/activity-filter';

export type EntriesState =
  | { status: 'loading'; entries?: undefined; error?: undefined }
  | { status: 'ready'; entries: readonly ActivityEntry[]; error?: undefined }
  | { status: 'error'; entries?: undefined; error: unknown };

/** The filter as the page's URL carries it, so a copied link shows the same entries. */
export function filterFromParams(params: URLSearchParams): ActivityFilter {
  const text = (name: string): string | undefined => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };
  const outcome = params.get('outcome');
  const filter: ActivityFilter = {};
  const from = text('from');
  const to = text('to');
  const user = text('user');
  const requestId = text('request');
  const accessPackage = text('package');
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (isActivityOutcome(outcome)) filter.outcome = outcome;
  if (user) filter.user = user;
  if (requestId) filter.requestId = requestId;
  if (accessPackage) filter.accessPackage = accessPackage;
  return filter;
}

/**
 * The record's entries matching `filter`, newest first, read again whenever the record changes
 * (in this tab or another). Entries already shown stay on screen while a new read runs.
 */
export function useActivityEntries(store: ActivityStore, filter: ActivityFilter): EntriesState {
  const version = useActivityVersion(store);
  const key = JSON.stringify(filter);
  const stableFilter = useMemo(() => JSON.parse(key) as ActivityFilter, [key]);
  const [state, setState] = useState<EntriesState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    store.list(stableFilter).then(
      (entries) => {
        if (current) setState({ status: 'ready', entries });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [store, stableFilter, version]);
  return state;
}
