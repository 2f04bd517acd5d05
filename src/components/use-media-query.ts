import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches now, following it as the window changes size (or the user
 * zooms: at 200 % a 1280 px window is 640 CSS px wide). Environments without matchMedia (older
 * embedded browsers, test DOMs) never match.
 */
export function useMediaQuery(query: string): boolean {
  const supported = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!supported) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    [query, supported],
  );
  return useSyncExternalStore(subscribe, () => supported && window.matchMedia(query).matches);
}
