import {
  Button,
  Field,
  Input,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DataBarVerticalRegular, DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useNotify } from '../../components/notify';
import { useSearchParams } from '../../components/url-state';
import { ACTIVITY_OUTCOMES, isEmptyFilter } from '../../record/activity-filter';
import type { ActivityEntry, ActivityFilter } from '../../record/activity-record';
import { useActivityStore, useRetention } from '../../record/activity-record-provider';
import { describeRetention } from '../../record/retention';
import { downloadActivity } from './activity-export';
import { OUTCOME_FILTER_LABELS } from './activity-format';
import { ActivityTable } from './activity-table';
import { RemoveRecordDialog } from './remove-record-dialog';
import { RetentionDialog } from './retention-dialog';
import { filterFromParams, useActivityEntries } from './use-activity-entries';
import { Spinner } from '../../components/spinner';
import { LazyPart, PageLoading, lazyNamed } from '../../components/lazy-part';
import { useEmptyStateStyles } from '../../components/empty-state-styles';
import { useGraphAccess } from '../../auth/session';
import { t } from '../../i18n/i18n';

const PAGE_SIZE = 50;

// The trends bring the chart library: loaded when opened, never on the first screen.
const TrendsPanel = lazyNamed(() => import('./trends-panel'), 'TrendsPanel');

const useStyles = makeStyles({
  page: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
  titleRow: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { flexGrow: 1, display: 'grid', gap: tokens.spacingVerticalXXS },
  lead: { color: tokens.colorNeutralForeground2 },
  retention: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground2,
  },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
  control: { minWidth: 0, width: '100%' },
  clear: { justifySelf: 'start' },
  summary: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  pager: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    justifyContent: 'flex-end',
  },
});

/** URL parameter for each filter field. */
const PARAM: Record<keyof ActivityFilter, string> = {
  from: 'from',
  to: 'to',
  outcome: 'outcome',
  user: 'user',
  requestId: 'request',
  accessPackage: 'package',
};

