import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphError } from '../../../graph/graph-error';
import { AuditThrottle, type AuditWait } from './audit-throttle';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

const httpError = (status: number, retryAfterSeconds?: number): GraphError =>
  new GraphError({
    kind: 'http',
    status,
    clientRequestId: 'c0ffee00-0000-4000-8000-000000000001',
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  });

/** A call that answers at once and records when it ran (fake time). */
function recorder() {
  const ran: number[] = [];
  const call = (): Promise<number> => {
    ran.push(Date.now());
    return Promise.resolve(ran.length);
  };
  return { ran, call };
}

describe('AuditThrottle: its own pacing', () => {
  it('lets 5 reads through, then holds the 6th until the oldest leaves the 10-second window', async () => {
    const throttle = new AuditThrottle({ requests: 5, windowMs: 10_000 });
    const start = Date.now();
    const { ran, call } = recorder();
    const waits: (AuditWait | null)[] = [];
    throttle.subscribe(() => waits.push(throttle.wait()));

    const results = Array.from({ length: 6 }, () => throttle.run(call));
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual([start, start, start, start, start]);
    expect(throttle.wait()).toEqual({ reason: 'rate-limit', until: start + 10_000 });

    await vi.advanceTimersByTimeAsync(9_999);
    expect(ran).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toHaveLength(6);
    expect(ran[5]).toBe(start + 10_000);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(throttle.wait()).toBeNull();
    expect(waits).toEqual([{ reason: 'rate-limit', until: start + 10_000 }, null]);
  });

  it('counts a read from when it finished, and runs one read at a time', async () => {
    const throttle = new AuditThrottle({ requests: 2, windowMs: 1_000 });
    const start = Date.now();
    let running = 0;
    let most = 0;
    const finishedAt: number[] = [];
    const slow = async (): Promise<void> => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 300));
      running--;
      finishedAt.push(Date.now());
    };
    const all = Promise.all([throttle.run(slow), throttle.run(slow), throttle.run(slow)]);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(most).toBe(1);
    // The first two finish at 300 and 600 ms; the third may start only 1 s after the first finished.
    expect(finishedAt).toEqual([start + 300, start + 600, start + 1_300 + 300]);
  });
});

describe('AuditThrottle: when Graph throttles anyway', () => {
  it('waits visibly after a 429, with backoff, then succeeds without an error', async () => {
    const throttle = new AuditThrottle({ requests: 100, windowMs: 10_000, random: () => 0 });
    const start = Date.now();
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(httpError(429))
      .mockRejectedValueOnce(httpError(429))
      .mockResolvedValue('events');
    const result = throttle.run(call);
    await vi.advanceTimersByTimeAsync(0);
    // Backoff is at least half of the exponential cap: 1 s, then 2 s.
    expect(throttle.wait()).toEqual({ reason: 'throttled', until: start + 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(throttle.wait()).toEqual({ reason: 'throttled', until: start + 3_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await result).toBe('events');
    expect(call).toHaveBeenCalledTimes(3);
    expect(throttle.wait()).toBeNull();
  });

  it('honours a readable Retry-After as a floor', async () => {
    const throttle = new AuditThrottle({ requests: 100, windowMs: 10_000, random: () => 0 });
    const start = Date.now();
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(httpError(429, 7))
      .mockResolvedValue('ok');
    const result = throttle.run(call);
    await vi.advanceTimersByTimeAsync(0);
    expect(throttle.wait()).toEqual({ reason: 'throttled', until: start + 7_000 });
    await vi.advanceTimersByTimeAsync(7_000);
    expect(await result).toBe('ok');
  });

  it('retries a brief outage, and gives up after its retries with the last error', async () => {
    const throttle = new AuditThrottle({ requests: 100, windowMs: 10_000, maxRetries: 2, random: () => 0 });
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(httpError(503));
    const result = throttle.run(call);
    const settled = result.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(throttle.wait()?.reason).toBe('unavailable');
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await settled;
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(503);
    expect(call).toHaveBeenCalledTimes(3);
    expect(throttle.wait()).toBeNull();
  });

  it('does not retry a refusal', async () => {
    const throttle = new AuditThrottle({ requests: 100, windowMs: 10_000 });
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(httpError(403));
    await expect(throttle.run(call)).rejects.toMatchObject({ status: 403 });
    expect(call).toHaveBeenCalledTimes(1);
    expect(throttle.wait()).toBeNull();
  });
});

describe('AuditThrottle: cancelling', () => {
  it('drops a cancelled read from the queue and lets the next one run', async () => {
    const throttle = new AuditThrottle({ requests: 1, windowMs: 10_000 });
    const start = Date.now();
    const { ran, call } = recorder();
    await throttle.run(call);
    const controller = new AbortController();
    const cancelled = throttle.run(call, controller.signal);
    const next = throttle.run(call);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(throttle.wait()?.reason).toBe('rate-limit');
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(0);
    // The next read waits its own turn: the window still holds the first read.
    expect(throttle.wait()).toEqual({ reason: 'rate-limit', until: start + 10_000 });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(await next).toBe(2);
    expect(ran).toEqual([start, start + 10_000]);
  });
});
