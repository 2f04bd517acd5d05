import { describe, expect, it } from 'vitest';
import type { AssignmentRequest } from '../../model';
import { ineligibleReason, summaryText, type OutcomeKind } from './bulk-outcomes';

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

describe('summaryText', () => {
  it('names only the non-zero outcomes, good news first and "not sent" last', () => {
    const counts = new Map<OutcomeKind, number>([
      ['cancelled', 2],
      ['refused', 1],
      ['accepted', 18],
      ['gone', 1],
    ]);
    expect(summaryText(counts)).toBe('18 accepted, 1 no longer exists, 1 not reprocessable, 2 not sent');
  });

  it('agrees in number', () => {
    expect(summaryText(new Map([['gone', 2]]))).toBe('2 no longer exist');
  });

  it('says so when nothing was sent at all', () => {
    expect(summaryText(new Map())).toBe('nothing was sent');
  });
});

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
      'Not in a failed state (Unknown (unknownFutureValue))',
    );
  });
});
