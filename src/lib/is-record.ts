/** A plain JSON object (not null, not an array): the first check on any data from the network. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
