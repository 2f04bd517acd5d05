import {
  Avatar,
  Badge,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useAccountActions, useSession } from '../auth/session';
import { navigate, useLocationUrl } from '../components/url-state';
import { RequestsWorkspace } from '../features/requests/api/use-reprocess';
import { FailedRequestsPage } from '../features/requests/components/failed-requests-page';
import { ActivityPage } from '../features/activity/activity-page';
import { RequestActivityHistory } from '../features/activity/request-activity-history';
import { RequestAuditEvents } from '../features/audit/components/request-audit-events';
import {
  RequestDetailsExtrasProvider,
  type RequestDetailsExtras,
} from '../features/requests/components/request-details-extras';
import { AuditPage } from '../features/audit/components/audit-page';
import { ActivityRecordProvider } from '../record/activity-record-provider';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  nav: { flexGrow: 1 },
  account: { display: 'grid', textAlign: 'end', lineHeight: tokens.lineHeightBase200 },
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}` },
});

/** The app's pages. Paths are real URLs, so a copied link opens the same page and view. */
export const PAGES = [
  { path: '/', label: 'Failed requests' },
  { path: '/activity', label: 'Activity' },
  { path: '/audit', label: 'Entra audit log' },
] as const;

function currentPage(pathname: string): string {
  return PAGES.find((p) => p.path === pathname)?.path ?? '/';
}

/** The request details drawer also shows the activity record and Entra's audit events. */
const DETAILS_EXTRAS: RequestDetailsExtras = {
  dashboardHistory: (requestId) => <RequestActivityHistory requestId={requestId} />,
  moreSections: (requestId) => <RequestAuditEvents requestId={requestId} />,
};

/** The activity record belongs to the signed-in account; every page and reprocess flow writes to it. */
export function AppLayout() {
  const { account } = useSession();
  return (
    <ActivityRecordProvider account={account}>
      <RequestDetailsExtrasProvider value={DETAILS_EXTRAS}>
        <AppShell />
      </RequestDetailsExtrasProvider>
    </ActivityRecordProvider>
  );
}

function AppShell() {
  const styles = useStyles();
  const { account, config } = useSession();
  const { signOut, switchAccount } = useAccountActions();
  const url = useLocationUrl();
  const page = currentPage(url.pathname);
  const name = account.name ?? account.username;
  return (
    <RequestsWorkspace>
      <header className={styles.header}>
        <div className={styles.brand}>
          <Text as="h1" size={500} weight="semibold">
            Reprocess Desk
          </Text>
          <Badge appearance="tint" color="informative" title="Microsoft Graph API version in use">
            Graph {config.graphApiVersion}
          </Badge>
        </div>
        <nav className={styles.nav} aria-label="Pages">
          <TabList selectedValue={page} onTabSelect={(_, data) => navigate(String(data.value))}>
            {PAGES.map((p) => (
              <Tab key={p.path} value={p.path}>
                {p.label}
              </Tab>
            ))}
          </TabList>
        </nav>
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
        {page === '/' && <FailedRequestsPage />}
        {page === '/activity' && <ActivityPage />}
        {page === '/audit' && <AuditPage />}
      </main>
    </RequestsWorkspace>
  );
}
