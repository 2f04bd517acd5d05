// /authorize: validates the request the way Entra does, shows the account picker (or uses the session for
// prompt=none), checks consent and answers the app with a single-use code in the URL fragment or query.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoUser } from '../directory.ts';
import { CLIENT_ID, DEMO_USERS, REDIRECT_URIS, findUser } from '../directory.ts';
import { parseCookies, readBody, redirect } from '../http.ts';
import type { IdpContext } from './context.ts';
import { AUTHORIZE_PATH, SESSION_COOKIE, sessionCookie } from './context.ts';
import type { EntraError, Trace } from './entra-errors.ts';
import { describeError, entraErrors, traceFor } from './entra-errors.ts';
import { approvalPage, pickerPage, sendErrorPage, sendPage } from './pages.ts';
import { missingConsent, parseScopes } from './scopes.ts';
import type { AuthorizeRequest, SignedInAccount } from './store.ts';
import { clientInfo } from './tokens.ts';

/** An S256 challenge is the base64url of a SHA-256 digest: 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const INTERACTIVE_PROMPTS = ['login', 'select_account', 'consent', 'create'];

export async function handleAuthorize(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const trace = traceFor(req, url, ctx.now());
  if (req.method === 'GET') return startAuthorize(ctx, req, res, url.searchParams, trace);
  if (req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const pendingId = form.get('pending');
    // The picker posts back here with its pending id; any other POST is an authorize request sent as a form.
    if (pendingId !== null) return finishPick(ctx, req, res, pendingId, form.get('user'), trace);
    return startAuthorize(ctx, req, res, form, trace);
  }
  res.writeHead(405, { Allow: 'GET, POST' });
  res.end();
}

/** The app's redirect URI with the response in the fragment (MSAL's default) or the query. */
function responseUrl(
  target: Pick<AuthorizeRequest, 'redirectUri' | 'responseMode'>,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(target.redirectUri);
  const response = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) response.set(name, value);
  if (target.responseMode === 'query') {
    for (const [name, value] of response) url.searchParams.append(name, value);
  } else {
    url.hash = response.toString();
  }
  return url.toString();
}

function errorUrl(
  target: Pick<AuthorizeRequest, 'redirectUri' | 'responseMode' | 'state'>,
  e: EntraError,
  trace: Trace,
): string {
  return responseUrl(target, {
    error: e.error,
    error_description: describeError(e, trace),
    state: target.state,
  });
}

function startAuthorize(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: URLSearchParams,
  trace: Trace,
): void {
  const clientId = params.get('client_id');
  if (!clientId) return sendErrorPage(res, entraErrors.missingParameter('client_id'), trace);
  if (clientId !== CLIENT_ID) return sendErrorPage(res, entraErrors.unknownClient(clientId), trace);
  // Exact match only, and never a redirect to an unregistered URI (that would make the IdP an open redirector).
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return sendErrorPage(res, entraErrors.missingParameter('redirect_uri'), trace);
  if (!REDIRECT_URIS.includes(redirectUri))
    return sendErrorPage(res, entraErrors.redirectUriMismatch(redirectUri), trace);

  // From here on the redirect URI is trusted: errors go back to the app, as Entra sends them.
  const state = params.get('state') ?? undefined;
  const modeParam = params.get('response_mode');
  const responseMode = modeParam === 'query' ? 'query' : 'fragment';
  const fail = (e: EntraError): void =>
    redirect(res, errorUrl({ redirectUri, responseMode, state }, e, trace));

  if (modeParam !== null && modeParam !== 'query' && modeParam !== 'fragment') {
    return fail(
      entraErrors.invalidRequest(`response_mode '${modeParam}' is not supported; use 'fragment' or 'query'.`),
    );
  }
  const responseType = params.get('response_type');
  if (!responseType) return fail(entraErrors.missingParameter('response_type'));
  if (responseType !== 'code') return fail(entraErrors.unsupportedResponseType(responseType));
  const scope = params.get('scope');
  if (!scope?.trim()) return fail(entraErrors.missingParameter('scope'));
  const unknownResource = parseScopes(scope).unknownResources[0];
  if (unknownResource !== undefined) return fail(entraErrors.unknownResource(unknownResource));

  // Single-page apps must use PKCE, and only S256 is accepted here.
  const codeChallenge = params.get('code_challenge');
  if (!codeChallenge) return fail(entraErrors.pkceRequired());
  if (params.get('code_challenge_method') !== 'S256') {
    return fail(entraErrors.invalidRequest("code_challenge_method must be 'S256'."));
  }
  if (!S256_CHALLENGE.test(codeChallenge)) return fail(entraErrors.badCodeChallenge());

  const prompt = params.get('prompt');
  if (prompt !== null && prompt !== 'none' && !INTERACTIVE_PROMPTS.includes(prompt)) {
    return fail(entraErrors.invalidRequest(`Invalid prompt value '${prompt}'.`));
  }

  const request: AuthorizeRequest = {
    clientId,
    redirectUri,
    responseMode,
    scope,
    state,
    nonce: params.get('nonce') ?? undefined,
    codeChallenge,
    // Kept for the code: the redemption answers with a token that satisfies these claims.
    claims: params.get('claims') ?? undefined,
  };

  if (prompt === 'none') {
    const found = silentAccount(ctx, req, params);
    if ('error' in found) return fail(found);
    const user = ctx.store.withGrants(findUser(found.userId));
    if (!user) return fail(entraErrors.loginRequired(false));
    if (missingPermissions(request, user).length > 0) return fail(entraErrors.consentRequired());
    return redirect(res, successUrl(ctx, request, user, found));
  }

  // The picker carries only an id; the validated request waits server-side.
  const pendingId = ctx.store.addPending(request);
  sendPage(res, 200, 'Pick an account', pickerPage({ action: AUTHORIZE_PATH, pendingId, users: DEMO_USERS }));
}

