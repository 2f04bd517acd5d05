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
import { useMemo, useState, type ReactNode } from 'react';
import { httpStatusText } from '../../../../graph/http-status';
import { t } from '../../../../i18n/i18n';
import { tRich } from '../../../../i18n/react';
import type { FollowedRequest, RunSnapshot } from '../../../../reprocess/engine-types';
import { useRowHoverStyles } from '../../../../components/table-styles';
import {
  OUTCOMES,
  OUTCOME_ORDER,
  outcomeSummary,
  type OutcomeKind,
  type OutcomeTone,
} from '../../../../reprocess/outcomes';
import {
  afterwardLabel,
  countDeliveries,
  countOutcomes,
  deliverySummary,
  describeTarget,
  outcomeLabelOf,
} from '../../reprocess-notice';

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
  colOutcome: { width: '24%' },
  colNow: { width: '26%' },
  colStatus: { width: '16%' },
  lead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalM },
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

type Filter = 'all' | 'waiting' | 'failedAgain' | OutcomeKind;

export interface BulkResultsDialogProps {
  open: boolean;
  run: RunSnapshot;
  /** How many the Retry button would take (the engine decides: never a blind resend). */
  retryable: number;
  onRetry: () => void;
  onClose: () => void;
  /** What each accepted request became, as last read from Graph (the engine follows them). */
  followedOf: (id: string) => FollowedRequest | undefined;
}

