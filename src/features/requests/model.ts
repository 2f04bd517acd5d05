// The one normalised shape of an access package assignment request that the UI reads, built from
// either Graph shape (v1.0 `assignmentRequests`, beta `accessPackageAssignmentRequests`). Graph's
// JSON is data from the network: nothing here trusts a field's type, and unknown enum values are
// kept and shown rather than dropped, because Graph adds members over time.

import type { GraphApiVersion } from '../../config/app-config';
import { t } from '../../i18n/i18n';
import { isRecord } from '../../lib/is-record';
import {
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  enumLabel,
  enumMember,
  statusBeyondState,
} from '../../graph/enum-labels';

/** accessPackageRequestState's documented members (`unknownFutureValue` aside). */
export type KnownRequestState = keyof typeof REQUEST_STATE_LABELS;

/** accessPackageRequestType's documented members, plus beta's `UserExtend` (`unknownFutureValue` aside). */
export type KnownRequestType = keyof typeof REQUEST_TYPE_LABELS;

export interface AssignmentRequest {
  id: string;
  state: KnownRequestState | 'unknown';
  /** The state exactly as Graph sent it ('' when missing), e.g. `deliveryFailed` or `DeliveryFailed`. */
  stateRaw: string;
  /** Graph's detail text (v1.0 `status`, beta `requestStatus`). */
  status?: string;
  /** camelCase when known (beta's `UserAdd` becomes `userAdd`). */
  requestType?: KnownRequestType;
  requestTypeRaw?: string;
  createdDateTime?: string;
  /** v1.0 `completedDateTime`, beta `completedDate`. */
  completedDateTime?: string;
  justification?: string;
  requestor?: {
    id?: string;
    displayName?: string;
    email?: string;
    principalName?: string;
    /** v1.0 `subjectType` (e.g. `user`), beta `type` (e.g. `User`): each version's own name first. */
    subjectType?: string;
    /** beta `connectedOrganizationId`, or the id of an expanded `connectedOrganization` (both versions). */
    connectedOrganizationId?: string;
  };
  accessPackage?: {
    id?: string;
    displayName?: string;
    /** v1.0 `state` (e.g. `published`), beta `catalogStatus` (e.g. `Published`), as sent. */
    catalog?: { id?: string; displayName?: string; state?: string };
  };
  /** The JSON as Graph sent it. */
  raw: unknown;
}

/** The states Graph lets a request be reprocessed from. */
export const FAILED_STATES: readonly KnownRequestState[] = ['deliveryFailed', 'partiallyDelivered'];

/** Graph v1.0's reprocess doc: only within 14 days of completion (the Entra troubleshooting doc says one week). */
export const REPROCESS_WINDOW_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The known state for a raw value in either casing; undefined for anything else (incl. `unknownFutureValue`). */
export function normalizeState(raw: unknown): KnownRequestState | undefined {
  // Either casing: v1.0 camelCase and beta PascalCase meet in one table.
  return enumMember(REQUEST_STATE_LABELS, raw);
}

/** The known request type in camelCase for a raw value in either casing. */
export function normalizeRequestType(raw: unknown): KnownRequestType | undefined {
  return enumMember(REQUEST_TYPE_LABELS, raw);
}

/**
 * Maps one request as Graph sent it. Undefined only when there is no usable id (nothing could be
 * reprocessed or keyed); never throws.
 */
export function fromGraph(json: unknown, apiVersion: GraphApiVersion): AssignmentRequest | undefined {
  if (!isRecord(json)) return undefined;
  const id = str(json, 'id');
  if (id === undefined || id === '') return undefined;

  // Each version's own name first; the other one as a fallback costs nothing and survives a
  // service that answers in the other shape.
  const beta = apiVersion === 'beta';
  const stateRaw = pick(json, beta ? ['requestState', 'state'] : ['state', 'requestState']) ?? '';
  const status = pick(json, beta ? ['requestStatus', 'status'] : ['status', 'requestStatus']);
  const completed = pick(
    json,
    beta ? ['completedDate', 'completedDateTime'] : ['completedDateTime', 'completedDate'],
  );
  const requestTypeRaw = str(json, 'requestType');
  const requestType = normalizeRequestType(requestTypeRaw);

  const result: AssignmentRequest = { id, state: normalizeState(stateRaw) ?? 'unknown', stateRaw, raw: json };
  if (status !== undefined) result.status = status;
  if (requestTypeRaw !== undefined) result.requestTypeRaw = requestTypeRaw;
  if (requestType !== undefined) result.requestType = requestType;
  assign(result, 'createdDateTime', str(json, 'createdDateTime'));
  assign(result, 'completedDateTime', completed);
  assign(result, 'justification', str(json, 'justification'));

  const requestor = mapRequestor(own(json, 'requestor'), beta);
  if (requestor) result.requestor = requestor;
  const accessPackage = mapAccessPackage(own(json, 'accessPackage'), beta);
  if (accessPackage) result.accessPackage = accessPackage;
  return result;
}

