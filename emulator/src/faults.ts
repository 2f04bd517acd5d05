// Injected failures for tests and benchmarks (POST /faults), on calls whose path matches a regular
// expression. Batch steps are matched too, as `/<version>` + the step's path. Kinds:
// - latency: holds the call for latencyMs (+ a random 0..jitterMs) before it is handled. On a
//   `$batch` path it holds the whole batch before any step runs; on a step's path it holds that
//   step (steps run in parallel, so the batch answers when its slowest step is done). Every call
//   still held is released at once, and then handled normally, when the faults are cleared
//   (DELETE /faults, POST /reset).
// - status: an error status (429 with Retry-After, 500, 503...) instead of handling the call.
// - drop: the call ends without an answer (dropCall in http.ts). By default before it is handled
//   (nothing applied); with `after: 'apply'` once it has been handled, so its effects stand and
//   the client cannot know (the outcome really is unknown).
// - claims: a 401 claims challenge (Continuous Access Evaluation) for access tokens issued before
//   the fault was added; a token issued since (e.g. in answer to the challenge) passes.
// Any kind may carry latencyMs/jitterMs, which delay the call before the fault's action.
import { randomUUID } from 'node:crypto';

export type FaultKind = 'latency' | 'status' | 'drop' | 'claims';

export interface FaultSpec {
  /** Regular expression tested against the request path (no query string). */
  path: string;
  method?: string;
  kind: FaultKind;
  status?: number;
  /** Seconds, may be fractional; sent as Retry-After. */
  retryAfter?: number;
  latencyMs?: number;
  /** A random extra delay from 0 to jitterMs, drawn per call. */
  jitterMs?: number;
  /** drop only: 'apply' drops the connection after the call was handled (default: before). */
  after?: 'apply';
  /** Share of matching calls affected, 0..1 (default 1). */
  share?: number;
  /** At most this many calls affected (default unlimited). */
  count?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Calls affected so far. */
  hits: number;
  /**
   * claims only: the challenge's `nbf` value, epoch seconds. Tokens whose `iat` is earlier are
   * challenged: the second after the fault was added, so any token issued before it fails.
   */
  notBefore?: number;
}

export type FaultAction =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'drop'; after: 'receive' | 'apply' }
  | { kind: 'claims'; notBefore: number };

export interface FaultDecision {
  latencyMs: number;
  action?: FaultAction;
}

/** What a fault may look at in a call besides its method and path. */
export interface CallFacts {
  /** `iat` of the call's bearer token (decoded, not verified); undefined without a JWT. */
  tokenIssuedAt?: number;
}

const KNOWN = [
  'path',
  'method',
  'kind',
  'status',
  'retryAfter',
  'latencyMs',
  'jitterMs',
  'after',
  'share',
  'count',
];

export class Faults {
  private faults: (Fault & { regex: RegExp })[] = [];
  private readonly held = new Set<() => void>();

