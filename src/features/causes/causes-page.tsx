// Why did they fail? The tenant's failed requests grouped by cause, most requests first, beside
// the queue: each cause with its states, packages, external requestors, what is still inside the
// 14-day window and the soonest to leave it, a hint with its Microsoft Learn page, a link that
// filters the queue to it, and "Reprocess the N in this cause" through the reprocess engine.
import {
  Badge,
  Button,
  CounterBadge,
  Link,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, OpenRegular } from '@fluentui/react-icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, type Ref } from 'react';
import { useGraphAccess, useSession } from '../../auth/session';
import { useEmptyStateStyles } from '../../components/empty-state-styles';
import { InlineAlert } from '../../components/inline-alert';
import { useForcedColorsLinkStyles } from '../../components/link-styles';
import { LazyPart, lazyNamed } from '../../components/lazy-part';
import { Spinner } from '../../components/spinner';
import { navigate, useSearchParams } from '../../components/url-state';
import { useNow } from '../../components/use-now';
import { isGraphError } from '../../graph/graph-error';
import { format, t } from '../../i18n/i18n';
import { useLocale } from '../../i18n/react';
import { failedRequestsQuery } from '../requests/api/request-queries';
import { useQueueRequests } from '../requests/api/use-reprocess';
import { describeLoadFailure } from '../requests/load-failure';
import { stateLabel, type AssignmentRequest } from '../requests/model';
import { adminCenterRequestsUrl } from '../requests/request-details';
import { causeStats, groupByCause, type Cause, type ResourceKind } from './causes';
import {
  adviceLabel,
  causeHint,
  causeTitle,
  pastWindowHint,
  resourceKindLabel,
  type CauseHint,
  type ReprocessAdvice,
} from './hints';
import { AuditReasonsNote } from './audit-reasons-note';
import { packageResourcesQuery } from './package-resources';
import { useAuditReasons } from './use-audit-reasons';

const BulkReprocessPanel = lazyNamed(
  () => import('../requests/components/bulk/bulk-reprocess-panel'),
  'BulkReprocessPanel',
);

