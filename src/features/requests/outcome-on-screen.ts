// Whether an outcome can be read where the agent is looking: a row, the details drawer or the
// by-id dialog marks the place that shows a request's outcome with `data-outcome-for`. When one
// is on screen and not covered (by the drawer, a dialog, a toast), the outcome is shown there and
// no toast repeats it.

export const OUTCOME_FOR = 'data-outcome-for';

export function outcomeShownOnScreen(id: string): boolean {
  if (typeof document === 'undefined') return false;
  const wanted = id.toLowerCase();
  for (const el of document.querySelectorAll<HTMLElement>(`[${OUTCOME_FOR}]`)) {
    if (el.getAttribute(OUTCOME_FOR)?.toLowerCase() !== wanted) continue;
    if (isUncovered(el)) return true;
  }
  return false;
}

/** On screen and not covered by anything drawn over it (a drawer, a dialog, a toast). */
export function isUncovered(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
  if (r.bottom <= 0 || r.top >= window.innerHeight || r.right <= 0 || r.left >= window.innerWidth)
    return false;
  const top = document.elementFromPoint(x, y);
  return top !== null && (el === top || el.contains(top) || top.contains(el));
}

/** At least partly inside the window, whatever is drawn over it (a closing dialog's backdrop). */
export function isInViewport(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
}
