import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { customEndpoints } from '../config/app-config';
import { useSession } from '../auth/session';
import { useFirstScreenShown, useMarkFirstScreen } from '../components/first-screen';
import { useNotifications } from '../components/notify';
import { navigate, useLocationUrl } from '../components/url-state';
import { RequestsWorkspace } from '../features/requests/api/use-reprocess';
import { FailedRequestsPage } from '../features/requests/components/failed-requests-page';
import { LazyPart, PageLoading, lazyNamed, preloadLazyParts } from '../components/lazy-part';
import {
  RequestDetailsExtrasProvider,
  type RequestDetailsExtras,
} from '../features/requests/components/request-details-extras';
import { PartBoundary } from '../components/part-boundary';
import { ActivityRecordProvider, useActivityStorage } from '../record/activity-record-provider';
import { SkipToQueue } from './skip-to-queue';

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
  version: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: 'nowrap',
  },
  // Not a Microsoft cloud's host: shown in warning colours, so a typo in config.json is seen at once.
  custom: {
    border: `1px solid ${tokens.colorStatusWarningBorder1}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
  },
  nav: { flexGrow: 1, display: 'flex', alignSelf: 'stretch', gap: tokens.spacingHorizontalXS },
  // Page links drawn like Fluent tabs: the current page is underlined.
  pageLink: {
    display: 'flex',
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecoration: 'none',
    fontSize: tokens.fontSizeBase300,
    borderBottom: `3px solid transparent`,
    borderTop: `3px solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  currentPage: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    ':hover': { borderBottomColor: tokens.colorCompoundBrandStroke },
  },
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

// The first screen is the queue: the other pages, the drawer's extra sections and the account menu
// load on first use (the menu right after the first screen).
const AccountMenu = lazyNamed(() => import('./account-menu'), 'AccountMenu');
const NotificationsPanel = lazyNamed(() => import('./notifications-panel'), 'NotificationsPanel');
const ActivityPage = lazyNamed(() => import('../features/activity/activity-page'), 'ActivityPage');
const AuditPage = lazyNamed(() => import('../features/audit/components/audit-page'), 'AuditPage');
const StorageNotice = lazyNamed(() => import('./storage-notice'), 'StorageNotice');
const RequestActivityHistory = lazyNamed(
  () => import('../features/activity/request-activity-history'),
  'RequestActivityHistory',
);
const RequestAuditEvents = lazyNamed(
  () => import('../features/audit/components/request-audit-events'),
  'RequestAuditEvents',
);

/** The request details drawer also shows the activity record and Entra's audit events. */
const DETAILS_EXTRAS: RequestDetailsExtras = {
  dashboardHistory: (requestId) => (
    <LazyPart name="this request's activity">
      <RequestActivityHistory requestId={requestId} />
    </LazyPart>
  ),
  moreSections: (requestId) => (
    <LazyPart name="Entra's audit events">
      <RequestAuditEvents requestId={requestId} />
    </LazyPart>
  ),
};

/** The activity record belongs to the signed-in account; every page and reprocess flow writes to it. */
export function AppLayout() {
  const { account } = useSession();
  return (
    <ActivityRecordProvider account={account}>
      <RequestDetailsExtrasProvider value={DETAILS_EXTRAS}>
        <PartBoundary name="the dashboard">
          <AppShell />
        </PartBoundary>
      </RequestDetailsExtrasProvider>
    </ActivityRecordProvider>
  );
}

