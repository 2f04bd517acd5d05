// Everything the details drawer shows about one request, read from the JSON Graph sent (v1.0 or
// beta shape) beyond what the list's model keeps. Graph's JSON is data from the network: every
// field is checked, and a shape we do not know yields "not sent" rather than an exception.

import type { GraphApiVersion } from '../../config/app-config';
import { fromGraph, type AssignmentRequest } from './model';
import { t } from '../../i18n/i18n';
import { isRecord } from '../../lib/is-record';
import {
  ASSIGNMENT_STATE_LABELS,
  CALLOUT_STATUS_LABELS,
  CUSTOM_EXTENSION_STAGE_LABELS,
  HANDLER_STATUS_LABELS,
  SUBJECT_LIFECYCLE_LABELS,
  SUBJECT_TYPE_LABELS,
  enumLabel,
  enumMember,
  statusBeyondState,
} from '../../graph/enum-labels';

export interface RequestSchedule {
  startDateTime?: string;
  /** `noExpiration`, `afterDateTime`, `afterDuration`, `notSpecified` or whatever Graph adds. */
  expirationType?: string;
  endDateTime?: string;
  /** ISO 8601 duration, e.g. `P365D`. */
  duration?: string;
}

export interface RequestAnswer {
  /** The question as the requestor saw it (v1.0 `text`, beta `text.defaultText`). */
  question?: string;
  /** What they answered (`displayValue` first, then `value`). */
  answer?: string;
}

export interface CalloutInstance {
  /** v1.0 and beta `customExtensionCalloutInstances`, or beta's older `customExtensionHandlerInstances`. */
  source: 'callout' | 'handler';
  id?: string;
  status?: string;
  customExtensionId?: string;
  detail?: string;
  externalCorrelationId?: string;
  stage?: string;
}

export interface RequestorDetails {
  id?: string;
  displayName?: string;
  email?: string;
  principalName?: string;
  objectId?: string;
  subjectType?: string;
  subjectLifecycle?: string;
  connectedOrganization?: { id?: string; displayName?: string };
}

export interface AccessPackageDetails {
  id?: string;
  displayName?: string;
  description?: string;
  catalog?: { id?: string; displayName?: string };
}

export interface AssignmentDetails {
  id?: string;
  state?: string;
  status?: string;
}

export interface RequestDetails {
  request: AssignmentRequest;
  schedule?: RequestSchedule;
  answers: RequestAnswer[];
  callouts: CalloutInstance[];
  requestor?: RequestorDetails;
  accessPackage?: AccessPackageDetails;
  assignment?: AssignmentDetails;
}

/** Reads one request as Graph sent it; undefined only when it has no usable id. Never throws. */
export function requestDetailsFromGraph(
  json: unknown,
  apiVersion: GraphApiVersion,
): RequestDetails | undefined {
  const request = fromGraph(json, apiVersion);
  if (!request || !isRecord(json)) return undefined;
  const details: RequestDetails = {
    request,
    answers: list(own(json, 'answers')).flatMap((a) => answer(a) ?? []),
    callouts: [
      ...list(own(json, 'customExtensionCalloutInstances')).flatMap((c) => callout(c, 'callout') ?? []),
      ...list(own(json, 'customExtensionHandlerInstances')).flatMap((c) => callout(c, 'handler') ?? []),
    ],
  };
  const schedule = scheduleOf(own(json, 'schedule'));
  if (schedule) details.schedule = schedule;
  const requestor = requestorOf(own(json, 'requestor'), apiVersion);
  if (requestor) details.requestor = requestor;
  const pkg = accessPackageOf(own(json, 'accessPackage'));
  if (pkg) details.accessPackage = pkg;
  const assignmentJson =
    apiVersion === 'beta'
      ? (own(json, 'accessPackageAssignment') ?? own(json, 'assignment'))
      : (own(json, 'assignment') ?? own(json, 'accessPackageAssignment'));
  const assignment = assignmentOf(assignmentJson);
  if (assignment) details.assignment = assignment;
  return details;
}

function scheduleOf(value: unknown): RequestSchedule | undefined {
  if (!isRecord(value)) return undefined;
  const out: RequestSchedule = {};
  set(out, 'startDateTime', str(value, 'startDateTime'));
  const expiration = own(value, 'expiration');
  if (isRecord(expiration)) {
    set(out, 'expirationType', str(expiration, 'type'));
    set(out, 'endDateTime', str(expiration, 'endDateTime'));
    set(out, 'duration', str(expiration, 'duration'));
  }
  // v1.0's entitlementManagementSchedule and beta's requestSchedule have the same shape.
  return Object.keys(out).length > 0 ? out : undefined;
}

