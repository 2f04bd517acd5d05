// A reprocess outcome in the requests feature's words: the toast for a single request, the
// results view's line, the row's note. Every label and sentence comes from the outcome table.
import type { Notice, NoticeIntent } from '../../components/notify';
import { httpStatusText } from '../../graph/http-status';
import { t } from '../../i18n/i18n';
import type { FollowedRequest, Outcome, ReprocessTarget, RunSnapshot } from '../../reprocess/engine-types';
import {
  AFTERWARD_LABELS,
  OUTCOMES,
  checkedText,
  outcomeSummary,
  type OutcomeKind,
  type OutcomeTone,
} from '../../reprocess/outcomes';

const INTENT: Readonly<Record<OutcomeTone, NoticeIntent>> = {
  success: 'success',
  danger: 'error',
  warning: 'warning',
  neutral: 'info',
};

/** "Access package for Requestor", or the id when Graph left both out. */
export function describeTarget(target: ReprocessTarget): string {
  const who = target.requestorName ?? target.requestorPrincipal;
  const pkg = target.accessPackageName;
  if (pkg && who)
    return t({ id: 'reprocess.target.packageFor', defaultMessage: '{pkg} for {who}' }, { pkg, who });
  return (
    pkg ?? who ?? t({ id: 'reprocess.target.request', defaultMessage: 'Request {id}' }, { id: target.id })
  );
}

/** The outcome's label, with what the state check found for an unknown one. */
export function outcomeLabelOf(outcome: Pick<Outcome, 'kind' | 'checked'>): string {
  const label = OUTCOMES[outcome.kind].label;
  const checked = checkedText(outcome.checked);
  return checked
    ? t({ id: 'reprocess.outcome.labelChecked', defaultMessage: '{label} — {checked}' }, { label, checked })
    : label;
}

/** The toast for one request's outcome. */
export function describeRunOutcome(outcome: Outcome, target: ReprocessTarget): Notice {
  const words = OUTCOMES[outcome.kind];
  const checked = checkedText(outcome.checked);
  const targetText = describeTarget(target);
  const title = outcome.httpStatus
    ? t(
        { id: 'reprocess.outcome.titleStatus', defaultMessage: '{label} ({status}): {target}' },
        { label: words.label, status: httpStatusText(outcome.httpStatus), target: targetText },
      )
    : t(
        { id: 'reprocess.outcome.title', defaultMessage: '{label}: {target}' },
        { label: words.label, target: targetText },
      );
  const parts = [words.sentence];
  if (checked)
    parts.push(t({ id: 'reprocess.outcome.itWas', defaultMessage: 'It was {checked}.' }, { checked }));
  if (outcome.kind === 'notSent' && outcome.message) parts.push(outcome.message);
  return {
    intent: INTENT[words.tone],
    title,
    body: parts.join(' '),
    ...(outcome.code !== undefined && {
      details: [
        t(
          { id: 'reprocess.outcome.graphCode', defaultMessage: 'Graph error code: {code}' },
          { code: outcome.code },
        ),
      ],
    }),
    ...(outcome.requestId !== undefined && { requestId: outcome.requestId }),
    ...(outcome.clientRequestId !== undefined && { clientRequestId: outcome.clientRequestId }),
  };
}

export function countOutcomes(run: RunSnapshot): Map<OutcomeKind, number> {
  const counts = new Map<OutcomeKind, number>();
  for (const o of run.results.values()) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return counts;
}

/** The one summary a bulk run announces when it ends. */
export function describeRunSummary(run: RunSnapshot): Notice {
  const counts = countOutcomes(run);
  const allAccepted = run.results.size > 0 && counts.get('accepted') === run.results.size;
  const text = outcomeSummary(counts);
  return {
    intent: allAccepted ? 'success' : 'warning',
    politeness: 'polite',
    title: run.cancelRequested
      ? t({ id: 'reprocess.summary.cancelled', defaultMessage: 'Bulk reprocess cancelled' })
      : t({ id: 'reprocess.summary.finished', defaultMessage: 'Bulk reprocess finished' }),
    body: allAccepted
      ? t(
          {
            id: 'reprocess.summary.allAccepted',
            defaultMessage:
              '{summary}. Entitlement management will retry delivering them; rows update as their states change.',
          },
          { summary: capitalize(text) },
        )
      : t(
          {
            id: 'reprocess.summary.some',
            defaultMessage: '{summary}. Open the results to see each request.',
          },
          { summary: capitalize(text) },
        ),
  };
}

function capitalize(text: string): string {
  return `${text.charAt(0).toLocaleUpperCase()}${text.slice(1)}`;
}

/**
 * English only ("3 requests"): kept for the callers not yet converted to ICU plurals. New text
 * writes `{count, plural, one {…} other {…}}` in its message instead.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What an accepted request became, in the words of the results and the rows. */
export function afterwardLabel(f: FollowedRequest): string {
  const state = f.stateLabel ?? f.state;
  if (f.verdict === 'failedAgain')
    return state
      ? t({ id: 'reprocess.afterward.failedAgainState', defaultMessage: 'Failed again: {state}' }, { state })
      : t({ id: 'reprocess.afterward.failedAgain', defaultMessage: 'Failed again: failed' });
  if (f.verdict === 'delivering')
    return f.final
      ? t({
          id: 'reprocess.afterward.noLongerFollowed',
          defaultMessage: 'Still delivering (no longer followed)',
        })
      : t({ id: 'reprocess.afterward.delivering', defaultMessage: 'Delivering…' });
  if (f.verdict === 'other' && state)
    return t({ id: 'reprocess.afterward.now', defaultMessage: 'Now {state}' }, { state });
  return AFTERWARD_LABELS[f.verdict];
}

export interface DeliveryCounts {
  delivered: number;
  failedAgain: number;
  delivering: number;
  /** Accepted ones in another state, gone, or unread. */
  other: number;
}

/** How the accepted requests of a run are doing, as last read from Graph. */
export function countDeliveries(
  run: RunSnapshot,
  followedOf: (id: string) => FollowedRequest | undefined,
): DeliveryCounts {
  const counts: DeliveryCounts = { delivered: 0, failedAgain: 0, delivering: 0, other: 0 };
  for (const [id, o] of run.results) {
    if (o.kind !== 'accepted') continue;
    const f = followedOf(id);
    if (!f || f.verdict === 'delivering') counts.delivering++;
    else if (f.verdict === 'delivered') counts.delivered++;
    else if (f.verdict === 'failedAgain') counts.failedAgain++;
    else counts.other++;
  }
  return counts;
}

/** "Delivered 4 · failed again 2 · still delivering 0" (and the others, when there are any). */
export function deliverySummary(c: DeliveryCounts): string {
  const parts = [
    t(
      { id: 'reprocess.deliveries.delivered', defaultMessage: 'Delivered {count, number}' },
      { count: c.delivered },
    ),
    t(
      { id: 'reprocess.deliveries.failedAgain', defaultMessage: 'failed again {count, number}' },
      { count: c.failedAgain },
    ),
    t(
      { id: 'reprocess.deliveries.delivering', defaultMessage: 'still delivering {count, number}' },
      { count: c.delivering },
    ),
  ];
  if (c.other > 0)
    parts.push(
      t({ id: 'reprocess.deliveries.other', defaultMessage: 'other {count, number}' }, { count: c.other }),
    );
  return parts.join(' · ');
}
