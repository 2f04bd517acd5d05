import { format } from '../../i18n/i18n';

/** A Graph timestamp for people, in the language in use; anything unparseable is shown as sent. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format.dateTime(ms);
}
