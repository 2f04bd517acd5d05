// A reprocess outcome in the requests feature's words: the toast for a single request, the
// results view's line, the row's note. Every label and sentence comes from the outcome table.
import type { Notice, NoticeIntent } from '../../components/notify';
import { httpStatusText } from '../../graph/http-status';
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
export function describeTarget(t: ReprocessTarget): string {
  const who = t.requestorName ?? t.requestorPrincipal;
  const pkg = t.accessPackageName;
  if (pkg && who) return `${pkg} for ${who}`;
  return pkg ?? who ?? `Request ${t.id}`;
}

/** The outcome's label, with what the state check found for an unknown one. */
export function outcomeLabelOf(outcome: Pick<Outcome, 'kind' | 'checked'>): string {
  const label = OUTCOMES[outcome.kind].label;
  const checked = checkedText(outcome.checked);
  return checked ? `${label} — ${checked}` : label;
}

/** The toast for one request's outcome. */
export function describeRunOutcome(outcome: Outcome, target: ReprocessTarget): Notice {
  const words = OUTCOMES[outcome.kind];
  const checked = checkedText(outcome.checked);
  const status = outcome.httpStatus ? ` (${httpStatusText(outcome.httpStatus)})` : '';
  return {
    intent: INTENT[words.tone],
    title: `${words.label}${status}: ${describeTarget(target)}`,
    body: `${words.sentence}${checked ? ` It was ${checked}.` : ''}${
      outcome.kind === 'notSent' && outcome.message ? ` ${outcome.message}` : ''
    }`,
    ...(outcome.code !== undefined && { details: [`Graph error code: ${outcome.code}`] }),
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
    title: run.cancelRequested ? 'Bulk reprocess cancelled' : 'Bulk reprocess finished',
    body: `${text.charAt(0).toUpperCase()}${text.slice(1)}.${
      allAccepted
        ? ' Entitlement management will retry delivering them; rows update as their states change.'
        : ' Open the results to see each request.'
    }`,
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What an accepted request became, in the words of the results and the rows. */
export function afterwardLabel(f: FollowedRequest): string {
  const state = f.stateLabel ?? f.state;
  if (f.verdict === 'failedAgain') return `${AFTERWARD_LABELS.failedAgain}: ${state ?? 'failed'}`;
  if (f.verdict === 'delivering')
    return f.final ? `${AFTERWARD_LABELS.delivering} (no longer followed)` : 'Delivering…';
  if (f.verdict === 'other' && state) return `Now ${state}`;
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
    `Delivered ${c.delivered}`,
    `failed again ${c.failedAgain}`,
    `still delivering ${c.delivering}`,
  ];
  if (c.other > 0) parts.push(`other ${c.other}`);
  return parts.join(' · ');
}
