// The activity record as files: CSV for spreadsheets, JSON for tools. Both hold exactly the
// entries the page's filter shows, times in UTC. Column headers, keys and recorded values are the
// same in every language (scripts read them); only the outcome in words for people (CSV's last
// column `localized outcome text`, JSON `outcomeText`) is in the language in use when exporting,
// which the JSON names in `language`.
import {
  CSV_TYPE,
  JSON_TYPE,
  downloadFile,
  exportFileName,
  toCsv,
  toJson,
  type CsvColumn,
} from '../../components/export-file';
import type { ActivityActor, ActivityEntry, ActivityFilter } from '../../record/activity-record';
import { entryEnglishLabel } from '../../reprocess/outcomes';
import { currentLocale, type Locale } from '../../i18n/i18n';
import { outcomeLabel } from './activity-format';

export const ACTIVITY_FILE_PREFIX = 'reprocess-desk-activity';

export const ACTIVITY_CSV_COLUMNS: readonly CsvColumn<ActivityEntry>[] = [
  { header: 'time (UTC)', value: (e) => e.time },
  { header: 'answered (UTC)', value: (e) => e.completedTime },
  { header: 'user UPN', value: (e) => e.actor.upn },
  { header: 'user name', value: (e) => e.actor.name },
  { header: 'user object id', value: (e) => e.actor.objectId },
  { header: 'tenant id', value: (e) => e.actor.tenantId },
  { header: 'request id', value: (e) => e.requestId },
  { header: 'requestor', value: (e) => e.requestorName },
  { header: 'requestor principal', value: (e) => e.requestorPrincipal },
  { header: 'access package', value: (e) => e.accessPackageName },
  { header: 'access package id', value: (e) => e.accessPackageId },
  { header: 'API version', value: (e) => e.apiVersion },
  { header: 'source', value: (e) => e.source },
  { header: 'bulk run id', value: (e) => e.bulkRunId },
  { header: 'outcome', value: (e) => e.outcome },
  // Stable English whatever the language in use (scripts read it). A file outlives the tab: a
  // pending entry in it is unknown, whatever this tab is waiting for.
  { header: 'outcome text', value: (e) => entryEnglishLabel(e) },
  { header: 'HTTP status', value: (e) => e.httpStatus },
  { header: 'Graph error code', value: (e) => e.graphErrorCode },
  { header: 'request-id', value: (e) => e.graphRequestId },
  { header: 'client-request-id', value: (e) => e.clientRequestId },
  { header: 'message', value: (e) => e.message },
  { header: 'entry id', value: (e) => e.id },
  // Added later, so at the end: scripts reading the older columns by position keep working.
  // What the request became after the answer, as read again from Graph (after a 202: the delivery).
  { header: 'afterward', value: (e) => e.afterward?.verdict },
  { header: 'afterward state', value: (e) => e.afterward?.state },
  { header: 'afterward status', value: (e) => e.afterward?.status },
  { header: 'afterward read (UTC)', value: (e) => e.afterward?.time },
  // The outcome in words in the language in use (for people; the header stays English).
  { header: 'localized outcome text', value: (e) => outcomeText(e) },
];

/**
 * The outcome in words, in the language in use, from the one outcome table. A file outlives the
 * tab: a pending entry in it is unknown, whatever this tab is waiting for.
 */
export function outcomeText(entry: Pick<ActivityEntry, 'outcome' | 'httpStatus'>): string {
  return outcomeLabel(entry, false);
}

export function activityCsv(entries: readonly ActivityEntry[]): string {
  return toCsv(ACTIVITY_CSV_COLUMNS, entries);
}

/** An entry as recorded, with its outcome in words (in the export's `language`). */
export type ActivityJsonEntry = ActivityEntry & { outcomeText: string };

export interface ActivityJsonExport {
  exportedAt: string;
  exportedBy: ActivityActor;
  /** The language of `outcomeText`. */
  language: Locale;
  filter: ActivityFilter;
  count: number;
  entries: readonly ActivityJsonEntry[];
}

export function activityJson(
  entries: readonly ActivityEntry[],
  meta: { at: Date; actor: ActivityActor; filter: ActivityFilter },
): string {
  const doc: ActivityJsonExport = {
    exportedAt: meta.at.toISOString(),
    exportedBy: meta.actor,
    language: currentLocale(),
    filter: meta.filter,
    count: entries.length,
    entries: entries.map((entry) => ({ ...entry, outcomeText: outcomeText(entry) })),
  };
  return toJson(doc);
}

export function downloadActivity(
  format: 'csv' | 'json',
  entries: readonly ActivityEntry[],
  meta: { at: Date; actor: ActivityActor; filter: ActivityFilter },
): string {
  const name = exportFileName(ACTIVITY_FILE_PREFIX, format, meta.at);
  if (format === 'csv') downloadFile(name, activityCsv(entries), CSV_TYPE);
  else downloadFile(name, activityJson(entries, meta), JSON_TYPE);
  return name;
}
