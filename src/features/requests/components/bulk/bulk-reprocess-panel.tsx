import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowRepeatAllRegular, DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useSession } from '../../../../auth/session';
import { useNotify, type Notice } from '../../../../components/notify';
import { useNow } from '../../../../components/use-now';
import type { GraphClient } from '../../../../graph/graph-client';
import type { ActivityRecorder } from '../../../../record/activity-record';
import { useRowActivityStore } from '../../api/use-reprocess';
import type { AssignmentRequest } from '../../model';
import type { RowActivityStore } from '../../row-activity';
import { countOutcomes, summaryText } from './bulk-outcomes';
import { useBulkReprocess } from './use-bulk-reprocess';
import { LazyPart, lazyNamed } from '../../../../components/lazy-part';

// The dialogs load when first opened.
const BulkConfirmDialog = lazyNamed(() => import('./bulk-confirm-dialog').then((m) => m.BulkConfirmDialog));
const BulkResultsDialog = lazyNamed(() => import('./bulk-results-dialog').then((m) => m.BulkResultsDialog));

const useStyles = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  progress: { flexGrow: 1, minWidth: '240px', maxWidth: '520px' },
});

export interface BulkReprocessPanelProps {
  selected: readonly AssignmentRequest[];
  onClearSelection: () => void;
  canReprocess: boolean;
  /** The activity record; when given, each batch is written ahead and each answer completed. */
  recorder?: ActivityRecorder;
}

/** "Reprocess selected (N)": confirmation, progress with Cancel, a summary and the results. */
export function BulkReprocessPanel(props: BulkReprocessPanelProps) {
  const { graph, scopes } = useSession();
  const rows = useRowActivityStore();
  const { notify } = useNotify();
  return (
    <BulkReprocessControls
      {...props}
      client={graph}
      writeScope={scopes.readWrite}
      rows={rows}
      notify={notify}
    />
  );
}

export interface BulkReprocessControlsProps extends BulkReprocessPanelProps {
  client: GraphClient;
  writeScope: string;
  rows: RowActivityStore;
  notify: (notice: Notice) => void;
}

/** The panel with its dependencies passed in (the session's client, the row store, the toaster). */
export function BulkReprocessControls({
  selected,
  onClearSelection,
  canReprocess,
  recorder,
  client,
  writeScope,
  rows,
  notify,
}: BulkReprocessControlsProps) {
  const styles = useStyles();
  const now = useNow(60_000);
  const bulk = useBulkReprocess({ client, writeScope, rows, notify, ...(recorder && { recorder }) });
  const [confirming, setConfirming] = useState(false);
  const [showResults, setShowResults] = useState(false);
  const { run, running } = bulk;
  // Each dialog stays mounted once opened, so closing it animates.
  const [confirmUsed, setConfirmUsed] = useState(false);
  const [resultsUsed, setResultsUsed] = useState(false);
  if (confirming && !confirmUsed) setConfirmUsed(true);
  if (showResults && !resultsUsed) setResultsUsed(true);

  const start = (items: readonly AssignmentRequest[]): void => {
    setConfirming(false);
    // The run keeps its own list; the grid's selection is done with.
    onClearSelection();
    bulk.start(items);
  };

  const disabledReason = !canReprocess
    ? 'Read-only: reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.'
    : running
      ? 'A bulk reprocess is running. Wait for it to finish or cancel it.'
      : selected.length === 0
        ? 'Select requests in the list first.'
        : undefined;

  const button = (
    <Button
      appearance="primary"
      icon={<ArrowRepeatAllRegular />}
      disabledFocusable={disabledReason !== undefined}
      onClick={() => setConfirming(true)}
    >
      Reprocess selected ({selected.length})
    </Button>
  );

  const finished = run?.phase === 'finished' ? run : undefined;
  const counts = finished ? countOutcomes(finished.results.values()) : undefined;
  const allAccepted =
    !!finished && finished.items.length > 0 && counts?.get('accepted') === finished.items.length;

  return (
    <section className={styles.panel} aria-label="Bulk reprocess">
      <div className={styles.bar}>
        {disabledReason ? (
          <Tooltip content={disabledReason} relationship="description">
            {button}
          </Tooltip>
        ) : (
          button
        )}
        {run && running && (
          <>
            <Field
              className={styles.progress}
              label={`Reprocessing ${run.progress.total} requests`}
              hint={`Sent ${run.progress.sent} of ${run.progress.total} · answered ${run.progress.answered}${
                run.cancelRequested ? ' · cancelled: nothing more is sent' : ''
              }`}
            >
              <ProgressBar
                value={run.progress.total === 0 ? 0 : run.progress.answered / run.progress.total}
                thickness="large"
              />
            </Field>
            <Button disabled={run.cancelRequested} onClick={bulk.cancel}>
              {run.cancelRequested ? 'Cancelling…' : 'Cancel'}
            </Button>
            <Button appearance="subtle" onClick={() => setShowResults(true)}>
              Show details
            </Button>
          </>
        )}
      </div>

      {finished && counts && (
        <MessageBar intent={allAccepted ? 'success' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {finished.cancelRequested ? 'Bulk reprocess cancelled' : 'Bulk reprocess finished'}
            </MessageBarTitle>
            {capitalize(summaryText(counts))}.
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                icon={<DismissRegular />}
                aria-label="Dismiss the bulk reprocess summary"
                onClick={bulk.dismiss}
              />
            }
          >
            <Button onClick={() => setShowResults(true)}>View results</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {confirmUsed && (
        <LazyPart name="the confirmation">
          <BulkConfirmDialog
            open={confirming}
            requests={selected}
            now={now}
            onConfirm={start}
            onDismiss={() => setConfirming(false)}
          />
        </LazyPart>
      )}
      {run && resultsUsed && (
        <LazyPart name="the bulk results">
          <BulkResultsDialog
            open={showResults}
            run={run}
            onRetry={(failed) => bulk.start(failed.map((r) => r.request))}
            onClose={() => setShowResults(false)}
          />
        </LazyPart>
      )}
    </section>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
