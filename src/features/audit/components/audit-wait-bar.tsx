import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useNow } from '../../../components/use-now';
import { useAuditWait } from '../api/audit-queries';
import { auditThrottle, type AuditWait } from '../api/audit-throttle';
import { describeRateLimit } from '../format';
import { Spinner } from '../../../components/spinner';
import { t } from '../../../i18n/i18n';

function waitText(wait: AuditWait, now: number): string {
  const seconds = Math.max(1, Math.ceil((wait.until - now) / 1000));
  switch (wait.reason) {
    case 'rate-limit':
      return t(
        {
          id: 'audit.wait.rateLimit',
          defaultMessage: "Waiting {seconds, number} s: Entra's audit log allows {rate}",
        },
        { seconds, rate: describeRateLimit(auditThrottle.requests, auditThrottle.windowMs) },
      );
    case 'throttled':
      return t(
        {
          id: 'audit.wait.throttled',
          defaultMessage:
            "Waiting {seconds, number} s: Entra's audit log asked for a pause (429 Too Many Requests); it will be asked again",
        },
        { seconds },
      );
    case 'unavailable':
      return t(
        {
          id: 'audit.wait.unavailable',
          defaultMessage:
            'Waiting {seconds, number} s: Microsoft Graph did not answer; it will be asked again',
        },
        { seconds },
      );
  }
}

const useStyles = makeStyles({
  inline: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
});

function Countdown({ wait }: { wait: AuditWait }) {
  const now = useNow(250);
  // role="timer": the seconds tick by visibly without being read out each time; the bar itself
  // is announced once when it appears.
  return <span role="timer">{waitText(wait, now.getTime())}</span>;
}

/**
 * Shown while this view has a read queued behind the audit log's rate limit or a Graph pause.
 * `inline` sits next to the control that asked for the read (the "Load more" button), where the
 * person is looking; otherwise it is a bar at the top of the view.
 */
export function AuditWaitBar({ active, inline = false }: { active: boolean; inline?: boolean }) {
  const styles = useStyles();
  const wait = useAuditWait();
  if (!active || !wait) return null;
  if (inline) {
    return (
      // The button beside it already spins.
      <span className={styles.inline}>
        <Countdown wait={wait} />
      </span>
    );
  }
  return (
    <MessageBar intent="info" icon={<Spinner size="extra-tiny" />} politeness="polite">
      <MessageBarBody>
        <Countdown wait={wait} />
      </MessageBarBody>
    </MessageBar>
  );
}
