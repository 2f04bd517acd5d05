import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ShieldKeyholeRegular } from '@fluentui/react-icons';
import { CopyButton } from '../../../components/copy-button';

export const AUDIT_ACCESS_ADVICE =
  'Ask an administrator to grant the delegated permission AuditLog.Read.All (with admin consent) and a role that can read audit logs, such as Reports Reader or Security Reader.';

const useStyles = makeStyles({
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '720px',
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
  icon: { fontSize: '40px', color: tokens.colorBrandForeground1 },
  heading: { margin: 0 },
  ids: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
});

export interface AuditAccessNoticeProps {
  /** Set when Graph itself refused (403): its ids are what support asks for. */
  refusal?: { code?: string; requestId?: string; clientRequestId?: string };
  /** The short form, for the request drawer. */
  compact?: boolean;
}

/** Why the audit log cannot be shown, and what to ask an administrator for. */
export function AuditAccessNotice({ refusal, compact = false }: AuditAccessNoticeProps) {
  const styles = useStyles();
  const why = refusal
    ? `Microsoft Graph refused to read Entra’s audit log for your account (403 Forbidden${refusal.code ? `, ${refusal.code}` : ''}).`
    : 'Your sign-in does not include the permission to read Entra’s audit log.';
  const ids = refusal && (refusal.requestId ?? refusal.clientRequestId) && (
    <span className={styles.ids}>
      request-id {refusal.requestId ?? 'not given'} · client-request-id{' '}
      {refusal.clientRequestId ?? 'not given'}
      <CopyButton
        value={`request-id: ${refusal.requestId ?? ''}\nclient-request-id: ${refusal.clientRequestId ?? ''}`}
        label="Copy ids"
      />
    </span>
  );
  if (compact) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Entra audit events are not available to you</MessageBarTitle>
          {why} {AUDIT_ACCESS_ADVICE}
          {ids}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <section className={styles.card} aria-labelledby="audit-access-title">
      <ShieldKeyholeRegular className={styles.icon} aria-hidden />
      <Text as="h2" id="audit-access-title" size={600} weight="semibold" className={styles.heading}>
        You can’t read Entra’s audit log yet
      </Text>
      <Text>{why}</Text>
      <Text>{AUDIT_ACCESS_ADVICE}</Text>
      <Text>
        The rest of the dashboard works as before: this page only adds what Entra itself recorded about each
        request.
      </Text>
      {ids}
    </section>
  );
}