function AppShell() {
  const styles = useStyles();
  const { account, config } = useSession();
  const url = useLocationUrl();
  const page = currentPage(url.pathname);
  const custom = useMemo(() => customEndpoints(config), [config]);
  const name = account.name ?? account.username;
  const accountLabel = `Account: ${name}`;
  const accountText = (
    <span className={styles.account}>
      <Text weight="semibold">{name}</Text>
      <Text size={200}>{account.username}</Text>
    </span>
  );
  // The menu loads once the page has rendered; a click before that opens it when it arrives.
  const [openAsked, setOpenAsked] = useState(false);
  const firstScreenShown = useFirstScreenShown();
  const menuWanted = openAsked ? 'open' : firstScreenShown ? 'load' : 'idle';
  // The queue says when its first screen is shown; the other pages have nothing to wait for.
  useMarkFirstScreen(page !== '/');
  useEffect(() => {
    if (!firstScreenShown) return undefined;
    // When the browser is idle after the first screen, every other part (drawer, dialogs, other
    // pages) loads, so they open without a wait.
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => void preloadLazyParts(), { timeout: 5_000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(() => void preloadLazyParts(), 1_000);
    return () => clearTimeout(timer);
  }, [firstScreenShown]);
  const plainAccountButton = (
    <Button appearance="subtle" aria-label={accountLabel} onClick={() => setOpenAsked(true)}>
      {accountText}
    </Button>
  );
  return (
    <RequestsWorkspace>
      {page === '/' && <SkipToQueue />}
      <header className={styles.header}>
        <div className={styles.brand}>
          <Text as="h1" size={500} weight="semibold">
            Reprocess Desk
          </Text>
          <span className={styles.version} title="Microsoft Graph API version in use">
            Graph {config.graphApiVersion}
          </span>
          {custom.length > 0 && (
            <span
              className={mergeClasses(styles.version, styles.custom)}
              title="Sign-in or Graph goes to a host that is not a Microsoft cloud's (set in config.json)"
            >
              Custom endpoints: {custom.join(', ')}
            </span>
          )}
        </div>
        <nav className={styles.nav} aria-label="Pages">
          {PAGES.map((p) => (
            <a
              key={p.path}
              href={p.path}
              aria-current={p.path === page ? 'page' : undefined}
              className={mergeClasses(styles.pageLink, p.path === page && styles.currentPage)}
              onClick={(e) => followInApp(e, p.path)}
            >
              {p.label}
            </a>
          ))}
        </nav>
        <NotificationsButton />
        {menuWanted === 'idle' ? (
          plainAccountButton
        ) : (
          <LazyPart name="the account menu" fallback={plainAccountButton} quietFallback={plainAccountButton}>
            <AccountMenu label={accountLabel} initiallyOpen={menuWanted === 'open'}>
              {accountText}
            </AccountMenu>
          </LazyPart>
        )}
      </header>
      <main className={styles.main}>
        <StorageNoticeSlot />
        {page === '/' && (
          <PartBoundary name="the Failed requests page">
            <FailedRequestsPage />
          </PartBoundary>
        )}
        {page === '/activity' && (
          <LazyPart name="the Activity page" fallback={<PageLoading label="Opening the activity record…" />}>
            <ActivityPage />
          </LazyPart>
        )}
        {page === '/audit' && (
          <LazyPart
            name="the Entra audit log page"
            fallback={<PageLoading label="Opening the Entra audit log…" />}
          >
            <AuditPage />
          </LazyPart>
        )}
      </main>
    </RequestsWorkspace>
  );
}

/** Shown only when the load-time check found no usable IndexedDB, so it loads only then. */
function StorageNoticeSlot() {
  const storage = useActivityStorage();
  if (storage.state !== 'unavailable') return null;
  return (
    <LazyPart name="the storage notice">
      <StorageNotice reason={storage.reason} />
    </LazyPart>
  );
}

/** A plain click on a page link changes page without reloading; any other click does what links do. */
function followInApp(e: MouseEvent<HTMLAnchorElement>, path: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(path);
}

/**
 * Notifications: every notice of this session (the toasts, and those folded into "N more"), in a
 * panel loaded on first use.
 */
function NotificationsButton() {
  const { notices, panelOpen, setPanelOpen } = useNotifications();
  const [used, setUsed] = useState(false);
  if (panelOpen && !used) setUsed(true);
  const count = notices.length;
  // Closing the panel puts focus back here (it may have been opened from a toast that is gone).
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(panelOpen);
  useEffect(() => {
    if (wasOpen.current && !panelOpen) button.current?.focus();
    wasOpen.current = panelOpen;
  }, [panelOpen]);
  return (
    <>
      <Button
        ref={button}
        appearance="subtle"
        aria-label={count === 0 ? 'Notifications' : `Notifications (${count})`}
        onClick={() => setPanelOpen(true)}
      >
        {count === 0 ? 'Notifications' : `Notifications (${count})`}
      </Button>
      {used && (
        <LazyPart name="the notifications">
          <NotificationsPanel />
        </LazyPart>
      )}
    </>
  );
}
