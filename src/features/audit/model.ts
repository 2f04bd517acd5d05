// Entra's directory audit events (Graph `directoryAudit`), read defensively: the reporting API
// leaves fields null or out, and its own example spells a target's `type` as `Type`. Everything
// here is shown as text.

import { isRecord } from '../../lib/is-record';
import { OPERATION_RESULT_LABELS, enumLabel } from '../../graph/enum-labels';
import { t } from '../../i18n/i18n';

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
  const found = present({
    id: text(value.id),
    displayName: text(value.displayName),
    type: text(value.type) ?? text(value.Type),
    userPrincipalName: text(value.userPrincipalName),
  });
  return Object.keys(found).length > 0 ? found : undefined;
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
    activityDisplayName:
      text(json.activityDisplayName) ??
      t({ id: 'audit.activity.unnamed', defaultMessage: 'Unnamed activity' }),
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
    const name =
      i.displayName ??
      i.userPrincipalName ??
      i.id ??
      t({ id: 'audit.initiator.unknownUser', defaultMessage: 'Unknown user' });
    return i.userPrincipalName && i.userPrincipalName !== name ? `${name} (${i.userPrincipalName})` : name;
  }
  if (i.kind === 'app') {
    return t(
      { id: 'audit.initiator.service', defaultMessage: '{name} (service)' },
      {
        name:
          i.displayName ??
          i.appId ??
          i.id ??
          t({ id: 'audit.initiator.unknownApp', defaultMessage: 'Unknown app' }),
      },
    );
  }
  return t({ id: 'audit.notRecorded', defaultMessage: 'Not recorded' });
}

/** A directory audit's `result` (operationResult) in words; "Other" for unknownFutureValue. */
export function resultLabel(result: string | undefined): string {
  return (
    enumLabel(OPERATION_RESULT_LABELS, result) ??
    t({ id: 'audit.notRecorded', defaultMessage: 'Not recorded' })
  );
}

/** A target's `type` in words, in the language in use; a type not listed is shown as Graph sent it. */
export function targetTypeLabel(type: string | undefined): string {
  switch (type) {
    case undefined:
      return t({ id: 'audit.targetType.target', defaultMessage: 'Target' });
    case 'AccessPackage':
      return t({ id: 'audit.targetType.accessPackage', defaultMessage: 'Access package' });
    case 'AccessPackageAssignmentRequest':
      return t({ id: 'audit.targetType.request', defaultMessage: 'Request' });
    case 'AccessPackageAssignment':
      return t({ id: 'audit.targetType.assignment', defaultMessage: 'Assignment' });
    case 'AccessPackageCatalog':
      return t({ id: 'audit.targetType.catalog', defaultMessage: 'Catalog' });
    case 'AccessPackageAssignmentPolicy':
      return t({ id: 'audit.targetType.policy', defaultMessage: 'Policy' });
    case 'User':
      return t({ id: 'audit.targetType.user', defaultMessage: 'User' });
    case 'Group':
      return t({ id: 'audit.targetType.group', defaultMessage: 'Group' });
    case 'ServicePrincipal':
    case 'Application':
      return t({ id: 'audit.targetType.app', defaultMessage: 'App' });
    default:
      return type;
  }
}

/** "User: Lena Ivanova (lena.ivanova@contoso.example)", "Request: 4b79969a-…". */
export function targetLabel(target: AuditTarget): string {
  const name =
    target.displayName ??
    target.userPrincipalName ??
    target.id ??
    t({ id: 'audit.target.unnamed', defaultMessage: 'unnamed' });
  const upn =
    target.userPrincipalName && target.userPrincipalName !== name ? ` (${target.userPrincipalName})` : '';
  return `${targetTypeLabel(target.type)}: ${name}${upn}`;
}