const NO_REQUESTS: readonly AssignmentRequest[] = [];
/** Below this width the list and the chosen cause's details are one column. */
const ONE_COLUMN = '(max-width: 800px)';
/** Packages named in a cause's facts; the rest are counted. */
const PACKAGES_LISTED = 4;

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalM },
  titleRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { flexGrow: 1, display: 'grid', gap: tokens.spacingVerticalXXS },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 380px) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    [`@media ${ONE_COLUMN}`]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: tokens.spacingVerticalXS,
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  item: {
    width: '100%',
    justifyContent: 'space-between',
    textAlign: 'start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontWeight: tokens.fontWeightRegular,
    minHeight: '48px',
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 3px 0 0 ${tokens.colorCompoundBrandStroke}`,
  },
  itemText: { display: 'grid', gap: '2px', minWidth: 0 },
  itemTitle: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  itemAdvice: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  details: {
    // Beside a long list, the chosen cause stays in view while the list scrolls.
    position: 'sticky',
    top: tokens.spacingVerticalL,
    maxHeight: `calc(100dvh - 2 * ${tokens.spacingVerticalL})`,
    overflowY: 'auto',
    [`@media ${ONE_COLUMN}`]: { position: 'static', maxHeight: 'none', overflowY: 'visible' },
    display: 'grid',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  detailsTitle: { overflowWrap: 'anywhere' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  hint: { display: 'grid', gap: tokens.spacingVerticalXS, maxWidth: '80ch' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: '2px' },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: {
    margin: 0,
    overflowWrap: 'anywhere',
    '@media (max-width: 480px)': { marginBottom: tokens.spacingVerticalS },
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-start' },
  reprocess: { flex: '1 1 320px', minWidth: 0 },
});

const ADVICE_COLOR: Readonly<Record<ReprocessAdvice, BadgeProps['color']>> = {
  helps: 'success',
  afterFix: 'warning',
  wontHelp: 'danger',
};

export function CausesPage() {
  const styles = useStyles();
  const empty = useEmptyStateStyles();
  const { graph, scopes, account } = useSession();
  const query = useQuery(failedRequestsQuery(graph, account.homeAccountId, scopes.read));
  const { open } = useQueueRequests(query.data?.items ?? NO_REQUESTS);
  // The causes' words are read in the language in use: a change of language renders them again.
  useLocale();
  const now = useNow(60_000);

  // What each package delivers, read once per package (shared by every cause and request).
  const packageIds = useMemo(
    () => [...new Set(open.flatMap((r) => (r.accessPackage?.id ? [r.accessPackage.id] : [])))].sort(),
    [open],
  );
  const resources = useQueries({
    queries: packageIds.map((id) => packageResourcesQuery(graph, account.homeAccountId, scopes.read, id)),
    combine: (results) => {
      const map = new Map<string, readonly ResourceKind[]>();
      results.forEach((r, i) => {
        const id = packageIds[i];
        if (r.data && id !== undefined) map.set(id, r.data);
      });
      return { map, pending: results.some((r) => r.isPending) };
    },
  });

  // The audit log's reasons, when the user may read it (read in the background, paced).
  const audit = useAuditReasons();
  const auditReasons = audit.reasons;
  const causes = useMemo(
    () =>
      groupByCause(open, {
        apiVersion: graph.apiVersion,
        resources: resources.map,
        ...(auditReasons && { auditReasons }),
      }),
    [open, graph.apiVersion, resources.map, auditReasons],
  );
  const fromAudit = causes.reduce((n, c) => n + c.fromAudit, 0);

  const [params, update] = useSearchParams();
  const chosenKey = params.get('cause');
  const chosen = causes.find((c) => c.key === chosenKey) ?? causes[0];
  const detailsRef = useRef<HTMLElement>(null);
  const loading = query.isFetching;
  const auditSettled = audit.state !== 'checking' && audit.state !== 'loading';
  const complete = query.isSuccess && !loading && auditSettled;

  if (query.isError && isGraphError(query.error) && query.error.status === 403) {
    return (
      <div className={styles.page}>
        <PageTitle />
        <InlineAlert
          intent="warning"
          title={t({
            id: 'causes.forbidden.title',
            defaultMessage: 'Causes need the list of every failed request in the tenant',
          })}
        >
          {t({
            id: 'causes.forbidden.body',
            defaultMessage:
              'Graph refused that list to your account: your role covers some catalogs only. The Failed requests page lists the failed requests of the access packages you manage.',
          })}
        </InlineAlert>
      </div>
    );
  }

  const countText = query.isPending
    ? t({ id: 'causes.count.pending', defaultMessage: 'Loading failed requests…' })
    : t(
        {
          id: 'causes.count',
          defaultMessage:
            '{total, plural, one {# failed request} other {# failed requests}} in {causes, plural, one {# cause} other {# causes}}',
        },
        { total: open.length, causes: causes.length },
      );
  const countNote = loading
    ? t({
        id: 'causes.count.loading',
        defaultMessage: 'still loading: the counts grow until the list is complete',
      })
    : query.isError
      ? t({ id: 'causes.count.incomplete', defaultMessage: 'the list is incomplete' })
      : undefined;

  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <div className={styles.title}>
          <PageTitle />
          <Text role="status" aria-live="polite">
            {countText}
            {countNote !== undefined && <span className={styles.lead}> · {countNote}</span>}
          </Text>
        </div>
        {loading && <Spinner size="tiny" aria-hidden />}
        <Button
          icon={<ArrowClockwiseRegular />}
          disabled={loading}
          onClick={() => {
            void query.refetch();
            audit.refresh();
          }}
        >
          {t({ id: 'common.refresh', defaultMessage: 'Refresh' })}
        </Button>
      </div>
      <Text className={styles.lead}>
        {t({
          id: 'causes.lead',
          defaultMessage:
            'Grouped from what Graph says about each request: its status text, the reason Entra’s audit log gives for its latest failure, its custom extension callouts, its access package and what that package delivers, and whether the requestor is external. Choose a cause to see what to do about it.',
        })}
      </Text>
      <AuditReasonsNote audit={audit} explained={fromAudit} />
      {query.isError && (
        <InlineAlert
          intent="error"
          title={t({ id: 'causes.loadFailed.title', defaultMessage: 'The list could not be fully loaded' })}
          actions={
            <Button onClick={() => void query.refetch()}>
              {t({ id: 'common.retry', defaultMessage: 'Retry' })}
            </Button>
          }
        >
          {
            describeLoadFailure(
              query.error,
              t({ id: 'queue.loadFailed.what', defaultMessage: 'the failed requests' }),
            ).body
          }
        </InlineAlert>
      )}
      {chosenKey !== null && complete && chosen && chosen.key !== chosenKey && (
        <InlineAlert
          intent="info"
          title={t({ id: 'causes.gone.title', defaultMessage: 'That cause has no failed requests now' })}
        >
          {t({
            id: 'causes.gone.body',
            defaultMessage:
              'They were delivered, reprocessed or removed since the link was made. The other causes are below.',
          })}
        </InlineAlert>
      )}
      {query.isPending ? (
        <Spinner label={t({ id: 'causes.loading', defaultMessage: 'Loading failed requests…' })} />
      ) : causes.length === 0 ? (
        <div className={empty.empty}>
          <Text as="h3" size={500} weight="semibold">
            {t({ id: 'causes.empty.title', defaultMessage: 'No failed requests' })}
          </Text>
          <Text>
            {t({
              id: 'queue.empty.tenant',
              defaultMessage:
                'Every access package assignment request in this tenant was delivered or is still in progress.',
            })}
          </Text>
        </div>
      ) : (
        <div className={styles.layout}>
          <nav aria-label={t({ id: 'causes.list.label', defaultMessage: 'Causes, most requests first' })}>
            <ol className={styles.list}>
              {causes.map((cause) => (
                <li key={cause.key}>
                  <Button
                    appearance="subtle"
                    className={mergeClasses(styles.item, cause === chosen && styles.current)}
                    aria-current={cause === chosen ? 'true' : undefined}
                    onClick={() => {
                      update((p) => p.set('cause', cause.key), { replace: false });
                      // One column (a phone): the details are below the list, so bring them up.
                      if (window.matchMedia(ONE_COLUMN).matches)
                        requestAnimationFrame(() => detailsRef.current?.scrollIntoView({ block: 'start' }));
                    }}
                  >
                    <span className={styles.itemText}>
                      <span className={styles.itemTitle}>{causeTitle(cause)}</span>
                      <span className={styles.itemAdvice}>{adviceLabel(causeHint(cause).advice)}</span>
                    </span>
                    <CounterBadge
                      count={cause.requests.length}
                      overflowCount={99_999}
                      appearance="filled"
                      color="informative"
                      aria-label={t(
                        {
                          id: 'causes.item.count',
                          defaultMessage: '{count, plural, one {# request} other {# requests}}',
                        },
                        { count: cause.requests.length },
                      )}
                    />
                  </Button>
                </li>
              ))}
            </ol>
          </nav>
          {chosen && (
            <CauseDetails
              cause={chosen}
              nowMs={now.getTime()}
              resourcesPending={resources.pending}
              className={styles.details}
              sectionRef={detailsRef}
            />
          )}
        </div>
      )}
    </div>
  );
}

function PageTitle() {
  return (
    <Text as="h2" id="causes-title" size={600} weight="semibold">
      {t({ id: 'causes.title', defaultMessage: 'Why requests failed' })}
    </Text>
  );
}

function CauseDetails({
  cause,
  nowMs,
  resourcesPending,
  className,
  sectionRef,
}: {
  cause: Cause;
  nowMs: number;
  resourcesPending: boolean;
  className: string;
  sectionRef: Ref<HTMLElement>;
}) {
  const styles = useStyles();
  const linkStyles = useForcedColorsLinkStyles();
  const { graph, config } = useSession();
  const access = useGraphAccess();
  const stats = useMemo(() => causeStats(cause, nowMs, graph.apiVersion), [cause, nowMs, graph.apiVersion]);
  const hint = causeHint(cause);
  const title = causeTitle(cause);
  const outside = stats.count - stats.inWindow;
  const packages = stats.packages.slice(0, PACKAGES_LISTED).map((p) =>
    t(
      { id: 'causes.facts.packageCount', defaultMessage: '{name} ({count, number})' },
      {
        name:
          p.name ?? t({ id: 'queue.package.withId', defaultMessage: 'Access package {id}' }, { id: p.id }),
        count: p.count,
      },
    ),
  );
  const morePackages = stats.packages.length - PACKAGES_LISTED;
  const queueLink = `/?${new URLSearchParams({ cause: cause.key, window: 'all' }).toString()}`;

  return (
    <section className={className} aria-labelledby="cause-title" ref={sectionRef}>
      <Text as="h3" id="cause-title" size={500} weight="semibold" className={styles.detailsTitle}>
        {title}
      </Text>
      <div className={styles.badges}>
        <Badge appearance="tint" color={ADVICE_COLOR[hint.advice]}>
          {adviceLabel(hint.advice)}
        </Badge>
        {cause.source === 'callout' && (
          <Badge appearance="outline" color="informative">
            {t({ id: 'causes.source.callout', defaultMessage: 'From the custom extension callout' })}
          </Badge>
        )}
        {cause.fromAudit > 0 && (
          <Badge appearance="outline" color="informative">
            {cause.fromAudit === cause.requests.length
              ? t({ id: 'causes.source.audit', defaultMessage: 'From Entra’s audit log' })
              : t(
                  { id: 'causes.source.auditSome', defaultMessage: '{count, number} from Entra’s audit log' },
                  { count: cause.fromAudit },
                )}
          </Badge>
        )}
        {cause.source === 'facts' && (
          <Badge appearance="outline" color="informative">
            {t({ id: 'causes.source.facts', defaultMessage: 'Graph gave no reason' })}
          </Badge>
        )}
      </div>
      <Hint hint={hint} label={t({ id: 'causes.hint.label', defaultMessage: 'What to do' })} />
      {cause.kind === 'delivery' && cause.packageId && (
        <Link
          className={linkStyles.link}
          href={adminCenterRequestsUrl(config.graphBaseUrl, cause.packageId)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t({
            id: 'causes.openRequestsInAdminCenter',
            defaultMessage: 'Open the package’s requests in the Entra admin center',
          })}{' '}
          <OpenRegular aria-hidden />
        </Link>
      )}
      <dl className={styles.facts}>
        <Fact term={t({ id: 'causes.facts.requests', defaultMessage: 'Requests' })}>
          {format.number(stats.count)}
        </Fact>
        <Fact term={t({ id: 'causes.facts.states', defaultMessage: 'States' })}>
          {stats.states
            .map((s) =>
              t(
                { id: 'bulk.confirm.stateCount', defaultMessage: '{state} {count, number}' },
                { state: stateLabel(s.state), count: s.count },
              ),
            )
            .join(' · ')}
        </Fact>
        <Fact term={t({ id: 'causes.facts.packages', defaultMessage: 'Access packages' })}>
          {morePackages > 0
            ? t(
                {
                  id: 'causes.facts.packagesMore',
                  defaultMessage: '{packages} and {count, plural, one {# more} other {# more}}',
                },
                { packages: packages.join(', '), count: morePackages },
              )
            : packages.join(', ')}
        </Fact>
        {cause.kind === 'delivery' && (
          <Fact term={t({ id: 'causes.facts.resources', defaultMessage: 'What the package delivers' })}>
            {cause.resourceKinds
              ? format.list(cause.resourceKinds.map(resourceKindLabel))
              : resourcesPending
                ? t({ id: 'causes.facts.resourcesLoading', defaultMessage: 'Reading the package…' })
                : t({ id: 'causes.facts.resourcesUnknown', defaultMessage: 'Not known (Graph did not say)' })}
          </Fact>
        )}
        {cause.kind === 'other' && (
          <Fact
            term={
              cause.source === 'audit'
                ? t({ id: 'causes.facts.auditText', defaultMessage: 'Reason in the audit log' })
                : t({ id: 'causes.facts.text', defaultMessage: 'Status text' })
            }
          >
            {cause.rawText}
          </Fact>
        )}
        <Fact term={t({ id: 'causes.facts.external', defaultMessage: 'External requestors' })}>
          {format.number(stats.external)}
        </Fact>
        <Fact term={t({ id: 'causes.facts.inWindow', defaultMessage: 'Inside the reprocess window' })}>
          {t(
            { id: 'causes.facts.inWindowValue', defaultMessage: '{inside, number} of {total, number}' },
            { inside: stats.inWindow, total: stats.count },
          )}
        </Fact>
        <Fact term={t({ id: 'causes.facts.soonest', defaultMessage: 'Soonest to leave the window' })}>
          {stats.soonestExpiry === undefined
            ? t({ id: 'causes.facts.soonestNone', defaultMessage: 'None inside the window' })
            : t(
                { id: 'causes.facts.soonestValue', defaultMessage: '{date} ({relative})' },
                {
                  date: format.dateTime(stats.soonestExpiry),
                  relative: relativeFromNow(stats.soonestExpiry - nowMs),
                },
              )}
        </Fact>
      </dl>
      {outside > 0 && (
        <InlineAlert
          intent="warning"
          title={t(
            {
              id: 'causes.pastWindow.title',
              defaultMessage:
                '{count, plural, one {# request is past the reprocess window} other {# requests are past the reprocess window}}',
            },
            { count: outside },
          )}
        >
          <Hint hint={pastWindowHint()} />
        </InlineAlert>
      )}
      <div className={styles.actions}>
        <Button
          as="a"
          href={queueLink}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            navigate(queueLink);
          }}
        >
          {t(
            {
              id: 'causes.showInQueue',
              defaultMessage: 'Show {count, plural, one {the request} other {the # requests}} in the queue',
            },
            { count: stats.count },
          )}
        </Button>
        <div className={styles.reprocess}>
          <LazyPart name={t({ id: 'bulk.label', defaultMessage: 'Bulk reprocess' })}>
            <BulkReprocessPanel
              selected={cause.requests}
              onClearSelection={noop}
              canReprocess={access.data?.canReprocess ?? false}
              wording={{
                button: t(
                  {
                    id: 'causes.reprocess.button',
                    defaultMessage:
                      'Reprocess {count, plural, one {the request} other {the # requests}} in this cause',
                  },
                  { count: stats.count },
                ),
                confirmTitle: t(
                  {
                    id: 'causes.reprocess.confirmTitle',
                    defaultMessage:
                      '{count, plural, one {Reprocess the request of “{cause}”?} other {Reprocess the # requests of “{cause}”?}}',
                  },
                  { count: stats.count, cause: title },
                ),
                noneReason: t({ id: 'causes.reprocess.none', defaultMessage: 'This cause has no requests.' }),
              }}
            />
          </LazyPart>
        </div>
      </div>
    </section>
  );
}

function noop(): void {}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{children}</dd>
    </>
  );
}

function Hint({ hint, label }: { hint: CauseHint; label?: string }) {
  const styles = useStyles();
  const linkStyles = useForcedColorsLinkStyles();
  return (
    <div className={styles.hint}>
      {label !== undefined && (
        <Text as="h4" weight="semibold">
          {label}
        </Text>
      )}
      <Text>{hint.text}</Text>
      <div>
        <Link className={linkStyles.link} href={hint.learn.url} target="_blank" rel="noopener noreferrer">
          {t(
            { id: 'causes.learnMore', defaultMessage: 'Microsoft Learn: {label}' },
            { label: hint.learn.label },
          )}{' '}
          <OpenRegular aria-hidden />
        </Link>
      </div>
    </div>
  );
}

function relativeFromNow(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 24) return format.relativeTime(Math.max(1, Math.round(hours)), 'hour');
  return format.relativeTime(Math.floor(hours / 24), 'day');
}
