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
import { t } from '../../../../i18n/i18n';
import type { RunSnapshot } from '../../../../reprocess/engine-types';
import { outcomeSummary } from '../../../../reprocess/outcomes';
import { targetOf, useReprocessEngine, useRuns } from '../../api/use-reprocess';
import type { AssignmentRequest } from '../../model';
import { countDeliveries, countOutcomes, deliverySummary, describeRunSummary } from '../../reprocess-notice';
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
  /** The button's words, and the confirmation's title, when the requests are not a selection. */
  wording?: { button: string; confirmTitle: string; noneReason: string };
}

/**
 * "Reprocess selected (N)": confirmation, then the run through the reprocess engine: progress with
 * Cancel, a pause (offline, sign-in, a reload) with Resume, a summary and the results.
 */
export function BulkReprocessPanel({
  selected,
  onClearSelection,
  canReprocess,
  wording,
}: BulkReprocessPanelProps) {
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
          title: t({ id: 'bulk.refused.title', defaultMessage: 'Nothing was sent' }),
          body: t(
            {
              id: 'bulk.refused.body',
              defaultMessage:
                '{count, plural, one {{count, number} request already in flight: {reason}.} other {{count, number} requests already in flight: {reason}.}}',
            },
            { count: started.refused.length, reason: started.refused[0]?.reason ?? '' },
          ),
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
    ? t({
        id: 'bulk.disabled.readOnly',
        defaultMessage:
          'Read-only: reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.',
      })
    : running
      ? t({
          id: 'bulk.disabled.running',
          defaultMessage:
            'A reprocess run is in progress or paused. Let it finish, resume or cancel it first.',
        })
      : selected.length === 0
        ? (wording?.noneReason ??
          t({ id: 'bulk.disabled.noSelection', defaultMessage: 'Select requests in the list first.' }))
        : undefined;

  const button = (
    <Button
      ref={startButton}
      appearance="primary"
      icon={<ArrowRepeatAllRegular />}
      disabledFocusable={disabledReason !== undefined}
      onClick={() => setConfirming(true)}
    >
      {wording?.button ??
        t(
          { id: 'bulk.button', defaultMessage: 'Reprocess selected ({count, number})' },
          { count: selected.length },
        )}
    </Button>
  );

  return (
    <section
      className={styles.panel}
      aria-label={t({ id: 'bulk.label', defaultMessage: 'Bulk reprocess' })}
      ref={panelRef}
    >
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
              label={t(
                {
                  id: 'bulk.progress.label',
                  defaultMessage:
                    '{count, plural, one {Reprocessing {count, number} request} other {Reprocessing {count, number} requests}}',
                },
                { count: run.counts.total },
              )}
              hint={
                run.cancelRequested
                  ? t(
                      {
                        id: 'bulk.progress.hintCancelled',
                        defaultMessage:
                          'Sent {sent, number} of {total, number} · answered {done, number} · cancelled: nothing more is sent',
                      },
                      { sent: run.counts.sent, total: run.counts.total, done: run.counts.done },
                    )
                  : t(
                      {
                        id: 'bulk.progress.hint',
                        defaultMessage: 'Sent {sent, number} of {total, number} · answered {done, number}',
                      },
                      { sent: run.counts.sent, total: run.counts.total, done: run.counts.done },
                    )
              }
            >
              <ProgressBar
                value={run.counts.total === 0 ? 0 : run.counts.done / run.counts.total}
                thickness="large"
              />
            </Field>
            <Button disabled={run.cancelRequested} onClick={() => engine.cancel(run.id)}>
              {run.cancelRequested
                ? t({ id: 'bulk.cancelling', defaultMessage: 'Cancelling…' })
                : t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
            </Button>
            <Button appearance="subtle" onClick={() => setShowResults(true)}>
              {t({ id: 'bulk.showDetails', defaultMessage: 'Show details' })}
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
                {run.cancelRequested
                  ? t({ id: 'bulk.finished.cancelled', defaultMessage: 'Bulk reprocess cancelled' })
                  : t({ id: 'bulk.finished.title', defaultMessage: 'Bulk reprocess finished' })}
              </MessageBarTitle>
              {(countOutcomes(run).get('accepted') ?? 0) > 0
                ? t(
                    {
                      id: 'bulk.finished.bodyWithDeliveries',
                      defaultMessage: '{outcomes}. Of those accepted: {deliveries}.',
                    },
                    {
                      outcomes: capitalize(outcomeSummary(countOutcomes(run))),
                      deliveries: deliverySummary(countDeliveries(run, followedOf)),
                    },
                  )
                : t(
                    { id: 'bulk.finished.body', defaultMessage: '{outcomes}.' },
                    { outcomes: capitalize(outcomeSummary(countOutcomes(run))) },
                  )}
            </MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  icon={<DismissRegular />}
                  aria-label={t({
                    id: 'bulk.finished.dismiss',
                    defaultMessage: 'Dismiss the bulk reprocess summary',
                  })}
                  onClick={() => {
                    engine.dismiss(run.id);
                    setShownRunId(undefined);
                  }}
                />
              }
            >
              <Button onClick={() => setShowResults(true)}>
                {t({ id: 'bulk.finished.viewResults', defaultMessage: 'View results' })}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>

      {confirmUsed && (
        <LazyPart name={t({ id: 'bulk.part.confirmation', defaultMessage: 'the confirmation' })}>
          <BulkConfirmDialog
            open={confirming}
            requests={selected}
            {...(wording && { title: wording.confirmTitle })}
            now={now}
            onConfirm={start}
            onDismiss={() => setConfirming(false)}
          />
        </LazyPart>
      )}
      {run && resultsUsed && (
        <LazyPart name={t({ id: 'bulk.part.results', defaultMessage: 'the bulk results' })}>
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
  const counts = { sent: run.counts.sent, waiting: run.counts.waiting, inFlight: run.counts.inFlight };
  const facts =
    run.counts.inFlight > 0
      ? t(
          {
            id: 'bulk.paused.factsToCheck',
            defaultMessage: '{sent, number} sent, {waiting, number} waiting, {inFlight, number} to check',
          },
          counts,
        )
      : t(
          {
            id: 'bulk.paused.facts',
            defaultMessage: '{sent, number} sent, {waiting, number} waiting',
          },
          counts,
        );
  const title =
    reason === 'offline'
      ? t({ id: 'bulk.paused.offline.title', defaultMessage: 'Paused: offline — {facts}' }, { facts })
      : reason === 'signin'
        ? t(
            { id: 'bulk.paused.signIn.title', defaultMessage: 'Paused: sign in again to continue — {facts}' },
            { facts },
          )
        : t(
            {
              id: 'bulk.paused.interrupted.title',
              defaultMessage: 'Interrupted by a reload or a closed tab — {facts}',
            },
            { facts },
          );
  const body =
    reason === 'offline'
      ? t({
          id: 'bulk.paused.offline.body',
          defaultMessage:
            'The connection to Microsoft Graph was lost. Nothing more is sent until it is back; the run resumes by itself when the browser is online again. Requests whose answer was lost are checked before anything is sent again.',
        })
      : reason === 'signin'
        ? t({
            id: 'bulk.paused.signIn.body',
            defaultMessage:
              'Microsoft sign-in needs you to sign in again. Nothing was lost: the run goes on where it stopped once you have signed in.',
          })
        : t({
            id: 'bulk.paused.interrupted.body',
            defaultMessage:
              'This run did not finish. Requests never sent are "not sent"; those whose answer was lost are checked before anything is sent again.',
          });
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
                    title: t({ id: 'bulk.signInFailed.title', defaultMessage: 'Sign-in did not finish' }),
                    body: t(
                      {
                        id: 'bulk.signInFailed.body',
                        defaultMessage: '{error} The run stays paused; nothing was lost.',
                      },
                      { error: error instanceof Error ? error.message : String(error) },
                    ),
                  }),
                )
                .finally(() => setSigningIn(false));
            }}
          >
            {t({ id: 'bulk.paused.signIn', defaultMessage: 'Sign in again' })}
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
            {t({ id: 'bulk.paused.resume', defaultMessage: 'Resume' })}
          </Button>
        )}
        <Button onClick={() => engine.cancel(run.id)}>
          {t({ id: 'bulk.paused.cancelRest', defaultMessage: 'Cancel the rest' })}
        </Button>
        <Button appearance="subtle" onClick={onShowResults}>
          {t({ id: 'bulk.showDetails', defaultMessage: 'Show details' })}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
