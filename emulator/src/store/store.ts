// The emulator's in-memory tenant data: assignment requests in the canonical (v1.0) model, the
// delivery that follows a reprocess, and the audit events entitlement management would write.
import { randomUUID } from 'node:crypto';
import {
  auditEvent,
  ENTITLEMENT_MANAGEMENT_APP,
  FAILED,
  FULFILLED,
  PARTIALLY_FULFILLED,
  READY,
  userInitiator,
} from './audit-events.ts';
import type {
  AssignmentRequest,
  AuditActivity,
  AuditEvent,
  AuditInitiator,
  ReprocessOutcome,
} from './model.ts';
import type { DeliveryOutcome } from './settings.ts';

export interface StoreOptions {
  now?: () => number;
}

export class Store {
  readonly now: () => number;
  private readonly requests = new Map<string, AssignmentRequest>();
  /** Ids in paging order; rebuilt lazily after inserts. */
  private orderedIds: string[] | null = null;
  private packageCatalogs: Map<string, string> | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private events: AuditEvent[] = [];
  /** The seeded history, until something reads the audit log. */
  private seededEvents: (() => readonly AuditEvent[]) | undefined;
  private dataGeneration = 0;

  constructor(opts: StoreOptions = {}) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * Replaces all data and cancels deliveries still in flight. `events` may be given as a function,
   * called on the first read of the audit log.
   */
  replace(
    rows: readonly AssignmentRequest[],
    events: readonly AuditEvent[] | (() => readonly AuditEvent[]) = [],
  ): void {
    this.cancelDeliveries();
    this.requests.clear();
    this.events = typeof events === 'function' ? [] : [...events];
    this.seededEvents = typeof events === 'function' ? events : undefined;
    this.dataGeneration++;
    this.add(rows);
  }

  add(rows: readonly AssignmentRequest[]): void {
    for (const row of rows) this.requests.set(row.id, row);
    this.orderedIds = null;
    this.packageCatalogs = null;
  }

  get(id: string): AssignmentRequest | undefined {
    // Graph ids are GUIDs and compare case-insensitively.
    return this.requests.get(id) ?? this.requests.get(id.toLowerCase());
  }

  get size(): number {
    return this.requests.size;
  }

  /**
   * Requests in a stable order (by id) after `afterId`, keeping those that match, at most
   * `limit`. Paging continues after the last id seen, so a request that changes state between
   * pages neither repeats nor shifts the rest.
   */
  scan(
    afterId: string | undefined,
    match: (row: AssignmentRequest) => boolean,
    limit: number,
  ): AssignmentRequest[] {
    const ids = this.sortedIds();
    let lo = 0;
    if (afterId !== undefined) {
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((ids[mid] as string) <= afterId) lo = mid + 1;
        else hi = mid;
      }
    }
    const out: AssignmentRequest[] = [];
    for (let i = lo; i < ids.length && out.length < limit; i++) {
      const row = this.requests.get(ids[i] as string);
      if (row && match(row)) out.push(row);
    }
    return out;
  }

  all(): AssignmentRequest[] {
    return this.sortedIds().map((id) => this.requests.get(id) as AssignmentRequest);
  }

  /** The catalog an access package belongs to, as far as the stored requests tell. */
  catalogOfPackage(packageId: string): string | undefined {
    if (!this.packageCatalogs) {
      this.packageCatalogs = new Map();
      for (const row of this.requests.values()) {
        const p = row.accessPackage;
        if (p?.id && p.catalog?.id && !this.packageCatalogs.has(p.id.toLowerCase())) {
          this.packageCatalogs.set(p.id.toLowerCase(), p.catalog.id);
        }
      }
    }
    return this.packageCatalogs.get(packageId.toLowerCase());
  }

  private sortedIds(): string[] {
    if (!this.orderedIds) this.orderedIds = [...this.requests.keys()].sort();
    return this.orderedIds;
  }

  /** Every audit event, oldest first. */
  auditEvents(): readonly AuditEvent[] {
    if (this.seededEvents) {
      // The seeded history is older than anything written since.
      this.events = [...this.seededEvents(), ...this.events];
      this.seededEvents = undefined;
    }
    return this.events;
  }

  /**
   * Changes each time the data is replaced (reset, reseed): per-tenant service state such as
   * throttling windows starts afresh with a new tenant.
   */
  get generation(): number {
    return this.dataGeneration;
  }

  /**
   * Moves a failed request to `delivering` and settles it after `delayMs`. The caller has
   * already checked state, window and permissions.
   */
  beginReprocess(
    id: string,
    opts: { delayMs: number; outcome: DeliveryOutcome; initiatedByUpn?: string },
  ): void {
    const row = this.get(id);
    if (!row) return;
    const failedState = row.state ?? 'deliveryFailed';
    const failedStatus = row.status;
    row.state = 'delivering';
    row.status = 'Delivering';
    if (row.assignment) {
      row.assignment.state = 'delivering';
      row.assignment.status = 'Delivering';
    }
    // The retry and the delivery that follows are one run: their events share a correlation id.
    const correlationId = randomUUID();
    this.emit(
      row,
      READY,
      correlationId,
      opts.initiatedByUpn ? userInitiator(opts.initiatedByUpn) : undefined,
    );

    const outcome: ReprocessOutcome =
      opts.outcome === 'asSeeded' ? (row.reprocessOutcome ?? 'delivered') : opts.outcome;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // The data may have been replaced meanwhile; only settle the same object.
      if (this.requests.get(row.id) !== row || row.state !== 'delivering') return;
      row.completedDateTime = new Date(this.now()).toISOString();
      if (outcome === 'delivered') {
        row.state = 'delivered';
        row.status = 'Delivered';
        if (row.assignment) {
          row.assignment.state = 'delivered';
          row.assignment.status = 'Delivered';
        }
        this.emit(row, FULFILLED, correlationId, ENTITLEMENT_MANAGEMENT_APP);
      } else {
        // A failed retry lands where the request was: a partially delivered request keeps the
        // parts that worked, so it does not become deliveryFailed.
        row.state = failedState;
        row.status = failedStatus;
        const partial = failedState === 'partiallyDelivered';
        if (row.assignment) {
          row.assignment.state = partial ? 'partiallyDelivered' : 'deliveryFailed';
          row.assignment.status = partial ? 'PartiallyDelivered' : 'DeliveryFailed';
        }
        this.emit(row, partial ? PARTIALLY_FULFILLED : FAILED, correlationId, ENTITLEMENT_MANAGEMENT_APP);
      }
    }, opts.delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  cancelDeliveries(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private emit(
    row: AssignmentRequest,
    activity: AuditActivity,
    correlationId: string,
    initiatedBy: AuditInitiator | undefined,
  ): void {
    this.events.push(
      auditEvent(row, activity, {
        id: randomUUID(),
        at: new Date(this.now()).toISOString(),
        correlationId,
        ...(initiatedBy ? { initiatedBy } : {}),
      }),
    );
  }
}
