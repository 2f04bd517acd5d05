// JSON batching (concepts/json-batching.md): up to 20 steps with unique ids and relative,
// version-less URLs. A malformed batch is refused as a whole (400); otherwise the answer is 200
// and each step carries its own status, in any order. A step runs through the same router as a
// direct call, with the batch's token and version, and meets the same faults.
//
// A step that meets a drop fault takes the batch's connection with it (a step has no connection
// of its own): the client gets no answer for any step. Which steps were applied:
// - without dependsOn (steps run in parallel): every other step ran and its effects stand; the
//   dropped step itself ran too with `after: 'apply'`, and did not run with a plain drop;
// - with dependsOn (steps run in order): the steps before the dropped one ran, the dropped one as
//   above, the steps after it never ran (and are not in the log).
// The log's batch entry has status 0; its steps carry their own status (0 for a step that did not
// run) and, for the dropped step, `dropped: 'beforeApply' | 'afterApply'`.
import { randomUUID } from 'node:crypto';
import type { DropPoint, LoggedStep } from '../request-log.ts';
import { graphError, JSON_CONTENT_TYPE } from './errors.ts';
import type { ApiVersion, GraphRequest, GraphResponse } from './types.ts';

export const MAX_BATCH_STEPS = 20;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

/** A call whose connection a drop fault destroys; `applied` is the answer it would have had. */
export type Dropped = { dropped: DropPoint; applied?: GraphResponse };

export type StepResult = GraphResponse | Dropped;

export interface BatchOutcome {
  response: GraphResponse | Dropped;
  steps?: LoggedStep[];
}

interface Step {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

function invalid(req: GraphRequest, message: string): BatchOutcome {
  return { response: graphError(req, 400, 'BadRequest', message) };
}

function parseSteps(req: GraphRequest): { steps: Step[]; sequential: boolean } | string {
  let payload: unknown;
  try {
    payload = JSON.parse(req.body ?? '');
  } catch {
    return 'Invalid batch payload format.';
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    !Array.isArray((payload as { requests?: unknown }).requests)
  ) {
    return "Invalid batch payload format. The body must be a JSON object with a 'requests' array.";
  }
  const raw = (payload as { requests: unknown[] }).requests;
  if (raw.length === 0) return 'Invalid batch payload format. The batch must contain at least one request.';
  if (raw.length > MAX_BATCH_STEPS) {
    return `Number of batch request steps exceeds the maximum of ${MAX_BATCH_STEPS}. This batch has ${raw.length}.`;
  }
  const steps: Step[] = [];
  const ids = new Set<string>();
  const dependsOn = new Map<string, unknown>();
  for (const item of raw) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return 'Invalid batch payload format. Each request must be a JSON object.';
    }
    const r = item as Record<string, unknown>;
    if (typeof r.id !== 'string' || r.id === '') {
      return "Invalid batch payload format. A request is missing its 'id'.";
    }
    if (typeof r.method !== 'string' || r.method === '') {
      return `Invalid batch payload format. Request id : ${r.id} has no 'method'.`;
    }
    if (typeof r.url !== 'string' || r.url === '') {
      return `Invalid batch payload format. Request id : ${r.id} has no 'url'.`;
    }
    if (ids.has(r.id)) return `Batch request ids must be unique. Duplicate id : ${r.id}.`;
    ids.add(r.id);
    if (/^[a-z][a-z0-9+.-]*:/i.test(r.url) || /^\/?(v1\.0|beta)(\/|$|\?)/i.test(r.url)) {
      return `Invalid request url '${r.url}' in request id : ${r.id}. Use a URL relative to the batch endpoint, without the version.`;
    }
    const headers: Record<string, string> = {};
    if (r.headers !== undefined) {
      if (typeof r.headers !== 'object' || r.headers === null || Array.isArray(r.headers)) {
        return `Invalid batch payload format. The headers of request id : ${r.id} must be an object.`;
      }
      for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
        if (typeof v !== 'string') {
          return `Invalid batch payload format. Header '${k}' of request id : ${r.id} must be a string.`;
        }
        headers[k] = v;
      }
    }
    steps.push({
      id: r.id,
      method: r.method.toUpperCase(),
      url: r.url,
      headers,
      ...('body' in r ? { body: r.body } : {}),
    });
    if (r.dependsOn !== undefined) dependsOn.set(r.id, r.dependsOn);
  }
  // dependsOn is only validated: a batch that uses it runs its steps one after another in the
  // order given, and a failed dependency does not turn its dependants into 424s as Graph would.
  for (const [id, d] of dependsOn) {
    if (!Array.isArray(d) || d.some((x) => typeof x !== 'string' || !ids.has(x) || x === id)) {
      return `Invalid dependsOn in request id : ${id}. It must list ids of other requests in the batch.`;
    }
  }
  return { steps, sequential: dependsOn.size > 0 };
}

