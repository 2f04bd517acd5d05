import { describe, expect, it } from 'vitest';
import { invalidIdMessage, parseRequestId } from './request-id';

const ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PKG = 'a7c3e9d1-0003-4b6f-9e2a-5d8c1f3b7003';

describe('parseRequestId', () => {
  it.each([
    ['a bare GUID', ID],
    ['surrounding spaces and tabs', `  \t${ID} \n`],
    ['braces', `{${ID}}`],
    ['braces with spaces inside and out', ` { ${ID} } `],
    ['quotes', `"${ID}"`],
    ['quoted braces', `'{${ID}}'`],
    ['upper case', ID.toUpperCase()],
  ])('accepts %s', (_name, input) => {
    expect(parseRequestId(input)).toEqual({ ok: true, id: ID });
  });

  it.each([
    [
      'a Graph v1.0 URL',
      `https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/assignmentRequests/${ID}/reprocess`,
    ],
    [
      'a Graph beta key form',
      `https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackageAssignmentRequests('${ID}')`,
    ],
    [
      'an admin center blade with the package id first',
      `https://entra.microsoft.com/#view/Microsoft_AAD_ERM/AccessPackageRequestDetailsBlade/accessPackageId/${PKG}/requestId/${ID}`,
    ],
    ['a query parameter', `https://desk.contoso.com/?request=${ID}&packages=${PKG}`],
    ['a URL with a single GUID', `https://entra.microsoft.com/#view/Some_Blade/id/${ID}`],
    ['a URL in braces', `<https://entra.microsoft.com/#view/Blade/requestId/${ID}>`],
  ])('finds the request id in %s', (_name, input) => {
    expect(parseRequestId(input)).toEqual({ ok: true, id: ID });
  });

  it('refuses a URL with several unnamed ids instead of guessing', () => {
    const result = parseRequestId(`https://entra.microsoft.com/#view/Blade/a/${PKG}/b/${ID}`);
    expect(result).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it.each([
    ['text around the GUID', `Request ${ID} failed`],
    ['a GUID missing a digit', ID.slice(1)],
    ['a GUID with a non-hex digit', `g${ID.slice(1)}`],
    ['a GUID without hyphens', ID.replace(/-/g, '')],
    ['mismatched wrappers', `{${ID})`],
    ['two GUIDs', `${ID} ${PKG}`],
    ['a URL without any GUID', 'https://entra.microsoft.com/#view/Microsoft_AAD_ERM/DashboardBlade'],
    ['OData injection', `${ID}' or 1 eq 1`],
  ])('refuses %s with the inline message', (_name, input) => {
    expect(parseRequestId(input)).toEqual({ ok: false, reason: 'invalid', message: invalidIdMessage() });
  });

  it('says empty for nothing but spaces or braces', () => {
    expect(parseRequestId('   ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseRequestId(' { } ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('the message names the expected form', () => {
    expect(invalidIdMessage()).toBe('Not a valid request id: expected a GUID like 1a2b3c4d-…');
  });
});
