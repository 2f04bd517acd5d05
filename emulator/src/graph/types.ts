// A Graph call stripped of node's HTTP objects, so a direct request and a $batch step run
// through the same router.

export type ApiVersion = 'v1.0' | 'beta';

export interface GraphRequest {
  method: string;
  /** Absolute URL, e.g. https://localhost:8444/v1.0/identityGovernance/... */
  url: URL;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Raw body text, if any. */
  body?: string;
  requestId: string;
  /** Echoed in responses; Graph uses the request id when the client sends none. */
  clientRequestId: string;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON body; absent for 202/204. */
  body?: unknown;
}

/** What the auth step learned about the caller, for logging. */
export interface Caller {
  upn?: string;
}
