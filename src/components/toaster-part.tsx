// The toasts: Fluent's Toaster and what each notice looks like, in their own chunk (loaded once
// the first screen is shown, or at the first notice). See notify.tsx for the rules they follow.
import {
  Button,
  Toast,
  ToastBody,
  ToastFooter,
  ToastTitle,
  ToastTrigger,
  Toaster,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useMediaQuery } from './use-media-query';
import { t } from '../i18n/i18n';
import { MAX_TOASTS, type Notice, type ToastSink } from './notify';

function NoticeToast({ notice }: { notice: Notice }) {
  const sticky = notice.intent === 'error' || notice.intent === 'warning';
  const { action } = notice;
  return (
    <Toast>
      <ToastTitle
        action={
          sticky ? (
            <ToastTrigger>
              <Button appearance="transparent" size="small">
                {t({ id: 'common.dismiss', defaultMessage: 'Dismiss' })}
              </Button>
            </ToastTrigger>
          ) : undefined
        }
      >
        {notice.title}
      </ToastTitle>
      {/* Short: the Graph error code and the request ids are kept in Notifications. */}
      {notice.body !== undefined && <ToastBody>{notice.body}</ToastBody>}
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
              {t({ id: 'common.dismiss', defaultMessage: 'Dismiss' })}
            </Button>
          </ToastTrigger>
        }
      >
        {t(
          {
            id: 'notify.folded.title',
            defaultMessage: '{count, plural, one {# more notice} other {# more notices}}',
          },
          { count },
        )}
      </ToastTitle>
      <ToastBody>
        {t({ id: 'notify.folded.body', defaultMessage: 'Every notice of this session is in Notifications.' })}
      </ToastBody>
      <ToastFooter>
        <ToastTrigger>
          <Button size="small" onClick={onOpen}>
            {t({ id: 'notify.folded.open', defaultMessage: 'Open notifications' })}
          </Button>
        </ToastTrigger>
      </ToastFooter>
    </Toast>
  );
}

const FOLDED_ID = 'folded-notices';

/**
 * The app's one Toaster. Errors stay until dismissed (WCAG 2.2.1) and are announced assertively;
 * success is polite and brief. Toasts stand at the bottom left, clear of the grid's selection
 * column and far from its Reprocess and Details column, at most three at a time: more fold into
 * one "N more" toast that opens the Notifications panel, where every notice is kept.
 */
export function ToasterPart({
  attach,
  openPanel,
}: {
  attach: (sink: ToastSink | null) => void;
  openPanel: () => void;
}) {
  const toasterId = useId('toaster');
  const { dispatchToast, dismissAllToasts, updateToast, dismissToast } = useToastController(toasterId);
  // Toasts on screen (queued or visible), and how many notices were folded since the last fold.
  const open = useRef(new Set<string>());
  const folded = useRef(0);
  const nextToast = useRef(0);
  const narrow = useNarrowWindow();

  // A passive effect: it runs after the Toaster's own, so the Toaster listens before the notices
  // that waited for this part are shown.
  useEffect(() => {
    const onOpen = (): void => {
      dismissToast(FOLDED_ID);
      openPanel();
    };
    const show = (notice: Notice): void => {
      const sticky = notice.intent === 'error' || notice.intent === 'warning';
      const politeness = notice.politeness ?? (sticky ? 'assertive' : 'polite');
      if (open.current.has(FOLDED_ID) || open.current.size >= MAX_TOASTS) {
        folded.current++;
        const content = <FoldedToast count={folded.current} onOpen={onOpen} />;
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
    };
    attach({ show, dismissAll: () => dismissAllToasts() });
    return () => attach(null);
  }, [attach, openPanel, dispatchToast, dismissAllToasts, updateToast, dismissToast]);

  return (
    // The folded toast is one more than the limit.
    <Toaster
      toasterId={toasterId}
      position="bottom-start"
      limit={MAX_TOASTS + 1}
      offset={narrow ? { horizontal: 8, vertical: 8 } : { horizontal: 72, vertical: 16 }}
    />
  );
}

const NARROW = '(max-width: 640px)';

/** Whether the window is phone-narrow: toasts then take the whole width, lower down. */
function useNarrowWindow(): boolean {
  return useMediaQuery(NARROW);
}