/** prompt=none: the session's account named by `sid` or `login_hint`, or its only account. */
function silentAccount(
  ctx: IdpContext,
  req: IncomingMessage,
  params: URLSearchParams,
): SignedInAccount | EntraError {
  const accounts = ctx.store.sessionAccounts(parseCookies(req)[SESSION_COOKIE]);
  const sid = params.get('sid');
  const loginHint = params.get('login_hint')?.toLowerCase();
  if (sid) return accounts.find((a) => a.sid === sid) ?? entraErrors.loginRequired(true);
  if (loginHint) {
    const match = accounts.find((a) => findUser(a.userId)?.userPrincipalName.toLowerCase() === loginHint);
    return match ?? entraErrors.loginRequired(true);
  }
  const [only, ...others] = accounts;
  if (!only) return entraErrors.loginRequired(false);
  return others.length > 0 ? entraErrors.selectAccount() : only;
}

/** Graph permissions the request asks for that the user's admin consent does not cover. */
function missingPermissions(request: AuthorizeRequest, user: DemoUser): string[] {
  const missing = parseScopes(request.scope).resources.flatMap((r) => missingConsent(user, r.permissions));
  return [...new Set(missing)];
}

function successUrl(
  ctx: IdpContext,
  request: AuthorizeRequest,
  user: DemoUser,
  account: SignedInAccount,
): string {
  const code = ctx.store.issueCode(request, account);
  return responseUrl(request, {
    code,
    client_info: clientInfo(user),
    state: request.state,
    session_state: account.sid,
  });
}

function finishPick(
  ctx: IdpContext,
  req: IncomingMessage,
  res: ServerResponse,
  pendingId: string,
  userId: string | null,
  trace: Trace,
): void {
  const request = ctx.store.getPending(pendingId);
  if (!request) {
    const expired = entraErrors.invalidRequest(
      'This sign-in page has expired. Go back to the application and sign in again.',
    );
    return sendErrorPage(res, expired, trace);
  }
  const user = userId ? ctx.store.withGrants(findUser(userId)) : undefined;
  if (!user) return sendErrorPage(res, entraErrors.invalidRequest('Pick one of the listed accounts.'), trace);

  // The person has signed in even if consent is missing next, as with Entra: prompt=none then says
  // consent_required rather than login_required.
  const { sessionId, account } = ctx.store.signIn(parseCookies(req)[SESSION_COOKIE], user.id);
  const headers = { 'Set-Cookie': sessionCookie(sessionId) };

  const missing = missingPermissions(request, user);
  if (missing.length > 0) {
    // A user cannot grant these (EntitlementManagement.* need admin consent): explain, and offer the way back.
    const backHref = errorUrl(request, entraErrors.consentRequired(), trace);
    sendPage(res, 200, 'Approval required', approvalPage({ user, missing, backHref }), headers);
    return;
  }
  ctx.store.deletePending(pendingId);
  redirect(res, successUrl(ctx, request, user, account), headers);
}
