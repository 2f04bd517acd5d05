// A behaviour-level fake of the Graph calls the engine makes (reprocess, $batch of reprocess steps
// and of GETs), for the engine's unit tests: requests have states, a reprocess of a failed one
// moves it to delivering, a second one is refused 400; faults are set per request id.
import type { GraphClient, GraphRequest, GraphResponse } from '../../graph/graph-client';
import { GraphError } from '../../graph/graph-error';
import type {
  ActivityAfterward,
  ActivityEntry,
  ActivityRecorder,
  ActivityResult,
  ActivityStart,
} from '../../record/activity-record';
import type { RequestPaths } from '../engine';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** The call is applied, then no answer comes back. */
  | { kind: 'dropAfterApply' }
  /** No answer, and nothing applied. */
  | { kind: 'drop' }
  | { kind: 'hold'; until: Promise<void> };

export class FakeGraph {
  states = new Map<string, string>();
  /** Graph's status text per request, when set. */
  statusTexts = new Map<string, string>();
  /** Every reprocess Graph received (applied or not), by request id. */
  posts = new Map<string, number>();
  gets = new Map<string, number>();
  batchCalls = 0;
  /** Faults used once each, in order, per request id (for its reprocess). */
  faults = new Map<string, Fault[]>();
  /** A fault for the next whole call (single POST or $batch), used once. */
  callFaults: Fault[] = [];
  private seq = 0;

  constructor(ids: readonly string[], state = 'deliveryFailed') {
    for (const id of ids) this.states.set(id, state);
  }

  postCount(id: string): number {
    return this.posts.get(id) ?? 0;
  }

  fault(id: string, ...faults: Fault[]): void {
    this.faults.set(id, [...(this.faults.get(id) ?? []), ...faults]);
  }

  readonly paths: RequestPaths = {
    reprocess: (id) => `/requests/${encodeURIComponent(id)}/reprocess`,
    request: (id) => `/requests/${encodeURIComponent(id)}`,
    readState: (json) => {
      const state = (json as { state?: unknown } | undefined)?.state;
      if (typeof state !== 'string') return undefined;
      const status = (json as { status?: unknown }).status;
      return {
        state,
        label: state,
        failed: state === 'deliveryFailed' || state === 'partiallyDelivered',
        inProgress: state === 'delivering' || state === 'submitted',
        ...(typeof status === 'string' && { status }),
      };
    },
  };

  client(getToken: (scopes: readonly string[]) => Promise<string> = () => Promise.resolve('t')): GraphClient {
    return {
      apiVersion: 'v1.0',
      request: async <T>(req: GraphRequest): Promise<GraphResponse<T>> => {
        await getToken(req.scopes);
        const clientRequestId = `c-${++this.seq}`;
        const callFault = this.callFaults.shift();
        if (callFault?.kind === 'hold') await callFault.until;
        if (callFault?.kind === 'drop') throw network(clientRequestId);
        if (callFault?.kind === 'status')
          throw httpError(callFault.status, clientRequestId, callFault.headers);
        if (req.path === '/$batch') {
          this.batchCalls++;
          const steps = (req.body as { requests: { id: string; method: string; url: string }[] }).requests;
          const answers = await Promise.all(steps.map((s) => this.step(s.method, s.url)));
          if (callFault?.kind === 'dropAfterApply' || answers.some((a) => a === 'drop'))
            throw network(clientRequestId);
          return {
            status: 200,
            data: { responses: steps.map((s, i) => ({ id: s.id, ...(answers[i] as object) })) } as T,
            clientRequestId,
            attempts: 1,
            requestId: `r-${this.seq}`,
          };
        }
        const answer = await this.step(req.method, req.path);
        if (answer === 'drop' || callFault?.kind === 'dropAfterApply') throw network(clientRequestId);
        if (answer.status >= 400) throw httpError(answer.status, clientRequestId, answer.headers);
        return {
          status: answer.status,
          data: answer.body as T,
          clientRequestId,
          attempts: 1,
          requestId: `r-${this.seq}`,
        };
      },
      pages: () => {
        throw new Error('not used');
      },
    };
  }

