// Failed requests grouped by why they failed, from documented Graph data only: the status text
// (v1.0 `status`, beta `requestStatus`), the custom extension callouts' states, the access package
// and its resources, whether the requestor is external, and the Entra audit log's `resultReason`.
//
// Graph does not document what `status` holds (Microsoft's example shows "Delivered"), so the
// grouping works on two kinds of text: a short code that only repeats the state ("DeliveryFailed")
// says nothing, and the request is grouped by what is known about it (package, resource kinds,
// external requestor); a sentence is matched against the failures Microsoft documents. A sentence
// that matches none is its own cause, "Other", with the raw text. No request is ever dropped.
// Pure and framework-free: the Causes view and the tests call it with what Graph sent.

import type { GraphApiVersion } from '../../config/app-config';
import { enumMember, CALLOUT_STATUS_LABELS } from '../../graph/enum-labels';
import type { AssignmentRequest } from '../requests/model';
import { parseGraphDate, windowMsLeftAt } from '../requests/model';
import { requestDetailsFromGraph } from '../requests/request-details';

/** What an access package's resource role scope gives access to (`originSystem` of its resource). */
export type ResourceKind = 'group' | 'application' | 'sharePointSite' | 'other';

/** The failures Microsoft documents (and the causes with a hint); `delivery` and `other` aside. */
export type KnownCause =
  | 'calloutTimedOut'
  | 'calloutFailed'
  | 'guestNotInSharePoint'
  | 'siteNotProvisioned'
  | 'groupNotChangeable'
  | 'groupNotFound'
  | 'appRoleRemoved'
  | 'servicePrincipalMissing';

export type CauseKind = KnownCause | 'delivery' | 'other';

export interface Cause {
  /** Stable across loads (for the URL): the kind, and for `delivery` and `other` what sets it apart. */
  key: string;
  kind: CauseKind;
  /** Where the cause was read: the status text, the audit log, a callout's state, or the request's facts. */
  source: 'status' | 'audit' | 'callout' | 'facts';
  /** `delivery`: the access package every request of this cause is for. */
  packageId?: string;
  packageName?: string;
  /** `delivery`: the package's resource kinds, when they are known. */
  resourceKinds?: ResourceKind[];
  /** `delivery`: whether the requestors are external (connected organization or #EXT# name). */
  external?: boolean;
  /** `other`: the text exactly as Graph sent it. */
  rawText?: string;
  requests: AssignmentRequest[];
  /** How many of the requests have this cause because of the audit log's `resultReason`. */
  fromAudit: number;
}

export interface GroupOptions {
  apiVersion: GraphApiVersion;
  /** Resource kinds per access package id, read once per package. */
  resources?: ReadonlyMap<string, readonly ResourceKind[]>;
  /** The latest failure's `resultReason` from the audit log, per request id in lower case, when readable. */
  auditReasons?: ReadonlyMap<string, string>;
}

// English, as Graph and the audit log write them; the first match wins, so the more specific first.
const TEXT_CAUSES: readonly [KnownCause, RegExp][] = [
  ['calloutTimedOut', /custom extension.*(timed? ?out|did not respond|no response)/i],
  ['calloutFailed', /custom extension.*(fail|error|could not)/i],
  [
    'guestNotInSharePoint',
    /(guest|external) user.*not (yet )?(known|found|present).*sharepoint|sharepoint.*(guest|external) user.*not (yet )?(known|found)/i,
  ],
  ['siteNotProvisioned', /site.*not (been |yet )?(provisioned|ready|available)/i],
  [
    'groupNotChangeable',
    /group.*(dynamic|on-?premises|mastered|synchroni[sz]ed|can'?not be (changed|modified)|can't be changed)/i,
  ],
  ['groupNotFound', /group.*(not found|was deleted|has been deleted|does not exist|no longer exists)/i],
  ['servicePrincipalMissing', /service principal.*(not found|missing|deleted|does not exist)/i],
  ['appRoleRemoved', /app(lication)? role.*(removed|not found|does not exist|no longer)/i],
];

/** The documented failure a sentence describes, if any. */
export function causeOfText(text: string | undefined): KnownCause | undefined {
  if (text === undefined) return undefined;
  for (const [kind, pattern] of TEXT_CAUSES) if (pattern.test(text)) return kind;
  return undefined;
}

/** A short code ("DeliveryFailed", "PartiallyDelivered", "Failed"): one word, no sentence. */
export function isStatusCode(text: string | undefined): boolean {
  return text === undefined || text.trim() === '' || /^[A-Za-z][A-Za-z0-9_.-]*$/.test(text.trim());
}

/** The resource kind of a `resourceRoleScope`'s resource `originSystem` (either casing). */
export function resourceKindOf(originSystem: string | undefined): ResourceKind {
  switch (originSystem?.toLowerCase()) {
    case 'aadgroup':
      return 'group';
    case 'aadapplication':
      return 'application';
    case 'sharepointonline':
      return 'sharePointSite';
    default:
      return 'other';
  }
}

/** External: from a connected organization, or a guest's `#EXT#` user principal name. */
export function isExternal(request: AssignmentRequest, apiVersion: GraphApiVersion): boolean {
  if (request.requestor?.connectedOrganizationId !== undefined) return true;
  if (request.requestor?.principalName?.toUpperCase().includes('#EXT#')) return true;
  const details = requestDetailsFromGraph(request.raw, apiVersion);
  return details?.requestor?.connectedOrganization !== undefined;
}

