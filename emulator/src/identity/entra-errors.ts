// Errors as Entra ID words them: an OAuth `error`, an `AADSTSnnnnn: ...` description followed by trace lines,
// and the same numbers in JSON fields. MSAL surfaces error_description to the app and classifies errors by
// `error` and `suberror` (consent_required makes an InteractionRequiredAuthError), so both must look real.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ID, TENANT_NAME } from '../directory.ts';
import { sendJson } from '../http.ts';

export interface EntraError {
  /** OAuth 2.0 error code, e.g. `invalid_grant`. */
  error: string;
  /** The AADSTS number. */
  code: number;
  /** Text after `AADSTSnnnnn: `. */
  message: string;
  suberror?: string;
  /** HTTP status when sent as JSON; 400 unless stated. */
  status?: number;
}

/** Identifies one failed request in the description, as Entra prints it for support. */
export interface Trace {
  traceId: string;
  correlationId: string;
  timestamp: Date;
}

export function isEntraError(value: unknown): value is EntraError {
  return typeof value === 'object' && value !== null && 'error' in value && 'code' in value;
}

export const APP_DISPLAY_NAME = 'Reprocess Desk';

const CLIENT_REQUEST_ID = /^[\w-]{1,100}$/;

/** Entra uses the caller's client-request-id (header or query, as MSAL sends it) as the correlation id. */
export function traceFor(req: IncomingMessage, url: URL, now: number): Trace {
  const header = req.headers['client-request-id'];
  const candidates = [
    typeof header === 'string' ? header : undefined,
    url.searchParams.get('client-request-id'),
  ];
  const correlationId = candidates.find((c) => c !== undefined && c !== null && CLIENT_REQUEST_ID.test(c));
  return { traceId: randomUUID(), correlationId: correlationId ?? randomUUID(), timestamp: new Date(now) };
}

/** Entra's instants inside messages: `2022-08-23T07:42:08.0617654Z` (seven fractional digits). */
function entraInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}

/** Entra's timestamp style: `2025-02-13 10:17:06Z`. */
export function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function describeError(e: EntraError, trace: Trace): string {
  return [
    `AADSTS${e.code}: ${e.message}`,
    `Trace ID: ${trace.traceId}`,
    `Correlation ID: ${trace.correlationId}`,
    `Timestamp: ${entraTimestamp(trace.timestamp)}`,
  ].join('\r\n');
}

export function sendEntraError(
  res: ServerResponse,
  e: EntraError,
  trace: Trace,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    e.status ?? 400,
    {
      error: e.error,
      error_description: describeError(e, trace),
      error_codes: [e.code],
      timestamp: entraTimestamp(trace.timestamp),
      trace_id: trace.traceId,
      correlation_id: trace.correlationId,
      ...(e.suberror ? { suberror: e.suberror } : {}),
    },
    { 'x-ms-request-id': trace.traceId, ...headers },
  );
}

