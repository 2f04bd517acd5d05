import { Button, Field, SearchBox, Select, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { t } from '../../../i18n/i18n';
import { requestTypeLabel, stateLabel } from '../model';
import {
  STATE_FILTERS,
  WINDOW_FILTERS,
  WINDOW_FILTER_LABELS,
  clearFilters,
  isFiltered,
  type FilterChoices,
  type QueueView,
  type StateFilter,
  type WindowFilter,
} from '../queue-view';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  search: { flex: '1 1 280px', maxWidth: '420px' },
  searchBox: { width: '100%', maxWidth: 'none' },
  field: { flex: '0 1 auto' },
  select: { minWidth: '170px' },
  wide: { minWidth: '230px' },
});

const ALL = '';

export interface QueueFiltersProps {
  view: QueueView;
  choices: FilterChoices;
  /** Receives the next view; the page writes it to the URL. */
  onChange: (view: QueueView) => void;
  /** Down in the search box: to the results (the grid), as in a search field over a list. */
  onSearchDown?: () => void;
}

/** Search box and filters over the loaded queue; every value is in the URL. */
export function QueueFilters({ view, choices, onChange, onSearchDown }: QueueFiltersProps) {
  const styles = useStyles();
  // An undefined value removes that filter (the URL writer leaves it out).
  const set = (patch: Partial<QueueView>) => onChange({ ...view, ...patch });

  const scopeValue = view.packageId
    ? `package:${view.packageId}`
    : view.catalogId
      ? `catalog:${view.catalogId}`
      : ALL;
  // A filter from a copied link whose value is not among the loaded rows (yet) still shows, by id.
  const scopeListed =
    scopeValue === ALL ||
    choices.catalogs.some(
      (c) =>
        (view.catalogId !== undefined && c.id === view.catalogId) ||
        (view.packageId !== undefined && c.packages.some((p) => p.id === view.packageId)),
    );
  const typeListed = !view.type || choices.types.some((option) => option.value === view.type);

  return (
    <div
      className={styles.bar}
      role="search"
      aria-label={t({ id: 'filters.label', defaultMessage: 'Find failed requests' })}
    >
      <Field label={t({ id: 'filters.search', defaultMessage: 'Search requests' })} className={styles.search}>
        <SearchBox
          className={styles.searchBox}
          placeholder={t({
            id: 'filters.search.placeholder',
            defaultMessage: 'Name, email, UPN, access package, catalog or request id',
          })}
          value={view.q}
          onChange={(_, data) => set({ q: data.value })}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
            if (!onSearchDown) return;
            e.preventDefault();
            onSearchDown();
          }}
        />
      </Field>
      <Field label={t({ id: 'filters.state', defaultMessage: 'State' })} className={styles.field}>
        <Select
          className={styles.select}
          value={view.state ?? ALL}
          onChange={(_, data) => set({ state: data.value ? (data.value as StateFilter) : undefined })}
        >
          <option value={ALL}>{t({ id: 'filters.state.all', defaultMessage: 'All states' })}</option>
          {STATE_FILTERS.map((s) => (
            <option key={s} value={s}>
              {stateLabel(s)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t({ id: 'filters.scope', defaultMessage: 'Access package or catalog' })}
        className={styles.field}
      >
        <Select
          className={styles.wide}
          value={scopeValue}
          onChange={(_, data) => {
            const value = data.value;
            if (value.startsWith('package:'))
              set({ packageId: value.slice('package:'.length), catalogId: undefined });
            else if (value.startsWith('catalog:'))
              set({ catalogId: value.slice('catalog:'.length), packageId: undefined });
            else set({ packageId: undefined, catalogId: undefined });
          }}
        >
          <option value={ALL}>{t({ id: 'filters.scope.all', defaultMessage: 'All access packages' })}</option>
          {!scopeListed && <option value={scopeValue}>{scopeLabel(view)}</option>}
          {choices.catalogs.map((catalog) => (
            <optgroup key={catalog.id ?? '\u0000none'} label={catalog.name}>
              {catalog.id !== undefined && (
                <option value={`catalog:${catalog.id}`}>
                  {t(
                    {
                      id: 'filters.scope.catalog',
                      defaultMessage: 'Everything in {catalog} ({count, number})',
                    },
                    { catalog: catalog.name, count: catalog.count },
                  )}
                </option>
              )}
              {catalog.packages.map((p) => (
                <option key={`${catalog.id ?? ''}:${p.id}`} value={`package:${p.id}`}>
                  {t(
                    { id: 'filters.scope.package', defaultMessage: '{name} ({count, number})' },
                    { name: p.name, count: p.count },
                  )}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <Field label={t({ id: 'filters.type', defaultMessage: 'Request type' })} className={styles.field}>
        <Select
          className={styles.select}
          value={view.type ?? ALL}
          onChange={(_, data) => set({ type: data.value ? data.value : undefined })}
        >
          <option value={ALL}>{t({ id: 'filters.type.all', defaultMessage: 'All request types' })}</option>
          {!typeListed && view.type && <option value={view.type}>{requestTypeLabel(view.type)}</option>}
          {choices.types.map((option) => (
            <option key={option.value} value={option.value}>
              {t(
                { id: 'filters.type.option', defaultMessage: '{type} ({count, number})' },
                { type: option.label, count: option.count },
              )}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t({ id: 'filters.window', defaultMessage: 'Reprocess window' })} className={styles.field}>
        <Select
          className={styles.select}
          value={view.window ?? ALL}
          onChange={(_, data) => set({ window: data.value ? (data.value as WindowFilter) : undefined })}
        >
          <option value={ALL}>
            {t({ id: 'filters.window.default', defaultMessage: 'Can be reprocessed' })}
          </option>
          {WINDOW_FILTERS.map((w) => (
            <option key={w} value={w}>
              {WINDOW_FILTER_LABELS[w]}
            </option>
          ))}
        </Select>
      </Field>
      {isFiltered(view) && (
        <Button appearance="subtle" icon={<DismissRegular />} onClick={() => onChange(clearFilters(view))}>
          {t({ id: 'filters.clear', defaultMessage: 'Clear filters' })}
        </Button>
      )}
    </div>
  );
}

/** The label of a package or catalog filter whose value is not among the loaded rows. */
function scopeLabel(view: QueueView): string {
  if (view.packageId)
    return t(
      { id: 'filters.scope.unlistedPackage', defaultMessage: 'Access package {id}' },
      { id: view.packageId },
    );
  return t(
    { id: 'filters.scope.unlistedCatalog', defaultMessage: 'Catalog {id}' },
    { id: view.catalogId ?? '' },
  );
}
