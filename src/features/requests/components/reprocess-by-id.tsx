import { Button, Field, Input, Link, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { InteractionStartedError } from '../../../auth/access-token';
import { useGraphAccess, useSession } from '../../../auth/session';
import { useLocationUrl, useSearchParams } from '../../../components/url-state';
import { findCachedRequest } from '../api/cached-request';
import { requestDetailsQuery } from '../api/request-details-query';
import { requestKeys } from '../api/request-queries';
import { useReprocess, useRequestActivity } from '../api/use-reprocess';
import type { AssignmentRequest } from '../model';
import { parseRequestId } from '../request-id';
import { Spinner } from '../../../components/spinner';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  field: { flexGrow: 1, minWidth: '280px', maxWidth: '520px' },
  // Lines the button and link up with the input, under the field's label.
  actions: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingTop: `calc(${tokens.lineHeightBase300} + ${tokens.spacingVerticalXXS})`,
    minHeight: '32px',
  },
});

const READ_ONLY_REASON =
  'Read-only: reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.';

/**
 * A field where an agent pastes a request id from a ticket (bare, in braces, or inside an admin
 * center or Graph URL), checked as they type, then reprocessed with the same toasts as a row.
 */
export function ReprocessById({ canReprocess }: { canReprocess: boolean }): JSX.Element {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const parsed = parseRequestId(text);
  const { graph, scopes, account } = useSession();
  const access = useGraphAccess();
  const queryClient = useQueryClient();
  const { reprocess } = useReprocess();
  const [, updateParams] = useSearchParams();
  const url = useLocationUrl();

  const showInvalid = !parsed.ok && parsed.reason !== 'empty';
  // Queued in a bulk run, on the wire, in another tab: the id's own controls say why, and so does this one.
  const inFlight = useRequestActivity(parsed.ok ? parsed.id : '').busy;
  const blocked = parsed.ok ? inFlight : undefined;
  const accessKnown = access.isSuccess;
  const readOnly = accessKnown && !canReprocess;

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

  async function submit(): Promise<void> {
    if (!parsed.ok || busy || !canReprocess || blocked) return;
    setBusy(true);
    try {
      const request = await requestFor(parsed.id);
      if (request !== 'signing-in') await reprocess(request, { source: 'by-id' });
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

  const button = (
    <Button
      type="submit"
      appearance="primary"
      disabled={busy || !accessKnown || (!readOnly && !parsed.ok)}
      disabledFocusable={!busy && (readOnly || (parsed.ok && blocked !== undefined))}
      icon={busy ? <Spinner size="extra-tiny" /> : undefined}
    >
      Reprocess
    </Button>
  );

  return (
    <form
      className={styles.form}
      aria-label="Reprocess by request id"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field
        className={styles.field}
        label="Reprocess by request id"
        validationState={showInvalid ? 'error' : 'none'}
        validationMessage={showInvalid ? parsed.message : undefined}
        hint={readOnly ? READ_ONLY_REASON : blocked}
      >
        <Input
          value={text}
          onChange={(_, data) => setText(data.value)}
          placeholder="Paste an id, {id} or an admin center link"
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <div className={styles.actions}>
        {readOnly ? (
          <Tooltip content={READ_ONLY_REASON} relationship="description">
            {button}
          </Tooltip>
        ) : (
          button
        )}
        {parsed.ok && detailsHref && (
          <Link
            href={detailsHref}
            onClick={(e) => {
              // A plain click stays in the app; a modified click opens a new tab as links do.
              if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              updateParams((p) => p.set('request', parsed.id), { replace: false });
            }}
          >
            Open details
          </Link>
        )}
      </div>
    </form>
  );
}
