import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  OptionGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo, type JSX } from 'react';
import { useSession } from '../../../auth/session';
import { Spinner } from '../../../components/spinner';
import { useSearchParams } from '../../../components/url-state';
import { isGraphError, type GraphError } from '../../../graph/graph-error';
import { t } from '../../../i18n/i18n';
import { useLocale } from '../../../i18n/react';
import { accessPackagesQuery, failedInPackageQuery } from '../api/access-package-queries';
import { packageLabel, type AccessPackageSummary } from '../api/access-packages';
import type { AssignmentRequest } from '../model';
import { LoadFailureBar } from './load-failure-bar';
import { PermissionPage } from './permission-page';
import { QueueEmpty, RequestQueue } from './request-queue';

const useStyles = makeStyles({
  picker: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  pickerField: { flexGrow: 1, minWidth: '280px', maxWidth: '640px' },
  dropdown: { width: '100%' },
});

const NO_REQUESTS: readonly AssignmentRequest[] = [];

/** The `packages=<id>,<id>` query parameter: the chosen access packages, in the URL so links keep them. */
export const PACKAGES_PARAM = 'packages';

export function parsePackagesParam(value: string | null): string[] {
  if (!value) return [];
  const ids = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  return [...new Set(ids)];
}

/**
 * What a catalog-scoped agent sees instead of the queue: Graph refused them the unfiltered list
 * (`error`), because their role (Access package assignment manager on some catalogs) only lets
 * them list requests filtered by access package. They pick packages; each is listed on its own.
 * Someone whose package listing is refused too has no role at all: the permission page.
 */
export function CatalogScopedQueue({ error }: { error: GraphError }): JSX.Element {
  const { graph, scopes, account } = useSession();
  const packages = useQuery(accessPackagesQuery(graph, account.homeAccountId, scopes.read));
  if (packages.isError && isGraphError(packages.error) && packages.error.status === 403) {
    return <PermissionPage error={error} />;
  }
  if (packages.isPending)
    return (
      <Spinner
        label={t({ id: 'catalog.checking', defaultMessage: 'Checking which access packages you can see…' })}
      />
    );
  return <ScopedQueue packages={packages} />;
}

function ScopedQueue({ packages }: { packages: UseQueryResult<AccessPackageSummary[]> }) {
  const { graph, scopes, account } = useSession();
  const [params, updateParams] = useSearchParams();

  const available = useMemo(() => packages.data ?? [], [packages.data]);
  const byId = useMemo(() => new Map(available.map((p) => [p.id.toLowerCase(), p])), [available]);
  const packagesParam = params.get(PACKAGES_PARAM);
  const chosenIds = useMemo(() => parsePackagesParam(packagesParam), [packagesParam]);
  // Only packages Graph listed for this user are queried: any other id would only earn a 403.
  const chosen = useMemo(() => chosenIds.flatMap((id) => byId.get(id) ?? []), [chosenIds, byId]);
  const unknownIds = packages.isSuccess ? chosenIds.filter((id) => !byId.has(id)) : [];

  const setChosen = useCallback(
    (ids: readonly string[]) =>
      updateParams((p) => {
        if (ids.length === 0) p.delete(PACKAGES_PARAM);
        else p.set(PACKAGES_PARAM, ids.join(','));
      }),
    [updateParams],
  );

  const { items, lists } = useQueries({
    queries: chosen.map((p) => failedInPackageQuery(graph, account.homeAccountId, scopes.read, p.id)),
    combine: mergeLists,
  });
  const pending = chosen.length > 0 && lists.every((l) => l.isPending);
  const fetching = lists.some((l) => l.isFetching);
  const failures = lists.flatMap((l, i) => (l.isError && chosen[i] ? [{ pkg: chosen[i], query: l }] : []));

  return (
    <RequestQueue
      items={items}
      pending={pending}
      loading={fetching}
      failed={failures.length > 0}
      filterable={false}
      {...(chosen.length === 0 && {
        countText: t({ id: 'catalog.noneChosen', defaultMessage: 'No access package chosen' }),
      })}
      refreshDisabled={fetching || packages.isFetching}
      onRefresh={() => {
        void packages.refetch();
        lists.forEach((l) => void l.refetch());
      }}
      intro={
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {t({ id: 'catalog.intro.title', defaultMessage: 'Lists by access package' })}
            </MessageBarTitle>
            {t({
              id: 'catalog.intro.body',
              defaultMessage:
                'Your role covers only some catalogs, so Graph lists failed requests one access package at a time. Choose the access packages you support to see their requests in Delivery failed and Partially delivered.',
            })}
          </MessageBarBody>
        </MessageBar>
      }
      notices={
        <>
          {packages.isError ? (
            <LoadFailureBar
              error={packages.error}
              what={t({ id: 'catalog.what.packages', defaultMessage: 'the access packages you can see' })}
              onRetry={() => void packages.refetch()}
            />
          ) : (
            <PackagePicker available={available} chosenIds={chosenIds} onChange={setChosen} />
          )}

          {unknownIds.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {t({ id: 'catalog.unknown.title', defaultMessage: 'Not among your access packages' })}
                </MessageBarTitle>
                {t(
                  {
                    id: 'catalog.unknown.body',
                    defaultMessage:
                      '{count, plural, one {This link names an access package that Graph does not list for you, so it is left out: {ids}} other {This link names access packages that Graph does not list for you, so they are left out: {ids}}}',
                  },
                  { count: unknownIds.length, ids: unknownIds.join(', ') },
                )}
              </MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => setChosen(chosenIds.filter((id) => byId.has(id)))}>
                  {t({ id: 'catalog.unknown.remove', defaultMessage: 'Remove' })}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}

          {failures.map(({ pkg, query }) => (
            <LoadFailureBar
              key={pkg.id}
              error={query.error}
              what={t(
                { id: 'catalog.what.failedOf', defaultMessage: 'the failed requests of {accessPackage}' },
                { accessPackage: packageLabel(pkg) },
              )}
              onRetry={() => void query.refetch()}
            />
          ))}
        </>
      }
      {...(chosen.length === 0 && {
        placeholder: packages.isSuccess ? (
          <QueueEmpty
            title={
              available.length === 0
                ? t({ id: 'catalog.empty.none.title', defaultMessage: 'No access packages to list' })
                : t({ id: 'catalog.empty.choose.title', defaultMessage: 'Choose access packages' })
            }
          >
            {available.length === 0
              ? t({
                  id: 'catalog.empty.none.body',
                  defaultMessage:
                    'Graph lists no access packages for your account, so there are no requests you can see. Ask your Entra ID administrator which catalogs your role covers.',
                })
              : t(
                  {
                    id: 'catalog.empty.choose.body',
                    defaultMessage:
                      '{count, plural, one {You can see {count, number} access package. Choose one or more above to list their failed requests.} other {You can see {count, number} access packages. Choose one or more above to list their failed requests.}}',
                  },
                  { count: available.length },
                )}
          </QueueEmpty>
        ) : null,
      })}
      emptyText={t(
        {
          id: 'catalog.empty.allDelivered',
          defaultMessage:
            '{count, plural, one {Every request for this access package was delivered or is still in progress.} other {Every request for these access packages was delivered or is still in progress.}}',
        },
        { count: chosen.length },
      )}
    />
  );
}

