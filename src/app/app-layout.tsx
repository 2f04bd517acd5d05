import {
  Avatar,
  Badge,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useAccountActions, useSession } from '../auth/session';
import { FailedRequestsPage } from '../features/requests/components/failed-requests-page';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { flexGrow: 1, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  account: { display: 'grid', textAlign: 'end', lineHeight: tokens.lineHeightBase200 },
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}` },
});

export function AppLayout() {
  const styles = useStyles();
  const { account, config } = useSession();
  const { signOut, switchAccount } = useAccountActions();
  const name = account.name ?? account.username;
  return (
    <>
      <header className={styles.header}>
        <div className={styles.brand}>
          <Text as="h1" size={500} weight="semibold">
            Reprocess Desk
          </Text>
          <Badge appearance="tint" color="informative" title="Microsoft Graph API version in use">
            Graph {config.graphApiVersion}
          </Badge>
        </div>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button
              appearance="subtle"
              aria-label={`Account: ${name}`}
              icon={<Avatar name={name} size={28} />}
            >
              <span className={styles.account}>
                <Text weight="semibold">{name}</Text>
                <Text size={200}>{account.username}</Text>
              </span>
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => void switchAccount()}>Switch account</MenuItem>
              <MenuItem onClick={() => void signOut()}>Sign out</MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </header>
      <main className={styles.main}>
        <FailedRequestsPage />
      </main>
    </>
  );
}