function answer(value: unknown): RequestAnswer | undefined {
  if (!isRecord(value)) return undefined;
  const out: RequestAnswer = {};
  const question = own(value, 'answeredQuestion');
  if (isRecord(question)) {
    const text = own(question, 'text');
    // v1.0: text is a string; beta: an accessPackageLocalizedContent with defaultText.
    set(
      out,
      'question',
      typeof text === 'string' ? text : isRecord(text) ? str(text, 'defaultText') : undefined,
    );
  }
  const shown = str(value, 'displayValue');
  const raw = own(value, 'value');
  set(
    out,
    'answer',
    shown !== undefined && shown !== ''
      ? shown
      : typeof raw === 'string'
        ? raw
        : Array.isArray(raw)
          ? raw.filter((x): x is string => typeof x === 'string').join(', ')
          : undefined,
  );
  return out;
}

function callout(value: unknown, source: CalloutInstance['source']): CalloutInstance | undefined {
  if (!isRecord(value)) return undefined;
  const out: CalloutInstance = { source };
  set(out, 'id', str(value, 'id'));
  set(out, 'status', str(value, 'status'));
  set(out, 'customExtensionId', str(value, 'customExtensionId'));
  set(out, 'detail', str(value, 'detail'));
  set(out, 'externalCorrelationId', str(value, 'externalCorrelationId'));
  set(out, 'stage', str(value, 'stage'));
  return out;
}

function requestorOf(value: unknown, apiVersion: GraphApiVersion): RequestorDetails | undefined {
  if (!isRecord(value)) return undefined;
  const out: RequestorDetails = {};
  for (const key of [
    'id',
    'displayName',
    'email',
    'principalName',
    'objectId',
    'subjectLifecycle',
  ] as const) {
    set(out, key, str(value, key));
  }
  // v1.0 `subjectType` (user), beta `type` (User): each version's own name first.
  const names =
    apiVersion === 'beta' ? (['type', 'subjectType'] as const) : (['subjectType', 'type'] as const);
  set(out, 'subjectType', str(value, names[0]) ?? str(value, names[1]));
  const org = own(value, 'connectedOrganization');
  const orgId = (isRecord(org) ? str(org, 'id') : undefined) ?? str(value, 'connectedOrganizationId');
  const orgName = isRecord(org) ? str(org, 'displayName') : undefined;
  if (orgId !== undefined || orgName !== undefined) {
    out.connectedOrganization = {};
    set(out.connectedOrganization, 'id', orgId);
    set(out.connectedOrganization, 'displayName', orgName);
  }
  return out;
}

function accessPackageOf(value: unknown): AccessPackageDetails | undefined {
  if (!isRecord(value)) return undefined;
  const out: AccessPackageDetails = {};
  set(out, 'id', str(value, 'id'));
  set(out, 'displayName', str(value, 'displayName'));
  set(out, 'description', str(value, 'description'));
  const catalog = [own(value, 'catalog'), own(value, 'accessPackageCatalog')].find(isRecord);
  const catalogId = (catalog && str(catalog, 'id')) ?? str(value, 'catalogId');
  const catalogName = catalog && str(catalog, 'displayName');
  if (catalogId !== undefined || catalogName !== undefined) {
    out.catalog = {};
    set(out.catalog, 'id', catalogId);
    set(out.catalog, 'displayName', catalogName);
  }
  return out;
}

