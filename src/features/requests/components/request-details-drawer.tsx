import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Link,
  OverlayDrawer,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissRegular, OpenRegular } from '@fluentui/react-icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type JSX, type ReactNode } from 'react';
import { useGraphAccess, useSession } from '../../../auth/session';
import { useForcedColorsLinkStyles } from '../../../components/link-styles';
import { CopyButton } from '../../../components/copy-button';
import { useNow } from '../../../components/use-now';
import { t } from '../../../i18n/i18n';
import { requestDetailsQuery } from '../api/request-details-query';
import { useReprocess, useRequestActivity, type RequestActivity } from '../api/use-reprocess';
import { formatDateTime } from '../format';
import {
  isReprocessable,
  reprocessWindow,
  requestTypeLabel,
  stateLabel,
  statusBeyondStateOf,
  REPROCESS_WINDOW_DAYS,
  type AssignmentRequest,
} from '../model';
import {
  adminCenterRequestsUrl,
  assignmentStateText,
  calloutStageLabel,
  calloutStatusLabel,
  formatDuration,
  subjectLifecycleLabel,
  subjectTypeLabel,
  type RequestDetails,
} from '../request-details';
import { EXPIRATION_TYPE_LABELS, enumLabel, enumMember } from '../../../graph/enum-labels';
import { parseRequestId } from '../request-id';
import { rowActivityNote } from '../row-activity';
import { OUTCOME_FOR } from '../outcome-on-screen';
import { notReprocessableReason } from '../reprocess-eligibility';
import { LoadFailureBar } from './load-failure-bar';
import { useRequestDetailsExtras } from './request-details-extras';
import { Spinner } from '../../../components/spinner';

