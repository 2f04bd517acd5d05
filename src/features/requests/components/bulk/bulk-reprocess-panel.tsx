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
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify } from '../../../../components/notify';
import { useNow } from '../../../../components/use-now';
import { LazyPart, lazyNamed } from '../../../../components/lazy-part';
import type { RunSnapshot } from '../../../../reprocess/engine-types';
import { outcomeSummary } from '../../../../reprocess/outcomes';
import { targetOf, useReprocessEngine, useRuns } from '../../api/use-reprocess';
import type { AssignmentRequest } from '../../model';
import {
  countDeliveries,
  countOutcomes,
  deliverySummary,
  describeRunSummary,
  plural,
} from '../../reprocess-notice';
import { isInViewport } from '../../outcome-on-screen';

// The dialogs load when first opened.
const BulkConfirmDialog = lazyNamed(() => import('./bulk-confirm-dialog'), 'BulkConfirmDialog');
const BulkResultsDialog = lazyNamed(() => import('./bulk-results-dialog'), 'BulkResultsDialog');

const useStyles = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  progress: { flexGrow: 1, minWidth: '240px', maxWidth: '520px' },
  // Empty until a run ends: it then takes no room (the grid's gap included).
  summary: { ':empty': { marginTop: `calc(-1 * ${tokens.spacingVerticalS})` } },
});

export interface BulkReprocessPanelProps {
  selected: readonly AssignmentRequest[];
  onClearSelection: () => void;
  canReprocess: boolean;
}

/**
 * "Reprocess selected (N)": confirmation, then the run through the reprocess engine: progress with
 * Cancel, a pause (offline, sign-in, a reload) with Resume, a summary and the results.
 */
export function BulkReprocessPanel({ selected, onClearSelection, canReprocess }: BulkReprocessPanelProps) {
  const styles = useStyles();
  const now = useNow(60_000);
  const engine = useReprocessEngine();
  const runs = useRuns();
  const followedOf = useCallback((id: string) => engine.followedOf(id), [engine]);
  const panelRef = useRef<HTMLElement>(null);
  const { notify } = useNotify();
  const [shownRunId, setShownRunId] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [showResults, setShowResults] = useState(false);
  // Each dialog stays mounted once opened, so closing it animates.
  const [confirmUsed, setConfirmUsed] = useState(false);
  const [resultsUsed, setResultsUsed] = useState(false);
  if (confirming && !confirmUsed) setConfirmUsed(true);
  if (showResults && !resultsUsed) setResultsUsed(true);

  // The run to show: one still going or paused (a bulk run first; of any path otherwise: a paused
  // single reprocess waits here too), else the last bulk run started here until it is dismissed.
  const open =
    runs.find((r) => r.phase !== 'finished' && r.source === 'bulk') ??
    runs.find((r) => r.phase !== 'finished');
  // A bulk run that shows here (started, resumed after a reload) stays shown once it finishes: a
  // row reprocessed meanwhile does not take its summary and results away.
  if (open?.source === 'bulk' && open.id !== shownRunId) setShownRunId(open.id);
  const run = open ?? runs.find((r) => r.id === shownRunId);
  const running = run !== undefined && run.phase !== 'finished';

  const follow = (started: ReturnType<typeof engine.start>): void => {
    if (!started.runId) {
      if (started.refused.length > 0) {
        notify({
          intent: 'warning',
          title: 'Nothing was sent',
          body: `${plural(started.refused.length, 'request')} already in flight: ${started.refused[0]?.reason ?? ''}.`,
        });
      }
      return;
    }
    setShownRunId(started.runId);
    void started.done.then((snapshot) => {
      // One calm summary per run, whatever it says; the details are in the results view. The
      // panel's own summary says it while it is on screen; a toast only when it is not.
      // (Only whether it is in the page: a dialog over it, such as the closing confirmation, goes.)
      const panel = panelRef.current;
      if (snapshot)
        notify(describeRunSummary(snapshot), { toast: !(panel?.isConnected && isInViewport(panel)) });
    });
  };

  // Starting a run disables the button, which then gains its tooltip: a new element, so the
  // closing dialog cannot give focus back to it. It is given here instead.
  const startButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    startButton.current?.focus();
  });

  const start = (items: readonly AssignmentRequest[]): void => {
    setConfirming(false);
    refocus.current = true;
    // The run keeps its own list; the grid's selection is done with.
    onClearSelection();
    follow(engine.start(items.map(targetOf), 'bulk'));
  };

  const disabledReason = !canReprocess
    ? 'Read-only: reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.'
    : running
      ? 'A reprocess run is in progress or paused. Let it finish, resume or cancel it first.'
      : selected.length === 0
        ? 'Select requests in the list first.'
        : undefined;

  const button = (
    <Button
      ref={startButton}
      appearance="primary"
      icon={<ArrowRepeatAllRegular />}
      disabledFocusable={disabledReason !== undefined}
      onClick={() => setConfirming(true)}
    >
      Reprocess selected ({selected.length})
    </Button>
  );

  return (
    <section className={styles.panel} aria-label="Bulk reprocess" ref={panelRef}>
      <div className={styles.bar}>
        {disabledReason ? (
          <Tooltip content={disabledReason} relationship="description">
            {button}
          </Tooltip>
        ) : (
          button
        )}
        {run && run.phase === 'running' && (
          <>
            <Field
              className={styles.progress}
              label={`Reprocessing ${plural(run.counts.total, 'request')}`}
              hint={`Sent ${run.counts.sent} of ${run.counts.total} · answered ${run.counts.done}${
                run.cancelRequested ? ' · cancelled: nothing more is sent' : ''
              }`}
            >
              <ProgressBar
                value={run.counts.total === 0 ? 0 : run.counts.done / run.counts.total}
                thickness="large"
              />
            </Field>
            <Button disabled={run.cancelRequested} onClick={() => engine.cancel(run.id)}>
              {run.cancelRequested ? 'Cancelling…' : 'Cancel'}
            </Button>
            <Button appearance="subtle" onClick={() => setShowResults(true)}>
              Show details
            </Button>
          </>
        )}
      </div>

      {run && run.phase === 'paused' && <PausedRun run={run} onShowResults={() => setShowResults(true)} />}

      {/* A live region from the start, so the summary is announced once when the run ends. */}
      <div role="status" className={styles.summary}>
        {run && run.phase === 'finished' && run.source === 'bulk' && (
          <MessageBar
            intent={countOutcomes(run).get('accepted') === run.results.size ? 'success' : 'warning'}
            layout="multiline"
          >
            <MessageBarBody>
              <MessageBarTitle>
                {run.cancelRequested ? 'Bulk reprocess cancelled' : 'Bulk reprocess finished'}
              </MessageBarTitle>
              {capitalize(outcomeSummary(countOutcomes(run)))}.
              {(countOutcomes(run).get('accepted') ?? 0) > 0 &&
                ` Of those accepted: ${deliverySummary(countDeliveries(run, followedOf))}.`}
            </MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  icon={<DismissRegular />}
                  aria-label="Dismiss the bulk reprocess summary"
                  onClick={() => {
                    engine.dismiss(run.id);
                    setShownRunId(undefined);
                  }}
                />
              }
            >
              <Button onClick={() => setShowResults(true)}>View results</Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>

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
            retryable={run.phase === 'finished' ? engine.retryable(run.id) : 0}
            onRetry={() => follow(engine.retry(run.id))}
            onClose={() => setShowResults(false)}
            followedOf={followedOf}
          />
        </LazyPart>
      )}
    </section>
  );
}

