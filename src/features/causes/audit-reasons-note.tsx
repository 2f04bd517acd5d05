// One line under the Causes page's lead: whether the Entra audit log's failure reasons are part
// of the grouping, and if not, why and what to do. Calm on purpose: the causes work without it.
import { Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { InteractionStartedError } from '../../auth/access-token';
import { Spinner } from '../../components/spinner';
import { t } from '../../i18n/i18n';
import { describeAuditError } from '../audit/audit-errors';
import type { AuditReasons } from './use-audit-reasons';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, maxWidth: '80ch' },
  loading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** `explained`: how many requests have their cause from the audit log. */
export function AuditReasonsNote({ audit, explained }: { audit: AuditReasons; explained: number }) {
  const styles = useStyles();
  let text: string | undefined;
  let action: { label: string; run: () => void } | undefined;
  switch (audit.state) {
    case 'unavailable':
      text = t({
        id: 'causes.audit.unavailable',
        defaultMessage:
          'Entra’s audit log is not available through Graph in this cloud: causes come from the requests alone.',
      });
      break;
    case 'checking':
      return null;
    case 'noAccess':
      text = t({
        id: 'causes.audit.noAccess',
        defaultMessage:
          'Your account can’t read Entra’s audit log, so its failure reasons are not included: causes come from the requests alone.',
      });
      action = {
        label: t({ id: 'audit.access.checkAgain', defaultMessage: 'Check again' }),
        run: audit.checkAgain,
      };
      break;
    case 'loading':
      return (
        <Text className={mergeClasses(styles.note, styles.loading)} role="status">
          <Spinner size="extra-tiny" aria-hidden />
          {t(
            {
              id: 'causes.audit.loading',
              defaultMessage:
                'Reading failure reasons from Entra’s audit log ({events, plural, one {# failure} other {# failures}} so far)…',
            },
            { events: audit.events },
          )}
        </Text>
      );
    case 'complete':
    case 'truncated':
      text =
        explained > 0
          ? t(
              {
                id: 'causes.audit.complete',
                defaultMessage:
                  'Entra’s audit log gave the reason for {count, plural, one {# of these requests} other {# of these requests}}.',
              },
              { count: explained },
            )
          : t({
              id: 'causes.audit.nothingMore',
              defaultMessage:
                'Entra’s audit log was read too: it gives no reason the requests don’t already give.',
            });
      if (audit.state === 'truncated')
        text += ` ${t(
          {
            id: 'causes.audit.truncated',
            defaultMessage: 'Only its {events, number} most recent failures were read.',
          },
          { events: audit.events },
        )}`;
      break;
    case 'error': {
      if (audit.error instanceof InteractionStartedError) return null;
      const problem = describeAuditError(audit.error);
      text = t(
        {
          id: 'causes.audit.failed',
          defaultMessage: '{title} ({detail}): causes come from the requests alone.',
        },
        { title: problem.title, detail: problem.detail },
      );
      action = { label: t({ id: 'common.retry', defaultMessage: 'Retry' }), run: audit.refresh };
      break;
    }
  }
  return (
    <Text className={styles.note} role="status">
      {text}
      {action && ' '}
      {action && (
        <Link as="button" onClick={action.run}>
          {action.label}
        </Link>
      )}
    </Text>
  );
}