const useStyles = makeStyles({
  body: { display: 'grid', gap: tokens.spacingVerticalL, alignContent: 'start' },
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(128px, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground3 },
    '& dd': { margin: 0, overflowWrap: 'anywhere', minWidth: 0 },
    // A phone: each label above its value, so ids and dates get the drawer's whole width.
    '@media (max-width: 480px)': {
      gridTemplateColumns: 'minmax(0, 1fr)',
      '& dd': { marginBottom: tokens.spacingVerticalXS },
    },
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  idLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  subtitle: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  pre: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '420px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  footer: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  footerNote: { flexGrow: 1, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface RequestDetailsDrawerProps {
  /** The request to show (from the URL's `request=`); undefined closes the drawer. */
  requestId: string | undefined;
  /** The row from the loaded list, if the request is in it: shown while the fresh copy loads. */
  listed: AssignmentRequest | undefined;
  onClose: () => void;
  /** More history about this request (the activity record, Entra audit events). */
  extraSections?: ReactNode;
}

/**
 * One request with every detail Graph has, fetched fresh, plus what this dashboard has done to
 * it. Non-modal, so toasts (and the ids in them) stay within reach while it is open.
 */
export function RequestDetailsDrawer({
  requestId,
  listed,
  onClose,
  extraSections,
}: RequestDetailsDrawerProps): JSX.Element | null {
  // The last id stays on screen while the drawer slides out, and lets focus go back where it was.
  const [shownId, setShownId] = useState(requestId);
  if (requestId !== undefined && requestId !== shownId) setShownId(requestId);
  if (shownId === undefined) return null;
  const open = requestId !== undefined;
  return (
    <OverlayDrawer
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      position="end"
      size="medium"
      modalType="non-modal"
    >
      <DrawerContent
        key={shownId}
        requestId={shownId}
        listed={listed && listed.id.toLowerCase() === shownId.toLowerCase() ? listed : undefined}
        onClose={onClose}
        extraSections={extraSections}
      />
    </OverlayDrawer>
  );
}

function DrawerContent({
  requestId,
  listed,
  onClose,
  extraSections,
}: {
  requestId: string;
  listed: AssignmentRequest | undefined;
  onClose: () => void;
  extraSections: ReactNode;
}) {
  const styles = useStyles();
  const extras = useRequestDetailsExtras();
  const parsed = parseRequestId(requestId);
  const id = parsed.ok ? parsed.id : requestId;
  const { graph, scopes, account } = useSession();
  const queryClient = useQueryClient();
  const detailsQuery = requestDetailsQuery(graph, account.homeAccountId, scopes.read, id);
  const query = useQuery({ ...detailsQuery, enabled: parsed.ok });
  const activity = useRequestActivity(id);

  // After a reprocess is answered or settles, show Graph's new state.
  const phase = activity.settled ? 'settled' : activity.status?.phase;
  useEffect(() => {
    if (phase === 'settled' || phase === 'done')
      void queryClient.invalidateQueries({ queryKey: detailsQuery.queryKey });
    // The key is derived from the id, which keys this component.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, queryClient]);

  const details = query.data ?? undefined;
  const request = details?.request ?? listed;
  const pkgName = request?.accessPackage?.displayName;
  const requestorName = request?.requestor?.displayName ?? request?.requestor?.principalName;
  const title =
    pkgName && requestorName
      ? t(
          { id: 'drawer.title', defaultMessage: '{accessPackage} for {requestor}' },
          { accessPackage: pkgName, requestor: requestorName },
        )
      : (pkgName ?? requestorName ?? t({ id: 'drawer.title.fallback', defaultMessage: 'Request details' }));

  return (
    <>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={t({ id: 'drawer.close.label', defaultMessage: 'Close details' })}
              icon={<DismissRegular />}
              onClick={onClose}
            />
          }
        >
          {title}
        </DrawerHeaderTitle>
        <div className={styles.subtitle}>
          {request && <StateBadge request={request} />}
          <Text className={styles.mono}>{id}</Text>
          {query.isFetching && !query.isPending && (
            <Spinner
              size="extra-tiny"
              aria-label={t({ id: 'drawer.refreshing', defaultMessage: 'Refreshing' })}
            />
          )}
        </div>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {!parsed.ok ? (
          <LoadFailureBar
            error={
              new Error(
                t(
                  { id: 'drawer.badLink', defaultMessage: '{problem} The link holds "{value}".' },
                  { problem: parsed.message, value: requestId },
                ),
              )
            }
            what={t({ id: 'drawer.what', defaultMessage: 'this request' })}
          />
        ) : query.isError ? (
          <LoadFailureBar
            error={query.error}
            what={t({ id: 'drawer.what', defaultMessage: 'this request' })}
            onRetry={() => void query.refetch()}
          />
        ) : query.isPending && !listed ? (
          <Spinner
            label={t({ id: 'drawer.loading', defaultMessage: 'Loading the request from Microsoft Graph…' })}
          />
        ) : null}
        {query.isError && listed && (
          <Text className={styles.muted}>
            {t({
              id: 'drawer.stale',
              defaultMessage: 'Below: the request as it was when the list was loaded.',
            })}
          </Text>
        )}
        {query.isPending && listed && (
          <Text className={styles.muted} role="status">
            {t({ id: 'drawer.loadingDetails', defaultMessage: 'Loading every detail from Microsoft Graph…' })}
          </Text>
        )}
        {request && <Details request={request} details={details} />}
        <section className={styles.section} aria-labelledby="details-history">
          <Text as="h3" id="details-history" size={400} weight="semibold">
            {t({
              id: 'drawer.history.title',
              defaultMessage: 'What this dashboard has done to this request',
            })}
          </Text>
          <Text>{activityText(activity)}</Text>
          {extraSections}
          {extras.dashboardHistory?.(requestId)}
        </section>
        {extras.moreSections?.(requestId)}
        {details && (
          <Accordion collapsible>
            <AccordionItem value="raw">
              <AccordionHeader>{t({ id: 'drawer.raw', defaultMessage: 'Raw Graph JSON' })}</AccordionHeader>
              <AccordionPanel>
                <pre
                  className={styles.pre}
                  aria-label={t({ id: 'drawer.raw', defaultMessage: 'Raw Graph JSON' })}
                >
                  {JSON.stringify(details.request.raw, null, 2)}
                </pre>
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
        )}
      </DrawerBody>
      <DrawerFooter className={styles.footer}>
        <ReprocessAction id={id} valid={parsed.ok} request={request} activity={activity} />
        <Button
          appearance="subtle"
          icon={<ArrowClockwiseRegular />}
          disabled={!parsed.ok || query.isFetching}
          onClick={() => void query.refetch()}
        >
          {t({ id: 'common.refresh', defaultMessage: 'Refresh' })}
        </Button>
        <Button onClick={onClose}>{t({ id: 'common.close', defaultMessage: 'Close' })}</Button>
      </DrawerFooter>
    </>
  );
}

function ReprocessAction({
  id,
  valid,
  request,
  activity,
}: {
  id: string;
  valid: boolean;
  request: AssignmentRequest | undefined;
  activity: RequestActivity;
}) {
  const styles = useStyles();
  const access = useGraphAccess();
  const { reprocess } = useReprocess();
  const now = useNow(60_000);
  const phase = activity.status?.phase;
  const sending = phase === 'sending' || phase === 'checking';
  const gone = activity.status?.phase === 'done' && activity.status.outcome.kind === 'notFound';
  const canReprocess = access.data?.canReprocess ?? false;
  const reason = gone
    ? t({ id: 'queue.requestGone', defaultMessage: 'Microsoft Graph no longer has this request' })
    : (activity.busy ?? (request ? notReprocessableReason(request, now) : undefined));
  // A read-only sign-in gets no Reprocess here either: the page's notice says once why.
  if (access.isSuccess && !canReprocess) return null;
  const eligible = request ? isReprocessable(request, now) : false;
  const button = (
    <Button
      appearance={eligible && !reason ? 'primary' : 'secondary'}
      // Until the granted permissions are known the button waits, as on the rows.
      disabled={!valid || !access.isSuccess}
      disabledFocusable={valid && access.isSuccess && reason !== undefined}
      icon={sending ? <Spinner size="extra-tiny" /> : undefined}
      {...{ [OUTCOME_FOR]: id }}
      onClick={() => {
        // Without any copy of the request Graph still gets to answer; the toast names the id.
        void reprocess(request ?? { id, state: 'unknown', stateRaw: '', raw: undefined }, {
          source: 'drawer',
        });
      }}
    >
      {t({ id: 'common.reprocess', defaultMessage: 'Reprocess' })}
    </Button>
  );
  return (
    <>
      {reason && access.isSuccess ? (
        <Tooltip content={reason} relationship="description">
          {button}
        </Tooltip>
      ) : (
        button
      )}
      {/* The outcome of a reprocess asked here shows here (no toast repeats it while it is in view). */}
      <span className={styles.footerNote} role="status">
        {phase !== undefined ? rowActivityNote(activity)?.full : ''}
      </span>
    </>
  );
}

function Details({ request, details }: { request: AssignmentRequest; details: RequestDetails | undefined }) {
  const styles = useStyles();
  const { config } = useSession();
  const linkStyles = useForcedColorsLinkStyles();
  const now = useNow(60_000);
  const requestor = details?.requestor ?? request.requestor;
  const connectedOrg = details?.requestor?.connectedOrganization;
  const pkg = details?.accessPackage ?? request.accessPackage;
  const schedule = details?.schedule;
  // Graph's status text, when it says more than the state (else the state says it once).
  const status = statusBeyondStateOf(request);
  const lifecycle = subjectLifecycleLabel(details?.requestor?.subjectLifecycle);
  return (
    <>
      <section className={styles.section} aria-labelledby="details-request">
        <Text as="h3" id="details-request" size={400} weight="semibold">
          {t({ id: 'drawer.section.request', defaultMessage: 'Request' })}
        </Text>
        <dl className={styles.fields}>
          <Field label={t({ id: 'drawer.field.requestId', defaultMessage: 'Request id' })}>
            <span className={styles.idLine}>
              <span className={styles.mono}>{request.id}</span>
              <CopyButton value={request.id} label={t({ id: 'drawer.copyId', defaultMessage: 'Copy id' })} />
            </span>
          </Field>
          <Field label={t({ id: 'drawer.field.state', defaultMessage: 'State' })}>
            {stateLabel(request)}
          </Field>
          {status !== undefined && (
            <Field label={t({ id: 'drawer.field.status', defaultMessage: 'Status' })}>{status}</Field>
          )}
          <Field label={t({ id: 'drawer.field.requestType', defaultMessage: 'Request type' })}>
            {requestTypeLabel(request.requestTypeRaw)}
          </Field>
          <Field label={t({ id: 'drawer.field.created', defaultMessage: 'Created' })}>
            {dateOrNothing(request.createdDateTime)}
          </Field>
          <Field label={t({ id: 'drawer.field.completed', defaultMessage: 'Completed' })}>
            {dateOrNothing(request.completedDateTime)}
          </Field>
          <Field label={t({ id: 'drawer.field.window', defaultMessage: 'Reprocess window' })}>
            {windowText(request, now)}
          </Field>
          {details?.assignment && (
            <Field label={t({ id: 'drawer.field.assignment', defaultMessage: 'Assignment' })}>
              {assignmentStateText(details.assignment)}
              {details.assignment.id && <span className={styles.mono}> ({details.assignment.id})</span>}
            </Field>
          )}
        </dl>
      </section>

      {details && (
        <section className={styles.section} aria-labelledby="details-schedule">
          <Text as="h3" id="details-schedule" size={400} weight="semibold">
            {t({ id: 'drawer.section.schedule', defaultMessage: 'Schedule' })}
          </Text>
          {schedule ? (
            <dl className={styles.fields}>
              <Field label={t({ id: 'drawer.field.starts', defaultMessage: 'Starts' })}>
                {dateOrNothing(schedule.startDateTime)}
              </Field>
              <Field label={t({ id: 'drawer.field.expiration', defaultMessage: 'Expiration' })}>
                {expirationText(schedule)}
              </Field>
            </dl>
          ) : (
            <Text className={styles.muted}>
              {t({ id: 'drawer.noSchedule', defaultMessage: 'Graph sent no schedule.' })}
            </Text>
          )}
        </section>
      )}

      <section className={styles.section} aria-labelledby="details-justification">
        <Text as="h3" id="details-justification" size={400} weight="semibold">
          {t({ id: 'drawer.section.justification', defaultMessage: 'Justification and answers' })}
        </Text>
        <dl className={styles.fields}>
          <Field label={t({ id: 'drawer.field.justification', defaultMessage: 'Justification' })}>
            {request.justification || t({ id: 'drawer.justification.none', defaultMessage: 'None given' })}
          </Field>
        </dl>
        {details &&
          (details.answers.length === 0 ? (
            <Text className={styles.muted}>
              {t({ id: 'drawer.noAnswers', defaultMessage: 'No answers to approval questions.' })}
            </Text>
          ) : (
            details.answers.map((a, i) => (
              <div key={i} className={styles.card}>
                <Text weight="semibold">
                  {a.question ??
                    t({ id: 'drawer.answer.noQuestion', defaultMessage: 'Question text not sent by Graph' })}
                </Text>
                <Text>
                  {a.answer ?? t({ id: 'drawer.answer.noValue', defaultMessage: 'No answer value' })}
                </Text>
              </div>
            ))
          ))}
      </section>

      {details && (
        <section className={styles.section} aria-labelledby="details-callouts">
          <Text as="h3" id="details-callouts" size={400} weight="semibold">
            {t({ id: 'drawer.section.callouts', defaultMessage: 'Custom extensions' })}
          </Text>
          {details.callouts.length === 0 ? (
            <Text className={styles.muted}>
              {t({
                id: 'drawer.noCallouts',
                defaultMessage: 'No custom extension was called for this request.',
              })}
            </Text>
          ) : (
            details.callouts.map((c, i) => (
              <dl key={c.id ?? i} className={`${styles.fields} ${styles.card}`}>
                <Field label={t({ id: 'drawer.field.status', defaultMessage: 'Status' })}>
                  {calloutStatusLabel(c)}
                </Field>
                <Field
                  label={t({ id: 'drawer.field.customExtensionId', defaultMessage: 'Custom extension id' })}
                >
                  {c.customExtensionId && <span className={styles.mono}>{c.customExtensionId}</span>}
                </Field>
                <Field label={t({ id: 'drawer.field.detail', defaultMessage: 'Detail' })}>{c.detail}</Field>
                {c.stage && (
                  <Field label={t({ id: 'drawer.field.stage', defaultMessage: 'Stage' })}>
                    {calloutStageLabel(c.stage)}
                  </Field>
                )}
                {c.externalCorrelationId && (
                  <Field label={t({ id: 'drawer.field.correlationId', defaultMessage: 'Correlation id' })}>
                    <span className={styles.mono}>{c.externalCorrelationId}</span>
                  </Field>
                )}
                {c.id && (
                  <Field label={t({ id: 'drawer.field.calloutId', defaultMessage: 'Callout id' })}>
                    <span className={styles.mono}>{c.id}</span>
                  </Field>
                )}
              </dl>
            ))
          )}
        </section>
      )}

      <section className={styles.section} aria-labelledby="details-requestor">
        <Text as="h3" id="details-requestor" size={400} weight="semibold">
          {t({ id: 'drawer.section.requestor', defaultMessage: 'Requestor' })}
        </Text>
        {requestor ? (
          <dl className={styles.fields}>
            <Field label={t({ id: 'drawer.field.name', defaultMessage: 'Name' })}>
              {requestor.displayName}
            </Field>
            <Field label={t({ id: 'drawer.field.email', defaultMessage: 'Email' })}>{requestor.email}</Field>
            <Field label={t({ id: 'drawer.field.upn', defaultMessage: 'User principal name' })}>
              {requestor.principalName}
            </Field>
            <Field label={t({ id: 'drawer.field.objectId', defaultMessage: 'Object id' })}>
              {details?.requestor?.objectId && (
                <span className={styles.mono}>{details.requestor.objectId}</span>
              )}
            </Field>
            <Field label={t({ id: 'drawer.field.subjectId', defaultMessage: 'Subject id' })}>
              {requestor.id && <span className={styles.mono}>{requestor.id}</span>}
            </Field>
            <Field label={t({ id: 'drawer.field.subjectType', defaultMessage: 'Subject type' })}>
              {subjectTypeLabel(requestor.subjectType)}
            </Field>
            {lifecycle !== undefined && (
              <Field label={t({ id: 'drawer.field.lifecycle', defaultMessage: 'Lifecycle' })}>
                {lifecycle}
              </Field>
            )}
            {connectedOrg && (
              <Field
                label={t({
                  id: 'drawer.field.connectedOrganization',
                  defaultMessage: 'Connected organization',
                })}
              >
                {connectedOrg.displayName ??
                  t({ id: 'drawer.connectedOrganization.noName', defaultMessage: 'Name not sent' })}
                {connectedOrg.id && <span className={styles.mono}> ({connectedOrg.id})</span>}
              </Field>
            )}
          </dl>
        ) : (
          <Text className={styles.muted}>
            {t({ id: 'drawer.noRequestor', defaultMessage: 'Graph sent no requestor.' })}
          </Text>
        )}
      </section>

      <section className={styles.section} aria-labelledby="details-package">
        <Text as="h3" id="details-package" size={400} weight="semibold">
          {t({ id: 'drawer.section.package', defaultMessage: 'Access package' })}
        </Text>
        {pkg ? (
          <dl className={styles.fields}>
            <Field label={t({ id: 'drawer.field.accessPackage', defaultMessage: 'Access package' })}>
              {pkg.displayName}
            </Field>
            <Field label={t({ id: 'drawer.field.accessPackageId', defaultMessage: 'Access package id' })}>
              {pkg.id && <span className={styles.mono}>{pkg.id}</span>}
            </Field>
            {details?.accessPackage?.description && (
              <Field label={t({ id: 'drawer.field.description', defaultMessage: 'Description' })}>
                {details.accessPackage.description}
              </Field>
            )}
            <Field label={t({ id: 'drawer.field.catalog', defaultMessage: 'Catalog' })}>
              {pkg.catalog?.displayName}
            </Field>
            <Field label={t({ id: 'drawer.field.catalogId', defaultMessage: 'Catalog id' })}>
              {pkg.catalog?.id && <span className={styles.mono}>{pkg.catalog.id}</span>}
            </Field>
          </dl>
        ) : (
          <Text className={styles.muted}>
            {t({ id: 'drawer.noPackage', defaultMessage: 'Graph sent no access package.' })}
          </Text>
        )}
        {pkg?.id && (
          <Link
            className={linkStyles.link}
            href={adminCenterRequestsUrl(config.graphBaseUrl, pkg.id)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t({ id: 'drawer.openInAdminCenter', defaultMessage: 'Open in the Entra admin center' })}{' '}
            <OpenRegular aria-hidden />
          </Link>
        )}
      </section>
    </>
  );
}

function Field({ label, children }: { label: string; children?: ReactNode }) {
  const empty = children === undefined || children === null || children === '' || children === false;
  return (
    <>
      <dt>{label}</dt>
      <dd>{empty ? '—' : children}</dd>
    </>
  );
}

function StateBadge({ request }: { request: AssignmentRequest }) {
  const color =
    request.state === 'deliveryFailed'
      ? 'danger'
      : request.state === 'partiallyDelivered'
        ? 'warning'
        : request.state === 'delivered'
          ? 'success'
          : request.state === 'delivering'
            ? 'informative'
            : 'subtle';
  return (
    <Badge appearance="tint" color={color} shape="rounded">
      {stateLabel(request)}
    </Badge>
  );
}

function dateOrNothing(iso: string | undefined): string | undefined {
  return iso ? formatDateTime(iso) : undefined;
}

function windowText(request: AssignmentRequest, now: Date): string {
  const w = reprocessWindow(request, now);
  if (w.daysLeft === undefined)
    return t({ id: 'drawer.window.unknown', defaultMessage: 'Unknown: Graph sent no completion date' });
  if (w.expired)
    return t(
      {
        id: 'drawer.window.outside',
        defaultMessage: 'Outside the {days, number}-day window: Graph will refuse a reprocess',
      },
      { days: REPROCESS_WINDOW_DAYS },
    );
  if (w.daysLeft === 0) return t({ id: 'drawer.window.endsToday', defaultMessage: 'Ends today' });
  return t(
    { id: 'drawer.window.daysLeft', defaultMessage: '{days, plural, one {# day left} other {# days left}}' },
    { days: w.daysLeft },
  );
}

function expirationText(s: NonNullable<RequestDetails['schedule']>): string {
  switch (enumMember(EXPIRATION_TYPE_LABELS, s.expirationType)) {
    case 'noExpiration':
      return t({ id: 'drawer.expiration.never', defaultMessage: 'Never expires' });
    case 'afterDuration':
      return s.duration
        ? afterDuration(s.duration)
        : t({ id: 'drawer.expiration.noDuration', defaultMessage: 'After a duration Graph did not send' });
    case 'afterDateTime':
      return s.endDateTime
        ? onDate(s.endDateTime)
        : t({ id: 'drawer.expiration.noDate', defaultMessage: 'On a date Graph did not send' });
    case 'notSpecified':
    case undefined:
      if (s.endDateTime) return onDate(s.endDateTime);
      if (s.duration) return afterDuration(s.duration);
      return (
        enumLabel(EXPIRATION_TYPE_LABELS, s.expirationType) ??
        t({ id: 'drawer.expiration.notSpecified', defaultMessage: 'Not specified' })
      );
  }
}

function afterDuration(duration: string): string {
  return t(
    { id: 'drawer.expiration.afterDuration', defaultMessage: 'After {duration}' },
    { duration: formatDuration(duration) },
  );
}

function onDate(iso: string): string {
  return t({ id: 'drawer.expiration.onDate', defaultMessage: 'On {date}' }, { date: formatDateTime(iso) });
}

function activityText(activity: RequestActivity): string {
  return (
    rowActivityNote(activity)?.full ??
    t({ id: 'drawer.activity.none', defaultMessage: 'Nothing yet in this session.' })
  );
}
