import { useMutation, useQueries } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { InteractionStartedError } from '../../../auth/access-token';
import { useSession } from '../../../auth/session';
import { useNotify } from '../../../components/notify';
import type { AssignmentRequest } from '../model';
import {
  classifyReprocessError,
  describeReprocessOutcome,
  type ReprocessOutcome,
} from '../reprocess-outcome';
import { requestDetailQuery } from './request-queries';
import { reprocessRequest } from './requests-api';

/** What the dashboard has done to a row in this session. */
export type RowActivity =
  | { phase: 'sending' }
  | { phase: 'submitted'; since: number; original: AssignmentRequest }
  | { phase: 'settled'; request: AssignmentRequest }
  | { phase: 'gone' }
  | { phase: 'failed'; outcome: ReprocessOutcome };

const POLL_INTERVAL_MS = 2_000;
/** After this long without a state change we stop asking; the row keeps saying "submitted". */
const POLL_FOR_MS = 10 * 60_000;

function hasSettled(original: AssignmentRequest, now: AssignmentRequest): boolean {
  if (now.state === 'delivering' || now.state === 'submitted') return false;
  return now.state !== original.state || now.completedDateTime !== original.completedDateTime;
}

/**
 * Reprocess for single rows: one call per row at a time (a double click sends one POST), a toast
 * per outcome, and after a 202 the request is polled until its state changes.
 */
export function useReprocess() {
  const { graph, scopes, account } = useSession();
  const { notify } = useNotify();
  const [activity, setActivity] = useState<ReadonlyMap<string, RowActivity>>(new Map());
  // Synchronous guard: two clicks can arrive before React re-renders the disabled button.
  const inFlight = useRef(new Set<string>());

  const setRow = useCallback((id: string, next: RowActivity) => {
    setActivity((prev) => new Map(prev).set(id, next));
  }, []);

  const mutation = useMutation({
    mutationKey: ['reprocess', account.homeAccountId, graph.apiVersion],
    mutationFn: (req: AssignmentRequest) => reprocessRequest(graph, req.id, { scopes: [scopes.readWrite] }),
  });
  const { mutateAsync } = mutation;

  const reprocess = useCallback(
    async (req: AssignmentRequest) => {
      if (inFlight.current.has(req.id)) return;
      inFlight.current.add(req.id);
      setRow(req.id, { phase: 'sending' });
      let outcome: ReprocessOutcome;
      try {
        const response = await mutateAsync(req);
        outcome = {
          kind: 'accepted',
          status: response.status,
          requestId: response.requestId,
          clientRequestId: response.clientRequestId,
        };
        setRow(req.id, { phase: 'submitted', since: Date.now(), original: req });
      } catch (error) {
        if (error instanceof InteractionStartedError) return; // the page is navigating to sign-in
        outcome = classifyReprocessError(error);
        setRow(req.id, outcome.kind === 'gone' ? { phase: 'gone' } : { phase: 'failed', outcome });
      } finally {
        inFlight.current.delete(req.id);
      }
      notify(describeReprocessOutcome(outcome, req));
    },
    [mutateAsync, notify, setRow],
  );

  // Poll the requests that were accepted until Graph reports a new state.
  const submitted = [...activity].flatMap(([id, a]) => (a.phase === 'submitted' ? [{ id, a }] : []));
  const details = useQueries({
    queries: submitted.map(({ id, a }) => ({
      ...requestDetailQuery(graph, account.homeAccountId, scopes.read, id),
      staleTime: 0,
      refetchInterval: () => (Date.now() - a.since > POLL_FOR_MS ? false : POLL_INTERVAL_MS),
    })),
  });
  const settledKey = details
    .map((d) => `${d.data?.id ?? ''}:${d.data?.state ?? ''}:${d.dataUpdatedAt}`)
    .join('|');
  useEffect(() => {
    details.forEach((d, i) => {
      const entry = submitted[i];
      const now = d.data;
      if (!entry || !now || entry.a.phase !== 'submitted') return;
      if (!hasSettled(entry.a.original, now)) return;
      setRow(entry.id, { phase: 'settled', request: now });
      const delivered = now.state === 'delivered';
      notify({
        intent: delivered ? 'success' : 'warning',
        title: delivered ? 'Delivered after reprocess' : `Still not delivered: ${now.status ?? now.stateRaw}`,
        body: `${now.accessPackage?.displayName ?? 'Access package'} for ${now.requestor?.displayName ?? 'the requestor'} is now in state "${now.stateRaw}".`,
      });
    });
    // settledKey captures every change in `details` that matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledKey]);

  return { activity, reprocess };
}