function mapRequestor(value: unknown, beta: boolean): AssignmentRequest['requestor'] {
  if (!isRecord(value)) return undefined;
  const out: NonNullable<AssignmentRequest['requestor']> = {};
  assign(out, 'id', str(value, 'id'));
  assign(out, 'displayName', str(value, 'displayName'));
  assign(out, 'email', str(value, 'email'));
  assign(out, 'principalName', str(value, 'principalName'));
  // beta's subject has `type` and no `subjectType`; v1.0 the other way round.
  assign(out, 'subjectType', pick(value, beta ? ['type', 'subjectType'] : ['subjectType', 'type']));
  // connectedOrganization is a navigation: there only when expanded, and null for members.
  const org = own(value, 'connectedOrganization');
  assign(
    out,
    'connectedOrganizationId',
    (isRecord(org) ? str(org, 'id') : undefined) ?? str(value, 'connectedOrganizationId'),
  );
  return out;
}

function mapAccessPackage(value: unknown, beta: boolean): AssignmentRequest['accessPackage'] {
  if (!isRecord(value)) return undefined;
  const out: NonNullable<AssignmentRequest['accessPackage']> = {};
  assign(out, 'id', str(value, 'id'));
  assign(out, 'displayName', str(value, 'displayName'));
  // v1.0 names the navigation `catalog`, beta `accessPackageCatalog`; each version's own first.
  const catalogRaw = [
    own(value, beta ? 'accessPackageCatalog' : 'catalog'),
    own(value, beta ? 'catalog' : 'accessPackageCatalog'),
  ].find(isRecord);
  if (catalogRaw) {
    const catalog: NonNullable<NonNullable<AssignmentRequest['accessPackage']>['catalog']> = {};
    assign(catalog, 'id', str(catalogRaw, 'id'));
    assign(catalog, 'displayName', str(catalogRaw, 'displayName'));
    // v1.0 `state` (an enum), beta `catalogStatus` (a string).
    assign(
      catalog,
      'state',
      pick(catalogRaw, beta ? ['catalogStatus', 'state'] : ['state', 'catalogStatus']),
    );
    out.catalog = catalog;
  }
  return out;
}

/**
 * Days left to reprocess: whole days (floored, never negative) from now until completion +
 * REPROCESS_WINDOW_DAYS. Without a parseable completion date the window is unknown: daysLeft is
 * undefined and it is not called expired, so Graph decides.
 */
export function reprocessWindow(
  req: Pick<AssignmentRequest, 'completedDateTime'>,
  now: Date,
): { daysLeft: number | undefined; expired: boolean } {
  const completed = parseGraphDate(req.completedDateTime);
  if (completed === undefined) return { daysLeft: undefined, expired: false };
  const msLeft = windowMsLeftAt(completed, now.getTime());
  if (msLeft <= 0) return { daysLeft: 0, expired: true };
  return { daysLeft: wholeDaysLeft(msLeft), expired: false };
}

/** Milliseconds left to reprocess a request completed at `completedMs` (<= 0: outside the window). */
export function windowMsLeftAt(completedMs: number, nowMs: number): number {
  return completedMs + REPROCESS_WINDOW_DAYS * DAY_MS - nowMs;
}

/**
 * Whole days left (floored) for a positive `msLeft`. A completion date slightly in the future
 * (clock skew) must not promise more than the window.
 */
export function wholeDaysLeft(msLeft: number): number {
  return Math.min(REPROCESS_WINDOW_DAYS, Math.floor(msLeft / DAY_MS));
}

/** In a failed state and not known to be outside the window. */
export function isReprocessable(
  req: Pick<AssignmentRequest, 'state' | 'completedDateTime'>,
  now: Date,
): boolean {
  return req.state !== 'unknown' && FAILED_STATES.includes(req.state) && !reprocessWindow(req, now).expired;
}

/**
 * A human label for a state. Give the request itself, or its `stateRaw` (either casing), or a
 * normalised state. `unknownFutureValue` reads "Other", a value newer than this app reads in words
 * made from it ("Awaiting something"); a missing one reads "Unknown". The raw value is for the
 * raw-JSON view.
 */
export function stateLabel(state: string | Pick<AssignmentRequest, 'stateRaw'> | undefined): string {
  const raw = typeof state === 'object' ? state.stateRaw : state;
  return enumLabel(REQUEST_STATE_LABELS, raw) ?? unknownLabel();
}

/** A human label for a request type (either casing), as stateLabel words states. */
export function requestTypeLabel(raw?: string): string {
  return enumLabel(REQUEST_TYPE_LABELS, raw) ?? unknownLabel();
}

/** What a value Graph did not send reads as. */
function unknownLabel(): string {
  return t({ id: 'enum.missing', defaultMessage: 'Unknown' });
}

/**
 * Graph's status text when it says more than the state, as Graph sent it; undefined when it only
 * repeats the state (v1.0 `partiallyDelivered` with "PartiallyDelivered") or is missing.
 */
export function statusBeyondStateOf(
  request: Pick<AssignmentRequest, 'stateRaw' | 'status'>,
): string | undefined {
  return statusBeyondState(REQUEST_STATE_LABELS, request.stateRaw, request.status);
}

/**
 * Milliseconds since the epoch for a Graph DateTimeOffset. Graph's timestamps are UTC; one without
 * an offset is read as UTC rather than the browser's local time.
 */
export function parseGraphDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const withZone = /T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

// ---------------------------------------------------------------------------------------------

/** Own properties only: `constructor` or `__proto__` in hostile JSON must not reach the prototype. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function str(record: Record<string, unknown>, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : undefined;
}

function pick(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = str(record, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
