import { describe, expect, it } from 'vitest';
import type { AssignmentRequest } from '../../model';
import { ineligibleReason } from './bulk-eligibility';

const NOW = new Date('2025-03-20T12:00:00Z');

function request(state: string, completedDateTime?: string, stateRaw = state): AssignmentRequest {
  return {
    id: 'r',
    state: state as AssignmentRequest['state'],
    stateRaw,
    raw: {},
    ...(completedDateTime !== undefined && { completedDateTime }),
  };
}

describe('ineligibleReason', () => {
  it('passes a failed request inside the window', () => {
    expect(ineligibleReason(request('deliveryFailed', '2025-03-18T12:00:00Z'), NOW)).toBeUndefined();
  });

  it('names the window for a failed request completed more than 14 days ago', () => {
    expect(ineligibleReason(request('partiallyDelivered', '2025-03-01T12:00:00Z'), NOW)).toBe(
      'Outside the 14-day reprocess window',
    );
  });

  it('names the state first for a request no longer failed', () => {
    expect(ineligibleReason(request('delivered', '2025-03-01T12:00:00Z'), NOW)).toBe(
      'Not in a failed state (Delivered)',
    );
    expect(ineligibleReason(request('unknown', undefined, 'unknownFutureValue'), NOW)).toBe(
      'Not in a failed state (Other)',
    );
  });
});