// The catalogue. Messages follow Entra's wording so that what the app shows matches what a person would
// find when searching for the code.
export const entraErrors = {
  missingParameter: (name: string): EntraError => ({
    error: 'invalid_request',
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  invalidRequest: (detail: string): EntraError => ({
    error: 'invalid_request',
    code: 90023,
    message: `The authentication service request is not valid. ${detail}`,
  }),
  tenantNotFound: (tenant: string, error = 'invalid_tenant'): EntraError => ({
    error,
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }),
  unknownClient: (clientId: string): EntraError => ({
    error: 'unauthorized_client',
    code: 700016,
    message: `Application with identifier '${clientId}' was not found in the directory '${TENANT_NAME}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  redirectUriMismatch: (redirectUri: string): EntraError => ({
    error: 'invalid_request',
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${CLIENT_ID}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  }),
  unsupportedResponseType: (responseType: string): EntraError => ({
    error: 'unsupported_response_type',
    code: 700054,
    message: `response_type '${responseType}' is not enabled for the application.`,
  }),
  pkceRequired: (): EntraError => ({
    error: 'invalid_request',
    code: 9002325,
    message: 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
  }),
  badCodeChallenge: (): EntraError => ({
    error: 'invalid_request',
    code: 501491,
    message: 'Invalid size of Code_Challenge parameter.',
  }),
  unknownResource: (resource: string): EntraError => ({
    error: 'invalid_resource',
    code: 500011,
    message: `The resource principal named ${resource} was not found in the tenant named ${TENANT_NAME}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  multipleResources: (scope: string): EntraError => ({
    error: 'invalid_request',
    code: 28000,
    message: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
  }),
  loginRequired: (hinted: boolean): EntraError => ({
    error: 'login_required',
    code: 50058,
    message: hinted
      ? 'A silent sign-in request was sent but none of the currently signed in user(s) match the requested login hint.'
      : "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
  }),
  selectAccount: (): EntraError => ({
    error: 'interaction_required',
    code: 16000,
    message:
      'SelectUserAccount - This is an interrupt thrown by Azure AD, which results in UI that allows the user to select from among multiple valid SSO sessions.',
  }),
  consentRequired: (error = 'consent_required'): EntraError => ({
    error,
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${CLIENT_ID}' named '${APP_DISPLAY_NAME}'. Send an interactive authorization request for this user and resource.`,
    ...(error === 'invalid_grant' ? { suberror: 'consent_required' } : {}),
  }),
  postOnly: (method: string): EntraError => ({
    error: 'invalid_request',
    code: 900561,
    message: `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
  }),
  publicClientSecret: (): EntraError => ({
    error: 'invalid_client',
    code: 700025,
    message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    status: 401,
  }),
  originRequired: (): EntraError => ({
    error: 'invalid_request',
    code: 9002327,
    message:
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  }),
  originNotAllowed: (origin: string): EntraError => ({
    error: 'invalid_request',
    code: 9002326,
    message: `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
  }),
  unsupportedGrantType: (grantType: string): EntraError => ({
    error: 'unsupported_grant_type',
    code: 70003,
    message: `The app requested an unsupported grant type '${grantType}'.`,
  }),
  invalidCode: (detail = ''): EntraError => ({
    error: 'invalid_grant',
    code: 70000,
    message: `The provided value for the 'code' parameter is not valid.${detail ? ` ${detail}` : ''}`,
  }),
  codeRedeemed: (): EntraError => ({
    error: 'invalid_grant',
    code: 54005,
    message:
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  }),
  codeExpired: (): EntraError => ({
    error: 'invalid_grant',
    code: 70008,
    message:
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  }),
  replyAddressMismatch: (given: string, original: string): EntraError => ({
    error: 'invalid_grant',
    code: 500112,
    message: `The reply address '${given}' does not match the reply address '${original}' provided when requesting Authorization code.`,
  }),
  verifierMismatch: (): EntraError => ({
    error: 'invalid_grant',
    code: 501481,
    message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  }),
  malformedRefreshToken: (): EntraError => ({
    error: 'invalid_grant',
    code: 9002313,
    message: 'Invalid request. Request is malformed or invalid.',
  }),
  refreshTokenOtherClient: (): EntraError => ({
    error: 'invalid_grant',
    code: 70000,
    message: 'The refresh token was issued to a different client.',
  }),
  grantRevoked: (issuedAt: number, validFrom: number): EntraError => ({
    error: 'invalid_grant',
    code: 50173,
    message: `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${entraInstant(issuedAt)}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${entraInstant(validFrom)}'.`,
  }),
  invalidClaims: (): EntraError => ({
    error: 'invalid_request',
    code: 90023,
    message:
      "The authentication service request is not valid. The 'claims' parameter is not a valid JSON object.",
  }),
  spaRefreshTokenExpired: (): EntraError => ({
    error: 'invalid_grant',
    code: 700084,
    message:
      'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.',
  }),
} as const;
