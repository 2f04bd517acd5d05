import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import {
  CSV_TYPE,
  JSON_TYPE,
  downloadFile,
  exportFileName,
  toCsv,
  toJson,
  toUtcIso,
  type CsvColumn,
} from '../../../components/export-file';
import { useNotify } from '../../../components/notify';
import { t } from '../../../i18n/i18n';
import { reprocessWindow, type AssignmentRequest } from '../model';

export const QUEUE_FILE_PREFIX = 'reprocess-desk-queue';

/** One exported row; the JSON export holds these, the CSV the same values as text. */
export interface QueueExportRow {
  id: string;
  /** v1.0's camelCase name when known (beta's `DeliveryFailed` reads `deliveryFailed`), else as sent. */
  state: string;
  status: string | null;
  requestType: string | null;
  requestorName: string | null;
  requestorEmail: string | null;
  requestorUpn: string | null;
  accessPackage: string | null;
  catalog: string | null;
  /** ISO 8601 UTC. */
  created: string | null;
  completed: string | null;
  /** Whole days left to reprocess; null when the completion date is unknown. */
  daysLeft: number | null;
}

export function toQueueExportRow(req: AssignmentRequest, now: Date): QueueExportRow {
  return {
    id: req.id,
    state: req.state === 'unknown' ? req.stateRaw : req.state,
    status: req.status ?? null,
    requestType: req.requestType ?? req.requestTypeRaw ?? null,
    requestorName: req.requestor?.displayName ?? null,
    requestorEmail: req.requestor?.email ?? null,
    requestorUpn: req.requestor?.principalName ?? null,
    accessPackage: req.accessPackage?.displayName ?? null,
    catalog: req.accessPackage?.catalog?.displayName ?? null,
    created: toUtcIso(req.createdDateTime) ?? null,
    completed: toUtcIso(req.completedDateTime) ?? null,
    daysLeft: reprocessWindow(req, now).daysLeft ?? null,
  };
}

export const QUEUE_CSV_COLUMNS: readonly CsvColumn<QueueExportRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'state', value: (r) => r.state },
  { header: 'status', value: (r) => r.status },
  { header: 'request type', value: (r) => r.requestType },
  { header: 'requestor name', value: (r) => r.requestorName },
  { header: 'requestor email', value: (r) => r.requestorEmail },
  { header: 'requestor UPN', value: (r) => r.requestorUpn },
  { header: 'access package', value: (r) => r.accessPackage },
  { header: 'catalog', value: (r) => r.catalog },
  { header: 'created (UTC)', value: (r) => r.created },
  { header: 'completed (UTC)', value: (r) => r.completed },
  { header: 'days left', value: (r) => r.daysLeft },
];

export function queueCsv(rows: readonly AssignmentRequest[], now: Date): string {
  return toCsv(
    QUEUE_CSV_COLUMNS,
    rows.map((r) => toQueueExportRow(r, now)),
  );
}

export function queueJson(rows: readonly AssignmentRequest[], now: Date): string {
  const requests = rows.map((r) => toQueueExportRow(r, now));
  return toJson({ exportedAt: now.toISOString(), count: requests.length, requests });
}

/** "Export" with CSV and JSON: the rows given, which are the ones the queue's filter shows. */
export function ExportQueueButton({ rows }: { rows: readonly AssignmentRequest[] }) {
  const { notify } = useNotify();
  const exportAs = (format: 'csv' | 'json') => {
    const now = new Date();
    const name = exportFileName(QUEUE_FILE_PREFIX, format, now);
    try {
      if (format === 'csv') downloadFile(name, queueCsv(rows, now), CSV_TYPE);
      else downloadFile(name, queueJson(rows, now), JSON_TYPE);
    } catch (error) {
      notify({
        intent: 'error',
        title: t({ id: 'export.failed.title', defaultMessage: 'The export could not be saved' }),
        body:
          error instanceof Error && error.message
            ? t(
                {
                  id: 'export.failed.bodyWithReason',
                  defaultMessage:
                    'The browser refused the download of {file} ({reason}). Check its download settings and try again.',
                },
                { file: name, reason: error.message },
              )
            : t(
                {
                  id: 'export.failed.body',
                  defaultMessage:
                    'The browser refused the download of {file}. Check its download settings and try again.',
                },
                { file: name },
              ),
      });
    }
    // No toast on success: the browser shows the download, and a toast would sit over the toolbar.
  };
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button icon={<ArrowDownloadRegular />}>
          {t({ id: 'export.button', defaultMessage: 'Export' })}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => exportAs('csv')}>CSV</MenuItem>
          <MenuItem onClick={() => exportAs('json')}>JSON</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
