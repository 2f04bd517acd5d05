import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ShieldErrorRegular } from '@fluentui/react-icons';
import { useAccountActions } from '../../../auth/session';
import { CopyButton } from '../../../components/copy-button';
import type { GraphError } from '../../../graph/graph-error';

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
        You don’t have access to entitlement management
      </Text>
      <Text>
        Microsoft Graph refused to list access package assignment requests for your account (403 Forbidden
        {error.code ? `, ${error.code}` : ''}). To use this dashboard you need both:
      </Text>
      <ul>
        <li>
          the delegated permission <strong>EntitlementManagement.Read.All</strong> (or ReadWrite.All to
          reprocess), consented by an administrator for this app, and
        </li>
        <li>
          an entitlement-management role: <strong>Access package assignment manager</strong> on the catalogs
          you support, <strong>Identity Governance Administrator</strong>, or a reader role such as Global
          Reader.
        </li>
      </ul>
      <Text>Ask your Entra ID administrator for the role, then sign in again.</Text>
      <Text className={styles.ids}>
        request-id {error.requestId ?? 'not given'} · client-request-id {error.clientRequestId}{' '}
        <CopyButton
          value={`request-id: ${error.requestId ?? ''}\nclient-request-id: ${error.clientRequestId}`}
          label="Copy ids"
        />
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void switchAccount()}>
          Switch account
        </Button>
        <Button onClick={() => void signOut()}>Sign out</Button>
      </div>
    </section>
  );
}