/** The record of reprocess actions sent from this browser by the signed-in user. */
export function ActivityPage() {
  const styles = useStyles();
  const emptyStyles = useEmptyStateStyles();
  const store = useActivityStore();
  const { retention, setRetention } = useRetention();
  const { notify } = useNotify();
  const [params, update] = useSearchParams();
  const filter = filterFromParams(params);
  const filterKey = JSON.stringify(filter);
  const state = useActivityEntries(store, filter);
  const [page, setPage] = useState({ key: filterKey, index: 0 });
  // A new filter starts at the first page.
  const pageIndex = page.key === filterKey ? page.index : 0;

  const setField = (field: keyof ActivityFilter, value: string) => {
    update((p) => {
      if (value.trim() === '') p.delete(PARAM[field]);
      else p.set(PARAM[field], value);
    });
  };
  const clearFilters = () => {
    update((p) => Object.values(PARAM).forEach((name) => p.delete(name)));
  };

  const trendsOpen = params.get('trends') === '1';
  const toggleTrends = () =>
    update(
      (p) => {
        if (trendsOpen) {
          p.delete('trends');
          p.delete('trendsBy');
        } else p.set('trends', '1');
      },
      { replace: false },
    );

  const entries: readonly ActivityEntry[] = state.entries ?? [];
  const filtered = !isEmptyFilter(filter);
  // An empty record has nothing to filter, export, keep or remove: the page only says what it is.
  const emptyRecord = state.status === 'ready' && !filtered && entries.length === 0;
  const readOnly = useGraphAccess().data?.canReprocess === false;
  const pageCount = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(pageIndex, pageCount - 1);
  const shown = entries.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  const exportAs = (format: 'csv' | 'json', shown: readonly ActivityEntry[] = entries, applied = filter) => {
    try {
      // No toast on success: the browser shows the download, and a toast would sit over the toolbar.
      downloadActivity(format, shown, { at: new Date(), actor: store.actor, filter: applied });
      return true;
    } catch (error) {
      notify({
        intent: 'error',
        title: t({ id: 'activity.export.failed', defaultMessage: 'The export could not be saved' }),
        body:
          error instanceof Error && error.message
            ? t(
                {
                  id: 'activity.export.failedBodyDetail',
                  defaultMessage:
                    'The browser refused the download ({detail}). Check its download settings and try again.',
                },
                { detail: error.message },
              )
            : t({
                id: 'activity.export.failedBody',
                defaultMessage:
                  'The browser refused the download. Check its download settings and try again.',
              }),
      });
      return false;
    }
  };
  // Before removing the record: all of it, whatever the filter shows.
  const exportWhole = async (format: 'csv' | 'json'): Promise<boolean> => {
    let all: ActivityEntry[];
    try {
      all = await store.list();
    } catch (error) {
      notify({
        intent: 'error',
        title: t({ id: 'activity.readFailed', defaultMessage: 'The activity record could not be read' }),
        body: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
    return exportAs(format, all, {});
  };

  const countText =
    state.status === 'loading'
      ? t({ id: 'activity.reading', defaultMessage: 'Reading the activity record…' })
      : state.status === 'error'
        ? t({ id: 'activity.readFailed', defaultMessage: 'The activity record could not be read' })
        : filtered
          ? t(
              {
                id: 'activity.count.matching',
                defaultMessage:
                  '{count, plural, one {# action matches the filter} other {# actions match the filter}}',
              },
              { count: entries.length },
            )
          : t(
              {
                id: 'activity.count.all',
                defaultMessage: '{count, plural, one {# action} other {# actions}}',
              },
              { count: entries.length },
            );

  return (
    <section className={styles.page} aria-labelledby="activity-title">
      <div className={styles.titleRow}>
        <div className={styles.title}>
          <Text as="h2" id="activity-title" size={600} weight="semibold">
            {t({ id: 'activity.title', defaultMessage: 'My activity in this browser' })}
          </Text>
          <Text className={styles.lead}>
            {t(
              {
                id: 'activity.lead',
                defaultMessage:
                  'Every reprocess you sent from this browser as {upn}, newest first. Each one is recorded before it is sent, then completed with Graph’s answer.',
              },
              { upn: store.actor.upn },
            )}
          </Text>
          <Text size={200} className={styles.lead}>
            {t({
              id: 'activity.whereKept',
              defaultMessage:
                'Where it is kept: only in this browser, in its storage for this site (IndexedDB), apart for each account; nothing is sent to a server. Signing out does not remove it; on a shared desk, remove it here or when you sign out.',
            })}
          </Text>
          {!emptyRecord && (
            <div className={styles.retention}>
              <Text size={200}>{describeRetention(retention)}</Text>
              <RetentionDialog retention={retention} onSave={setRetention} />
              <RemoveRecordDialog
                entryCount={state.status === 'ready' && !filtered ? entries.length : undefined}
                upn={store.actor.upn}
                onExport={exportWhole}
              />
            </div>
          )}
        </div>
        <Button
          icon={<DataBarVerticalRegular />}
          aria-expanded={trendsOpen}
          aria-controls={trendsOpen ? 'trends-title' : undefined}
          onClick={toggleTrends}
        >
          {trendsOpen
            ? t({ id: 'activity.trends.hide', defaultMessage: 'Hide trends' })
            : t({ id: 'activity.trends.show', defaultMessage: 'Show trends' })}
        </Button>
        {!emptyRecord && (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button icon={<ArrowDownloadRegular />} disabled={state.status !== 'ready'}>
                {t({ id: 'activity.export', defaultMessage: 'Export' })}
              </Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem onClick={() => void exportAs('csv')}>CSV</MenuItem>
                <MenuItem onClick={() => void exportAs('json')}>JSON</MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        )}
      </div>

      {trendsOpen && (
        <LazyPart
          name={t({ id: 'activity.part.trends', defaultMessage: 'the trends' })}
          fallback={
            <PageLoading
              label={t({ id: 'activity.trends.opening', defaultMessage: 'Opening the trends…' })}
            />
          }
        >
          <TrendsPanel />
        </LazyPart>
      )}

      {!emptyRecord && (
        <div
          className={styles.filters}
          role="search"
          aria-label={t({ id: 'activity.filters.label', defaultMessage: 'Filter activity' })}
        >
          <Field label={t({ id: 'activity.filters.from', defaultMessage: 'From (UTC day)' })}>
            <Input
              className={styles.control}
              type="date"
              value={filter.from ?? ''}
              onChange={(_, d) => setField('from', d.value)}
            />
          </Field>
          <Field label={t({ id: 'activity.filters.to', defaultMessage: 'To (UTC day)' })}>
            <Input
              className={styles.control}
              type="date"
              value={filter.to ?? ''}
              onChange={(_, d) => setField('to', d.value)}
            />
          </Field>
          <Field label={t({ id: 'activity.filters.outcome', defaultMessage: 'Outcome' })}>
            <Select
              className={styles.control}
              value={filter.outcome ?? ''}
              onChange={(_, d) => setField('outcome', d.value)}
            >
              <option value="">
                {t({ id: 'activity.filters.anyOutcome', defaultMessage: 'Any outcome' })}
              </option>
              {ACTIVITY_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_FILTER_LABELS[o]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t({ id: 'activity.filters.user', defaultMessage: 'User (UPN)' })}>
            <Input
              className={styles.control}
              value={params.get(PARAM.user) ?? ''}
              onChange={(_, d) => setField('user', d.value)}
            />
          </Field>
          <Field label={t({ id: 'activity.filters.requestId', defaultMessage: 'Request id' })}>
            <Input
              className={styles.control}
              value={params.get(PARAM.requestId) ?? ''}
              onChange={(_, d) => setField('requestId', d.value)}
            />
          </Field>
          <Field label={t({ id: 'activity.filters.accessPackage', defaultMessage: 'Access package' })}>
            <Input
              className={styles.control}
              value={params.get(PARAM.accessPackage) ?? ''}
              onChange={(_, d) => setField('accessPackage', d.value)}
            />
          </Field>
          <Button
            className={styles.clear}
            icon={<DismissRegular />}
            disabled={!filtered}
            onClick={clearFilters}
          >
            {t({ id: 'activity.filters.clear', defaultMessage: 'Clear filters' })}
          </Button>
        </div>
      )}

      {!emptyRecord && (
        <div className={styles.summary}>
          <Text role="status" aria-live="polite" className={styles.grow}>
            {countText}
          </Text>
          {state.status === 'loading' && <Spinner size="tiny" aria-hidden />}
        </div>
      )}

      {state.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {t({
                id: 'activity.unavailable.title',
                defaultMessage: 'The activity record is not available in this browser',
              })}
            </MessageBarTitle>
            {t(
              {
                id: 'activity.unavailable.body',
                defaultMessage:
                  '{error} Reprocess stays blocked while the record cannot be written: every action is recorded before it is sent.',
              },
              { error: state.error instanceof Error ? state.error.message : String(state.error) },
            )}
          </MessageBarBody>
        </MessageBar>
      )}

      {emptyRecord && (
        <div className={emptyStyles.empty} role="status">
          <Text size={500} weight="semibold">
            {t({ id: 'activity.empty.title', defaultMessage: 'Nothing recorded in this browser yet' })}
          </Text>
          <Text>
            {readOnly
              ? t({
                  id: 'activity.empty.readOnly',
                  defaultMessage:
                    'Your sign-in can read the queue but not reprocess, so nothing you do here is recorded. What every agent did is in the Entra audit log.',
                })
              : t({
                  id: 'activity.empty.body',
                  defaultMessage:
                    'Each reprocess you send from this browser is recorded here before it leaves, then completed with Microsoft Graph’s answer and what the request became.',
                })}
          </Text>
          <Text size={200}>
            {t({
              id: 'activity.empty.thisBrowserOnly',
              defaultMessage:
                'The record is kept in this browser only: actions sent from another browser, or by other agents, are not here.',
            })}
          </Text>
        </div>
      )}

      {state.status === 'ready' && filtered && entries.length === 0 && (
        <div className={emptyStyles.empty}>
          <Text size={500} weight="semibold">
            {t({ id: 'activity.noMatch.title', defaultMessage: 'No actions match the filter' })}
          </Text>
          <Text>
            {t({
              id: 'activity.noMatch.body',
              defaultMessage: 'Change or clear the filter to see more of the record.',
            })}
          </Text>
        </div>
      )}

      {entries.length > 0 && (
        <>
          <ActivityTable
            entries={shown}
            firstRowIndex={current * PAGE_SIZE + 2}
            totalRows={entries.length}
            isInFlight={store.isInFlight}
          />
          {pageCount > 1 && (
            <nav
              className={styles.pager}
              aria-label={t({ id: 'activity.pages.label', defaultMessage: 'Activity pages' })}
            >
              <Text>
                {t(
                  {
                    id: 'activity.pages.showing',
                    defaultMessage: 'Showing {first, number}–{last, number} of {total, number}',
                  },
                  {
                    first: current * PAGE_SIZE + 1,
                    last: current * PAGE_SIZE + shown.length,
                    total: entries.length,
                  },
                )}
              </Text>
              <Button
                disabled={current === 0}
                onClick={() => setPage({ key: filterKey, index: current - 1 })}
              >
                {t({ id: 'activity.pages.previous', defaultMessage: 'Previous page' })}
              </Button>
              <Button
                disabled={current >= pageCount - 1}
                onClick={() => setPage({ key: filterKey, index: current + 1 })}
              >
                {t({ id: 'activity.pages.next', defaultMessage: 'Next page' })}
              </Button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
