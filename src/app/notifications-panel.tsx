// Every notice of this session, newest first: what the toasts said, and the ones folded into
// "N more". Opened from the header; loaded on first use.
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useNotifications, type LoggedNotice, type NoticeIntent } from '../components/notify';
import { CopyButton } from '../components/copy-button';
import { format, t } from '../i18n/i18n';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`,
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  success: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  id: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  empty: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', justifyContent: 'flex-end', marginBottom: tokens.spacingVerticalS },
});

const INTENT_WORDS: Readonly<Record<NoticeIntent, string>> = {
  get error() {
    return t({ id: 'notifications.intent.error', defaultMessage: 'Error' });
  },
  get warning() {
    return t({ id: 'notifications.intent.warning', defaultMessage: 'Warning' });
  },
  get success() {
    return t({ id: 'notifications.intent.success', defaultMessage: 'Done' });
  },
  get info() {
    return t({ id: 'notifications.intent.info', defaultMessage: 'Note' });
  },
};

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

export function NotificationsPanel() {
  const styles = useStyles();
  const { notices, clear, panelOpen, setPanelOpen } = useNotifications();
  const newestFirst = [...notices].reverse();
  return (
    <OverlayDrawer
      position="end"
      size="medium"
      open={panelOpen}
      onOpenChange={(_, data) => setPanelOpen(data.open)}
      aria-labelledby="notifications-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          id="notifications-title"
          action={
            <Button appearance="subtle" onClick={() => setPanelOpen(false)}>
              {t({ id: 'common.close', defaultMessage: 'Close' })}
            </Button>
          }
        >
          {t({ id: 'notifications.title', defaultMessage: 'Notifications' })}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {newestFirst.length === 0 ? (
          <Text className={styles.empty}>
            {t({
              id: 'notifications.empty',
              defaultMessage:
                'Nothing yet. Outcomes of what you reprocess in this tab are listed here, newest first.',
            })}
          </Text>
        ) : (
          <>
            <div className={styles.actions}>
              <Button size="small" onClick={clear}>
                {t({ id: 'notifications.clear', defaultMessage: 'Clear the list' })}
              </Button>
            </div>
            <ul
              className={styles.list}
              aria-label={t({ id: 'notifications.list', defaultMessage: "This session's notices" })}
            >
              {newestFirst.map((entry) => (
                <NoticeItem key={entry.id} entry={entry} />
              ))}
            </ul>
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}

function NoticeItem({ entry }: { entry: LoggedNotice }) {
  const styles = useStyles();
  const { notice } = entry;
  const tone =
    notice.intent === 'error'
      ? styles.error
      : notice.intent === 'warning'
        ? styles.warning
        : notice.intent === 'success'
          ? styles.success
          : undefined;
  return (
    <li className={mergeClasses(styles.item, tone)}>
      <span className={styles.meta}>
        {INTENT_WORDS[notice.intent]} · {format.time(entry.at, TIME)}
      </span>
      <Text weight="semibold">{notice.title}</Text>
      {notice.body && <Text>{notice.body}</Text>}
      {notice.details?.map((d) => (
        <span key={d} className={styles.meta}>
          {d}
        </span>
      ))}
      {notice.requestId && (
        <span className={styles.id}>
          request-id {notice.requestId}
          <CopyButton
            value={notice.requestId}
            label={t({ id: 'notifications.copyRequestId', defaultMessage: 'Copy request-id' })}
          />
        </span>
      )}
      {notice.clientRequestId && (
        <span className={styles.id}>
          client-request-id {notice.clientRequestId}
          <CopyButton
            value={notice.clientRequestId}
            label={t({ id: 'notifications.copyClientRequestId', defaultMessage: 'Copy client-request-id' })}
          />
        </span>
      )}
    </li>
  );
}
