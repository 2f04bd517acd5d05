import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { BulkItemResult } from '../../api/bulk-reprocess';
import { httpStatusText } from '../../../../graph/http-status';
import {
  OUTCOME_ORDER,
  RETRYABLE_KINDS,
  countOutcomes,
  describeRequest,
  outcomeLabel,
  plural,
  resultLabel,
  summaryText,
  type OutcomeKind,
} from './bulk-outcomes';
import type { BulkRunSnapshot } from './bulk-run-store';

/** Rows rendered at once; the rest are reachable by filtering or by copying the list. */
const SHOWN = 500;

const useStyles = makeStyles({
  surface: { maxWidth: 'min(1100px, calc(100vw - 32px))', width: '100%' },
  content: { display: 'grid', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  summary: { flexGrow: 1 },
  scroll: {
    maxHeight: '50vh',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  stack: { display: 'grid', minWidth: 0 },
  outcome: { display: 'grid', justifyItems: 'start', gap: tokens.spacingVerticalXXS },
  colRequest: { width: '34%' },
  colOutcome: { width: '22%' },
  colStatus: { width: '16%' },
  colId: { width: '28%' },
  note: { color: tokens.colorNeutralForeground3 },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    userSelect: 'all',
  },
  code: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const BADGE: Readonly<Record<OutcomeKind, BadgeProps['color']>> = {
  accepted: 'success',
  gone: 'warning',
  refused: 'danger',
  denied: 'danger',
  unavailable: 'warning',
  network: 'warning',
  malformed: 'warning',
  failed: 'danger',
  cancelled: 'subtle',
};

type Filter = 'all' | 'waiting' | OutcomeKind;

export interface BulkResultsDialogProps {
  open: boolean;
  run: BulkRunSnapshot;
  onRetry: (items: readonly BulkItemResult[]) => void;
  onClose: () => void;
}

/** Every request of the run with its outcome, HTTP status and Graph request-id; live while running. */
export function BulkResultsDialog({ open, run, onRetry, onClose }: BulkResultsDialogProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>('all');
  const running = run.phase === 'running';
  const results = useMemo(() => [...run.results.values()], [run.results]);
  const counts = useMemo(() => countOutcomes(results), [results]);
  const waiting = run.items.length - results.length;
  const retryable = results.filter((r) => RETRYABLE_KINDS.has(r.outcome.kind));
  // A filter whose outcome no longer occurs (after a retry) falls back to everything.
  const active: Filter =
    filter === 'all' || (filter === 'waiting' ? waiting > 0 : (counts.get(filter) ?? 0) > 0) ? filter : 'all';

  const rows = run.items.filter((item) => {
    if (active === 'all') return true;
    const result = run.results.get(item.id);
    return active === 'waiting' ? result === undefined : result?.outcome.kind === active;
  });

  const title = running ? 'Bulk reprocess in progress' : 'Bulk reprocess results';
  const summary = running
    ? `Sent ${run.progress.sent} of ${run.progress.total} · answered ${run.progress.answered}`
    : `${plural(run.items.length, 'request')}: ${summaryText(counts)}.`;

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <div className={styles.toolbar}>
              <Text className={styles.summary}>{summary}</Text>
              <Field label="Show">
                <Select value={active} onChange={(_, data) => setFilter(data.value as Filter)}>
                  <option value="all">All outcomes ({run.items.length})</option>
                  {waiting > 0 && <option value="waiting">Waiting ({waiting})</option>}
                  {OUTCOME_ORDER.filter((k) => (counts.get(k) ?? 0) > 0).map((k) => (
                    <option key={k} value={k}>
                      {outcomeLabel(k)} ({counts.get(k)})
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className={styles.scroll}>
              <Table aria-label="Bulk reprocess results" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell className={styles.colRequest}>Request</TableHeaderCell>
                    <TableHeaderCell className={styles.colOutcome}>Outcome</TableHeaderCell>
                    <TableHeaderCell className={styles.colStatus}>HTTP status</TableHeaderCell>
                    <TableHeaderCell className={styles.colId}>Graph request-id</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.slice(0, SHOWN).map((item) => {
                    const result = run.results.get(item.id);
                    return (
                      <TableRow key={item.id} data-request-id={item.id}>
                        <TableCell>
                          <div className={styles.stack}>
                            <Text>{describeRequest(item)}</Text>
                            <span className={styles.sub}>{item.id}</span>
                          </div>
                        </TableCell>
                        <TableCell>
                          {result ? (
                            <div className={styles.outcome}>
                              <Badge appearance="tint" shape="rounded" color={BADGE[result.outcome.kind]}>
                                {resultLabel(result)}
                              </Badge>
                              {result.errorCode && <span className={styles.code}>{result.errorCode}</span>}
                              {result.attempts > 1 && (
                                <span className={styles.code}>Sent {result.attempts} times</span>
                              )}
                            </div>
                          ) : (
                            <Badge appearance="outline" shape="rounded" color="informative">
                              {run.sending.has(item.id) ? 'Sending…' : 'Queued'}
                            </Badge>
                          )}
                        </TableCell>
                        <TableCell>
                          {result && result.status !== 0 ? httpStatusText(result.status) : '—'}
                        </TableCell>
                        <TableCell>
                          {result?.graphRequestId ? (
                            <span className={styles.mono}>{result.graphRequestId}</span>
                          ) : (
                            '—'
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
            <Text size={200} className={styles.note}>
              Graph gives an accepted step no request-id of its own: the one shown is that of the batch call
              that carried it, which Microsoft support can trace.
            </Text>
            {rows.length > SHOWN && (
              <Text size={200}>
                Showing the first {SHOWN} of {rows.length}. Filter by outcome, or copy the list for all of
                them.
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="secondary"
              onClick={() => {
                void navigator.clipboard.writeText(asText(run)).catch(() => undefined);
              }}
            >
              Copy list
            </Button>
            <Button
              appearance="primary"
              disabled={running || retryable.length === 0}
              onClick={() => onRetry(retryable)}
            >
              Retry the failed ones ({retryable.length})
            </Button>
            <Button appearance="secondary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** Tab-separated, one request a line: pastes into a ticket or a spreadsheet. */
function asText(run: BulkRunSnapshot): string {
  const lines = [
    ['request id', 'request', 'outcome', 'HTTP status', 'Graph request-id', 'client-request-id'],
  ];
  for (const item of run.items) {
    const r = run.results.get(item.id);
    lines.push([
      item.id,
      describeRequest(item),
      r ? resultLabel(r) : 'Waiting',
      r && r.status !== 0 ? String(r.status) : '',
      r?.graphRequestId ?? '',
      r?.clientRequestId ?? '',
    ]);
  }
  return lines.map((l) => l.map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}
