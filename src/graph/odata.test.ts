import { describe, expect, it } from 'vitest';
import { odataDateTime, odataString } from './odata';

describe('odataString', () => {
  it('quotes and doubles inner quotes', () => {
    expect(odataString('deliveryFailed')).toBe("'deliveryFailed'");
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
    expect(odataString('')).toBe("''");
  });

  it('leaves everything else to URL encoding', () => {
    expect(odataString('a and b eq (c)')).toBe("'a and b eq (c)'");
  });
});

describe('odataDateTime', () => {
  it('writes UTC ISO 8601 without quotes', () => {
    expect(odataDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.006Z');
    expect(odataDateTime('2024-01-02T03:04:05+02:00')).toBe('2024-01-02T01:04:05.000Z');
  });

  it('refuses an invalid date', () => {
    expect(() => odataDateTime('yesterday')).toThrow(RangeError);
    expect(() => odataDateTime(new Date(NaN))).toThrow(RangeError);
  });
});
