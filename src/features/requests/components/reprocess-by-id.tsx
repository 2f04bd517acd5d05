import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Link,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowRepeatAllRegular, OpenRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type JSX } from 'react';
import { InteractionStartedError } from '../../../auth/access-token';
import { readOnlySentence } from '../../../auth/read-only-notice';
import { useGraphAccess, useSession } from '../../../auth/session';
import { useLocationUrl, useSearchParams } from '../../../components/url-state';
import { t } from '../../../i18n/i18n';
import { findCachedRequest } from '../api/cached-request';
import { requestDetailsQuery } from '../api/request-details-query';
import { requestKeys } from '../api/request-queries';
import { targetOf, useReprocess, useRequestActivity } from '../api/use-reprocess';
import type { AssignmentRequest } from '../model';
import { parseRequestId } from '../request-id';
import { OUTCOME_FOR } from '../outcome-on-screen';
import { describeRunOutcome, describeTarget } from '../reprocess-notice';
import { Spinner } from '../../../components/spinner';

const useStyles = makeStyles({
  surface: { maxWidth: '480px' },
  content: { display: 'grid', gap: tokens.spacingVerticalM },
  // Graph's words and a pasted URL can be long: they wrap rather than run out of the dialog.
  wrap: { overflowWrap: 'anywhere' },
  actions: { flexWrap: 'wrap' },
});

/** What the last reprocess sent from the dialog came to, said under the field. */
type LastResult =
  | { accepted: true; text: string }
  | { accepted: false; id: string; state: 'error' | 'warning'; text: string };

/**
 * "Reprocess by id…": a dialog where an agent pastes a request id from a ticket (bare, in braces,
 * or inside an admin center or Graph URL), checked as they type, then reprocessed with the same
 * toasts as a row. Accepted, the field empties for the next id. A read-only sign-in gets
 * "Open by id…", which opens the request's details instead.
 */
export function ReprocessById({ canReprocess }: { canReprocess: boolean }): JSX.Element {
  const [open, setOpen] = useState(false);
  const access = useGraphAccess();
  const readOnly = access.isSuccess && !canReprocess;
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button icon={readOnly ? <OpenRegular /> : <ArrowRepeatAllRegular />}>
          {readOnly
            ? t({ id: 'byId.open.button', defaultMessage: 'Open by id…' })
            : t({ id: 'byId.button', defaultMessage: 'Reprocess by id…' })}
        </Button>
      </DialogTrigger>
      {/* The surface unmounts when the dialog closes: each opening starts with an empty field. */}
      <ByIdSurface
        readOnly={readOnly}
        accessKnown={access.isSuccess}
        canReprocess={canReprocess}
        onClose={() => setOpen(false)}
      />
    </Dialog>
  );
}

