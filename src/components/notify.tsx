// Notices: what the app tells the agent about an outcome. Every notice goes into this session's
// Notifications (the panel in the header); most also show as a toast. The toasts themselves
// (Fluent's Toaster) load after the first screen, in their own chunk (toaster-part.tsx): a notice
// given before they are in waits for them, and is in Notifications at once.
import {
  Component,
  Suspense,
  createContext,
  lazy,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useFirstScreenShown } from './first-screen';

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

/** At most this many toasts at once; the rest are folded into one "N more" toast. */
export const MAX_TOASTS = 3;

/** Where notices become toasts, once the toast part has loaded. */
export interface ToastSink {
  show(notice: Notice): void;
  dismissAll(): void;
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

const ToasterPart = lazy(() => import('./toaster-part').then((m) => ({ default: m.ToasterPart })));

/** If the toast part cannot be downloaded, notices are still in Notifications: nothing else breaks. */
class QuietBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [log] = useState(() => new NoticeLog());
  const [panelOpen, setPanelOpen] = useState(false);
  const sink = useRef<ToastSink | null>(null);
  const waiting = useRef<Notice[]>([]);
  const [wanted, setWanted] = useState(false);
  const firstScreenShown = useFirstScreenShown();

  const notify = useCallback<Notify>(
    (notice, opts) => {
      log.add(notice);
      if (opts?.toast === false) return;
      if (sink.current) sink.current.show(notice);
      else {
        waiting.current.push(notice);
        setWanted(true);
      }
    },
    [log],
  );
  const attach = useCallback((next: ToastSink | null) => {
    sink.current = next;
    if (!next) return;
    const waited = waiting.current;
    waiting.current = [];
    for (const notice of waited) next.show(notice);
  }, []);
  const openPanel = useCallback(() => setPanelOpen(true), []);
  const value = useMemo(
    () => ({ notify, dismissAll: () => sink.current?.dismissAll(), log, panelOpen, setPanelOpen }),
    [notify, log, panelOpen],
  );
  return (
    <NotifyContext.Provider value={value}>
      {children}
      {(wanted || firstScreenShown) && (
        <QuietBoundary>
          <Suspense fallback={null}>
            <ToasterPart attach={attach} openPanel={openPanel} />
          </Suspense>
        </QuietBoundary>
      )}
    </NotifyContext.Provider>
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
