// "The first screen is shown": the page's main content (the queue's first rows, or its empty or
// error state) is on screen. Parts the first screen can do without (the toolbar's tools, the
// account menu) start loading then, so they never delay the rows an agent came for.
import { useEffect, useSyncExternalStore } from 'react';

/** If no page says so (it failed early), the secondary parts load after this long anyway. */
const LATEST_MS = 3_000;

let shown = false;
const listeners = new Set<() => void>();

export function markFirstScreenShown(): void {
  if (shown) return;
  shown = true;
  clearTimeout(fallback);
  listeners.forEach((l) => l());
}

let fallback: ReturnType<typeof setTimeout> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // One timer for the page, from the first part that waits.
  if (!shown && fallback === undefined) fallback = setTimeout(markFirstScreenShown, LATEST_MS);
  return () => listeners.delete(listener);
}

/** True once the first screen has been shown (and stays true for the life of the page). */
export function useFirstScreenShown(): boolean {
  return useSyncExternalStore(subscribe, () => shown);
}

/** Marks the first screen shown once `ready` is true, after the frame that shows it. */
export function useMarkFirstScreen(ready: boolean): void {
  useEffect(() => {
    if (!ready || shown) return undefined;
    // After the browser has painted the content: a frame, then a task.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(markFirstScreenShown, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready]);
}
