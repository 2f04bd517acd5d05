// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  RETENTION_LIMITS,
  describeRetention,
  loadRetention,
  normalizeRetention,
  saveRetention,
} from './retention';

const AVERY = { tenantId: 'tenant-1', objectId: 'avery' };
const MORGAN = { tenantId: 'tenant-1', objectId: 'morgan' };

beforeEach(() => localStorage.clear());

describe('retention settings', () => {
  it('defaults to the newest 50,000 actions and 180 days, and says so', () => {
    expect(loadRetention(AVERY)).toEqual({ maxEntries: 50_000, maxDays: 180 });
    expect(describeRetention(DEFAULT_RETENTION)).toBe(
      'Keeping the newest 50,000 actions or 180 days, whichever is less; older ones are removed first.',
    );
  });

  it('is saved per user', () => {
    saveRetention(AVERY, { maxEntries: 2_000, maxDays: 30 });
    expect(loadRetention(AVERY)).toEqual({ maxEntries: 2_000, maxDays: 30 });
    expect(loadRetention(MORGAN)).toEqual(DEFAULT_RETENTION);
  });

  it('clamps out-of-range values and ignores garbage', () => {
    expect(normalizeRetention({ maxEntries: 5, maxDays: 99_999 })).toEqual({
      maxEntries: RETENTION_LIMITS.maxEntries.min,
      maxDays: RETENTION_LIMITS.maxDays.max,
    });
    expect(normalizeRetention('nonsense')).toEqual(DEFAULT_RETENTION);
    localStorage.setItem(`reprocess-desk.activity-retention.tenant-1.avery`, '{not json');
    expect(loadRetention(AVERY)).toEqual(DEFAULT_RETENTION);
  });
});
