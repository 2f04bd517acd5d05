import { Button, Text, makeStaticStyles, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { NavigationRegular } from '@fluentui/react-icons';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type RefObject,
} from 'react';
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
import { t } from '../i18n/i18n';

/** A phone, or 400 % zoom: the page's margins shrink so the content keeps its room. */
const PHONE = '@media (max-width: 480px)';

// The browser's default 8 px around the page is room a phone cannot spare.
const usePageStyles = makeStaticStyles(`${PHONE} { body { margin: 0; } }`);
import { SkipToQueue } from './skip-to-queue';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    [PHONE]: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  },
  // Wide: nothing wraps or shrinks, so when it does not fit the header overflows, is measured as
  // such, and gives way to the Menu.
  wideItem: { flexShrink: 0, whiteSpace: 'nowrap' },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // Narrow: the name and its badges take what the Menu button leaves, and wrap.
  brandNarrow: { flexGrow: 1, flexWrap: 'wrap', minWidth: 0, rowGap: tokens.spacingVerticalXXS },
  menuButton: { flexShrink: 0 },
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
  // The hosts can be long: the badge wraps them (in a narrow column on a wide header, which then
  // keeps its room for the links).
  customHosts: {
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    minWidth: 0,
    borderRadius: tokens.borderRadiusMedium,
  },
  customWide: { maxWidth: '200px' },
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
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    [PHONE]: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  },
});

/** The app's pages. Paths are real URLs, so a copied link opens the same page and view. */
export const PAGES = [
  {
    path: '/',
    get label() {
      return t({ id: 'nav.failedRequests', defaultMessage: 'Failed requests' });
    },
  },
  {
    path: '/causes',
    get label() {
      return t({ id: 'nav.causes', defaultMessage: 'Causes' });
    },
  },
  {
    path: '/activity',
    get label() {
      return t({ id: 'nav.activity', defaultMessage: 'Activity' });
    },
  },
  {
    path: '/audit',
    get label() {
      return t({ id: 'nav.audit', defaultMessage: 'Entra audit log' });
    },
  },
] as const;

function currentPage(pathname: string): string {
  return PAGES.find((p) => p.path === pathname)?.path ?? '/';
}

// The first screen is the queue: the other pages, the drawer's extra sections and the account menu
// load on first use (the menu right after the first screen).
const accountMenus = () => import('./account-menu');
const AccountMenu = lazyNamed(accountMenus, 'AccountMenu');
const HeaderMenu = lazyNamed(accountMenus, 'HeaderMenu');
const NotificationsPanel = lazyNamed(() => import('./notifications-panel'), 'NotificationsPanel');
const CausesPage = lazyNamed(() => import('../features/causes/causes-page'), 'CausesPage');
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
    <LazyPart name={t({ id: 'app.part.requestActivity', defaultMessage: "this request's activity" })}>
      <RequestActivityHistory requestId={requestId} />
    </LazyPart>
  ),
  moreSections: (requestId) => (
    <LazyPart name={t({ id: 'app.part.requestAuditEvents', defaultMessage: "Entra's audit events" })}>
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
        <PartBoundary name={t({ id: 'app.part.dashboard', defaultMessage: 'the dashboard' })}>
          <AppShell />
        </PartBoundary>
      </RequestDetailsExtrasProvider>
    </ActivityRecordProvider>
  );
}

