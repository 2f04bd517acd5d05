import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useState, type FormEvent, type ReactNode } from 'react';
import { InteractionStartedError } from '../../../auth/access-token';
import { useAuditLogAccess, useSession } from '../../../auth/session';
import { useSearchParams } from '../../../components/url-state';
import { cloudForGraphBaseUrl } from '../../../config/app-config';
import { describeAuditError } from '../audit-errors';
import { dayRange, defaultDays, normalizeRequestId, type AuditFilter } from '../api/audit-filter';
import { useAuditEvents } from '../api/audit-queries';
import { AuditAccessNotice } from './audit-access-notice';
import { AuditEventTable } from './audit-event-table';
import { AuditLoadError } from './audit-load-error';
import { AuditWaitBar } from './audit-wait-bar';
import { Spinner } from '../../../components/spinner';
import { useEmptyStateStyles } from '../../../components/empty-state-styles';
import { t } from '../../../i18n/i18n';

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalM },
  titleRow: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { flexGrow: 1, display: 'grid', gap: tokens.spacingVerticalXXS },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '900px' },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'minmax(150px, 180px) minmax(150px, 180px) minmax(280px, 420px) auto',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    '@media (max-width: 900px)': { gridTemplateColumns: '1fr' },
  },
  // Lines the button up with the inputs, below the fields' labels.
  submit: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: '26px', flexWrap: 'wrap' },
  more: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, justifyContent: 'center' },
  muted: { color: tokens.colorNeutralForeground2 },
});

function retentionNote(): string {
  return t({
    id: 'audit.retentionNote',
    defaultMessage: 'Entra keeps audit events for 30 days (7 days without Microsoft Entra ID P1 or P2).',
  });
}

/** Entra's own record of what happened to access package assignment requests. */
export function AuditPage() {
  const styles = useStyles();
  const { config } = useSession();
  // Asked of Entra (silently) each time the page opens: consent may have been granted meanwhile.
  const access = useAuditLogAccess();
  const cloud = cloudForGraphBaseUrl(config.graphBaseUrl);

  let body: ReactNode;
  if (cloud?.id === 'china') {
    body = (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>
            {t({ id: 'audit.notInCloud.title', defaultMessage: 'Not available in this cloud' })}
          </MessageBarTitle>
          {t(
            {
              id: 'audit.notInCloud.body',
              defaultMessage: 'Microsoft Graph does not offer Entra’s audit log in {cloud}.',
            },
            { cloud: cloud.name },
          )}
        </MessageBarBody>
      </MessageBar>
    );
  } else if (access.isPending) {
    body = (
      <Spinner label={t({ id: 'audit.checkingPermissions', defaultMessage: 'Checking your permissions…' })} />
    );
  } else if (access.isError) {
    body = (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>
            {t({ id: 'audit.checkFailed.title', defaultMessage: 'Your permissions could not be checked' })}
          </MessageBarTitle>
          {access.error instanceof Error
            ? access.error.message
            : t({ id: 'audit.checkFailed.body', defaultMessage: 'Signing in did not complete.' })}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => void access.refetch()}>
            {t({ id: 'common.retry', defaultMessage: 'Retry' })}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  } else if (!access.data) {
    body = <AuditAccessNotice />;
  } else {
    body = <AuditLog />;
  }

  return (
    <section className={styles.page} aria-labelledby="audit-title">
      <div className={styles.title}>
        <Text as="h2" id="audit-title" size={600} weight="semibold">
          {t({ id: 'audit.title', defaultMessage: 'Entra audit log' })}
        </Text>
        <Text className={styles.lead}>
          {t({
            id: 'audit.lead',
            defaultMessage:
              'What Microsoft Entra ID recorded for access package assignment requests: when a request became ready to fulfill, and whether delivering it worked. A reprocess shows up as “Ready to fulfill” followed by the delivery’s result; Entra records no separate reprocess event.',
          })}
        </Text>
      </div>
      {body}
    </section>
  );
}

