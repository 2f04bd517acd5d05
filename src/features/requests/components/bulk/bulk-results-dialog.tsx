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
import { httpStatusText } from '../../../../graph/http-status';
import type { RunSnapshot } from '../../../../reprocess/engine-types';
import {
  OUTCOMES,
  OUTCOME_ORDER,
  outcomeSummary,
  type OutcomeKind,
  type OutcomeTone,
} from '../../../../reprocess/outcomes';
import { countOutcomes, describeTarget, outcomeLabelOf, plural } from '../../reprocess-notice';

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

const BADGE: Readonly<Record<OutcomeTone, BadgeProps['color']>> = {
  success: 'success',
  danger: 'danger',
  warning: 'warning',
  neutral: 'subtle',
};

type Filter = 'all' | 'waiting' | OutcomeKind;

export interface BulkResultsDialogProps {
  open: boolean;
  run: RunSnapshot;
  /** How many the Retry button would take (the engine decides: never a blind resend). */
  retryable: number;
  onRetry: () => void;
  onClose: () => void;
}

/** Every request of the run with its outcome, HTTP status and Graph request-id; live while running. */
export function BulkResultsDialog({ open, run, retryable, onRetry, onClose }: BulkResultsDialogProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>('all');
  const running = run.phase === 'running';
  const counts = useMemo(() => countOutcomes(run), [run]);
  const waiting = run.items.length - run.results.size;
  // A filter whose outcome no longer occurs (after a retry) falls back to everything.
  const active: Filter =
    filter === 'all' || (filter === 'waiting' ? waiting > 0 : (counts.get(filter) ?? 0) > 0) ? filter : 'all';

  const rows = run.items.filter((item) => {
    if (active === 'all') return true;
    const result = run.results.get(item.id);
    return active === 'waiting' ? result === undefined : result?.kind === active;
  });

  const kind = run.source === 'bulk' ? 'Bulk reprocess' : 'Reprocess';
  const title = `${kind} ${run.phase === 'finished' ? 'results' : run.phase === 'paused' ? 'paused' : 'in progress'}`;
  const summary =
    run.phase === 'finished'
      ? `${plural(run.items.length, 'request')}: ${outcomeSummary(counts)}.`
      : `Sent ${run.counts.sent} of ${run.counts.total} · answered ${run.counts.done}`;

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
                      {OUTCOMES[k].label} ({counts.get(k)})
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
                            <Text>{describeTarget(item)}</Text>
                            <span className={styles.sub}>{item.id}</span>
                          </div>
                        </TableCell>
                        <TableCell>
                          {result ? (
                            <div className={styles.outcome}>
                              <Badge
                                appearance="tint"
                                shape="rounded"
                                color={BADGE[OUTCOMES[result.kind].tone]}
                              >
                                {outcomeLabelOf(result)}
                              </Badge>
                              {result.code && <span className={styles.code}>{result.code}</span>}
                            </div>
                          ) : (
                            <Badge appearance="outline" shape="rounded" color="informative">
                              {run.phase === 'paused' ? 'Waiting' : 'Queued or sending'}
                            </Badge>
                          )}
                        </TableCell>
                        <TableCell>{result?.httpStatus ? httpStatusText(result.httpStatus) : '—'}</TableCell>
                        <TableCell>
                          {result?.requestId ? <span className={styles.mono}>{result.requestId}</span> : '—'}
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
            <Button appearance="primary" disabled={running || retryable === 0} onClick={onRetry}>
              Retry the ones not decided ({retryable})
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
function asText(run: RunSnapshot): string {
  const lines = [
    ['request id', 'request', 'outcome', 'HTTP status', 'Graph request-id', 'client-request-id'],
  ];
  for (const item of run.items) {
    const r = run.results.get(item.id);
    lines.push([
      item.id,
      describeTarget(item),
      r ? outcomeLabelOf(r) : 'Waiting',
      r?.httpStatus ? String(r.httpStatus) : '',
      r?.requestId ?? '',
      r?.clientRequestId ?? '',
    ]);
  }
  return lines.map((l) => l.map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}