function AppShell() {
  usePageStyles();
  const styles = useStyles();
  const { account, config } = useSession();
  const url = useLocationUrl();
  const page = currentPage(url.pathname);
  const custom = useMemo(() => customEndpoints(config), [config]);
  const name = account.name ?? account.username;
  // The button shows the name and the UPN: both are in its accessible name, so a person who
  // says what they see (voice control) reaches it (WCAG 2.5.3 Label in Name).
  const accountLabel = t(
    { id: 'app.account.label', defaultMessage: 'Account: {name} {upn}' },
    { name, upn: account.username },
  );
  // The space between the two lines is not drawn (the span is a grid), but it keeps them two
  // words for whatever reads the text, such as axe's Label in Name check.
  const accountText = (
    <span className={styles.account}>
      <Text weight="semibold">{name}</Text> <Text size={200}>{account.username}</Text>
    </span>
  );
  const [header, setHeader] = useState<HTMLElement | null>(null);
  const { notices, setPanelOpen } = useNotifications();
  const notificationsLabel = t(
    {
      id: 'notifications.button',
      defaultMessage: '{count, plural, =0 {Notifications} other {Notifications (#)}}',
    },
    { count: notices.length },
  );
  const narrow = useCollapsedHeader(header, notificationsLabel);
  // Closing the Notifications panel puts focus back on the button it is opened from.
  const notificationsButton = useRef<HTMLButtonElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  // The menu loads once the page has rendered; a click before that opens it when it arrives.
  const [openAsked, setOpenAsked] = useState(false);
  // Crossing the breakpoint swaps the account menu for the Menu: neither opens by itself then.
  const [wasNarrow, setWasNarrow] = useState(narrow);
  if (wasNarrow !== narrow) {
    setWasNarrow(narrow);
    setOpenAsked(false);
  }
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
    <Button
      appearance="subtle"
      aria-label={accountLabel}
      className={styles.wideItem}
      onClick={() => setOpenAsked(true)}
    >
      {accountText}
    </Button>
  );
  const plainMenuButton = (
    <Button
      ref={menuButton}
      appearance="subtle"
      icon={<NavigationRegular />}
      className={styles.menuButton}
      onClick={() => setOpenAsked(true)}
    >
      {t({ id: 'app.menu', defaultMessage: 'Menu' })}
    </Button>
  );
  return (
    <RequestsWorkspace>
      {page === '/' && <SkipToQueue />}
      <header ref={setHeader} className={styles.header}>
        <div className={mergeClasses(styles.brand, narrow ? styles.brandNarrow : styles.wideItem)}>
          <Text as="h1" size={500} weight="semibold">
            Reprocess Desk
          </Text>
          <span
            className={styles.version}
            title={t({ id: 'app.graphVersion.title', defaultMessage: 'Microsoft Graph API version in use' })}
          >
            {t(
              { id: 'app.graphVersion', defaultMessage: 'Graph {version}' },
              { version: config.graphApiVersion },
            )}
          </span>
          {custom.length > 0 && (
            <span
              className={mergeClasses(
                styles.version,
                styles.custom,
                styles.customHosts,
                !narrow && styles.customWide,
              )}
              title={t({
                id: 'app.customEndpoints.title',
                defaultMessage:
                  "Sign-in or Graph goes to a host that is not a Microsoft cloud's (set in config.json)",
              })}
            >
              {t(
                { id: 'app.customEndpoints', defaultMessage: 'Custom endpoints: {hosts}' },
                { hosts: custom.join(', ') },
              )}
            </span>
          )}
        </div>
        {narrow ? (
          menuWanted === 'idle' ? (
            plainMenuButton
          ) : (
            <LazyPart
              name={t({ id: 'app.part.menu', defaultMessage: 'the menu' })}
              fallback={plainMenuButton}
              quietFallback={plainMenuButton}
            >
              <HeaderMenu
                pages={PAGES}
                currentPath={page}
                onFollow={followInApp}
                notificationsLabel={notificationsLabel}
                onOpenNotifications={() => setPanelOpen(true)}
                accountName={name}
                accountUsername={account.username}
                triggerRef={menuButton}
                initiallyOpen={menuWanted === 'open'}
              />
            </LazyPart>
          )
        ) : (
          <>
            <nav
              className={mergeClasses(styles.nav, styles.wideItem)}
              aria-label={t({ id: 'nav.label', defaultMessage: 'Pages' })}
            >
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
            <Button
              ref={notificationsButton}
              className={styles.wideItem}
              appearance="subtle"
              aria-label={notificationsLabel}
              onClick={() => setPanelOpen(true)}
            >
              {notificationsLabel}
            </Button>
            {menuWanted === 'idle' ? (
              plainAccountButton
            ) : (
              <LazyPart
                name={t({ id: 'app.part.accountMenu', defaultMessage: 'the account menu' })}
                fallback={plainAccountButton}
                quietFallback={plainAccountButton}
              >
                <AccountMenu
                  label={accountLabel}
                  className={styles.wideItem}
                  initiallyOpen={menuWanted === 'open'}
                >
                  {accountText}
                </AccountMenu>
              </LazyPart>
            )}
          </>
        )}
        <NotificationsSlot returnFocusTo={narrow ? menuButton : notificationsButton} />
      </header>
      <main className={styles.main}>
        <StorageNoticeSlot />
        {page === '/' && (
          <PartBoundary
            name={t({ id: 'app.part.failedRequestsPage', defaultMessage: 'the Failed requests page' })}
          >
            <FailedRequestsPage />
          </PartBoundary>
        )}
        {page === '/causes' && (
          <LazyPart
            name={t({ id: 'app.part.causesPage', defaultMessage: 'the Causes page' })}
            fallback={
              <PageLoading
                label={t({ id: 'app.opening.causes', defaultMessage: 'Grouping the failed requests…' })}
              />
            }
          >
            <CausesPage />
          </LazyPart>
        )}
        {page === '/activity' && (
          <LazyPart
            name={t({ id: 'app.part.activityPage', defaultMessage: 'the Activity page' })}
            fallback={
              <PageLoading
                label={t({ id: 'app.opening.activity', defaultMessage: 'Opening the activity record…' })}
              />
            }
          >
            <ActivityPage />
          </LazyPart>
        )}
        {page === '/audit' && (
          <LazyPart
            name={t({ id: 'app.part.auditPage', defaultMessage: 'the Entra audit log page' })}
            fallback={
              <PageLoading
                label={t({ id: 'app.opening.audit', defaultMessage: 'Opening the Entra audit log…' })}
              />
            }
          >
            <AuditPage />
          </LazyPart>
        )}
      </main>
    </RequestsWorkspace>
  );
}