/**
 * One list of the chosen packages' requests, each request once (a request belongs to one package,
 * but a state change between the two state queries can list it twice). Module-level, so the
 * combined result keeps its identity until an answer changes.
 */
function mergeLists(lists: UseQueryResult<AssignmentRequest[]>[]) {
  const seen = new Set<string>();
  const items: AssignmentRequest[] = [];
  for (const list of lists) {
    for (const r of list.data ?? NO_REQUESTS) {
      const key = r.id.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        items.push(r);
      }
    }
  }
  return { items, lists };
}

/** A multi-select of the packages Graph lists for the user, grouped by catalog. */
function PackagePicker({
  available,
  chosenIds,
  onChange,
}: {
  available: readonly AccessPackageSummary[];
  chosenIds: readonly string[];
  onChange: (ids: readonly string[]) => void;
}) {
  const styles = useStyles();
  const locale = useLocale();
  const groups = useMemo(() => {
    const out = new Map<string, AccessPackageSummary[]>();
    for (const p of available) {
      const name =
        p.catalog?.displayName ??
        t({ id: 'catalog.picker.unnamedCatalog', defaultMessage: 'Catalog not named by Graph' });
      out.set(name, [...(out.get(name) ?? []), p]);
    }
    return [...out.entries()];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the unnamed catalog's words depend on `locale`
  }, [available, locale]);
  const chosenNames = chosenIds.flatMap((id) => {
    const p = available.find((x) => x.id.toLowerCase() === id);
    return p ? [packageLabel(p)] : [];
  });
  const allChosen = available.length > 0 && available.every((p) => chosenIds.includes(p.id.toLowerCase()));

  return (
    <div className={styles.picker}>
      <Field
        className={styles.pickerField}
        label={t({ id: 'catalog.picker.label', defaultMessage: 'Access packages' })}
      >
        <Dropdown
          className={styles.dropdown}
          multiselect
          placeholder={
            available.length === 0
              ? t({ id: 'catalog.picker.none', defaultMessage: 'No access packages' })
              : t({ id: 'catalog.picker.placeholder', defaultMessage: 'Choose access packages' })
          }
          disabled={available.length === 0}
          selectedOptions={[...chosenIds]}
          value={chosenNames.join(', ')}
          onOptionSelect={(_, data) => onChange(data.selectedOptions)}
        >
          {groups.map(([catalog, pkgs]) => (
            <OptionGroup key={catalog} label={catalog}>
              {pkgs.map((p) => (
                <Option key={p.id} value={p.id.toLowerCase()} text={packageLabel(p)}>
                  {packageLabel(p)}
                </Option>
              ))}
            </OptionGroup>
          ))}
        </Dropdown>
      </Field>
      <Button
        disabled={available.length === 0 || allChosen}
        onClick={() => onChange(available.map((p) => p.id.toLowerCase()))}
      >
        {t({ id: 'catalog.picker.all', defaultMessage: 'All my access packages' })}
      </Button>
      <Button appearance="subtle" disabled={chosenIds.length === 0} onClick={() => onChange([])}>
        {t({ id: 'catalog.picker.clear', defaultMessage: 'Clear' })}
      </Button>
    </div>
  );
}
