// OData literals for `$filter`, so every feature quotes values the same way.

/** An OData string literal: single quotes around, inner quotes doubled (`'O''Brien'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * An OData DateTimeOffset literal: ISO 8601 in UTC and unquoted, as Graph expects
 * (`activityDateTime ge 2024-01-01T00:00:00.000Z`); a quoted date is a string and Graph refuses it.
 * Throws a RangeError for an invalid date rather than sending a filter Graph would reject.
 */
export function odataDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${String(value)}`);
  return date.toISOString();
}
