// Every Graph call the emulator answered (OPTIONS preflights aside), so tests can assert what
// the app actually sent: ids, filters, batch steps and their headers.

/**
 * Where a drop fault lost the call: 'beforeApply' before it was handled (nothing changed),
 * 'afterApply' once it had been handled (its effects stand; the client got no answer).
 */
export type DropPoint = 'beforeApply' | 'afterApply';

export interface LoggedStep {
  id: string;
  method: string;
  url: string;
  /** The step's response status; 0 for a step a drop fault stopped before it ran. */
  status: number;
  /** The headers the client put on the step. */
  headers: Record<string, string>;
  /** Whether the client put a body on the step. */
  hasBody: boolean;
  /** Set on the step that met a drop fault (see batch.ts for what the other steps did). */
  dropped?: DropPoint;
}

export interface LogEntry {
  seq: number;
  time: string;
  /** From the request's arrival to its answer (or its drop), in ms: time spent inside the emulator. */
  durationMs?: number;
  method: string;
  path: string;
  /** The decoded query string without '?', '' when none. */
  query: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** As sent by the client; null when it sent none. */
  clientRequestId: string | null;
  requestId: string;
  /** From a valid access token; null otherwise. */
  upn: string | null;
  steps?: LoggedStep[];
  /** Set when the connection was dropped (status 0). */
  dropped?: DropPoint;
  /** With dropped 'afterApply' on a single call: the status its lost answer had. */
  appliedStatus?: number;
}

/** Enough for a benchmark run; the oldest entries go first. */
const MAX_ENTRIES = 100_000;

export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  add(entry: Omit<LogEntry, 'seq' | 'time'>): LogEntry {
    const full: LogEntry = { seq: ++this.seq, time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  list(sinceSeq = 0): LogEntry[] {
    return sinceSeq > 0 ? this.entries.filter((e) => e.seq > sinceSeq) : [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  /** Forgets everything, sequence numbers included. */
  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}
