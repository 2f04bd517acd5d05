import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ShieldErrorRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useAccountActions } from '../../../auth/session';
import { CopyButton } from '../../../components/copy-button';
import type { GraphError } from '../../../graph/graph-error';
import { t } from '../../../i18n/i18n';
import { tRich } from '../../../i18n/react';

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '720px',
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
  icon: { fontSize: '40px', color: tokens.colorPaletteRedForeground1 },
  ids: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Shown when Graph refuses the list itself: the account lacks a permission or a role. */
export function PermissionPage({ error }: { error: GraphError }) {
  const styles = useStyles();
  const { switchAccount, signOut } = useAccountActions();
  return (
    <section className={styles.page} aria-labelledby="permission-title">
      <ShieldErrorRegular className={styles.icon} aria-hidden />
      <Text as="h2" id="permission-title" size={600} weight="semibold">
        {t({
          id: 'queue.permission.title',
          defaultMessage: 'You don’t have access to entitlement management',
        })}
      </Text>
      <Text>
        {error.code
          ? t(
              {
                id: 'queue.permission.refusedWithCode',
                defaultMessage:
                  'Microsoft Graph refused to list access package assignment requests for your account (403 Forbidden, {code}). To use this dashboard you need both:',
              },
              { code: error.code },
            )
          : t({
              id: 'queue.permission.refused',
              defaultMessage:
                'Microsoft Graph refused to list access package assignment requests for your account (403 Forbidden). To use this dashboard you need both:',
            })}
      </Text>
      <ul>
        <li>
          {tRich(
            {
              id: 'queue.permission.needPermission',
              defaultMessage:
                'the delegated permission <b>EntitlementManagement.Read.All</b> (or ReadWrite.All to reprocess), consented by an administrator for this app, and',
            },
            { b: bold },
          )}
        </li>
        <li>
          {tRich(
            {
              id: 'queue.permission.needRole',
              defaultMessage:
                'an entitlement-management role: <b>Access package assignment manager</b> on the catalogs you support, <b>Identity Governance Administrator</b>, or a reader role such as Global Reader.',
            },
            { b: bold },
          )}
        </li>
      </ul>
      <Text>
        {t({
          id: 'queue.permission.askAdmin',
          defaultMessage: 'Ask your Entra ID administrator for the role, then sign in again.',
        })}
      </Text>
      <Text className={styles.ids}>
        {t(
          {
            id: 'queue.permission.ids',
            defaultMessage: 'request-id {requestId} · client-request-id {clientRequestId}',
          },
          {
            requestId:
              error.requestId ?? t({ id: 'queue.permission.ids.notGiven', defaultMessage: 'not given' }),
            clientRequestId: error.clientRequestId,
          },
        )}{' '}
        <CopyButton
          value={`request-id: ${error.requestId ?? ''}\nclient-request-id: ${error.clientRequestId}`}
          label={t({ id: 'queue.copyIds', defaultMessage: 'Copy ids' })}
        />
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void switchAccount()}>
          {t({ id: 'account.switch', defaultMessage: 'Switch account' })}
        </Button>
        <Button onClick={() => void signOut()}>
          {t({ id: 'account.signOut', defaultMessage: 'Sign out' })}
        </Button>
      </div>
    </section>
  );
}