/** "12 events", "3 events for request … loaded; more are available". */
function countText(count: number, requestId: string | undefined, loaded: 'all' | 'more' | 'loading'): string {
  if (requestId === undefined) {
    switch (loaded) {
      case 'all':
        return t(
          { id: 'audit.status.count', defaultMessage: '{count, plural, one {# event} other {# events}}' },
          { count },
        );
      case 'more':
        return t(
          {
            id: 'audit.status.countMore',
            defaultMessage: '{count, plural, one {# event} other {# events}} loaded; more are available',
          },
          { count },
        );
      case 'loading':
        return t(
          {
            id: 'audit.status.countLoading',
            defaultMessage: '{count, plural, one {# event} other {# events}} loaded, loading more…',
          },
          { count },
        );
    }
  }
  switch (loaded) {
    case 'all':
      return t(
        {
          id: 'audit.status.countRequest',
          defaultMessage: '{count, plural, one {# event} other {# events}} for request {requestId}',
        },
        { count, requestId },
      );
    case 'more':
      return t(
        {
          id: 'audit.status.countRequestMore',
          defaultMessage:
            '{count, plural, one {# event} other {# events}} for request {requestId} loaded; more are available',
        },
        { count, requestId },
      );
    case 'loading':
      return t(
        {
          id: 'audit.status.countRequestLoading',
          defaultMessage:
            '{count, plural, one {# event} other {# events}} for request {requestId} loaded, loading more…',
        },
        { count, requestId },
      );
  }
}

interface Applied {
  from: string;
  to: string;
  request: string;
}

function AuditLog() {
  const styles = useStyles();
  const emptyStyles = useEmptyStateStyles();
  const [params, update] = useSearchParams();
  // Fixed when the page opens, so the query (and its cache entry) stays the same while it is open.
  const [defaults] = useState(() => defaultDays(new Date()));
  const applied: Applied = {
    from: params.get('from') ?? defaults.from,
    to: params.get('to') ?? defaults.to,
    request: params.get('request') ?? '',
  };
  const range = dayRange(applied.from, applied.to);
  const requestId = applied.request === '' ? undefined : normalizeRequestId(applied.request);
  const requestProblem = applied.request !== '' && requestId === undefined;
  const valid = range.ok && !requestProblem;
  const filter: AuditFilter = range.ok
    ? { from: range.from, to: range.to, ...(requestId !== undefined && { requestId }) }
    : {};
  const { query, events, refresh } = useAuditEvents(filter, valid);

  const apply = (next: Applied): void =>
    update((p) => {
      p.set('from', next.from);
      p.set('to', next.to);
      if (next.request.trim() === '') p.delete('request');
      else p.set('request', next.request.trim());
    });

  const count = events.length;
  const statusText = !valid
    ? t({ id: 'audit.status.checkFilters', defaultMessage: 'Check the filters.' })
    : query.isPending
      ? t({ id: 'audit.status.loading', defaultMessage: 'Loading events…' })
      : countText(
          count,
          requestId,
          query.isFetchingNextPage ? 'loading' : query.hasNextPage ? 'more' : 'all',
        );

  const firstLoadError = query.isError && !query.isFetchNextPageError ? query.error : undefined;
  const problem = firstLoadError ? describeAuditError(firstLoadError) : undefined;

  return (
    <>
      <AuditFilters
        key={`${applied.from}|${applied.to}|${applied.request}`}
        applied={applied}
        onApply={apply}
      />

      <div className={styles.titleRow}>
        <Text role="status" className={styles.title}>
          {statusText}
        </Text>
        <Button
          icon={<ArrowClockwiseRegular />}
          disabled={!valid || query.isFetching}
          onClick={() => void refresh()}
        >
          {t({ id: 'audit.refresh', defaultMessage: 'Refresh' })}
        </Button>
      </div>

      {!range.ok && (
        <MessageBar intent="warning">
          <MessageBarBody>{range.problem}</MessageBarBody>
        </MessageBar>
      )}
      {requestProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t(
              {
                id: 'audit.filters.notRequestId',
                defaultMessage:
                  '“{text}” is not a request id. Request ids look like 0f8fad5b-d9cb-469f-a165-70867728950e.',
              },
              { text: applied.request },
            )}
          </MessageBarBody>
        </MessageBar>
      )}

      <AuditWaitBar active={query.isFetching && !query.isFetchingNextPage} />

      {firstLoadError instanceof InteractionStartedError ? (
        <Spinner label={t({ id: 'audit.continuingSignIn', defaultMessage: 'Continuing sign-in…' })} />
      ) : problem?.denied ? (
        <AuditAccessNotice refusal={problem} />
      ) : problem ? (
        <AuditLoadError problem={problem} onRetry={() => void refresh()} />
      ) : null}

      {valid && query.isPending && !query.isError ? (
        <Spinner label={t({ id: 'audit.loading', defaultMessage: 'Loading Entra audit events…' })} />
      ) : count > 0 ? (
        <AuditEventTable events={events} />
      ) : valid && query.isSuccess ? (
        <div className={emptyStyles.empty}>
          <Text size={500} weight="semibold">
            {requestId !== undefined
              ? t({
                  id: 'audit.empty.titleRequest',
                  defaultMessage: 'No entitlement management events for this request in this period',
                })
              : t({
                  id: 'audit.empty.title',
                  defaultMessage: 'No entitlement management events in this period',
                })}
          </Text>
          <Text className={styles.muted}>
            {t(
              {
                id: 'audit.empty.body',
                defaultMessage: '{retention} A request appears here once it becomes ready to fulfill.',
              },
              { retention: retentionNote() },
            )}
          </Text>
        </div>
      ) : null}

      {query.isFetchNextPageError && (
        <AuditLoadError
          problem={describeAuditError(query.error)}
          onRetry={() => void query.fetchNextPage()}
          partial
        />
      )}

      {count > 0 && (
        <div className={styles.more}>
          {query.hasNextPage ? (
            <>
              <Button
                disabled={query.isFetchingNextPage}
                icon={query.isFetchingNextPage ? <Spinner size="extra-tiny" /> : undefined}
                onClick={() => void query.fetchNextPage()}
              >
                {t({ id: 'audit.loadMore', defaultMessage: 'Load more events' })}
              </Button>
              <AuditWaitBar active={query.isFetchingNextPage} inline />
            </>
          ) : (
            !query.isFetching && (
              <Text className={styles.muted}>
                {t(
                  { id: 'audit.allLoaded', defaultMessage: 'All events loaded. {retention}' },
                  { retention: retentionNote() },
                )}
              </Text>
            )
          )}
        </div>
      )}
    </>
  );
}

