import { describe, expect, it } from 'vitest';
import type { ActivityAfterward } from '../../record/activity-record';
import { afterwardText } from './activity-format';

const at = '2026-11-28T12:00:07.000Z';
const then = (afterward: Omit<ActivityAfterward, 'time'>) =>
  afterwardText({ afterward: { ...afterward, time: at } });

describe('afterwardText', () => {
  it('is undefined before anything was read again', () => {
    expect(afterwardText({})).toBeUndefined();
  });

  it('names the state in words, never as Graph sent it', () => {
    expect(then({ verdict: 'other', state: 'pendingApproval' })).toBe('Then: Now Pending approval');
    expect(then({ verdict: 'other', state: 'PendingApproval' })).toBe('Then: Now Pending approval');
    expect(then({ verdict: 'other', state: 'unknownFutureValue' })).toBe('Then: Now Other');
    expect(then({ verdict: 'other', state: 'awaitingSomething' })).toBe('Then: Now Awaiting something');
    expect(then({ verdict: 'other' })).toBe('Then: Now in another state');
  });

  it("says a failed state once when Graph's status only repeats it", () => {
    expect(then({ verdict: 'failedAgain', state: 'partiallyDelivered', status: 'PartiallyDelivered' })).toBe(
      'Then: Failed again · Partially delivered',
    );
    expect(then({ verdict: 'failedAgain', state: 'DeliveryFailed', status: 'DeliveryFailed' })).toBe(
      'Then: Failed again · Delivery failed',
    );
  });

  it("keeps Graph's status as sent when it says more", () => {
    expect(
      then({ verdict: 'failedAgain', state: 'deliveryFailed', status: 'Unable to add the user to group' }),
    ).toBe('Then: Failed again · Delivery failed · Unable to add the user to group');
  });

  it('needs no details for the other verdicts', () => {
    expect(then({ verdict: 'delivered', state: 'delivered', status: 'Delivered' })).toBe('Then: Delivered');
    expect(then({ verdict: 'gone' })).toBe('Then: No longer in Microsoft Graph');
  });
});