  constructor(
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates and adds a fault; returns an error message for a bad spec. */
  add(input: unknown): Fault | string {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return 'fault must be a JSON object';
    }
    const s = input as Record<string, unknown>;
    const unknown = Object.keys(s).find((k) => !KNOWN.includes(k));
    if (unknown) return `unknown fault property '${unknown}'`;
    if (typeof s.path !== 'string') return 'path must be a regular expression string';
    let regex: RegExp;
    try {
      regex = new RegExp(s.path);
    } catch {
      return `path is not a valid regular expression: ${s.path}`;
    }
    if (s.kind !== 'latency' && s.kind !== 'status' && s.kind !== 'drop' && s.kind !== 'claims') {
      return "kind must be 'latency', 'status', 'drop' or 'claims'";
    }
    if (s.method !== undefined && (typeof s.method !== 'string' || !/^[A-Za-z]+$/.test(s.method))) {
      return 'method must be an HTTP method name';
    }
    if (
      s.kind === 'status' &&
      (!Number.isInteger(s.status) || (s.status as number) < 400 || (s.status as number) > 599)
    ) {
      return 'status must be an HTTP error status from 400 to 599';
    }
    if (s.retryAfter !== undefined && (typeof s.retryAfter !== 'number' || !(s.retryAfter >= 0))) {
      return 'retryAfter must be a number of seconds';
    }
    if (s.kind === 'latency' && s.latencyMs === undefined && s.jitterMs === undefined) {
      return 'latency faults need latencyMs or jitterMs';
    }
    for (const name of ['latencyMs', 'jitterMs'] as const) {
      const v = s[name];
      if (v !== undefined && (typeof v !== 'number' || !(v >= 0) || v > 600_000)) {
        return `${name} must be a number from 0 to 600000`;
      }
    }
    if (s.after !== undefined && (s.kind !== 'drop' || s.after !== 'apply')) {
      return "after must be 'apply', on drop faults only";
    }
    if (s.share !== undefined && (typeof s.share !== 'number' || !(s.share >= 0 && s.share <= 1))) {
      return 'share must be a number from 0 to 1';
    }
    if (s.count !== undefined && (!Number.isInteger(s.count) || (s.count as number) < 1)) {
      return 'count must be a positive integer';
    }
    const fault: Fault & { regex: RegExp } = {
      id: randomUUID(),
      path: s.path,
      kind: s.kind,
      ...(s.method !== undefined ? { method: s.method.toUpperCase() } : {}),
      ...(s.status !== undefined ? { status: s.status as number } : {}),
      ...(s.retryAfter !== undefined ? { retryAfter: s.retryAfter } : {}),
      ...(s.latencyMs !== undefined ? { latencyMs: s.latencyMs as number } : {}),
      ...(s.jitterMs !== undefined ? { jitterMs: s.jitterMs as number } : {}),
      ...(s.after !== undefined ? { after: 'apply' as const } : {}),
      ...(s.share !== undefined ? { share: s.share } : {}),
      ...(s.count !== undefined ? { count: s.count as number } : {}),
      ...(s.kind === 'claims' ? { notBefore: Math.floor(this.now() / 1000) + 1 } : {}),
      hits: 0,
      regex,
    };
    this.faults.push(fault);
    return this.strip(fault);
  }

  list(): Fault[] {
    return this.faults.map((f) => this.strip(f));
  }

  /** Removes every fault and releases every call a fault is holding. */
  clear(): void {
    this.faults = [];
    for (const release of [...this.held]) release();
  }

  /** Waits `ms`, or less if the faults are cleared meanwhile. */
  hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.add(release);
    });
  }

  /** Calls a fault is holding right now. */
  get heldCalls(): number {
    return this.held.size;
  }

  /**
   * Decides what happens to one call. Every matching fault adds its delay; the first matching
   * status, drop or claims fault decides the action. A fault's count is used only when it applies;
   * a claims fault does not apply to a call without a token or with a token issued since it was added.
   */
  evaluate(method: string, path: string, facts: CallFacts = {}): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const f of this.faults) {
      if (f.method && f.method !== method.toUpperCase()) continue;
      if (f.count !== undefined && f.hits >= f.count) continue;
      if (f.kind !== 'latency' && decision.action) continue;
      f.regex.lastIndex = 0;
      if (!f.regex.test(path)) continue;
      if (f.kind === 'claims') {
        const iat = facts.tokenIssuedAt;
        if (iat === undefined || iat >= (f.notBefore ?? 0)) continue;
      }
      if (this.random() >= (f.share ?? 1)) continue;
      f.hits++;
      if (f.latencyMs) decision.latencyMs += f.latencyMs;
      if (f.jitterMs) decision.latencyMs += Math.round(this.random() * f.jitterMs);
      if (f.kind === 'drop') decision.action = { kind: 'drop', after: f.after ?? 'receive' };
      else if (f.kind === 'claims') decision.action = { kind: 'claims', notBefore: f.notBefore ?? 0 };
      else if (f.kind === 'status' && f.status !== undefined) {
        decision.action = {
          kind: 'status',
          status: f.status,
          ...(f.retryAfter !== undefined ? { retryAfter: f.retryAfter } : {}),
        };
      }
    }
    return decision;
  }

  private strip(f: Fault & { regex: RegExp }): Fault {
    const { regex: _regex, ...rest } = f;
    return { ...rest };
  }
}
