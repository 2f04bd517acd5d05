import {
  Button,
  Text,
  Toast,
  ToastBody,
  ToastFooter,
  ToastTitle,
  ToastTrigger,
  Toaster,
  makeStyles,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { CopyButton } from './copy-button';

export type NoticeIntent = 'success' | 'info' | 'warning' | 'error';

/** What a toast says. All text is rendered as text (React escapes it), never as HTML. */
export interface Notice {
  intent: NoticeIntent;
  title: string;
  body?: string;
  /** Short facts shown under the body, e.g. the Graph error code. */
  details?: readonly string[];
  /** Graph's request-id and the client-request-id: what Microsoft support asks for. */
  requestId?: string;
  clientRequestId?: string;
  /** Overrides the default (errors and warnings assertive, the rest polite). */
  politeness?: 'polite' | 'assertive';
  /** One action on the toast, e.g. Retry where sending again is safe. */
  action?: { label: string; run: () => void };
}

/** A notice as the Notifications panel lists it. */
export interface LoggedNotice {
  id: number;
  at: number;
  notice: Notice;
}

/** This session's notices, newest last; the panel reads them. */
class NoticeLog {
  private entries: readonly LoggedNotice[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private static readonly MAX = 300;

  add(notice: Notice): void {
    const entry = { id: this.nextId++, at: Date.now(), notice };
    const kept = this.entries.length >= NoticeLog.MAX ? this.entries.slice(1) : this.entries;
    this.entries = [...kept, entry];
    this.listeners.forEach((l) => l());
  }

  clear(): void {
    this.entries = [];
    this.listeners.forEach((l) => l());
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  get = (): readonly LoggedNotice[] => this.entries;
}

const useStyles = makeStyles({
  ids: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
  idLabel: {
    gridColumn: '1 / -1',
    color: tokens.colorNeutralForeground3,
    marginTop: tokens.spacingVerticalXXS,
  },
  idValue: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  details: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function IdLine({ label, value }: { label: string; value: string }) {
  const styles = useStyles();
  return (
    <>
      <Text size={200} className={styles.idLabel}>
        {label}
      </Text>
      <span className={styles.idValue}>{value}</span>
      <CopyButton value={value} label={`Copy ${label}`} />
    </>
  );
}

function NoticeToast({ notice }: { notice: Notice }) {
  const styles = useStyles();
  const sticky = notice.intent === 'error' || notice.intent === 'warning';
  const { action } = notice;
  return (
    <Toast>
      <ToastTitle
        action={
          sticky ? (
            <ToastTrigger>
              <Button appearance="transparent" size="small">
                Dismiss
              </Button>
            </ToastTrigger>
          ) : undefined
        }
      >
        {notice.title}
      </ToastTitle>
      {(notice.body ?? notice.details ?? notice.requestId ?? notice.clientRequestId) !== undefined && (
        <ToastBody>
          {notice.body}
          {notice.details?.map((d) => (
            <span key={d} className={styles.details}>
              {d}
            </span>
          ))}
          {(notice.requestId ?? notice.clientRequestId) && (
            <div className={styles.ids}>
              {notice.requestId && <IdLine label="request-id" value={notice.requestId} />}
              {notice.clientRequestId && <IdLine label="client-request-id" value={notice.clientRequestId} />}
            </div>
          )}
        </ToastBody>
      )}
      {action && (
        <ToastFooter>
          <ToastTrigger>
            <Button size="small" onClick={action.run}>
              {action.label}
            </Button>
          </ToastTrigger>
        </ToastFooter>
      )}
      {sticky && !action && <ToastFooter />}
    </Toast>
  );
}

/** The toast standing for the notices that did not get one of their own. */
function FoldedToast({ count, onOpen }: { count: number; onOpen: () => void }) {
  return (
    <Toast>
      <ToastTitle
        action={
          <ToastTrigger>
            <Button appearance="transparent" size="small">
              Dismiss
            </Button>
          </ToastTrigger>
        }
      >
        {count} more {count === 1 ? 'notice' : 'notices'}
      </ToastTitle>
      <ToastBody>Every notice of this session is in Notifications.</ToastBody>
      <ToastFooter>
        <ToastTrigger>
          <Button size="small" onClick={onOpen}>
            Open notifications
          </Button>
        </ToastTrigger>
      </ToastFooter>
    </Toast>
  );
}

/** `toast: false` only lists the notice in Notifications: it is shown where the agent looks. */
type Notify = (notice: Notice, opts?: { toast?: boolean }) => void;
interface NotifyContextValue {
  notify: Notify;
  dismissAll: () => void;
  log: NoticeLog;
  panelOpen: boolean;
  setPanelOpen: (open: boolean) => void;
}
const NotifyContext = createContext<NotifyContextValue | null>(null);

/** At most this many toasts at once; the rest are folded into one "N more" toast. */
export const MAX_TOASTS = 3;
const FOLDED_ID = 'folded-notices';

/**
 * The app's one Toaster, and the session's Notifications. Errors stay until dismissed (WCAG 2.2.1)
 * and are announced assertively; success is polite and brief. Toasts stand at the bottom left,
 * clear of the grid's selection column and far from its Reprocess and Details column, at most
 * three at a time: more fold into one "N more" toast that opens the Notifications panel, where
 * every notice is kept.
 */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const toasterId = useId('toaster');
  const { dispatchToast, dismissAllToasts, updateToast, dismissToast } = useToastController(toasterId);
  const [log] = useState(() => new NoticeLog());
  const [panelOpen, setPanelOpen] = useState(false);
  // Toasts on screen (queued or visible), and how many notices were folded since the last fold.
  const open = useRef(new Set<string>());
  const folded = useRef(0);
  const nextToast = useRef(0);

  const openPanel = useCallback(() => {
    dismissToast(FOLDED_ID);
    setPanelOpen(true);
  }, [dismissToast]);

  const notify = useCallback<Notify>(
    (notice, opts) => {
      log.add(notice);
      if (opts?.toast === false) return;
      const sticky = notice.intent === 'error' || notice.intent === 'warning';
      const politeness = notice.politeness ?? (sticky ? 'assertive' : 'polite');
      if (open.current.has(FOLDED_ID) || open.current.size >= MAX_TOASTS) {
        folded.current++;
        const content = <FoldedToast count={folded.current} onOpen={openPanel} />;
        if (open.current.has(FOLDED_ID)) updateToast({ toastId: FOLDED_ID, content });
        else {
          open.current.add(FOLDED_ID);
          dispatchToast(content, {
            toastId: FOLDED_ID,
            intent: 'info',
            timeout: -1,
            politeness: 'polite',
            onStatusChange: (_, { status }) => {
              if (status === 'unmounted') {
                open.current.delete(FOLDED_ID);
                folded.current = 0;
              }
            },
          });
        }
        return;
      }
      const toastId = `notice-${nextToast.current++}`;
      open.current.add(toastId);
      dispatchToast(<NoticeToast notice={notice} />, {
        toastId,
        intent: notice.intent,
        timeout: sticky ? -1 : 5000,
        politeness,
        pauseOnHover: true,
        pauseOnWindowBlur: true,
        onStatusChange: (_, { status }) => {
          if (status === 'unmounted') open.current.delete(toastId);
        },
      });
    },
    [dispatchToast, updateToast, log, openPanel],
  );
  const narrow = useNarrowWindow();
  const value = useMemo(
    () => ({ notify, dismissAll: () => dismissAllToasts(), log, panelOpen, setPanelOpen }),
    [notify, dismissAllToasts, log, panelOpen],
  );
  return (
    <NotifyContext.Provider value={value}>
      {children}
      {/* The folded toast is one more than the limit. */}
      <Toaster
        toasterId={toasterId}
        position="bottom-start"
        limit={MAX_TOASTS + 1}
        offset={narrow ? { horizontal: 8, vertical: 8 } : { horizontal: 72, vertical: 16 }}
      />
    </NotifyContext.Provider>
  );
}

const NARROW = '(max-width: 640px)';

/** Whether the window is phone-narrow: toasts then take the whole width, lower down. */
function useNarrowWindow(): boolean {
  // Some environments (older embedded browsers, test DOMs) have no matchMedia: wide, then.
  const supported = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
  return useSyncExternalStore(
    (l) => {
      if (!supported) return () => undefined;
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', l);
      return () => query.removeEventListener('change', l);
    },
    () => supported && window.matchMedia(NARROW).matches,
  );
}

/** This session's notices, oldest first, and whether the Notifications panel is open. */
export function useNotifications() {
  const ctx = useContext(NotifyContext);
  if (!ctx) throw new Error('useNotifications must be used inside NotifyProvider');
  const notices = useSyncExternalStore(ctx.log.subscribe, ctx.log.get);
  return {
    notices,
    clear: () => ctx.log.clear(),
    panelOpen: ctx.panelOpen,
    setPanelOpen: ctx.setPanelOpen,
  };
}

export function useNotify() {
  const ctx = useContext(NotifyContext);
  if (!ctx) throw new Error('useNotify must be used inside NotifyProvider');
  return ctx;
}