/** The state of the request's failed callout, if one failed or timed out. */
function failedCallout(request: AssignmentRequest, apiVersion: GraphApiVersion): KnownCause | undefined {
  const callouts = requestDetailsFromGraph(request.raw, apiVersion)?.callouts ?? [];
  for (const c of callouts) {
    const status = enumMember(CALLOUT_STATUS_LABELS, c.status);
    if (status === 'callbackTimedOut') return 'calloutTimedOut';
    if (status === 'calloutFailed')
      return causeOfText(`custom extension ${c.detail ?? ''}`) ?? 'calloutFailed';
  }
  return undefined;
}

type FoundCause = Omit<Cause, 'requests' | 'fromAudit'>;

function causeOf(request: AssignmentRequest, opts: GroupOptions): FoundCause {
  const status = request.status;
  const fromStatus = causeOfText(status);
  if (fromStatus) return { key: fromStatus, kind: fromStatus, source: 'status' };
  const reason = opts.auditReasons?.get(request.id.toLowerCase());
  const fromAudit = causeOfText(reason);
  if (fromAudit) return { key: fromAudit, kind: fromAudit, source: 'audit' };
  const callout = failedCallout(request, opts.apiVersion);
  if (callout) return { key: callout, kind: callout, source: 'callout' };
  if (isStatusCode(status) && reason !== undefined && !isStatusCode(reason)) {
    // The audit log says more than the status, in words no documented failure matches.
    return { key: `other:${otherTemplate(reason)}`, kind: 'other', source: 'audit', rawText: reason };
  }
  if (isStatusCode(status)) {
    // Nothing says why: what is known about the request is its cause.
    const packageId = request.accessPackage?.id ?? '';
    const kinds = opts.resources?.get(packageId);
    const resourceKinds = kinds ? [...new Set(kinds)].sort() : undefined;
    const external = isExternal(request, opts.apiVersion);
    const cause: FoundCause = {
      key: `delivery:${packageId}:${external ? 'external' : 'internal'}`,
      kind: 'delivery',
      source: 'facts',
      packageId,
      external,
    };
    if (request.accessPackage?.displayName !== undefined)
      cause.packageName = request.accessPackage.displayName;
    if (resourceKinds) cause.resourceKinds = resourceKinds;
    return cause;
  }
  const rawText = status as string;
  return { key: `other:${otherTemplate(rawText)}`, kind: 'other', source: 'status', rawText };
}

/**
 * A sentence with what changes from request to request taken out (ids, quoted names, numbers),
 * so the same unexplained failure naming different groups or users is one cause, not hundreds.
 */
export function otherTemplate(text: string): string {
  return text
    .trim()
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')
    .replace(/'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”/g, '…')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ');
}

/** The key of the cause a request belongs to (what `?cause=` in the queue's URL holds). */
export function causeKeyOf(request: AssignmentRequest, opts: GroupOptions): string {
  return causeOf(request, opts).key;
}

/** Every request in exactly one cause, causes ranked by how many requests they hold (then by key). */
export function groupByCause(requests: readonly AssignmentRequest[], opts: GroupOptions): Cause[] {
  const byKey = new Map<string, Cause>();
  for (const request of requests) {
    const found = causeOf(request, opts);
    const audit = found.source === 'audit' ? 1 : 0;
    const cause = byKey.get(found.key);
    if (cause) {
      cause.requests.push(request);
      cause.fromAudit += audit;
    } else byKey.set(found.key, { ...found, requests: [request], fromAudit: audit });
  }
  return [...byKey.values()].sort(
    (a, b) => b.requests.length - a.requests.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

export interface CauseStats {
  count: number;
  /** Requests per state as Graph sent it (`stateRaw`). */
  states: { state: string; count: number }[];
  packages: { id: string; name?: string; count: number }[];
  external: number;
  /** Not known to be outside the 14-day reprocess window. */
  inWindow: number;
  /** Completion + 14 days of the request closest to leaving the window, ms (undefined: none known). */
  soonestExpiry?: number;
}

export function causeStats(cause: Cause, nowMs: number, apiVersion: GraphApiVersion): CauseStats {
  const states = new Map<string, number>();
  const packages = new Map<string, { id: string; name?: string; count: number }>();
  let external = 0;
  let inWindow = 0;
  let soonestExpiry: number | undefined;
  for (const r of cause.requests) {
    states.set(r.stateRaw, (states.get(r.stateRaw) ?? 0) + 1);
    const id = r.accessPackage?.id ?? '';
    const pkg = packages.get(id) ?? { id, count: 0 };
    if (pkg.name === undefined && r.accessPackage?.displayName !== undefined)
      pkg.name = r.accessPackage.displayName;
    pkg.count += 1;
    packages.set(id, pkg);
    if (isExternal(r, apiVersion)) external += 1;
    const completed = parseGraphDate(r.completedDateTime);
    if (completed === undefined) inWindow += 1;
    else if (windowMsLeftAt(completed, nowMs) > 0) {
      inWindow += 1;
      const expiry = nowMs + windowMsLeftAt(completed, nowMs);
      if (soonestExpiry === undefined || expiry < soonestExpiry) soonestExpiry = expiry;
    }
  }
  const stats: CauseStats = {
    count: cause.requests.length,
    states: [...states].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count),
    packages: [...packages.values()].sort((a, b) => b.count - a.count),
    external,
    inWindow,
  };
  if (soonestExpiry !== undefined) stats.soonestExpiry = soonestExpiry;
  return stats;
}