function AuditFilters({ applied, onApply }: { applied: Applied; onApply: (next: Applied) => void }) {
  const styles = useStyles();
  const [draft, setDraft] = useState(applied);
  const [checked, setChecked] = useState(false);
  const range = dayRange(draft.from, draft.to);
  const requestOk = draft.request.trim() === '' || normalizeRequestId(draft.request) !== undefined;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setChecked(true);
    if (range.ok && requestOk) onApply(draft);
  };
  return (
    <form
      className={styles.filters}
      onSubmit={submit}
      aria-label={t({ id: 'audit.filters.label', defaultMessage: 'Audit filters' })}
    >
      <Field
        label={t({ id: 'audit.filters.from', defaultMessage: 'From' })}
        validationMessage={checked && !range.ok && range.field === 'from' ? range.problem : undefined}
      >
        <Input type="date" value={draft.from} onChange={(_, d) => setDraft({ ...draft, from: d.value })} />
      </Field>
      <Field
        label={t({ id: 'audit.filters.to', defaultMessage: 'To' })}
        validationMessage={checked && !range.ok && range.field === 'to' ? range.problem : undefined}
      >
        <Input type="date" value={draft.to} onChange={(_, d) => setDraft({ ...draft, to: d.value })} />
      </Field>
      <Field
        label={t({ id: 'audit.filters.requestId', defaultMessage: 'Request id (optional)' })}
        validationMessage={
          checked && !requestOk
            ? t({
                id: 'audit.filters.requestIdHint',
                defaultMessage: 'Enter a request id such as 0f8fad5b-d9cb-469f-a165-70867728950e.',
              })
            : undefined
        }
      >
        <Input
          value={draft.request}
          placeholder={t({ id: 'audit.filters.everyRequest', defaultMessage: 'Every request' })}
          onChange={(_, d) => setDraft({ ...draft, request: d.value })}
        />
      </Field>
      <div className={styles.submit}>
        <Button appearance="primary" type="submit">
          {t({ id: 'audit.filters.show', defaultMessage: 'Show events' })}
        </Button>
        {applied.request !== '' && (
          <Button onClick={() => onApply({ ...applied, request: '' })}>
            {t({ id: 'audit.filters.everyRequest', defaultMessage: 'Every request' })}
          </Button>
        )}
      </div>
    </form>
  );
}
