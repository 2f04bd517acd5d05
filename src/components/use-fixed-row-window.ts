import { useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First row index to render (inclusive). */
  first: number;
  /** Row index after the last one to render (exclusive). */
  last: number;
  /** The height of every row together, in px. */
  totalHeight: number;
  /** The rows at least half in view (first inclusive, last exclusive), without the overscan. */
  visibleFirst: number;
  visibleLast: number;
}

export interface FixedRowWindowOptions {
  count: number;
  /** Every row has this height (px): nothing is ever measured. */
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no blank band. */
  overscan: number;
  /** Height (px) above the first row inside the scroll container, e.g. a sticky header. */
  offsetTop?: number;
}

/**
 * Which rows of a fixed-height list are in (or near) the scroll container's viewport. The first
 * render assumes the container is as tall as the window, so the first rows are in the DOM at once
 * rather than after a measuring pass; the real size replaces the guess before the first paint.
 */
export function useFixedRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  { count, rowHeight, overscan, offsetTop = 0 }: FixedRowWindowOptions,
): RowWindow {
  const [viewport, setViewport] = useState(() => ({
    top: 0,
    height: typeof window === 'undefined' ? 0 : window.innerHeight,
  }));

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const read = (): void =>
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    read();
    el.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [scrollRef]);

  const top = viewport.top - offsetTop;
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.max(first, Math.ceil((top + viewport.height) / rowHeight) + overscan));
  const half = rowHeight / 2;
  const visibleFirst = Math.min(count, Math.max(0, Math.floor((top + offsetTop + half) / rowHeight)));
  const visibleLast = Math.min(
    count,
    Math.max(visibleFirst, Math.floor((viewport.top + viewport.height - offsetTop + half) / rowHeight)),
  );
  return { first, last, totalHeight: count * rowHeight, visibleFirst, visibleLast };
}
