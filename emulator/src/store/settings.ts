// Knobs tests and benchmarks turn through the control API (PATCH /settings).

export type DeliveryOutcome = 'asSeeded' | 'delivered' | 'failed';

export interface Settings {
  /** Items per Graph page. Graph documents no page size, so the app must not assume one. */
  pageSize: number;
  /** How long a reprocessed request stays `delivering` before it settles. */
  deliveryDelayMs: number;
  /** 'asSeeded' uses each request's hidden reprocessOutcome. */
  deliveryOutcome: DeliveryOutcome;
}

export function defaultSettings(): Settings {
  return { pageSize: 100, deliveryDelayMs: 4000, deliveryOutcome: 'asSeeded' };
}

/** Validates a partial settings object; returns an error message or the merged settings. */
export function mergeSettings(current: Settings, patch: unknown): Settings | string {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return 'body must be a JSON object';
  const p = patch as Record<string, unknown>;
  const next = { ...current };
  for (const key of Object.keys(p)) {
    if (!['pageSize', 'deliveryDelayMs', 'deliveryOutcome'].includes(key)) return `unknown setting '${key}'`;
  }
  if (p.pageSize !== undefined) {
    if (!Number.isInteger(p.pageSize) || (p.pageSize as number) < 1 || (p.pageSize as number) > 10000) {
      return 'pageSize must be an integer from 1 to 10000';
    }
    next.pageSize = p.pageSize as number;
  }
  if (p.deliveryDelayMs !== undefined) {
    if (typeof p.deliveryDelayMs !== 'number' || !(p.deliveryDelayMs >= 0) || p.deliveryDelayMs > 3_600_000) {
      return 'deliveryDelayMs must be a number from 0 to 3600000';
    }
    next.deliveryDelayMs = p.deliveryDelayMs;
  }
  if (p.deliveryOutcome !== undefined) {
    if (
      p.deliveryOutcome !== 'asSeeded' &&
      p.deliveryOutcome !== 'delivered' &&
      p.deliveryOutcome !== 'failed'
    ) {
      return "deliveryOutcome must be 'asSeeded', 'delivered' or 'failed'";
    }
    next.deliveryOutcome = p.deliveryOutcome;
  }
  return next;
}
