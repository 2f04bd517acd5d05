import {
  Button,
  Dropdown,
  Field,
  Option,
  OptionGroup,
  SearchBox,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
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
  dropdown: { minWidth: '170px' },
  wide: { minWidth: '230px' },
});

const ALL = '';

export interface QueueFiltersProps {
  view: QueueView;
  choices: FilterChoices;
  /** Receives the next view; the page writes it to the URL. */
  onChange: (view: QueueView) => void;
}

/** Search box and filters over the loaded queue; every value is in the URL. */
export function QueueFilters({ view, choices, onChange }: QueueFiltersProps) {
  const styles = useStyles();
  // An undefined value removes that filter (the URL writer leaves it out).
  const set = (patch: Partial<QueueView>) => onChange({ ...view, ...patch });

  const scopeValue = view.packageId
    ? `package:${view.packageId}`
    : view.catalogId
      ? `catalog:${view.catalogId}`
      : ALL;
  const scopeText = scopeLabel(view, choices);
  const typeText = view.type
    ? (choices.types.find((t) => t.value === view.type)?.label ?? requestTypeLabel(view.type))
    : 'All request types';

  return (
    <div className={styles.bar} role="search" aria-label="Find failed requests">
      <Field label="Search requests" className={styles.search}>
        <SearchBox
          className={styles.searchBox}
          placeholder="Name, email, UPN, access package, catalog or request id"
          value={view.q}
          onChange={(_, data) => set({ q: data.value })}
        />
      </Field>
      <Field label="State" className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          value={view.state ? stateLabel(view.state) : 'All states'}
          selectedOptions={[view.state ?? ALL]}
          onOptionSelect={(_, data) =>
            set({ state: data.optionValue ? (data.optionValue as StateFilter) : undefined })
          }
        >
          <Option value={ALL}>All states</Option>
          {STATE_FILTERS.map((s) => (
            <Option key={s} value={s}>
              {stateLabel(s)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Access package or catalog" className={styles.field}>
        <Dropdown
          className={styles.wide}
          value={scopeText}
          selectedOptions={[scopeValue]}
          onOptionSelect={(_, data) => {
            const value = data.optionValue ?? ALL;
            if (value.startsWith('package:'))
              set({ packageId: value.slice('package:'.length), catalogId: undefined });
            else if (value.startsWith('catalog:'))
              set({ catalogId: value.slice('catalog:'.length), packageId: undefined });
            else set({ packageId: undefined, catalogId: undefined });
          }}
        >
          <Option value={ALL}>All access packages</Option>
          {choices.catalogs.map((catalog) => (
            <OptionGroup key={catalog.id ?? '\u0000none'} label={catalog.name}>
              {catalog.id !== undefined && (
                <Option value={`catalog:${catalog.id}`} text={`Catalog: ${catalog.name}`}>
                  {`Everything in ${catalog.name} (${catalog.count})`}
                </Option>
              )}
              {catalog.packages.map((p) => (
                <Option key={`${catalog.id ?? ''}:${p.id}`} value={`package:${p.id}`} text={p.name}>
                  {`${p.name} (${p.count})`}
                </Option>
              ))}
            </OptionGroup>
          ))}
        </Dropdown>
      </Field>
      <Field label="Request type" className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          value={typeText}
          selectedOptions={[view.type ?? ALL]}
          onOptionSelect={(_, data) => set({ type: data.optionValue ? data.optionValue : undefined })}
        >
          <Option value={ALL}>All request types</Option>
          {choices.types.map((t) => (
            <Option key={t.value} value={t.value} text={t.label}>
              {`${t.label} (${t.count})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Reprocess window" className={styles.field}>
        <Dropdown
          className={styles.dropdown}
          value={view.window ? WINDOW_FILTER_LABELS[view.window] : 'Any time left'}
          selectedOptions={[view.window ?? ALL]}
          onOptionSelect={(_, data) =>
            set({ window: data.optionValue ? (data.optionValue as WindowFilter) : undefined })
          }
        >
          <Option value={ALL}>Any time left</Option>
          {WINDOW_FILTERS.map((w) => (
            <Option key={w} value={w}>
              {WINDOW_FILTER_LABELS[w]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {isFiltered(view) && (
        <Button appearance="subtle" icon={<DismissRegular />} onClick={() => onChange(clearFilters(view))}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

function scopeLabel(view: QueueView, choices: FilterChoices): string {
  if (view.packageId) {
    for (const c of choices.catalogs) {
      const p = c.packages.find((x) => x.id === view.packageId);
      if (p) return p.name;
    }
    // Not among the loaded rows (yet): the id is all there is to show.
    return `Access package ${view.packageId}`;
  }
  if (view.catalogId) {
    const c = choices.catalogs.find((x) => x.id === view.catalogId);
    return `Catalog: ${c?.name ?? view.catalogId}`;
  }
  return 'All access packages';
}