/**
 * Whether the header shows the one Menu button instead of its page links, Notifications and
 * account button: when those do not fit on one line. Measured rather than a fixed breakpoint,
 * since the account's email, the badges and the notice count vary: the wide header needs about
 * 1,000 px without the custom endpoints badge, more with it. A phone, or a 1280 px window at 200 %
 * zoom (640 CSS px), gets the Menu. Measured before paint, so the wide header never shows squeezed.
 */
function useCollapsedHeader(header: HTMLElement | null, contentKey: string): boolean {
  const [collapsed, setCollapsed] = useState(false);
  // What is shown, and the width the wide header needed when it last did not fit.
  const shown = useRef({ collapsed: false, needed: 0 });
  // Again when what the header holds changes (a notice count), not only its size.
  useLayoutEffect(() => {
    shown.current.collapsed = collapsed;
    if (header) fitHeader(header, shown.current, setCollapsed);
  }, [header, collapsed, contentKey]);
  useLayoutEffect(() => {
    if (!header || typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(() => fitHeader(header, shown.current, setCollapsed));
    observer.observe(header);
    return () => observer.disconnect();
  }, [header]);
  return collapsed;
}

function fitHeader(
  header: HTMLElement,
  shown: { collapsed: boolean; needed: number },
  setCollapsed: (collapsed: boolean) => void,
): void {
  if (!shown.collapsed) {
    if (header.scrollWidth > header.clientWidth) {
      shown.needed = header.scrollWidth;
      setCollapsed(true);
    }
  } else if (header.clientWidth >= shown.needed) {
    setCollapsed(false);
  }
}

/** Shown only when the load-time check found no usable IndexedDB, so it loads only then. */
function StorageNoticeSlot() {
  const storage = useActivityStorage();
  if (storage.state !== 'unavailable') return null;
  return (
    <LazyPart name={t({ id: 'app.part.storageNotice', defaultMessage: 'the storage notice' })}>
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
 * panel loaded on first use, opened from the header's button (the Menu's item when narrow) or
 * from a toast.
 */
function NotificationsSlot({ returnFocusTo }: { returnFocusTo: RefObject<HTMLButtonElement | null> }) {
  const { panelOpen } = useNotifications();
  const [used, setUsed] = useState(false);
  if (panelOpen && !used) setUsed(true);
  // Closing the panel puts focus back in the header (it may have been opened from a toast that is gone).
  const wasOpen = useRef(panelOpen);
  useEffect(() => {
    if (wasOpen.current && !panelOpen) returnFocusTo.current?.focus();
    wasOpen.current = panelOpen;
  }, [panelOpen, returnFocusTo]);
  if (!used) return null;
  return (
    <LazyPart name={t({ id: 'app.part.notifications', defaultMessage: 'the notifications' })}>
      <NotificationsPanel />
    </LazyPart>
  );
}
