// Where the arrow keys go in the requests grid, after the WAI-ARIA grid pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/grid/): framework-free, so the rules read (and are
// tested) apart from the virtualized rendering in components/requests-grid.tsx.
//
// Row 0 is the header row, rows 1..count the requests (aria-rowindex is row + 1). A "stop" is what
// takes focus in a cell: the cell itself for text, the control for a cell holding one, and each of
// the two buttons of the Actions cell (Reprocess, Details), so both are an arrow press apart.
import type { SortKey } from './queue-view';

export type StopId = 'select' | SortKey | 'actions' | 'reprocess' | 'details';

/** Left-to-right place of each stop; the header's Actions cell sits over Reprocess and Details. */
const PLACE: Readonly<Record<StopId, number>> = {
  select: 0,
  requestor: 1,
  package: 2,
  state: 3,
  status: 4,
  type: 5,
  created: 6,
  completed: 7,
  window: 8,
  // The Actions cell's two buttons are nearer each other than to Window: a row without Reprocess
  // (read-only) falls back to Details; the header's Actions cell leads down to Reprocess.
  reprocess: 9,
  actions: 9.4,
  details: 9.9,
};

/** The stop a row has for `wanted`: itself, else the nearest to its place (the left one on a tie). */
export function resolveStop(wanted: StopId, stops: readonly StopId[]): StopId | undefined {
  if (stops.includes(wanted)) return wanted;
  let best: StopId | undefined;
  let bestDistance = Infinity;
  for (const stop of stops) {
    const distance = Math.abs(PLACE[stop] - PLACE[wanted]);
    if (distance < bestDistance) {
      best = stop;
      bestDistance = distance;
    }
  }
  return best;
}

export interface GridPosition {
  /** 0 is the header row; 1..count the rows of requests. */
  row: number;
  /**
   * The column asked for. Up and Down keep it even through a row that lacks it, so moving through
   * the header (which has one Actions cell) and back lands on Details again.
   */
  col: StopId;
}

export interface GridShape {
  /** Rows of requests. */
  count: number;
  headerStops: readonly StopId[];
  bodyStops: readonly StopId[];
  /** Rows that PageUp and PageDown move by: about one screenful. */
  pageRows: number;
}

export interface GridKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Where a navigation key moves focus from `at`; undefined for any other key. */
export function nextPosition(e: GridKey, at: GridPosition, shape: GridShape): GridPosition | undefined {
  if (e.altKey || e.shiftKey) return undefined;
  // Ctrl+Home/End, and Cmd+Home/End on a Mac keyboard.
  const toCorner = e.ctrlKey || e.metaKey;
  const stopsOf = (row: number) => (row === 0 ? shape.headerStops : shape.bodyStops);
  const stops = stopsOf(at.row);
  const current = resolveStop(at.col, stops);
  const index = current === undefined ? 0 : stops.indexOf(current);
  const clampRow = (row: number) => Math.max(0, Math.min(shape.count, row));
  const atCol = (row: number, i: number): GridPosition => {
    const inRow = stopsOf(row);
    return { row, col: inRow[Math.max(0, Math.min(inRow.length - 1, i))] ?? at.col };
  };
  switch (e.key) {
    case 'ArrowRight':
      return toCorner ? undefined : atCol(at.row, index + 1);
    case 'ArrowLeft':
      return toCorner ? undefined : atCol(at.row, index - 1);
    case 'ArrowDown':
      return toCorner ? undefined : { row: clampRow(at.row + 1), col: at.col };
    case 'ArrowUp':
      return toCorner ? undefined : { row: clampRow(at.row - 1), col: at.col };
    case 'PageDown':
      return toCorner ? undefined : { row: clampRow(at.row + shape.pageRows), col: at.col };
    case 'PageUp':
      // From inside the rows, PageUp stops at the first row; only from there does it reach the header.
      return toCorner
        ? undefined
        : { row: at.row > 1 ? Math.max(1, at.row - shape.pageRows) : 0, col: at.col };
    case 'Home':
      return toCorner ? atCol(0, 0) : atCol(at.row, 0);
    case 'End':
      return toCorner ? atCol(shape.count, Infinity) : atCol(at.row, Infinity);
    default:
      return undefined;
  }
}
