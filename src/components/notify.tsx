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
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
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
      {sticky && <ToastFooter />}
    </Toast>
  );
}

type Notify = (notice: Notice) => void;
const NotifyContext = createContext<{ notify: Notify; dismissAll: () => void } | null>(null);

/** The app's one Toaster. Errors stay until dismissed (WCAG 2.2.1) and are announced assertively. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const toasterId = useId('toaster');
  const { dispatchToast, dismissAllToasts } = useToastController(toasterId);
  const notify = useCallback<Notify>(
    (notice) => {
      const sticky = notice.intent === 'error' || notice.intent === 'warning';
      dispatchToast(<NoticeToast notice={notice} />, {
        intent: notice.intent,
        timeout: sticky ? -1 : 8000,
        politeness: notice.politeness ?? (sticky ? 'assertive' : 'polite'),
        pauseOnHover: true,
        pauseOnWindowBlur: true,
      });
    },
    [dispatchToast],
  );
  const value = useMemo(() => ({ notify, dismissAll: () => dismissAllToasts() }), [notify, dismissAllToasts]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      {/* Below the header, so the account menu stays reachable while toasts are up. */}
      <Toaster toasterId={toasterId} position="top-end" limit={6} offset={{ vertical: 64 }} />
    </NotifyContext.Provider>
  );
}

export function useNotify() {
  const ctx = useContext(NotifyContext);
  if (!ctx) throw new Error('useNotify must be used inside NotifyProvider');
  return ctx;
}
