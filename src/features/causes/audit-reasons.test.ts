import { describe, expect, it } from 'vitest';
import { fromGraphAudit, type DirectoryAuditEvent } from '../audit/model';
import { latestFailureReasons } from './audit-reasons';
import { groupByCause } from './causes';
import { fromGraph } from '../requests/model';

const FAILED = 'Failed access package assignment request';
const PARTIAL = 'Partially fulfill access package assignment request';
const REQ = '0f8fad5b-d9cb-469f-a165-70867728950e';
const OTHER_REQ = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

let n = 0;
function event(over: Record<string, unknown>): DirectoryAuditEvent {
  n += 1;
  const e = fromGraphAudit({
    id: `e${n}`,
    activityDisplayName: FAILED,
    result: 'failure',
    targetResources: [
      { id: 'u1', type: 'User', displayName: 'Ana' },
      { id: REQ.toUpperCase(), type: 'AccessPackageAssignmentRequest' },
    ],
    ...over,
  });
  if (!e) throw new Error('not an event');
  return e;
}

describe('latestFailureReasons', () => {
  it('keeps the latest failure’s reason per request, by its typed target, in any order', () => {
    const reasons = latestFailureReasons([
      event({ activityDateTime: '2026-11-20T10:00:00Z', resultReason: 'The group was not found.' }),
      event({
        activityDateTime: '2026-11-28T10:00:00Z',
        resultReason: 'The site has not been provisioned yet.',
      }),
      event({ activityDateTime: '2026-11-24T10:00:00Z', resultReason: 'Older sentence.' }),
    ]);
    expect([...reasons]).toEqual([[REQ, 'The site has not been provisioned yet.']]);
  });

  it('skips bare codes and empty reasons, keeping an earlier sentence', () => {
    const reasons = latestFailureReasons([
      event({ activityDateTime: '2026-11-20T10:00:00Z', resultReason: 'The group was not found.' }),
      event({ activityDateTime: '2026-11-28T10:00:00Z', resultReason: 'DeliveryFailed' }),
      event({ activityDateTime: '2026-11-29T10:00:00Z', resultReason: '' }),
    ]);
    expect(reasons.get(REQ)).toBe('The group was not found.');
  });

  it('reads a partial delivery, whatever its result says, and ignores successes of other activities', () => {
    const reasons = latestFailureReasons([
      event({
        activityDisplayName: PARTIAL,
        result: 'success',
        resultReason: 'Part failed: the group was not found.',
      }),
      event({
        activityDisplayName: 'Fulfill access package assignment request',
        result: 'success',
        resultReason: 'Delivered to every resource.',
        targetResources: [{ id: OTHER_REQ, type: 'AccessPackageAssignmentRequest' }],
      }),
    ]);
    expect([...reasons]).toEqual([[REQ, 'Part failed: the group was not found.']]);
  });

  it('uses every target when none is typed as a request (Graph’s own example spells it Type)', () => {
    const reasons = latestFailureReasons([
      event({
        resultReason: 'The group was not found.',
        targetResources: [{ id: OTHER_REQ, Type: 'Other' }, { id: REQ }],
      }),
    ]);
    expect(new Set(reasons.keys())).toEqual(new Set([OTHER_REQ, REQ]));
  });

  it('sharpens the grouping of a request whose status is only a code, whatever the id casing', () => {
    const request = fromGraph(
      {
        id: REQ.toUpperCase(),
        state: 'deliveryFailed',
        status: 'DeliveryFailed',
        accessPackage: { id: 'p' },
      },
      'v1.0',
    );
    if (!request) throw new Error('not a request');
    const auditReasons = latestFailureReasons([
      event({ resultReason: "Unable to add the user to group 'Sales': the group was not found." }),
    ]);
    expect(groupByCause([request], { apiVersion: 'v1.0', auditReasons })[0]).toMatchObject({
      kind: 'groupNotFound',
      source: 'audit',
      fromAudit: 1,
    });
  });
});
