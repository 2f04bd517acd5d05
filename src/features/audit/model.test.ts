import { describe, expect, it } from 'vitest';
import { fromGraphAudit, initiatorLabel, resultLabel, targetLabel } from './model';

// Shortened from the List directoryAudits example (api-reference/v1.0/api/directoryaudit-list.md),
// which spells a target's type as "Type".
const DOCS_EXAMPLE = {
  id: 'id',
  category: 'UserManagement',
  correlationId: 'da159bfb-54fa-4092-8a38-6e1fa7870e30',
  result: 'success',
  resultReason: 'Successfully added member to group',
  activityDisplayName: 'Add member to group',
  activityDateTime: '2018-01-09T21:20:02.7215374Z',
  loggedByService: 'Core Directory',
  initiatedBy: {
    user: {
      id: '728309ae-1a37-4937-9afe-e35d964db09b',
      displayName: 'Audry Oliver',
      userPrincipalName: 'bob@wingtiptoysonline.com',
      ipAddress: '127.0.0.1',
    },
    app: null,
  },
  targetResources: [
    {
      id: 'ef7e527d-6c92-4234-8c6d-cf6fdfb57f95',
      displayName: 'Example.com',
      Type: 'Group',
      modifiedProperties: [],
    },
    {
      id: '1f0e98f5-3161-4c6b-9b50-d488572f2bb7',
      displayName: null,
      Type: 'User',
      userPrincipalName: 'bob@contoso.com',
    },
  ],
  additionalDetails: [{ key: 'Additional Detail Name', value: 'Additional Detail Value' }],
};

describe('fromGraphAudit', () => {
  it('reads the documented example', () => {
    const event = fromGraphAudit(DOCS_EXAMPLE);
    expect(event).toEqual({
      id: 'id',
      category: 'UserManagement',
      correlationId: 'da159bfb-54fa-4092-8a38-6e1fa7870e30',
      result: 'success',
      resultReason: 'Successfully added member to group',
      activityDisplayName: 'Add member to group',
      activityDateTime: '2018-01-09T21:20:02.7215374Z',
      loggedByService: 'Core Directory',
      initiatedBy: {
        kind: 'user',
        id: '728309ae-1a37-4937-9afe-e35d964db09b',
        displayName: 'Audry Oliver',
        userPrincipalName: 'bob@wingtiptoysonline.com',
      },
      targets: [
        { id: 'ef7e527d-6c92-4234-8c6d-cf6fdfb57f95', displayName: 'Example.com', type: 'Group' },
        { id: '1f0e98f5-3161-4c6b-9b50-d488572f2bb7', type: 'User', userPrincipalName: 'bob@contoso.com' },
      ],
      additionalDetails: [{ key: 'Additional Detail Name', value: 'Additional Detail Value' }],
    });
  });

  it('reads a service initiator, and tolerates what is missing or of the wrong type', () => {
    const event = fromGraphAudit({
      id: 'e1',
      activityDisplayName: 42,
      initiatedBy: {
        user: null,
        app: { appId: 'a1', displayName: 'Entitlement Management', servicePrincipalId: 's1' },
      },
      targetResources: [null, 'x', {}, { id: 'r1', type: 'AccessPackageAssignmentRequest' }],
      additionalDetails: [{ key: 'RequestState', value: null }, { value: 'no key' }, { key: 'n', value: 3 }],
    });
    expect(event).toMatchObject({
      id: 'e1',
      activityDisplayName: 'Unnamed activity',
      initiatedBy: { kind: 'app', appId: 'a1', displayName: 'Entitlement Management', id: 's1' },
      targets: [{ id: 'r1', type: 'AccessPackageAssignmentRequest' }],
      additionalDetails: [
        { key: 'RequestState', value: '' },
        { key: 'n', value: '3' },
      ],
    });
    expect(event).not.toHaveProperty('result');
    expect(fromGraphAudit({ id: 'e2' })?.initiatedBy).toEqual({ kind: 'unknown' });
  });

  it('skips what cannot be told apart', () => {
    expect(fromGraphAudit(null)).toBeUndefined();
    expect(fromGraphAudit({ activityDisplayName: 'no id' })).toBeUndefined();
    expect(fromGraphAudit([])).toBeUndefined();
  });
});

describe('labels', () => {
  it('names who did it', () => {
    expect(initiatorLabel({ kind: 'user', displayName: 'Avery Howard', userPrincipalName: 'avery@x' })).toBe(
      'Avery Howard (avery@x)',
    );
    expect(initiatorLabel({ kind: 'user', userPrincipalName: 'avery@x' })).toBe('avery@x');
    expect(initiatorLabel({ kind: 'app', displayName: 'Entitlement Management' })).toBe(
      'Entitlement Management (service)',
    );
    expect(initiatorLabel({ kind: 'unknown' })).toBe('Not recorded');
  });

  it('names results and targets, passing unknown targets through', () => {
    expect(resultLabel('failure')).toBe('Failure');
    expect(resultLabel('timeout')).toBe('Timed out');
    expect(resultLabel('unknownFutureValue')).toBe('Other');
    expect(resultLabel('partialSuccess')).toBe('Partial success');
    expect(resultLabel(undefined)).toBe('Not recorded');
    expect(targetLabel({ type: 'AccessPackage', displayName: 'Campaign Hub', id: 'p1' })).toBe(
      'Access package: Campaign Hub',
    );
    expect(targetLabel({ type: 'User', displayName: 'Lena', userPrincipalName: 'lena@x' })).toBe(
      'User: Lena (lena@x)',
    );
    expect(targetLabel({ type: 'AccessPackageAssignmentRequest', id: 'r1' })).toBe('Request: r1');
    expect(targetLabel({ type: 'Robot', displayName: 'R2' })).toBe('Robot: R2');
  });
});
