// The one place unexpected errors go: React's root callbacks (createRoot's onUncaughtError,
// onCaughtError, onRecoverableError) and the window's `unhandledrejection` and `error` events.
// Each is written to the console for whoever investigates, and anything no part of the page has
// already explained raises one calm notice (see problem-notice.tsx).
import { useSyncExternalStore, type ErrorInfo } from 'react';
import { LazyLoadError } from './lazy-load-error';

export type ErrorSource = 'uncaught' | 'caught' | 'recoverable' | 'unhandled rejection' | 'script error';

export interface ReportedProblem {
  /** Count of problems since the notice was last dismissed. */
  count: number;
  /** The last one's message, for the notice's details. */
  message: string;
}

let problem: ReportedProblem | undefined;
const listeners = new Set<() => void>();

function emit(): void {
  listeners.forEach((l) => l());
}

/** Errors that are not defects: a download the part already reports, a redirect that is leaving. */
function isExpected(error: unknown): boolean {
  return (
    error instanceof LazyLoadError || (error instanceof Error && error.name === 'InteractionStartedError')
  );
}

export function reportError(
  error: unknown,
  source: ErrorSource,
  info?: Pick<ErrorInfo, 'componentStack'>,
): void {
  if (isExpected(error)) return;
  console.error(`Reprocess Desk: ${source}:`, error, info?.componentStack ?? '');
  // A boundary already shows its own message where the error happened.
  if (source === 'caught') return;
  problem = {
    count: (problem?.count ?? 0) + 1,
    message: error instanceof Error ? error.message : String(error),
  };
  emit();
}

export function dismissProblem(): void {
  problem = undefined;
  emit();
}

export function useReportedProblem(): ReportedProblem | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => problem,
  );
}

/** Options for createRoot: every error React sees reaches the reporter. */
export const rootErrorOptions = {
  onCaughtError: (error: unknown, info: ErrorInfo) => reportError(error, 'caught', info),
  onRecoverableError: (error: unknown, info: ErrorInfo) => reportError(error, 'recoverable', info),
};

/** Promises nobody awaited and script errors outside React reach the reporter too. */
export function reportWindowErrors(target: Window = window): void {
  target.addEventListener('unhandledrejection', (event) => {
    // Reported here instead of the browser's own "Uncaught (in promise)" line.
    event.preventDefault();
    reportError(event.reason, 'unhandled rejection');
  });
  target.addEventListener('error', (event) => {
    // Resource load failures arrive without an error object: the parts that load them report those.
    if (!(event.error instanceof Error)) return;
    event.preventDefault();
    reportError(event.error, 'script error');
  });
}
