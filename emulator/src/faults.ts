// Injected failures for tests and benchmarks (POST /faults): extra latency, an error status
// (429 with Retry-After, 500, 503...) or a dropped connection, on calls whose path matches a
// regular expression. Batch steps are matched too, as `/<version>` + the step's path.
import { randomUUID } from 'node:crypto';

export type FaultKind = 'latency' | 'status' | 'drop';

export interface FaultSpec {
  /** Regular expression tested against the request path (no query string). */
  path: string;
  method?: string;
  kind: FaultKind;
  status?: number;
  /** Seconds, may be fractional; sent as Retry-After. */
  retryAfter?: number;
  latencyMs?: number;
  /** Share of matching calls affected, 0..1 (default 1). */
  share?: number;
  /** At most this many calls affected (default unlimited). */
  count?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Calls affected so far. */
  hits: number;
}

export type FaultAction = { kind: 'status'; status: number; retryAfter?: number } | { kind: 'drop' };

export interface FaultDecision {
  latencyMs: number;
  action?: FaultAction;
}

export class Faults {
  private faults: (Fault & { regex: RegExp })[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Validates and adds a fault; returns an error message for a bad spec. */
  add(input: unknown): Fault | string {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return 'fault must be a JSON object';
    }
    const s = input as Record<string, unknown>;
    const known = ['path', 'method', 'kind', 'status', 'retryAfter', 'latencyMs', 'share', 'count'];
    const unknown = Object.keys(s).find((k) => !known.includes(k));
    if (unknown) return `unknown fault property '${unknown}'`;
    if (typeof s.path !== 'string') return 'path must be a regular expression string';
    let regex: RegExp;
    try {
      regex = new RegExp(s.path);
    } catch {
      return `path is not a valid regular expression: ${s.path}`;
    }
    if (s.kind !== 'latency' && s.kind !== 'status' && s.kind !== 'drop') {
      return "kind must be 'latency', 'status' or 'drop'";
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
    if (s.kind === 'latency' && s.latencyMs === undefined) return 'latency faults need latencyMs';
    if (
      s.latencyMs !== undefined &&
      (typeof s.latencyMs !== 'number' || !(s.latencyMs >= 0) || s.latencyMs > 600_000)
    ) {
      return 'latencyMs must be a number from 0 to 600000';
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
      ...(s.latencyMs !== undefined ? { latencyMs: s.latencyMs } : {}),
      ...(s.share !== undefined ? { share: s.share } : {}),
      ...(s.count !== undefined ? { count: s.count as number } : {}),
      hits: 0,
      regex,
    };
    this.faults.push(fault);
    return this.strip(fault);
  }

  list(): Fault[] {
    return this.faults.map((f) => this.strip(f));
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * Decides what happens to one call. Every matching latency fault adds its delay; the first
   * matching status or drop fault wins. A fault's count is used only when it applies.
   */
  evaluate(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const f of this.faults) {
      if (f.method && f.method !== method.toUpperCase()) continue;
      if (f.count !== undefined && f.hits >= f.count) continue;
      if (f.kind !== 'latency' && decision.action) continue;
      f.regex.lastIndex = 0;
      if (!f.regex.test(path)) continue;
      if (this.random() >= (f.share ?? 1)) continue;
      f.hits++;
      if (f.latencyMs) decision.latencyMs += f.latencyMs;
      if (f.kind === 'drop') decision.action = { kind: 'drop' };
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