function assignmentOf(value: unknown): AssignmentDetails | undefined {
  if (!isRecord(value)) return undefined;
  const out: AssignmentDetails = {};
  set(out, 'id', str(value, 'id'));
  // v1.0 state/status; beta assignmentState/assignmentStatus.
  set(out, 'state', str(value, 'state') ?? str(value, 'assignmentState'));
  set(out, 'status', str(value, 'status') ?? str(value, 'assignmentStatus'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words: Graph's enum values as people read them (the raw values stay in the raw-JSON view).

/** A callout's status: the two sources have enums of their own (callout vs. handler instances). */
export function calloutStatusLabel(c: Pick<CalloutInstance, 'source' | 'status'>): string | undefined {
  return enumLabel(c.source === 'handler' ? HANDLER_STATUS_LABELS : CALLOUT_STATUS_LABELS, c.status);
}

/** When a custom extension ran (beta handler instances' `stage`). */
export function calloutStageLabel(stage: string | undefined): string | undefined {
  return enumLabel(CUSTOM_EXTENSION_STAGE_LABELS, stage);
}

/** v1.0 `subjectType` (`user`) or beta `type` (`User`) in words. */
export function subjectTypeLabel(raw: string | undefined): string | undefined {
  return enumLabel(SUBJECT_TYPE_LABELS, raw);
}

/**
 * The requestor's lifecycle in words; undefined when Graph sent none or `notDefined` (members and
 * ungoverned guests alike: nothing worth a line).
 */
export function subjectLifecycleLabel(raw: string | undefined): string | undefined {
  if (enumMember(SUBJECT_LIFECYCLE_LABELS, raw) === 'notDefined') return undefined;
  return enumLabel(SUBJECT_LIFECYCLE_LABELS, raw);
}

/**
 * The assignment's state in words, with Graph's status text only when it says more (beta's
 * `assignmentState` and `assignmentStatus` are often both `PartiallyDelivered`).
 */
export function assignmentStateText(a: Pick<AssignmentDetails, 'state' | 'status'>): string {
  const state = enumLabel(ASSIGNMENT_STATE_LABELS, a.state);
  const status = statusBeyondState(ASSIGNMENT_STATE_LABELS, a.state, a.status);
  const parts = [state, status].filter((x): x is string => x !== undefined);
  return parts.length > 0
    ? parts.join(' · ')
    : t({ id: 'details.assignment.noState', defaultMessage: 'No state' });
}

/**
 * An ISO 8601 duration for people: `P365D` reads "365 days", `PT8H` "8 hours". Anything else is
 * shown as sent.
 */
export function formatDuration(iso: string): string {
  const m =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      iso.trim(),
    );
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return iso;
  const parts = m
    .slice(1)
    .map((n, i) => (n === undefined ? '' : durationPart(i, Number(n))))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : iso;
}

/** One part of a duration, by its place in ISO 8601 (years first): "365 days", "1 hour". */
function durationPart(unit: number, count: number): string {
  // Bare `{count}` in English: the digits as Graph sent them; a translation may format them.
  switch (unit) {
    case 0:
      return t(
        {
          id: 'details.duration.years',
          defaultMessage: '{count, plural, one {{count} year} other {{count} years}}',
        },
        { count },
      );
    case 1:
      return t(
        {
          id: 'details.duration.months',
          defaultMessage: '{count, plural, one {{count} month} other {{count} months}}',
        },
        { count },
      );
    case 2:
      return t(
        {
          id: 'details.duration.weeks',
          defaultMessage: '{count, plural, one {{count} week} other {{count} weeks}}',
        },
        { count },
      );
    case 3:
      return t(
        {
          id: 'details.duration.days',
          defaultMessage: '{count, plural, one {{count} day} other {{count} days}}',
        },
        { count },
      );
    case 4:
      return t(
        {
          id: 'details.duration.hours',
          defaultMessage: '{count, plural, one {{count} hour} other {{count} hours}}',
        },
        { count },
      );
    case 5:
      return t(
        {
          id: 'details.duration.minutes',
          defaultMessage: '{count, plural, one {{count} minute} other {{count} minutes}}',
        },
        { count },
      );
    default:
      return t(
        {
          id: 'details.duration.seconds',
          defaultMessage: '{count, plural, one {{count} second} other {{count} seconds}}',
        },
        { count },
      );
  }
}

/**
 * The Entra admin center's page of an access package's requests. It is the admin center's UI
 * route (a hash route of its blades), not an API: Microsoft does not document it and may change
 * it. The host follows the cloud of the configured Graph.
 */
export function adminCenterRequestsUrl(graphBaseUrl: string, accessPackageId: string): string {
  return `${adminCenterOrigin(graphBaseUrl)}/#view/Microsoft_AAD_ERM/AccessPackageMenuBlade/~/Requests/accessPackageId/${encodeURIComponent(accessPackageId)}`;
}

function adminCenterOrigin(graphBaseUrl: string): string {
  let host = '';
  try {
    host = new URL(graphBaseUrl).hostname.toLowerCase();
  } catch {
    // An invalid base URL was refused by the configuration check; the global cloud is the default.
  }
  // US Government (L4 and L5) and China (21Vianet) have admin centers of their own.
  if (host.endsWith('graph.microsoft.us')) return 'https://entra.microsoft.us';
  if (host.endsWith('chinacloudapi.cn')) return 'https://entra.microsoftonline.cn';
  return 'https://entra.microsoft.com';
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function str(record: Record<string, unknown>, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