/** A run that stopped sending: why, what is done and waiting, and how to go on. */
function PausedRun({ run, onShowResults }: { run: RunSnapshot; onShowResults: () => void }) {
  const engine = useReprocessEngine();
  const { notify } = useNotify();
  const [signingIn, setSigningIn] = useState(false);
  const reason = run.pause?.reason;
  const facts = `${run.counts.sent} sent, ${run.counts.waiting} waiting${
    run.counts.inFlight > 0 ? `, ${run.counts.inFlight} to check` : ''
  }`;
  const title =
    reason === 'offline'
      ? `Paused: offline — ${facts}`
      : reason === 'signin'
        ? `Paused: sign in again to continue — ${facts}`
        : `Interrupted by a reload or a closed tab — ${facts}`;
  const body =
    reason === 'offline'
      ? 'The connection to Microsoft Graph was lost. Nothing more is sent until it is back; the run resumes by itself when the browser is online again. Requests whose answer was lost are checked before anything is sent again.'
      : reason === 'signin'
        ? 'Microsoft sign-in needs you to sign in again. Nothing was lost: the run goes on where it stopped once you have signed in.'
        : 'This run did not finish. Requests never sent are "not sent"; those whose answer was lost are checked before anything is sent again.';
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {body}
      </MessageBarBody>
      <MessageBarActions>
        {reason === 'signin' ? (
          <Button
            appearance="primary"
            disabled={signingIn}
            onClick={() => {
              setSigningIn(true);
              engine
                .signInAgain(run.id)
                .catch((error: unknown) =>
                  notify({
                    intent: 'error',
                    title: 'Sign-in did not finish',
                    body: `${error instanceof Error ? error.message : String(error)} The run stays paused; nothing was lost.`,
                  }),
                )
                .finally(() => setSigningIn(false));
            }}
          >
            Sign in again
          </Button>
        ) : (
          <Button
            appearance="primary"
            onClick={() => {
              // A run interrupted by a reload has no other follower: its summary is announced here.
              if (reason === 'interrupted') {
                void engine.finished(run.id).then((snapshot) => {
                  if (snapshot) notify(describeRunSummary(snapshot));
                });
              }
              engine.resume(run.id);
            }}
          >
            Resume
          </Button>
        )}
        <Button onClick={() => engine.cancel(run.id)}>Cancel the rest</Button>
        <Button appearance="subtle" onClick={onShowResults}>
          Show details
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