function ByIdSurface({
  readOnly,
  accessKnown,
  canReprocess,
  onClose,
}: {
  readOnly: boolean;
  accessKnown: boolean;
  canReprocess: boolean;
  onClose: () => void;
}): JSX.Element {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastResult | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const parsed = parseRequestId(text);
  const { graph, scopes, account } = useSession();
  const queryClient = useQueryClient();
  const { reprocess } = useReprocess();
  const [, updateParams] = useSearchParams();
  const url = useLocationUrl();

  // Queued in a bulk run, on the wire, in another tab: the id's own controls say why, and so does this one.
  const inFlight = useRequestActivity(parsed.ok ? parsed.id : '').busy;
  const blocked = parsed.ok && !readOnly ? inFlight : undefined;

  // One message under the field at a time: what is wrong with the id, why it cannot be sent now,
  // or what Graph answered when it was sent (kept until the id is changed).
  const failure = !last?.accepted && last?.id === (parsed.ok ? parsed.id : undefined) ? last : undefined;
  const message: { state: 'error' | 'warning'; text: string } | undefined =
    !parsed.ok && parsed.reason !== 'empty'
      ? { state: 'error', text: parsed.message }
      : failure
        ? { state: failure.state, text: failure.text }
        : blocked
          ? { state: 'warning', text: blocked }
          : undefined;

  /** The request to name in the toast: from a list already loaded, else fresh from Graph. */
  async function requestFor(id: string): Promise<AssignmentRequest | 'signing-in'> {
    const cached = findCachedRequest(
      queryClient,
      requestKeys.all(account.homeAccountId, graph.apiVersion),
      id,
    );
    if (cached) return cached;
    try {
      const details = await queryClient.fetchQuery(
        requestDetailsQuery(graph, account.homeAccountId, scopes.read, id),
      );
      if (details) return details.request;
    } catch (error) {
      if (error instanceof InteractionStartedError) return 'signing-in';
      // 404, 403, a network failure: the reprocess call itself gets to answer, and its answer is
      // what the toast reports.
    }
    return { id, state: 'unknown', stateRaw: '', raw: undefined };
  }

  function openDetails(id: string): void {
    onClose();
    updateParams((p) => p.set('request', id), { replace: false });
  }

  async function submit(): Promise<void> {
    if (!parsed.ok || busy) return;
    if (readOnly) {
      openDetails(parsed.id);
      return;
    }
    if (!canReprocess || blocked) return;
    const sentText = text;
    setBusy(true);
    setLast(undefined);
    try {
      const request = await requestFor(parsed.id);
      if (request === 'signing-in') return;
      const outcome = await reprocess(request, { source: 'by-id' });
      if (!outcome) return; // Not sent: the toast says why, and so does the field while it holds.
      const target = targetOf(request);
      if (outcome.kind === 'accepted') {
        setLast({
          accepted: true,
          text: t(
            { id: 'byId.accepted', defaultMessage: 'Accepted: {target}. Paste the next id to reprocess it.' },
            { target: describeTarget(target) },
          ),
        });
        // Emptied for the next id, unless the agent already pasted it while this one was sent.
        const field = input.current;
        if (field && field.value === sentText) {
          setText('');
          field.focus();
        }
      } else {
        // Graph's whole answer, as the toast has it: the field keeps the id to try again or look up.
        const notice = describeRunOutcome(outcome, target);
        setLast({
          accepted: false,
          id: parsed.id,
          state: notice.intent === 'error' ? 'error' : 'warning',
          text: [`${notice.title}.`, notice.body, ...(notice.details ?? [])].filter(Boolean).join(' '),
        });
      }
    } finally {
      setBusy(false);
    }
  }

  const detailsHref = (() => {
    if (!parsed.ok) return undefined;
    const next = new URL(url.href);
    next.searchParams.set('request', parsed.id);
    return `${next.pathname}${next.search}${next.hash}`;
  })();

  const title = readOnly
    ? t({ id: 'byId.open.title', defaultMessage: 'Open by id' })
    : t({ id: 'byId.title', defaultMessage: 'Reprocess by id' });

  return (
    <DialogSurface className={styles.surface}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {/* What Graph answered shows here: no toast repeats it while the dialog is open. */}
        <DialogBody {...(parsed.ok ? { [OUTCOME_FOR]: parsed.id } : {})}>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {readOnly && (
              <Text>
                {t(
                  { id: 'byId.open.intro', defaultMessage: "Opens the request's details. {readOnly}" },
                  { readOnly: readOnlySentence() },
                )}
              </Text>
            )}
            <Field
              label={t({ id: 'byId.field', defaultMessage: 'Request id' })}
              hint={t({
                id: 'byId.field.hint',
                defaultMessage:
                  'The id as a ticket has it: bare, in braces, or inside an Entra admin center or Graph link.',
              })}
              validationState={message?.state ?? 'none'}
              validationMessage={message ? <span className={styles.wrap}>{message.text}</span> : undefined}
            >
              <Input
                ref={input}
                value={text}
                onChange={(_, data) => {
                  setText(data.value);
                  if (last?.accepted) setLast(undefined);
                }}
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            {/* Polite: said once the reprocess is answered, while the field is ready for the next id. */}
            <Text role="status" className={styles.wrap}>
              {last?.accepted ? last.text : ''}
            </Text>
            {!readOnly && parsed.ok && detailsHref && (
              <Link
                href={detailsHref}
                className={styles.wrap}
                onClick={(e) => {
                  // A plain click stays in the app; a modified click opens a new tab as links do.
                  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  openDetails(parsed.id);
                }}
              >
                {t({ id: 'byId.openDetails', defaultMessage: 'Open details' })}
              </Link>
            )}
          </DialogContent>
          <DialogActions className={styles.actions}>
            {readOnly ? (
              <Button type="submit" appearance="primary" disabled={!parsed.ok}>
                {t({ id: 'byId.openDetails', defaultMessage: 'Open details' })}
              </Button>
            ) : (
              <Button
                type="submit"
                appearance="primary"
                // Busy keeps focus on the button (aria-disabled); an empty or invalid id takes it out of the tab order.
                disabled={!busy && (!accessKnown || !parsed.ok)}
                disabledFocusable={busy || (parsed.ok && blocked !== undefined)}
                icon={busy ? <Spinner size="extra-tiny" /> : undefined}
              >
                {t({ id: 'common.reprocess', defaultMessage: 'Reprocess' })}
              </Button>
            )}
            <DialogTrigger disableButtonEnhancement>
              <Button>{t({ id: 'common.close', defaultMessage: 'Close' })}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </form>
    </DialogSurface>
  );
}
