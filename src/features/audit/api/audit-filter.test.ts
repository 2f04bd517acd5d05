import { describe, expect, it } from 'vitest';
import { buildAuditFilter, dayRange, dayText, defaultDays, normalizeRequestId } from './audit-filter';

describe('buildAuditFilter', () => {
  it('always asks for entitlement management events only', () => {
    expect(buildAuditFilter({})).toBe("loggedByService eq 'Entitlement Management'");
  });

  it('adds the time range as unquoted UTC DateTimeOffset literals', () => {
    expect(buildAuditFilter({ from: '2025-03-01T00:00:00+01:00', to: '2025-03-08T22:59:59.999Z' })).toBe(
      "loggedByService eq 'Entitlement Management' and activityDateTime ge 2025-02-28T23:00:00.000Z and activityDateTime le 2025-03-08T22:59:59.999Z",
    );
  });

  it('narrows to one request through targetResources/any, escaping quotes', () => {
    expect(buildAuditFilter({ requestId: '0f8fad5b-d9cb-469f-a165-70867728950e' })).toBe(
      "loggedByService eq 'Entitlement Management' and targetResources/any(t: t/id eq '0f8fad5b-d9cb-469f-a165-70867728950e')",
    );
    expect(buildAuditFilter({ requestId: "x' or 1 eq 1 or t/id eq '" })).toBe(
      "loggedByService eq 'Entitlement Management' and targetResources/any(t: t/id eq 'x'' or 1 eq 1 or t/id eq ''')",
    );
  });

  it('narrows to one activity, as Entra names it', () => {
    expect(buildAuditFilter({ activity: 'Failed access package assignment request' })).toBe(
      "loggedByService eq 'Entitlement Management' and activityDisplayName eq 'Failed access package assignment request'",
    );
  });

  it('refuses an invalid date instead of sending it', () => {
    expect(() => buildAuditFilter({ from: 'last week' })).toThrow(RangeError);
  });
});

describe('days', () => {
  it('spans whole local days', () => {
    const range = dayRange('2025-03-01', '2025-03-08');
    expect(range).toEqual({
      ok: true,
      from: new Date(2025, 2, 1).toISOString(),
      to: new Date(2025, 2, 8, 23, 59, 59, 999).toISOString(),
    });
  });

  it('says which date is wrong', () => {
    expect(dayRange('2025-02-30', '2025-03-08')).toMatchObject({ ok: false, field: 'from' });
    expect(dayRange('2025-03-01', '')).toMatchObject({ ok: false, field: 'to' });
    expect(dayRange('2025-03-09', '2025-03-08')).toEqual({
      ok: false,
      field: 'from',
      problem: 'The start date is after the end date.',
    });
    expect(dayRange('2025-03-08', '2025-03-08').ok).toBe(true);
  });

  it('defaults to the last seven days, today included', () => {
    expect(defaultDays(new Date(2025, 2, 3, 15, 30))).toEqual({ from: '2025-02-24', to: '2025-03-03' });
    expect(dayText(new Date(2025, 0, 5))).toBe('2025-01-05');
  });
});

describe('normalizeRequestId', () => {
  it('accepts a GUID as pasted, with spaces, braces or capitals', () => {
    expect(normalizeRequestId(' {0F8FAD5B-D9CB-469F-A165-70867728950E} ')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });

  it('refuses anything else', () => {
    expect(normalizeRequestId('')).toBeUndefined();
    expect(normalizeRequestId('not-a-guid')).toBeUndefined();
    expect(normalizeRequestId("0f8fad5b-d9cb-469f-a165-70867728950e' or 1 eq 1")).toBeUndefined();
  });
});
