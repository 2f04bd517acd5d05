// Entra's directory audit events (Graph `directoryAudit`), read defensively: the reporting API
// leaves fields null or out, and its own example spells a target's `type` as `Type`. Everything
// here is shown as text.

import { isRecord } from '../../lib/is-record';
import { OPERATION_RESULT_LABELS, enumLabel } from '../../graph/enum-labels';

export interface AuditInitiator {
  kind: 'user' | 'app' | 'unknown';
  id?: string;
  displayName?: string;
  /** A user's UPN. */
  userPrincipalName?: string;
  /** An app's application (client) id. */
  appId?: string;
}

export interface AuditTarget {
  id?: string;
  displayName?: string;
  /** e.g. `AccessPackage`, `AccessPackageAssignmentRequest`, `User`, as Graph sends it. */
  type?: string;
  userPrincipalName?: string;
}

export interface AuditDetail {
  key: string;
  value: string;
}

export interface DirectoryAuditEvent {
  id: string;
  activityDateTime?: string;
  activityDisplayName: string;
  category?: string;
  correlationId?: string;
  loggedByService?: string;
  operationType?: string;
  /** `success`, `failure`, `timeout` or a value added later (rendered as sent). */
  result?: string;
  resultReason?: string;
  initiatedBy: AuditInitiator;
  targets: AuditTarget[];
  additionalDetails: AuditDetail[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Only the fields that are present, so optional properties stay absent rather than undefined. */
function present<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function initiator(value: unknown): AuditInitiator {
  if (!isRecord(value)) return { kind: 'unknown' };
  const user = value.user;
  if (isRecord(user) && (text(user.id) ?? text(user.userPrincipalName) ?? text(user.displayName))) {
    return {
      kind: 'user',
      ...present({
        id: text(user.id),
        displayName: text(user.displayName),
        userPrincipalName: text(user.userPrincipalName),
      }),
    };
  }
  const app = value.app;
  if (isRecord(app) && (text(app.appId) ?? text(app.displayName) ?? text(app.servicePrincipalId))) {
    return {
      kind: 'app',
      ...present({
        id: text(app.servicePrincipalId),
        displayName: text(app.displayName) ?? text(app.servicePrincipalName),
        appId: text(app.appId),
      }),
    };
  }
  return { kind: 'unknown' };
}

function target(value: unknown): AuditTarget | undefined {
  if (!isRecord(value)) return undefined;
  const t = present({
    id: text(value.id),
    displayName: text(value.displayName),
    type: text(value.type) ?? text(value.Type),
    userPrincipalName: text(value.userPrincipalName),
  });
  return Object.keys(t).length > 0 ? t : undefined;
}

function detail(value: unknown): AuditDetail | undefined {
  if (!isRecord(value)) return undefined;
  const key = text(value.key);
  if (key === undefined) return undefined;
  const v = value.value;
  return {
    key,
    value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '',
  };
}

function list<T>(value: unknown, read: (item: unknown) => T | undefined): T[] {
  return Array.isArray(value) ? value.flatMap((item) => read(item) ?? []) : [];
}

/** One event as Graph sent it, or undefined when it has no id to tell it apart. */
export function fromGraphAudit(json: unknown): DirectoryAuditEvent | undefined {
  if (!isRecord(json)) return undefined;
  const id = text(json.id);
  if (id === undefined) return undefined;
  return {
    id,
    activityDisplayName: text(json.activityDisplayName) ?? 'Unnamed activity',
    initiatedBy: initiator(json.initiatedBy),
    targets: list(json.targetResources, target),
    additionalDetails: list(json.additionalDetails, detail),
    ...present({
      activityDateTime: text(json.activityDateTime),
      category: text(json.category),
      correlationId: text(json.correlationId),
      loggedByService: text(json.loggedByService),
      operationType: text(json.operationType),
      result: text(json.result),
      resultReason: text(json.resultReason),
    }),
  };
}

/** "Avery Howard (avery.howard@contoso.example)", "Entitlement Management (service)". */
export function initiatorLabel(i: AuditInitiator): string {
  if (i.kind === 'user') {
    const name = i.displayName ?? i.userPrincipalName ?? i.id ?? 'Unknown user';
    return i.userPrincipalName && i.userPrincipalName !== name ? `${name} (${i.userPrincipalName})` : name;
  }
  if (i.kind === 'app') return `${i.displayName ?? i.appId ?? i.id ?? 'Unknown app'} (service)`;
  return 'Not recorded';
}

/** A directory audit's `result` (operationResult) in words; "Other" for unknownFutureValue. */
export function resultLabel(result: string | undefined): string {
  return enumLabel(OPERATION_RESULT_LABELS, result) ?? 'Not recorded';
}

const TARGET_TYPES: Record<string, string> = {
  AccessPackage: 'Access package',
  AccessPackageAssignmentRequest: 'Request',
  AccessPackageAssignment: 'Assignment',
  AccessPackageCatalog: 'Catalog',
  AccessPackageAssignmentPolicy: 'Policy',
  User: 'User',
  Group: 'Group',
  ServicePrincipal: 'App',
  Application: 'App',
};

export function targetTypeLabel(type: string | undefined): string {
  if (type === undefined) return 'Target';
  return TARGET_TYPES[type] ?? type;
}

/** "User: Lena Ivanova (lena.ivanova@contoso.example)", "Request: 4b79969a-…". */
export function targetLabel(t: AuditTarget): string {
  const name = t.displayName ?? t.userPrincipalName ?? t.id ?? 'unnamed';
  const upn = t.userPrincipalName && t.userPrincipalName !== name ? ` (${t.userPrincipalName})` : '';
  return `${targetTypeLabel(t.type)}: ${name}${upn}`;
}
