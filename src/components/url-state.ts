import { useCallback, useSyncExternalStore } from 'react';

// A tiny router over the History API: the app has three pages and view state in the query
// string, so copied links reproduce what the agent saw. No router dependency needed.
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getHref = () => window.location.href;

/** The current URL (re-renders on navigation). */
export function useLocationUrl(): URL {
  const href = useSyncExternalStore(subscribe, getHref);
  return new URL(href);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.href === window.location.href) return;
  if (opts.replace) window.history.replaceState(window.history.state, '', url);
  else window.history.pushState(window.history.state, '', url);
  notify();
}

/**
 * The query string as state. `update` edits a copy; `replace` (default true) keeps typing in a
 * search box from flooding the browser history.
 */
export function useSearchParams(): [
  URLSearchParams,
  (edit: (params: URLSearchParams) => void, opts?: { replace?: boolean }) => void,
] {
  const url = useLocationUrl();
  const update = useCallback((edit: (params: URLSearchParams) => void, opts: { replace?: boolean } = {}) => {
    const next = new URL(window.location.href);
    edit(next.searchParams);
    navigate(next.href, { replace: opts.replace ?? true });
  }, []);
  return [url.searchParams, update];
}
