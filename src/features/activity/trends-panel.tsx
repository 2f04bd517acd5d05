// Trends for auditors, loaded when opened (it brings the chart library): failed requests per day
// over the last 30 days by cause or by access package, and this dashboard's reprocess outcomes per
// day. Each chart reads as a table too, and downloads as CSV. Fluent's v9 charts follow the theme;
// the words, dates and numbers follow the language.
import { Button, Radio, RadioGroup, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import {
  DataVizPalette,
  getColorFromToken,
  ResponsiveContainer,
  VerticalStackedBarChart,
  type VerticalStackedChartProps,
} from '@fluentui/react-charts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useThemeState } from '../../app/theme';
import { useSession } from '../../auth/session';
import { CSV_TYPE, downloadFile, exportFileName, toCsv, type CsvColumn } from '../../components/export-file';
import { InlineAlert } from '../../components/inline-alert';
import { useNotify } from '../../components/notify';
import { useSearchParams } from '../../components/url-state';
import { useNow } from '../../components/use-now';
import { isGraphError } from '../../graph/graph-error';
import { currentLocale, format, t } from '../../i18n/i18n';
import { useLocale } from '../../i18n/react';
import type { ActivityEntry } from '../../record/activity-record';
import { useActivityStore } from '../../record/activity-record-provider';
import { groupByCause } from '../causes/causes';
import { useAuditReasons } from '../causes/use-audit-reasons';
import { causeTitle } from '../causes/hints';
import { packageLabel } from '../requests/api/access-packages';
import { failedRequestsQuery } from '../requests/api/request-queries';
import type { AssignmentRequest } from '../requests/model';
import {
  dayKey,
  failedPerDay,
  OUTCOME_GROUPS,
  outcomesPerDay,
  REST_KEY,
  trendRows,
  type OutcomeGroup,
  type Trend,
} from './trends';
import { useActivityEntries } from './use-activity-entries';

const NO_REQUESTS: readonly AssignmentRequest[] = [];
const NO_ENTRIES: readonly ActivityEntry[] = [];
const SERIES_COLORS = [
  DataVizPalette.color1,
  DataVizPalette.color2,
  DataVizPalette.color3,
  DataVizPalette.color4,
  DataVizPalette.color5,
  DataVizPalette.color6,
];
const OUTCOME_COLORS: Readonly<Record<OutcomeGroup, string>> = {
  accepted: DataVizPalette.success,
  refused: DataVizPalette.error,
  unanswered: DataVizPalette.warning,
  notSent: DataVizPalette.disabled,
};
const seriesColor = (i: number, key: string): string =>
  key === REST_KEY ? DataVizPalette.disabled : (SERIES_COLORS[i] ?? DataVizPalette.color7);
const outcomeColor = (i: number): string => OUTCOME_COLORS[OUTCOME_GROUPS[i] ?? 'notSent'];

const useStyles = makeStyles({
  panel: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  chartBlock: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  chartHead: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  chartTitle: { flexGrow: 1 },
  chart: { height: '300px', minWidth: 0, overflowX: 'auto' },
  note: { color: tokens.colorNeutralForeground3 },
  tableWrap: { overflowX: 'auto', maxHeight: '360px', overflowY: 'auto' },
  table: {
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    '& th, & td': {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      textAlign: 'end',
      whiteSpace: 'nowrap',
    },
    '& th:first-child, & td:first-child': { textAlign: 'start' },
    '& thead th': {
      position: 'sticky',
      top: 0,
      backgroundColor: tokens.colorNeutralBackground1,
      fontWeight: tokens.fontWeightSemibold,
    },
  },
  summary: { cursor: 'pointer', padding: `${tokens.spacingVerticalXS} 0` },
  // The chart capitalises every word of a legend; names and sentences are shown as written.
  legend: { textTransform: 'none' },
});

export function TrendsPanel() {
  const styles = useStyles();
  const locale = useLocale();
  const now = useNow(60_000);
  const nowMs = now.getTime();
  const { graph, scopes, account } = useSession();
  const store = useActivityStore();
  const [params, update] = useSearchParams();
  const by = params.get('trendsBy') === 'package' ? 'package' : 'cause';

  const failed = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  const requests = failed.data?.items ?? NO_REQUESTS;
  const activity = useActivityEntries(store, {});
  const entries = activity.entries ?? NO_ENTRIES;
  // Causes as the Causes page names them, with the audit log's reasons when readable.
  const auditReasons = useAuditReasons().reasons;

  const failedTrend = useMemo(() => {
    const rest = t({ id: 'trends.rest', defaultMessage: 'Everything else' });
    if (by === 'package') {
      return failedPerDay(
        requests,
        nowMs,
        (r) => ({
          key: r.accessPackage?.id ?? '',
          label: r.accessPackage?.id
            ? packageLabel({ id: r.accessPackage.id, displayName: r.accessPackage.displayName })
            : t({ id: 'trends.noPackage', defaultMessage: 'No access package' }),
        }),
        rest,
      );
    }
    const causeOf = new Map<string, { key: string; label: string }>();
    const grouping = { apiVersion: graph.apiVersion, ...(auditReasons && { auditReasons }) };
    for (const cause of groupByCause(requests, grouping)) {
      const series = { key: cause.key, label: causeTitle(cause) };
      for (const r of cause.requests) causeOf.set(r.id, series);
    }
    return failedPerDay(requests, nowMs, (r) => causeOf.get(r.id) ?? { key: REST_KEY, label: rest }, rest);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels depend on `locale`
  }, [requests, nowMs, by, graph.apiVersion, auditReasons, locale]);

  const outcomeTrend = useMemo(
    () =>
      outcomesPerDay(entries, nowMs, {
        accepted: t({ id: 'trends.outcome.accepted', defaultMessage: 'Accepted' }),
        refused: t({ id: 'trends.outcome.refused', defaultMessage: 'Refused by Graph' }),
        unanswered: t({ id: 'trends.outcome.unanswered', defaultMessage: 'Failed or no answer' }),
        notSent: t({ id: 'trends.outcome.notSent', defaultMessage: 'Cancelled, not sent' }),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels depend on `locale`
    [entries, nowMs, locale],
  );

  const forbidden = failed.isError && isGraphError(failed.error) && failed.error.status === 403;
  const failedNote = failed.isPending
    ? t({ id: 'trends.failed.loading', defaultMessage: 'Loading failed requests…' })
    : failed.isFetching
      ? t({
          id: 'trends.failed.stillLoading',
          defaultMessage: 'Still loading: the bars grow until the list is complete.',
        })
      : outsideNote(failedTrend);

  return (
    <section className={styles.panel} aria-labelledby="trends-title">
      <Text as="h3" id="trends-title" size={500} weight="semibold">
        {t({ id: 'trends.title', defaultMessage: 'Trends, last 30 days' })}
      </Text>

      <div className={styles.chartBlock}>
        <div className={styles.chartHead}>
          <Text as="h4" weight="semibold" className={styles.chartTitle}>
            {t({ id: 'trends.failed.title', defaultMessage: 'Failed requests per day' })}
          </Text>
          <RadioGroup
            layout="horizontal"
            value={by}
            aria-label={t({ id: 'trends.by.label', defaultMessage: 'Group the failed requests by' })}
            onChange={(_, d) =>
              update((p) => {
                if (d.value === 'package') p.set('trendsBy', 'package');
                else p.delete('trendsBy');
              })
            }
          >
            <Radio value="cause" label={t({ id: 'trends.by.cause', defaultMessage: 'By cause' })} />
            <Radio
              value="package"
              label={t({ id: 'trends.by.package', defaultMessage: 'By access package' })}
            />
          </RadioGroup>
        </div>
        {forbidden ? (
          <InlineAlert
            intent="info"
            title={t({
              id: 'trends.failed.forbidden',
              defaultMessage:
                'This chart needs the list of every failed request in the tenant, which Graph refused to your account.',
            })}
          />
        ) : (
          <TrendChart
            trend={failedTrend}
            colors={seriesColor}
            note={failedNote}
            file="reprocess-desk-failed-per-day"
            valueName={t({ id: 'trends.failed.value', defaultMessage: 'failed requests' })}
            locale={locale}
          />
        )}
      </div>

      <div className={styles.chartBlock}>
        <Text as="h4" weight="semibold">
          {t({
            id: 'trends.outcomes.title',
            defaultMessage: 'Reprocess outcomes per day, from this browser',
          })}
        </Text>
        <TrendChart
          trend={outcomeTrend}
          colors={outcomeColor}
          note={
            activity.status === 'error'
              ? t({ id: 'activity.readFailed', defaultMessage: 'The activity record could not be read' })
              : outsideNote(outcomeTrend)
          }
          file="reprocess-desk-outcomes-per-day"
          valueName={t({ id: 'trends.outcomes.value', defaultMessage: 'reprocess attempts' })}
          locale={locale}
        />
      </div>
    </section>
  );
}

function outsideNote(trend: Trend): string | undefined {
  const { earlier, later, undated } = trend.outside;
  const parts: string[] = [];
  if (earlier > 0)
    parts.push(
      t(
        { id: 'trends.outside.earlier', defaultMessage: '{count, number} before these 30 days' },
        { count: earlier },
      ),
    );
  if (later > 0)
    parts.push(
      t(
        { id: 'trends.outside.later', defaultMessage: '{count, number} dated after today' },
        { count: later },
      ),
    );
  if (undated > 0)
    parts.push(
      t(
        { id: 'trends.outside.undated', defaultMessage: '{count, number} without a date' },
        { count: undated },
      ),
    );
  if (parts.length === 0) return undefined;
  const list = format.list(parts);
  return t(
    { id: 'trends.outside', defaultMessage: 'Not in the chart: {parts}.' },
    { parts: typeof list === 'string' ? list : list.join('') },
  );
}

function TrendChart({
  trend,
  colors,
  note,
  file,
  valueName,
  locale,
}: {
  trend: Trend;
  colors: (index: number, key: string) => string;
  note: string | undefined;
  file: string;
  valueName: string;
  locale: string;
}) {
  const styles = useStyles();
  const { notify } = useNotify();
  const tableId = useId('trend-table');
  const rows = useMemo(() => trendRows(trend), [trend]);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const dayLabel = (day: number) => format.date(day, { month: 'short', day: 'numeric' });
  // The palette's tokens name a colour per theme: the dark one on a dark page.
  const dark = useThemeState().applied === 'dark';
  const data: VerticalStackedChartProps[] = useMemo(
    () =>
      rows.map((row) => ({
        xAxisPoint: dayLabel(row.day),
        xAxisCalloutData: format.date(row.day, { dateStyle: 'full' }),
        chartData: trend.series.map((s, i) => ({
          legend: s.label,
          data: row.counts[i] ?? 0,
          color: getColorFromToken(colors(i, s.key), dark),
        })),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the day labels depend on `locale`
    [rows, trend.series, colors, locale, dark],
  );

  const download = () => {
    const columns: CsvColumn<(typeof rows)[number]>[] = [
      { header: t({ id: 'trends.csv.day', defaultMessage: 'Day' }), value: (r) => dayKey(r.day) },
      ...trend.series.map((s, i) => ({
        header: s.label,
        value: (r: (typeof rows)[number]) => r.counts[i] ?? 0,
      })),
      { header: t({ id: 'trends.csv.total', defaultMessage: 'Total' }), value: (r) => r.total },
    ];
    try {
      downloadFile(exportFileName(file, 'csv', new Date()), toCsv(columns, rows), CSV_TYPE);
    } catch (error) {
      notify({
        intent: 'error',
        title: t({ id: 'activity.export.failed', defaultMessage: 'The export could not be saved' }),
        body: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return (
    <>
      <Text className={styles.note}>
        {t(
          { id: 'trends.total', defaultMessage: '{count, number} {what} in 30 days.' },
          { count: total, what: valueName },
        )}
        {note !== undefined && ` ${note}`}
      </Text>
      {total > 0 && trend.series.length > 0 && (
        <div className={styles.chart}>
          <ResponsiveContainer>
            <VerticalStackedBarChart
              data={data}
              culture={currentLocale()}
              barWidth="auto"
              maxBarWidth={24}
              hideLabels
              roundCorners
              yAxisTickCount={4}
              legendProps={{
                allowFocusOnLegends: true,
                canSelectMultipleLegends: true,
                styles: { legend: styles.legend },
              }}
            />
          </ResponsiveContainer>
        </div>
      )}
      <details>
        <summary className={styles.summary}>
          {t({ id: 'trends.asTable', defaultMessage: 'The numbers, as a table' })}
        </summary>
        <div className={styles.tableWrap} role="region" aria-labelledby={tableId} tabIndex={0}>
          <table className={styles.table}>
            <caption id={tableId} className={styles.note}>
              {t({ id: 'trends.table.caption', defaultMessage: '{what} per day' }, { what: valueName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t({ id: 'trends.csv.day', defaultMessage: 'Day' })}</th>
                {trend.series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
                <th scope="col">{t({ id: 'trends.csv.total', defaultMessage: 'Total' })}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.day}>
                  <th scope="row">{format.date(r.day, { dateStyle: 'medium' })}</th>
                  {r.counts.map((c, i) => (
                    <td key={trend.series[i]?.key ?? i}>{format.number(c)}</td>
                  ))}
                  <td>{format.number(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <div>
        <Button icon={<ArrowDownloadRegular />} onClick={download}>
          {t({ id: 'trends.download', defaultMessage: 'Download CSV' })}
        </Button>
      </div>
    </>
  );
}
