// Entra's audit log allows an app about 5 reads every 10 seconds (Graph throttling docs). The
// audit views send their reads through one AuditThrottle, one at a time, so they stay under
// that limit and wait in the open instead of failing. If Graph still answers 429 (another tab or
// another agent uses the same app) or is briefly unavailable, it backs off and tries again.
// A browser cannot read Graph's Retry-After (Graph does not expose it to scripts), so the
// backoff is exponential with jitter; a readable Retry-After is honoured as a floor.
// Framework-free: React subscribes to `wait()`.
import { abortReason, abortableSleep } from '../../../graph/abortable-sleep';
import { isGraphError } from '../../../graph/graph-error';

export type AuditWaitReason =
  /** Our own pacing: the last `requests` reads finished less than `windowMs` ago. */
  | 'rate-limit'
  /** Graph answered 429 Too Many Requests. */
  | 'throttled'
  /** Graph was briefly unavailable (503, 504) or did not answer. */
  | 'unavailable';

export interface AuditWait {
  reason: AuditWaitReason;
  /** Epoch ms when the wait ends. */
  until: number;
}

export interface AuditThrottleOptions {
  requests: number;
  windowMs: number;
  /** Further attempts after a 429 or a transient failure. */
  maxRetries?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  /** In [0, 1), like Math.random. */
  random?: () => number;
}

function retryReason(error: unknown): AuditWaitReason | undefined {
  if (!isGraphError(error)) return undefined;
  if (error.kind === 'network') return 'unavailable';
  if (error.kind !== 'http') return undefined;
  if (error.status === 429) return 'throttled';
  return error.status === 503 || error.status === 504 ? 'unavailable' : undefined;
}

/** Settles when `promise` does, or rejects as soon as `signal` fires. */
function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

export class AuditThrottle {
  readonly requests: number;
  readonly windowMs: number;
  private readonly maxRetries: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  /** When recent reads finished, oldest first. A finish is never earlier than Graph counted the read. */
  private finished: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private current: AuditWait | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(opts: AuditThrottleOptions) {
    this.requests = opts.requests;
    this.windowMs = opts.windowMs;
    this.maxRetries = opts.maxRetries ?? 5;
    this.baseBackoffMs = opts.baseBackoffMs ?? 2_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.now = opts.now ?? (() => Date.now());
    this.random = opts.random ?? (() => Math.random());
  }

  /** What the read at the head of the queue is waiting for, or null. */
  wait = (): AuditWait | null => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Runs `call` when it is its turn and the window has room, retrying on 429 and transient
   * failures. Rejects with the call's error otherwise, or with the signal's reason once it fires.
   */
  async run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await untilSettledOrAborted(previous, signal);
    } catch (error) {
      // Leaving the queue early must not let the next read overtake one still running.
      void previous.then(release);
      throw error;
    }
    try {
      for (let retry = 0; ; retry++) {
        await this.waitForRoom(signal);
        this.setWait(null);
        try {
          const result = await call();
          this.finished.push(this.now());
          return result;
        } catch (error) {
          this.finished.push(this.now());
          const reason = retryReason(error);
          if (reason === undefined || retry >= this.maxRetries || signal?.aborted) throw error;
          const retryAfterMs = isGraphError(error) ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
          await this.pause(Math.max(retryAfterMs, this.backoff(retry)), reason, signal);
        }
      }
    } finally {
      this.setWait(null);
      release();
    }
  }

  /** Full jitter over an exponential cap, never less than half of it: a 10-second window needs real waits. */
  private backoff(retry: number): number {
    const cap = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** retry);
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  private async waitForRoom(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.now();
      this.finished = this.finished.filter((t) => t > now - this.windowMs);
      if (this.finished.length < this.requests) return;
      const oldest = this.finished[this.finished.length - this.requests] ?? now;
      await this.pause(oldest + this.windowMs - now, 'rate-limit', signal);
    }
  }

  private async pause(ms: number, reason: AuditWaitReason, signal: AbortSignal | undefined): Promise<void> {
    this.setWait({ reason, until: this.now() + ms });
    await abortableSleep(ms, signal);
  }

  private setWait(wait: AuditWait | null): void {
    if (wait === null && this.current === null) return;
    this.current = wait;
    this.listeners.forEach((l) => l());
  }
}

/**
 * The one throttle for this browser tab. Graph's limit is per app and tenant, so every audit view
 * and account in the tab shares it; other tabs are covered by the 429 backoff.
 */
export const auditThrottle = new AuditThrottle({ requests: 5, windowMs: 10_000 });
