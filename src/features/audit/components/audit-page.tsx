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

const RETENTION_NOTE = 'Entra keeps audit events for 30 days (7 days without Microsoft Entra ID P1 or P2).';

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
          <MessageBarTitle>Not available in this cloud</MessageBarTitle>
          Microsoft Graph does not offer Entra’s audit log in {cloud.name}.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (access.isPending) {
    body = <Spinner label="Checking your permissions…" />;
  } else if (access.isError) {
    body = (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>Your permissions could not be checked</MessageBarTitle>
          {access.error instanceof Error ? access.error.message : 'Signing in did not complete.'}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => void access.refetch()}>Retry</Button>
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
          Entra audit log
        </Text>
        <Text className={styles.lead}>
          What Microsoft Entra ID recorded for access package assignment requests: when a request became ready
          to fulfill, and whether delivering it worked. A reprocess shows up as “Ready to fulfill” followed by
          the delivery’s result; Entra records no separate reprocess event.
        </Text>
      </div>
      {body}
    </section>
  );
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
  const plural = (n: number): string => `${n} event${n === 1 ? '' : 's'}`;
  const scope = requestId !== undefined ? ` for request ${requestId}` : '';
  const statusText = !valid
    ? 'Check the filters.'
    : query.isPending
      ? 'Loading events…'
      : query.isFetchingNextPage
        ? `${plural(count)}${scope} loaded, loading more…`
        : query.hasNextPage
          ? `${plural(count)}${scope} loaded; more are available`
          : `${plural(count)}${scope}`;

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
          Refresh
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
            “{applied.request}” is not a request id. Request ids look like
            0f8fad5b-d9cb-469f-a165-70867728950e.
          </MessageBarBody>
        </MessageBar>
      )}

      <AuditWaitBar active={query.isFetching && !query.isFetchingNextPage} />

      {firstLoadError instanceof InteractionStartedError ? (
        <Spinner label="Continuing sign-in…" />
      ) : problem?.denied ? (
        <AuditAccessNotice refusal={problem} />
      ) : problem ? (
        <AuditLoadError problem={problem} onRetry={() => void refresh()} />
      ) : null}

      {valid && query.isPending && !query.isError ? (
        <Spinner label="Loading Entra audit events…" />
      ) : count > 0 ? (
        <AuditEventTable events={events} />
      ) : valid && query.isSuccess ? (
        <div className={emptyStyles.empty}>
          <Text size={500} weight="semibold">
            No entitlement management events{requestId !== undefined ? ' for this request' : ''} in this
            period
          </Text>
          <Text className={styles.muted}>
            {RETENTION_NOTE} A request appears here once it becomes ready to fulfill.
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
                Load more events
              </Button>
              <AuditWaitBar active={query.isFetchingNextPage} inline />
            </>
          ) : (
            !query.isFetching && <Text className={styles.muted}>All events loaded. {RETENTION_NOTE}</Text>
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
    <form className={styles.filters} onSubmit={submit} aria-label="Audit filters">
      <Field
        label="From"
        validationMessage={checked && !range.ok && range.field === 'from' ? range.problem : undefined}
      >
        <Input type="date" value={draft.from} onChange={(_, d) => setDraft({ ...draft, from: d.value })} />
      </Field>
      <Field
        label="To"
        validationMessage={checked && !range.ok && range.field === 'to' ? range.problem : undefined}
      >
        <Input type="date" value={draft.to} onChange={(_, d) => setDraft({ ...draft, to: d.value })} />
      </Field>
      <Field
        label="Request id (optional)"
        validationMessage={
          checked && !requestOk
            ? 'Enter a request id such as 0f8fad5b-d9cb-469f-a165-70867728950e.'
            : undefined
        }
      >
        <Input
          value={draft.request}
          placeholder="Every request"
          onChange={(_, d) => setDraft({ ...draft, request: d.value })}
        />
      </Field>
      <div className={styles.submit}>
        <Button appearance="primary" type="submit">
          Show events
        </Button>
        {applied.request !== '' && (
          <Button onClick={() => onApply({ ...applied, request: '' })}>Every request</Button>
        )}
      </div>
    </form>
  );
}