export async function runBatch(
  req: GraphRequest,
  version: ApiVersion,
  runStep: (step: GraphRequest) => Promise<StepResult>,
  shuffle: <T>(items: T[]) => T[],
): Promise<BatchOutcome> {
  const parsed = parseSteps(req);
  if (typeof parsed === 'string') return invalid(req, parsed);

  // Graph runs the steps of a batch without dependsOn in parallel ("individual requests can be
  // executed in any order"), so a batch takes about as long as its slowest step, not their sum.
  const runOne = async (step: Step): Promise<{ step: Step; result: StepResult }> => {
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.headers)) lower[k.toLowerCase()] = v;
    const clientRequestId = lower['client-request-id'] ?? req.clientRequestId;
    if (WRITE_METHODS.has(step.method) && (step.body === undefined || !lower['content-type'])) {
      const result = graphError(
        { requestId: randomUUID(), clientRequestId },
        400,
        'BadRequest',
        `Write request id : ${step.id} does not contain Content-Type header or body.`,
      );
      return { step, result };
    }
    const path = step.url.startsWith('/') ? step.url : `/${step.url}`;
    const r = await runStep({
      method: step.method,
      url: new URL(`/${version}${path}`, req.url.origin),
      // The batch's token authorizes every step.
      headers: { ...lower, authorization: req.headers.authorization },
      ...(step.body !== undefined
        ? { body: typeof step.body === 'string' ? step.body : JSON.stringify(step.body) }
        : {}),
      requestId: randomUUID(),
      clientRequestId,
    });
    return { step, result: r };
  };

  const ran: { step: Step; result: StepResult }[] = [];
  if (parsed.sequential) {
    for (const step of parsed.steps) {
      const r = await runOne(step);
      ran.push(r);
      if ('dropped' in r.result) break;
    }
  } else {
    ran.push(...(await Promise.all(parsed.steps.map(runOne))));
  }

  const responses: Record<string, unknown>[] = [];
  const logged: LoggedStep[] = [];
  let dropped = false;
  let anyApplied = false;
  for (const { step, result } of ran) {
    const base = { id: step.id, method: step.method, url: step.url, headers: step.headers };
    const hasBody = step.body !== undefined;
    if ('dropped' in result) {
      dropped = true;
      if (result.dropped === 'afterApply') anyApplied = true;
      logged.push({ ...base, status: result.applied?.status ?? 0, hasBody, dropped: result.dropped });
      continue;
    }
    anyApplied = true;
    const item: Record<string, unknown> = { id: step.id, status: result.status, headers: result.headers };
    if (result.body !== undefined) item.body = result.body;
    responses.push(item);
    logged.push({ ...base, status: result.status, hasBody });
  }
  if (dropped) return { response: { dropped: anyApplied ? 'afterApply' : 'beforeApply' }, steps: logged };
  return {
    response: {
      status: 200,
      headers: { 'Content-Type': JSON_CONTENT_TYPE, 'OData-Version': '4.0' },
      body: { responses: shuffle(responses) },
    },
    steps: logged,
  };
}