  private async step(
    method: string,
    url: string,
  ): Promise<{ status: number; headers: Record<string, string>; body?: unknown } | 'drop'> {
    const match = /^\/requests\/([^/]+)(\/reprocess)?$/.exec(url);
    const id = match ? decodeURIComponent(match[1]!) : '';
    if (method === 'GET') {
      this.gets.set(id, (this.gets.get(id) ?? 0) + 1);
      const state = this.states.get(id);
      if (state === undefined)
        return { status: 404, headers: {}, body: { error: { code: 'NotFound', message: '' } } };
      const status = this.statusTexts.get(id);
      return { status: 200, headers: {}, body: { id, state, ...(status !== undefined && { status }) } };
    }
    const fault = this.faults.get(id)?.shift();
    if (fault?.kind === 'hold') await fault.until;
    if (fault?.kind === 'drop') return 'drop';
    if (fault?.kind === 'status') {
      return {
        status: fault.status,
        headers: fault.headers ?? {},
        body: { error: { code: 'Fault', message: 'fault' } },
      };
    }
    this.posts.set(id, this.postCount(id) + 1);
    const state = this.states.get(id);
    if (state === undefined)
      return { status: 404, headers: {}, body: { error: { code: 'NotFound', message: '' } } };
    if (state !== 'deliveryFailed' && state !== 'partiallyDelivered') {
      return { status: 400, headers: {}, body: { error: { code: 'InvalidRequestState', message: '' } } };
    }
    this.states.set(id, 'delivering');
    if (fault?.kind === 'dropAfterApply') return 'drop';
    return { status: 202, headers: {} };
  }
}

function network(clientRequestId: string): GraphError {
  return new GraphError({ kind: 'network', status: 0, clientRequestId, message: 'Failed to fetch' });
}

function httpError(
  status: number,
  clientRequestId: string,
  headers: Record<string, string> = {},
): GraphError {
  const claimsHeader = headers['WWW-Authenticate'];
  const claims = claimsHeader ? /claims="([^"]+)"/.exec(claimsHeader)?.[1] : undefined;
  return new GraphError({
    kind: 'http',
    status,
    clientRequestId,
    code: 'Fault',
    ...(claims !== undefined && { claims: atob(claims) }),
  });
}

/** An in-memory activity record: every entry, written ahead and completed. */
export class MemoryRecorder implements ActivityRecorder {
  entries: ActivityEntry[] = [];
  failWrites = false;
  private seq = 0;

  begin = async (start: ActivityStart): Promise<ActivityEntry> => (await this.beginMany([start]))[0]!;

  beginMany = (starts: readonly ActivityStart[]): Promise<ActivityEntry[]> => {
    if (this.failWrites) return Promise.reject(new Error('QuotaExceededError'));
    const made = starts.map((s) => ({
      ...s,
      id: `e-${++this.seq}`,
      time: new Date(1_700_000_000_000 + this.seq).toISOString(),
      outcome: 'pending' as const,
      actor: { upn: 'agent@contoso.example', objectId: 'o', tenantId: 't' },
    }));
    this.entries.push(...made);
    return Promise.resolve(made.map((e) => ({ ...e })));
  };

  complete = (entryId: string, result: ActivityResult): Promise<void> => {
    const entry = this.entries.find((e) => e.id === entryId);
    if (entry) Object.assign(entry, result, { completedTime: new Date().toISOString() });
    return Promise.resolve();
  };

  noteAfterward = (entryId: string, afterward: ActivityAfterward): Promise<void> => {
    const entry = this.entries.find((e) => e.id === entryId);
    if (entry) entry.afterward = afterward;
    return Promise.resolve();
  };

  /** Entries whose call left the browser (everything but "not sent" and "cancelled"). */
  sends(requestId: string): ActivityEntry[] {
    return this.entries.filter(
      (e) => e.requestId === requestId && e.outcome !== 'failed' && e.outcome !== 'cancelled',
    );
  }
}
