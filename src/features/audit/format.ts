// Audit times to the second: the order of "Ready to fulfill" and the delivery's result matters.
import { format, t } from '../../i18n/i18n';

/** A Graph timestamp for people, in the language in use; anything unparseable is shown as sent (as text). */
export function formatAuditTime(iso: string | undefined): string {
  if (!iso) return t({ id: 'audit.time.notRecorded', defaultMessage: 'Time not recorded' });
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format.dateTime(ms, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "about 5 requests every 10 seconds", from the throttle's numbers. */
export function describeRateLimit(requests: number, windowMs: number): string {
  return t(
    {
      id: 'audit.rateLimit',
      defaultMessage:
        'about {requests, plural, one {# request} other {# requests}} every {seconds, plural, one {# second} other {# seconds}}',
    },
    { requests, seconds: Math.round(windowMs / 1000) },
  );
}
