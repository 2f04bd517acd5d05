// @vitest-environment jsdom
// The requests feature's words through the i18n layer: plurals and counts in English exactly as
// the e2e suite reads them, and the framework-free tables (outcomes, Graph's enum words, the
// queue's sort keys) read again in the language chosen after import, while the export files keep
// their English.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_STATE_LABELS, enumLabel } from '../../graph/enum-labels';
import { chooseLocale } from '../../i18n/i18n';
import {
  OUTCOMES,
  OUTCOME_ORDER,
  entryEnglishLabel,
  entryLabel,
  outcomeSummary,
} from '../../reprocess/outcomes';
import { fromGraph } from './model';
import { WINDOW_FILTER_LABELS, describeCount, describeSelection, queueRow } from './queue-view';
import { formatDuration } from './request-details';
import { notReprocessableReason } from './reprocess-eligibility';

// A few Portuguese words, as the lead's merged catalog will hold them: this test is about the
// mechanism (words made when read, in the language in use), not about the catalog's content.
vi.mock('../../i18n/catalogs/pt-BR.json', () => ({
  default: {
    'outcome.accepted.label': 'Aceito',
    'outcome.accepted.count': '{count, plural, one {# aceita} other {# aceitas}}',
    'outcome.notFound.count': '{count, plural, one {# não encontrada} other {# não encontradas}}',
    'enum.requestState.deliveryFailed': 'Falha na entrega',
    'queue.count.all': '{total, plural, one {# solicitação com falha} other {# solicitações com falha}}',
    'queue.window.atMostDaysLeft': '≤ {days, plural, one {# dia restante} other {# dias restantes}}',
  },
}));

afterEach(async () => {
  await chooseLocale('en');
  localStorage.clear();
});

const base = { pending: false, loading: false, failed: false, total: 0, shown: 0, filtered: false };

describe('counts and remaining time in English', () => {
  it('says one and many with ICU plurals, numbers grouped as the language writes them', () => {
    expect(describeCount({ ...base, total: 1, shown: 1 })).toBe('1 failed request');
    expect(describeCount({ ...base, total: 0 })).toBe('0 failed requests');
    expect(describeCount({ ...base, total: 10_000, shown: 10_000 })).toBe('10,000 failed requests');
    expect(describeCount({ ...base, total: 1, shown: 0, filtered: true })).toBe('0 of 1 failed request');
    expect(describeCount({ ...base, total: 1, shown: 1, loading: true })).toBe(
      '1 failed request loaded so far, loading more…',
    );
    expect(describeCount({ ...base, total: 2, shown: 1, filtered: true, failed: true })).toBe(
      '1 of 2 failed requests loaded (list incomplete)',
    );
    expect(describeSelection(1, 0)).toBe('1 selected');
    expect(describeSelection(3, 1)).toBe('3 selected (1 hidden by the filter)');
  });

  it('names the window filters by whole days left, one and many', () => {
    expect(WINDOW_FILTER_LABELS['1']).toBe('≤ 1 day left');
    expect(WINDOW_FILTER_LABELS['3']).toBe('≤ 3 days left');
    expect(WINDOW_FILTER_LABELS['7']).toBe('≤ 7 days left');
    expect(WINDOW_FILTER_LABELS.unknown).toBe('Completion date unknown');
  });

  it('reads durations unit by unit, one and many', () => {
    expect(formatDuration('P1Y2M')).toBe('1 year 2 months');
    expect(formatDuration('P1W')).toBe('1 week');
    expect(formatDuration('PT1H30M')).toBe('1 hour 30 minutes');
    expect(formatDuration('PT1.5S')).toBe('1.5 seconds');
    expect(formatDuration('P0D')).toBe('0 days');
    expect(formatDuration('soon')).toBe('soon');
  });

  it('gives the window in the reason a request cannot be reprocessed', () => {
    const request = {
      state: 'deliveryFailed' as const,
      stateRaw: 'deliveryFailed',
      completedDateTime: '2026-01-01T00:00:00Z',
    };
    expect(notReprocessableReason(request, new Date('2026-02-01T00:00:00Z'))).toBe(
      'Outside the 14-day reprocess window: Microsoft Graph would refuse it. Cancel the request and ask for the access again in My Access.',
    );
    expect(
      notReprocessableReason({ ...request, state: 'delivered', stateRaw: 'Delivered' }, new Date()),
    ).toBe('Delivered: there is nothing to reprocess');
  });

  it('sums outcomes as a list, and says when nothing was sent', () => {
    const counts = new Map([
      ['accepted', 18],
      ['notFound', 1],
      ['cancelled', 2],
    ] as const);
    expect(outcomeSummary(counts)).toBe('18 accepted, 1 not found, 2 cancelled');
    expect(outcomeSummary(new Map())).toBe('nothing was sent');
  });

  it('has an English label for the exports equal to the label shown in English', () => {
    for (const kind of OUTCOME_ORDER) expect(OUTCOMES[kind].label).toBe(OUTCOMES[kind].englishLabel);
  });
});

describe('after the language changes', () => {
  it('reads the outcome table and the enum words again, in the language chosen', async () => {
    expect(OUTCOMES.accepted.label).toBe('Accepted');
    expect(enumLabel(REQUEST_STATE_LABELS, 'DeliveryFailed')).toBe('Delivery failed');
    await chooseLocale('pt-BR');
    expect(OUTCOMES.accepted.label).toBe('Aceito');
    // Either casing, through the per-language cache of the queue's lookups.
    expect(enumLabel(REQUEST_STATE_LABELS, 'DeliveryFailed')).toBe('Falha na entrega');
    expect(REQUEST_STATE_LABELS.deliveryFailed).toBe('Falha na entrega');
    // What the catalog lacks falls back to the English text.
    expect(OUTCOMES.notSent.label).toBe('Not sent');
    // Plurals by the language's rules, lists with its own last separator.
    expect(describeCount({ ...base, total: 10_000, shown: 10_000 })).toBe('10.000 solicitações com falha');
    expect(WINDOW_FILTER_LABELS['1']).toBe('≤ 1 dia restante');
    expect(
      outcomeSummary(
        new Map([
          ['accepted', 2],
          ['notFound', 1],
          ['cancelled', 3],
        ] as const),
      ),
    ).toBe('2 aceitas, 1 não encontrada e 3 cancelled');
    await chooseLocale('en');
    expect(enumLabel(REQUEST_STATE_LABELS, 'deliveryFailed')).toBe('Delivery failed');
    expect(OUTCOMES.accepted.label).toBe('Accepted');
  });

  it('keeps the export files’ outcome text in English', async () => {
    await chooseLocale('pt-BR');
    expect(entryLabel({ outcome: 'accepted', httpStatus: 202 })).toBe('Aceito');
    expect(entryEnglishLabel({ outcome: 'accepted', httpStatus: 202 })).toBe('Accepted');
    expect(entryEnglishLabel({ outcome: 'pending', httpStatus: undefined })).toBe(
      "Outcome unknown — check the request's state",
    );
    expect(entryEnglishLabel({ outcome: 'unavailable', httpStatus: 429 })).toBe('Throttled');
  });

  it('sorts the queue by the state’s words in the language chosen', async () => {
    const request = fromGraph({ id: 'r1', state: 'deliveryFailed' }, 'v1.0')!;
    expect(queueRow(request).keys.state).toBe('delivery failed');
    await chooseLocale('pt-BR');
    expect(queueRow(request).keys.state).toBe('falha na entrega');
  });
});
