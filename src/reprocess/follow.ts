// Following a request after Graph answered its reprocess: what did it become? Framework-free.
//
// After a 202 the service starts the delivery again; the request is then `delivering` for seconds
// to minutes and ends delivered, failed again, or partly delivered. After a refusal or a 404 the
// request is read once, so the row shows what Graph has now rather than what the list said before.
// Reads are GETs batched 20 per `$batch` (by the engine), never while a run is sending (the writes
// get the browser's connections), due ones grouped together, and backing off: 3 s, then doubling
// to a minute, for at most ten minutes. After that the request is reported "still delivering".
import type { FollowedRequest, FollowVerdict } from './engine-types';

/** The first read 3 s after a 202, then doubling to a minute, for at most ten minutes. */
export const FOLLOW_DEFAULTS = { firstDelayMs: 3_000, maxDelayMs: 60_000, followForMs: 10 * 60_000 } as const;

export interface ReadAnswer {
  /** 0 when no HTTP answer came (network, sign-in needed). */
  status: number;
  body: unknown;
}

export interface ReadState {
  state: string;
  label: string;
  failed: boolean;
  /** Still on its way (submitted, delivering): worth reading again. */
  inProgress: boolean;
  status?: string;
}

export interface FollowerOptions {
  /** Reads these requests (batched by the caller); an id missing from the answer is read again later. */
  read(ids: readonly string[]): Promise<Map<string, ReadAnswer>>;
  readState(json: unknown): ReadState | undefined;
  /** While true, reads wait: a run is sending. */
  busy(): boolean;
  onChange(id: string, followed: FollowedRequest): void;
  now?: () => number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  followForMs?: number;
  /** Most requests read in one go (each read is at most 20 per $batch). */
  maxPerRound?: number;
}

interface Followed {
  since: number;
  nextAt: number;
  delay: number;
  /** Accepted: read until it leaves delivering. Otherwise: read once. */
  untilSettled: boolean;
  last?: FollowedRequest;
}

export class DeliveryFollower {
  private readonly items = new Map<string, Followed>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading = false;
  private closed = false;
  private readonly now: () => number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly followForMs: number;
  private readonly maxPerRound: number;

  constructor(private readonly opts: FollowerOptions) {
    this.now = opts.now ?? Date.now;
    this.firstDelayMs = opts.firstDelayMs ?? FOLLOW_DEFAULTS.firstDelayMs;
    this.maxDelayMs = opts.maxDelayMs ?? FOLLOW_DEFAULTS.maxDelayMs;
    this.followForMs = opts.followForMs ?? FOLLOW_DEFAULTS.followForMs;
    this.maxPerRound = opts.maxPerRound ?? 100;
  }

  /**
   * Starts following `id`. `untilSettled` for an accepted reprocess (read until it is no longer in
   * progress); otherwise it is read once, soon.
   */
  follow(id: string, untilSettled: boolean): void {
    if (this.closed) return;
    const at = this.now();
    const delay = untilSettled ? this.firstDelayMs : 0;
    this.items.set(id, {
      since: at,
      nextAt: at + delay,
      delay: Math.max(delay, this.firstDelayMs),
      untilSettled,
    });
    this.schedule(undefined, at + delay);
  }

  /** Ids still being followed. */
  get following(): number {
    return this.items.size;
  }

  /** Reads whatever is due now (the engine calls it when a run stops sending). */
  wake(): void {
    this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.items.clear();
  }

  /** When the timer is set to fire (ms since the epoch). */
  private timerAt = Infinity;

  private schedule(forceMs?: number, soonest?: number): void {
    if (this.closed || this.reading || this.items.size === 0) return;
    const at =
      forceMs !== undefined
        ? this.now() + forceMs
        : (soonest ?? Math.min(...[...this.items.values()].map((f) => f.nextAt)));
    // A bulk run follows hundreds of requests one by one: a timer already due sooner stands.
    if (soonest !== undefined && this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        void this.round();
      },
      Math.max(0, at - this.now()),
    );
  }

  private async round(): Promise<void> {
    if (this.closed || this.reading) return;
    if (this.opts.busy()) {
      // A run is sending: try again shortly (the engine also wakes us when it stops).
      this.schedule(1_000);
      return;
    }
    const at = this.now();
    const due = [...this.items.entries()]
      .filter(([, f]) => f.nextAt <= at)
      .sort((a, b) => a[1].nextAt - b[1].nextAt)
      .slice(0, this.maxPerRound)
      .map(([id]) => id);
    if (due.length === 0) {
      this.schedule();
      return;
    }
    this.reading = true;
    let answers: Map<string, ReadAnswer>;
    try {
      answers = await this.opts.read(due);
    } catch {
      answers = new Map();
    } finally {
      this.reading = false;
    }
    if (this.closed) return;
    for (const id of due) {
      const f = this.items.get(id);
      if (f) this.settle(id, f, answers.get(id));
    }
    this.schedule();
  }

  private settle(id: string, f: Followed, answer: ReadAnswer | undefined): void {
    const at = this.now();
    const expired = at - f.since >= this.followForMs;
    const backOff = (): void => {
      f.delay = Math.min(this.maxDelayMs, f.delay * 2);
      f.nextAt = at + f.delay;
    };
    if (!answer || answer.status === 0 || answer.status === 429 || answer.status >= 500) {
      // No answer worth the name: ask again later, unless we have followed it long enough.
      if (expired) this.finish(id, f.last ?? { verdict: 'unread', at, final: true });
      else backOff();
      return;
    }
    if (answer.status === 404) {
      this.finish(id, { verdict: 'gone', at, final: true });
      return;
    }
    const state = answer.status >= 200 && answer.status < 300 ? this.opts.readState(answer.body) : undefined;
    if (!state) {
      this.finish(id, { verdict: 'unread', at, final: true });
      return;
    }
    const verdict: FollowVerdict = state.inProgress
      ? 'delivering'
      : state.failed
        ? 'failedAgain'
        : state.state.toLowerCase() === 'delivered'
          ? 'delivered'
          : 'other';
    const followed: FollowedRequest = {
      verdict,
      state: state.state,
      stateLabel: state.label,
      ...(state.status !== undefined && { status: state.status }),
      body: answer.body,
      at,
      final: !(f.untilSettled && state.inProgress && !expired),
    };
    f.last = followed;
    if (followed.final) this.finish(id, followed);
    else {
      backOff();
      this.opts.onChange(id, followed);
    }
  }

  private finish(id: string, followed: FollowedRequest): void {
    this.items.delete(id);
    this.opts.onChange(id, { ...followed, final: true });
  }
}