/** Every request of the run with its outcome, HTTP status and Graph request-id; live while running. */
export function BulkResultsDialog({
  open,
  run,
  retryable,
  onRetry,
  onClose,
  followedOf,
}: BulkResultsDialogProps) {
  const styles = useStyles();
  const mono = (chunks: ReactNode[]) => <span className={styles.mono}>{chunks}</span>;
  const hover = useRowHoverStyles();
  const [filter, setFilter] = useState<Filter>('all');
  const running = run.phase === 'running';
  const counts = useMemo(() => countOutcomes(run), [run]);
  const waiting = run.items.length - run.results.size;
  const deliveries = countDeliveries(run, followedOf);
  const accepted = counts.get('accepted') ?? 0;
  const failedAgain = (id: string): boolean => followedOf(id)?.verdict === 'failedAgain';
  // A filter whose outcome no longer occurs (after a retry) falls back to everything.
  const occurs = (f: Filter): boolean =>
    f === 'all' ||
    (f === 'waiting'
      ? waiting > 0
      : f === 'failedAgain'
        ? deliveries.failedAgain > 0
        : (counts.get(f) ?? 0) > 0);
  const active: Filter = occurs(filter) ? filter : 'all';

  const rows = run.items.filter((item) => {
    if (active === 'all') return true;
    const result = run.results.get(item.id);
    if (active === 'failedAgain') return result?.kind === 'accepted' && failedAgain(item.id);
    return active === 'waiting' ? result === undefined : result?.kind === active;
  });
  // Graph gives a batch step no request-id of its own: each accepted row would repeat its batch's.
  const batchIds = [
    ...new Set(
      [...run.results.values()].flatMap((r) => (r.kind === 'accepted' && r.requestId ? [r.requestId] : [])),
    ),
  ];

  const title =
    run.source === 'bulk'
      ? t(
          {
            id: 'bulk.results.title',
            defaultMessage:
              '{phase, select, finished {Bulk reprocess results} paused {Bulk reprocess paused} other {Bulk reprocess in progress}}',
          },
          { phase: run.phase },
        )
      : t(
          {
            id: 'bulk.results.title.single',
            defaultMessage:
              '{phase, select, finished {Reprocess results} paused {Reprocess paused} other {Reprocess in progress}}',
          },
          { phase: run.phase },
        );
  const summary =
    run.phase === 'finished'
      ? t(
          {
            id: 'bulk.results.summary',
            defaultMessage:
              '{count, plural, one {{count, number} request: {outcomes}.} other {{count, number} requests: {outcomes}.}}',
          },
          { count: run.items.length, outcomes: outcomeSummary(counts) },
        )
      : t(
          {
            id: 'bulk.progress.hint',
            defaultMessage: 'Sent {sent, number} of {total, number} · answered {done, number}',
          },
          { sent: run.counts.sent, total: run.counts.total, done: run.counts.done },
        );

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {run.phase === 'finished' && accepted > 0 && (
              <div className={styles.lead}>
                <Text weight="semibold" role="status">
                  {deliverySummary(deliveries)}
                </Text>
                {deliveries.failedAgain > 0 && active !== 'failedAgain' && (
                  <Button appearance="transparent" size="small" onClick={() => setFilter('failedAgain')}>
                    {t(
                      {
                        id: 'bulk.results.showFailedAgain',
                        defaultMessage:
                          '{count, plural, one {Show the one that failed again} other {Show the {count, number} that failed again}}',
                      },
                      { count: deliveries.failedAgain },
                    )}
                  </Button>
                )}
              </div>
            )}
            <div className={styles.toolbar}>
              <Text className={styles.summary}>{summary}</Text>
              <Field label={t({ id: 'bulk.results.filter', defaultMessage: 'Show' })}>
                <Select value={active} onChange={(_, data) => setFilter(data.value as Filter)}>
                  <option value="all">
                    {t(
                      {
                        id: 'bulk.results.filter.all',
                        defaultMessage: 'All outcomes ({count, number})',
                      },
                      { count: run.items.length },
                    )}
                  </option>
                  {waiting > 0 && (
                    <option value="waiting">
                      {t(
                        {
                          id: 'bulk.results.filter.waiting',
                          defaultMessage: 'Waiting ({count, number})',
                        },
                        { count: waiting },
                      )}
                    </option>
                  )}
                  {deliveries.failedAgain > 0 && (
                    <option value="failedAgain">
                      {t(
                        {
                          id: 'bulk.results.filter.failedAgain',
                          defaultMessage: 'Failed again after reprocess ({count, number})',
                        },
                        { count: deliveries.failedAgain },
                      )}
                    </option>
                  )}
                  {OUTCOME_ORDER.filter((k) => (counts.get(k) ?? 0) > 0).map((k) => (
                    <option key={k} value={k}>
                      {t(
                        {
                          id: 'bulk.results.filter.outcome',
                          defaultMessage: '{outcome} ({count, number})',
                        },
                        { outcome: OUTCOMES[k].label, count: counts.get(k) ?? 0 },
                      )}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <div className={styles.scroll}>
              <Table
                aria-label={t({ id: 'bulk.results.tableLabel', defaultMessage: 'Bulk reprocess results' })}
                size="small"
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell className={styles.colRequest}>
                      {t({ id: 'bulk.results.column.request', defaultMessage: 'Request' })}
                    </TableHeaderCell>
                    <TableHeaderCell className={styles.colOutcome}>
                      {t({ id: 'bulk.results.column.outcome', defaultMessage: 'Outcome' })}
                    </TableHeaderCell>
                    <TableHeaderCell className={styles.colNow}>
                      {t({ id: 'bulk.results.column.now', defaultMessage: 'Now' })}
                    </TableHeaderCell>
                    <TableHeaderCell className={styles.colStatus}>
                      {t({ id: 'bulk.results.column.httpStatus', defaultMessage: 'HTTP status' })}
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.slice(0, SHOWN).map((item) => {
                    const result = run.results.get(item.id);
                    const now = result?.kind === 'accepted' ? followedOf(item.id) : undefined;
                    return (
                      <TableRow key={item.id} className={hover.row} data-request-id={item.id}>
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
                              {result.kind !== 'accepted' && result.requestId && (
                                <span className={styles.code}>
                                  {tRich(
                                    {
                                      id: 'bulk.results.requestId',
                                      defaultMessage: 'request-id <id>{requestId}</id>',
                                    },
                                    {
                                      requestId: result.requestId,
                                      id: mono,
                                    },
                                  )}
                                </span>
                              )}
                            </div>
                          ) : (
                            <Badge appearance="outline" shape="rounded" color="informative">
                              {run.phase === 'paused'
                                ? waitingLabel()
                                : t({ id: 'bulk.results.queued', defaultMessage: 'Queued or sending' })}
                            </Badge>
                          )}
                        </TableCell>
                        <TableCell>
                          {result?.kind === 'accepted' ? (
                            <div className={styles.stack}>
                              <Text>{now ? afterwardLabel(now) : deliveringLabel()}</Text>
                              {now?.verdict === 'failedAgain' && now.status && (
                                <span className={styles.sub}>{now.status}</span>
                              )}
                            </div>
                          ) : (
                            '—'
                          )}
                        </TableCell>
                        <TableCell>{result?.httpStatus ? httpStatusText(result.httpStatus) : '—'}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
            {batchIds.length > 0 && (
              <Text size={200} className={styles.note}>
                {batchIds.length > 1
                  ? tRich(
                      {
                        id: 'bulk.results.batchIds.more',
                        defaultMessage:
                          "{count, plural, one {Accepted in {count, number} batch call; Graph request-id <id>{requestId}</id> and {more, number} more (in Copy list). Microsoft support traces a batch step by its batch call's request-id.} other {Accepted in {count, number} batch calls; Graph request-id <id>{requestId}</id> and {more, number} more (in Copy list). Microsoft support traces a batch step by its batch call's request-id.}}",
                      },
                      {
                        count: batchIds.length,
                        requestId: batchIds[0],
                        more: batchIds.length - 1,
                        id: mono,
                      },
                    )
                  : tRich(
                      {
                        id: 'bulk.results.batchIds',
                        defaultMessage:
                          "{count, plural, one {Accepted in {count, number} batch call; Graph request-id <id>{requestId}</id>. Microsoft support traces a batch step by its batch call's request-id.} other {Accepted in {count, number} batch calls; Graph request-id <id>{requestId}</id>. Microsoft support traces a batch step by its batch call's request-id.}}",
                      },
                      { count: batchIds.length, requestId: batchIds[0], id: mono },
                    )}
              </Text>
            )}
            {rows.length > SHOWN && (
              <Text size={200}>
                {t(
                  {
                    id: 'bulk.results.truncated',
                    defaultMessage:
                      'Showing the first {shown, number} of {count, number}. Filter by outcome, or copy the list for all of them.',
                  },
                  { shown: SHOWN, count: rows.length },
                )}
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="secondary"
              onClick={() => {
                void navigator.clipboard.writeText(asText(run, followedOf)).catch(() => undefined);
              }}
            >
              {t({ id: 'bulk.results.copy', defaultMessage: 'Copy list' })}
            </Button>
            <Button appearance="primary" disabled={running || retryable === 0} onClick={onRetry}>
              {t(
                {
                  id: 'bulk.results.retry',
                  defaultMessage: 'Retry the ones not decided ({count, number})',
                },
                { count: retryable },
              )}
            </Button>
            <Button appearance="secondary" onClick={onClose}>
              {t({ id: 'common.close', defaultMessage: 'Close' })}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** A request of a paused run not answered yet (the list's badge, and the copied list). */
function waitingLabel(): string {
  return t({ id: 'bulk.results.waiting', defaultMessage: 'Waiting' });
}

/** Accepted, not read back from Graph yet. */
function deliveringLabel(): string {
  return t({ id: 'bulk.results.delivering', defaultMessage: 'Delivering…' });
}

/**
 * Tab-separated, one request a line: pastes into a ticket or a spreadsheet. The header stays
 * English (a script may read it); the words in the rows are the ones on screen.
 */
function asText(run: RunSnapshot, followedOf: (id: string) => FollowedRequest | undefined): string {
  const lines = [
    ['request id', 'request', 'outcome', 'now', 'HTTP status', 'Graph request-id', 'client-request-id'],
  ];
  for (const item of run.items) {
    const r = run.results.get(item.id);
    const now = r?.kind === 'accepted' ? followedOf(item.id) : undefined;
    lines.push([
      item.id,
      describeTarget(item),
      r ? outcomeLabelOf(r) : waitingLabel(),
      now ? afterwardLabel(now) : r?.kind === 'accepted' ? deliveringLabel() : '',
      r?.httpStatus ? String(r.httpStatus) : '',
      r?.requestId ?? '',
      r?.clientRequestId ?? '',
    ]);
  }
  return lines.map((l) => l.map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}
