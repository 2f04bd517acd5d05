// Audit times to the second: the order of "Ready to fulfill" and the delivery's result matters.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A Graph timestamp for people; anything unparseable is shown as sent (as text). */
export function formatAuditTime(iso: string | undefined): string {
  if (!iso) return 'Time not recorded';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateTime.format(t);
}

/** "about 5 requests every 10 seconds", from the throttle's numbers. */
export function describeRateLimit(requests: number, windowMs: number): string {
  const seconds = Math.round(windowMs / 1000);
  return `about ${requests} request${requests === 1 ? '' : 's'} every ${seconds} second${seconds === 1 ? '' : 's'}`;
}
