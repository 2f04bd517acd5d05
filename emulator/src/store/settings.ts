// Knobs tests and benchmarks turn through the control API (PATCH /settings).

import { isRecord } from '../is-record.js';

export type DeliveryOutcome = 'asSeeded' | 'delivered' | 'failed';

export interface Settings {
  /** Items per Graph page. Graph documents no page size, so the app must not assume one. */
  pageSize: number;
  /** How long a reprocessed request stays `delivering` before it settles. */
  deliveryDelayMs: number;
  /** 'asSeeded' uses each request's hidden reprocessOutcome. */
  deliveryOutcome: DeliveryOutcome;
  /** Directory audit events per page when the client sends no $top. */
  auditPageSize: number;
  /** Audit-log reads allowed per app in any sliding window of `windowMs`. */
  auditRateLimit: { requests: number; windowMs: number };
  /**
   * Lifetime of the access tokens the identity provider issues from now on (`expires_in` and
   * `exp`); tokens already issued keep theirs. Entra's default is 60-90 minutes; 3600 here.
   * MSAL renews a cached token `tokenRenewalOffsetSeconds` (default 300) before it expires, so
   * with a lifetime of 300 s or less every acquireTokenSilent goes to the token endpoint; use e.g.
   * 305 for a token that MSAL serves from its cache for about 5 s and then refreshes.
   */
  accessTokenLifetimeSeconds: number;
  /**
   * Whether the assignment request list accepts `createdDateTime` comparisons in `$filter` (they
   * are documented). false plays a Graph deployment that refuses them with 400, as it refuses any
   * filter it does not support, so the app's fallback to one nextLink chain can be seen.
   */
  createdDateTimeFilter: boolean;
}

export function defaultSettings(): Settings {
  return {
    pageSize: 100,
    deliveryDelayMs: 4000,
    deliveryOutcome: 'asSeeded',
    auditPageSize: 100,
    // Graph's throttling guidance: audit-log reads are limited to about 5 requests per 10 seconds
    // per app per tenant.
    auditRateLimit: { requests: 5, windowMs: 10_000 },
    accessTokenLifetimeSeconds: 3600,
    createdDateTimeFilter: true,
  };
}

/** Validates a partial settings object; returns an error message or the merged settings. */
export function mergeSettings(current: Settings, patch: unknown): Settings | string {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return 'body must be a JSON object';
  const p = patch as Record<string, unknown>;
  const next = { ...current };
  for (const key of Object.keys(p)) {
    if (
      ![
        'pageSize',
        'deliveryDelayMs',
        'deliveryOutcome',
        'auditPageSize',
        'auditRateLimit',
        'accessTokenLifetimeSeconds',
        'createdDateTimeFilter',
      ].includes(key)
    ) {
      return `unknown setting '${key}'`;
    }
  }
  if (p.createdDateTimeFilter !== undefined) {
    if (typeof p.createdDateTimeFilter !== 'boolean') return 'createdDateTimeFilter must be true or false';
    next.createdDateTimeFilter = p.createdDateTimeFilter;
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
  if (p.auditPageSize !== undefined) {
    if (
      !Number.isInteger(p.auditPageSize) ||
      (p.auditPageSize as number) < 1 ||
      (p.auditPageSize as number) > 1000
    ) {
      return 'auditPageSize must be an integer from 1 to 1000';
    }
    next.auditPageSize = p.auditPageSize as number;
  }
  if (p.auditRateLimit !== undefined) {
    const limit = isRecord(p.auditRateLimit) ? p.auditRateLimit : {};
    const { requests, windowMs } = limit;
    if (
      !isRecord(p.auditRateLimit) ||
      Object.keys(limit).some((k) => k !== 'requests' && k !== 'windowMs') ||
      typeof requests !== 'number' ||
      !Number.isInteger(requests) ||
      requests < 1 ||
      requests > 100_000 ||
      typeof windowMs !== 'number' ||
      !(windowMs >= 0) ||
      windowMs > 3_600_000
    ) {
      return 'auditRateLimit must be { requests: 1 to 100000, windowMs: 0 to 3600000 }';
    }
    next.auditRateLimit = { requests, windowMs };
  }
  if (p.accessTokenLifetimeSeconds !== undefined) {
    const v = p.accessTokenLifetimeSeconds;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 86_400) {
      return 'accessTokenLifetimeSeconds must be an integer from 1 to 86400';
    }
    next.accessTokenLifetimeSeconds = v;
  }
  return next;
}
