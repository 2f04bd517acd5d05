// How long the activity record keeps entries. A per-user setting in localStorage: it is a
// preference of the person on this browser, like the record itself, not tenant configuration.
import type { ActivityActor, RetentionSettings } from './activity-record';
import { t } from '../i18n/i18n';

export const DEFAULT_RETENTION: Readonly<RetentionSettings> = { maxEntries: 50_000, maxDays: 180 };

/**
 * Bounds for the editable values. The lower ones keep a bulk run's entries (hundreds) from pushing
 * out each other; the upper ones keep the browser's storage quota and the page's memory sane.
 */
export const RETENTION_LIMITS = {
  maxEntries: { min: 1_000, max: 200_000 },
  maxDays: { min: 7, max: 3_650 },
} as const;

function storageKey(actor: Pick<ActivityActor, 'tenantId' | 'objectId'>): string {
  return `reprocess-desk.activity-retention.${actor.tenantId}.${actor.objectId}`;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Any value, made valid: out-of-range numbers are clamped, missing ones take the default. */
export function normalizeRetention(value: unknown): RetentionSettings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    maxEntries: clampInt(
      record.maxEntries,
      RETENTION_LIMITS.maxEntries.min,
      RETENTION_LIMITS.maxEntries.max,
      DEFAULT_RETENTION.maxEntries,
    ),
    maxDays: clampInt(
      record.maxDays,
      RETENTION_LIMITS.maxDays.min,
      RETENTION_LIMITS.maxDays.max,
      DEFAULT_RETENTION.maxDays,
    ),
  };
}

/** The user's setting, or the default when none is saved or storage is not available. */
export function loadRetention(actor: Pick<ActivityActor, 'tenantId' | 'objectId'>): RetentionSettings {
  try {
    const text = globalThis.localStorage?.getItem(storageKey(actor));
    return normalizeRetention(text ? (JSON.parse(text) as unknown) : undefined);
  } catch {
    // Blocked storage or a hand-edited value: the default is the safe answer.
    return { ...DEFAULT_RETENTION };
  }
}

/** Saves the setting (normalised) and returns what was saved. Throws when storage refuses. */
export function saveRetention(
  actor: Pick<ActivityActor, 'tenantId' | 'objectId'>,
  settings: RetentionSettings,
): RetentionSettings {
  const normalized = normalizeRetention(settings);
  globalThis.localStorage.setItem(storageKey(actor), JSON.stringify(normalized));
  return normalized;
}

/** The sentence the activity page shows, e.g. "Keeping the newest 50,000 actions or 180 days, ...". */
export function describeRetention(settings: RetentionSettings): string {
  return t(
    {
      id: 'retention.summary',
      defaultMessage:
        'Keeping the newest {entries, plural, one {# action} other {# actions}} or {days, plural, one {# day} other {# days}}, whichever is less; older ones are removed first.',
    },
    { entries: settings.maxEntries, days: settings.maxDays },
  );
}
