import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ShieldKeyholeRegular } from '@fluentui/react-icons';
import { useMsal } from '@azure/msal-react';
import { useState } from 'react';
import { useAuditLogAccess, useSession } from '../../../auth/session';
import { CopyButton } from '../../../components/copy-button';
import { Spinner } from '../../../components/spinner';
import { t } from '../../../i18n/i18n';

/** What to ask an administrator for, in the language in use. */
export function auditAccessAdvice(): string {
  return t({
    id: 'audit.access.advice',
    defaultMessage:
      'Ask an administrator to grant the delegated permission AuditLog.Read.All (with admin consent) and a role that can read audit logs, such as Reports Reader or Security Reader.',
  });
}

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
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
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

/**
 * Why the audit log cannot be shown, and what to ask an administrator for. When Entra said consent
 * is missing (no `refusal`), "Check again" asks Entra again, silently, and "Request access" opens
 * Entra's consent page, where the user consents or asks an administrator to.
 */
export function AuditAccessNotice({ refusal, compact = false }: AuditAccessNoticeProps) {
  const styles = useStyles();
  const access = useAuditLogAccess();
  const { instance } = useMsal();
  const { scopes, account } = useSession();
  const [requestFailed, setRequestFailed] = useState<string>();
  const requestAccess = () => {
    setRequestFailed(undefined);
    instance
      .acquireTokenRedirect({ scopes: [scopes.auditLog], account })
      .catch((error: unknown) => setRequestFailed(error instanceof Error ? error.message : String(error)));
  };
  const checking = access.isFetching;
  const actions = !refusal && (
    <>
      <Button
        size={compact ? 'small' : 'medium'}
        disabled={checking}
        icon={checking ? <Spinner size="extra-tiny" aria-hidden /> : undefined}
        onClick={() => void access.refetch()}
      >
        {t({ id: 'audit.access.checkAgain', defaultMessage: 'Check again' })}
      </Button>
      <Button size={compact ? 'small' : 'medium'} onClick={requestAccess}>
        {t({ id: 'audit.access.request', defaultMessage: 'Request access' })}
      </Button>
    </>
  );
  const requestProblem = requestFailed && (
    <Text role="alert">
      {t(
        {
          id: 'audit.access.requestFailed',
          defaultMessage: 'The Microsoft sign-in page could not be opened ({error}).',
        },
        { error: requestFailed },
      )}
    </Text>
  );
  const why = refusal
    ? refusal.code
      ? t(
          {
            id: 'audit.access.refusedCode',
            defaultMessage:
              'Microsoft Graph refused to read Entra’s audit log for your account (403 Forbidden, {code}).',
          },
          { code: refusal.code },
        )
      : t({
          id: 'audit.access.refused',
          defaultMessage:
            'Microsoft Graph refused to read Entra’s audit log for your account (403 Forbidden).',
        })
    : t({
        id: 'audit.access.notGranted',
        defaultMessage:
          'Microsoft Entra ID says your account has not been granted the permission to read its audit log for this app.',
      });
  const notGiven = t({ id: 'audit.access.idNotGiven', defaultMessage: 'not given' });
  const ids = refusal && (refusal.requestId ?? refusal.clientRequestId) && (
    <span className={styles.ids}>
      request-id {refusal.requestId ?? notGiven} · client-request-id {refusal.clientRequestId ?? notGiven}
      <CopyButton
        value={`request-id: ${refusal.requestId ?? ''}\nclient-request-id: ${refusal.clientRequestId ?? ''}`}
        label={t({ id: 'audit.copyIds', defaultMessage: 'Copy ids' })}
      />
    </span>
  );
  if (compact) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {t({
              id: 'audit.access.compactTitle',
              defaultMessage: 'Entra audit events are not available to you',
            })}
          </MessageBarTitle>
          {why} {auditAccessAdvice()}
          {ids}
          {requestProblem}
        </MessageBarBody>
        {actions && <MessageBarActions>{actions}</MessageBarActions>}
      </MessageBar>
    );
  }
  return (
    <section className={styles.card} aria-labelledby="audit-access-title">
      <ShieldKeyholeRegular className={styles.icon} aria-hidden />
      <Text as="h2" id="audit-access-title" size={600} weight="semibold" className={styles.heading}>
        {t({ id: 'audit.access.title', defaultMessage: 'You can’t read Entra’s audit log yet' })}
      </Text>
      <Text>{why}</Text>
      <Text>{auditAccessAdvice()}</Text>
      <Text>
        {t({
          id: 'audit.access.restWorks',
          defaultMessage:
            'The rest of the dashboard works as before: this page only adds what Entra itself recorded about each request.',
        })}
      </Text>
      {ids}
      {actions && <div className={styles.actions}>{actions}</div>}
      {requestProblem}
    </section>
  );
}
