import { Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { JSX } from 'react';
import { InteractionStartedError } from '../../../auth/access-token';
import { useAuditLogAccess, useSession } from '../../../auth/session';
import { navigate } from '../../../components/url-state';
import { cloudForGraphBaseUrl } from '../../../config/app-config';
import { describeAuditError } from '../audit-errors';
import { dayText } from '../api/audit-filter';
import { useAuditEvents } from '../api/audit-queries';
import { AuditAccessNotice } from './audit-access-notice';
import { AuditEventList } from './audit-event-list';
import { AuditLoadError } from './audit-load-error';
import { AuditWaitBar } from './audit-wait-bar';
import { Spinner } from '../../../components/spinner';
import { t } from '../../../i18n/i18n';

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  more: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const RETENTION_DAYS = 30;

/** Entra's audit events about one request, newest first, for the request details drawer. */
export function RequestAuditEvents(props: { requestId: string }): JSX.Element {
  const styles = useStyles();
  const { config } = useSession();
  // Asked of Entra (silently) each time the drawer shows the section.
  const access = useAuditLogAccess();
  const requestId = props.requestId.trim();
  const china = cloudForGraphBaseUrl(config.graphBaseUrl)?.id === 'china';
  const allowed = !china && access.data === true;
  const { query, events } = useAuditEvents({ requestId }, allowed && requestId !== '');

  const since = new Date();
  since.setDate(since.getDate() - RETENTION_DAYS);
  const pageUrl = `/audit?${new URLSearchParams({ request: requestId, from: dayText(since), to: dayText(new Date()) }).toString()}`;

  let content: JSX.Element | null;
  if (china) {
    content = (
      <Text className={styles.muted}>
        {t({
          id: 'audit.drawer.notInCloud',
          defaultMessage: 'Entra’s audit log is not available through Graph in this cloud.',
        })}
      </Text>
    );
  } else if (access.isPending) {
    content = (
      <Spinner
        size="tiny"
        label={t({ id: 'audit.checkingPermissions', defaultMessage: 'Checking your permissions…' })}
      />
    );
  } else if (access.isError) {
    content = (
      <Text className={styles.muted}>
        {t(
          {
            id: 'audit.drawer.checkFailed',
            defaultMessage: 'Your permission to read Entra’s audit log could not be checked ({error}).',
          },
          { error: access.error instanceof Error ? access.error.message : String(access.error) },
        )}{' '}
        <Link as="button" onClick={() => void access.refetch()}>
          {t({ id: 'common.retry', defaultMessage: 'Retry' })}
        </Link>
      </Text>
    );
  } else if (!allowed) {
    content = <AuditAccessNotice compact />;
  } else if (query.isPending) {
    content = query.isError ? null : (
      <Spinner
        size="tiny"
        label={t({ id: 'audit.loading', defaultMessage: 'Loading Entra audit events…' })}
      />
    );
  } else if (events.length === 0 && query.isSuccess) {
    content = (
      <Text className={styles.muted}>
        {t(
          {
            id: 'audit.drawer.none',
            defaultMessage:
              'Entra has recorded nothing for this request in the last {days, plural, one {# day} other {# days}} (its audit log keeps events that long).',
          },
          { days: RETENTION_DAYS },
        )}
      </Text>
    );
  } else {
    content = (
      <AuditEventList
        events={events}
        label={t(
          { id: 'audit.drawer.listLabel', defaultMessage: 'Entra audit events for request {requestId}' },
          { requestId },
        )}
      />
    );
  }

  const error = query.isError ? query.error : undefined;
  const problem =
    error && !(error instanceof InteractionStartedError) ? describeAuditError(error) : undefined;

  return (
    <section
      className={styles.section}
      aria-label={t({ id: 'audit.drawer.title', defaultMessage: 'Entra audit events' })}
    >
      <div className={styles.head}>
        <Text as="h3" weight="semibold" size={400} className={styles.grow}>
          {t({ id: 'audit.drawer.title', defaultMessage: 'Entra audit events' })}
        </Text>
        {allowed && (
          <Link
            href={pageUrl}
            onClick={(e) => {
              e.preventDefault();
              navigate(pageUrl);
            }}
          >
            {t({ id: 'audit.drawer.open', defaultMessage: 'Open in the Entra audit log' })}
          </Link>
        )}
      </div>
      <AuditWaitBar active={query.isFetching && !query.isFetchingNextPage} />
      {problem?.denied ? (
        <AuditAccessNotice compact refusal={problem} />
      ) : problem ? (
        <AuditLoadError
          problem={problem}
          partial={events.length > 0}
          onRetry={() => void (events.length > 0 ? query.fetchNextPage() : query.refetch())}
        />
      ) : null}
      {content}
      {allowed && query.hasNextPage && (
        <div className={styles.more}>
          <Button
            size="small"
            disabled={query.isFetchingNextPage}
            icon={query.isFetchingNextPage ? <Spinner size="extra-tiny" /> : undefined}
            onClick={() => void query.fetchNextPage()}
          >
            {t({ id: 'audit.loadMore', defaultMessage: 'Load more events' })}
          </Button>
          <AuditWaitBar active={query.isFetchingNextPage} inline />
        </div>
      )}
    </section>
  );
}
