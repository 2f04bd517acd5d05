// /logout: ends the browser session and returns to the app when it names a registered redirect URI.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REDIRECT_URIS } from '../directory.ts';
import { parseCookies, redirect } from '../http.ts';
import type { IdpContext } from './context.ts';
import { SESSION_COOKIE, clearedSessionCookie } from './context.ts';
import { sendPage, signedOutPage } from './pages.ts';

/**
 * Entra compares reply URLs exactly, except that an origin with no path is the same URL as origin + '/'
 * (`http://localhost:5173` and `http://localhost:5173/` are one URL). Anything else is not followed.
 */
export function isRegisteredLogoutUri(uri: string): boolean {
  if (REDIRECT_URIS.includes(uri)) return true;
  try {
    const url = new URL(uri);
    return uri === url.origin && REDIRECT_URIS.includes(`${url.origin}/`);
  } catch {
    return false;
  }
}

export function handleLogout(ctx: IdpContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.writeHead(405, { Allow: 'GET, POST' });
    res.end();
    return;
  }
  // Ends every account in this browser's session. Refresh tokens already issued stay valid, as with Entra,
  // where signing out does not revoke them.
  ctx.store.signOut(parseCookies(req)[SESSION_COOKIE]);
  const headers = { 'Set-Cookie': clearedSessionCookie() };
  const target = url.searchParams.get('post_logout_redirect_uri');
  if (target && isRegisteredLogoutUri(target)) {
    const back = new URL(target);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    // Keep the URI as the app wrote it when there is nothing to add (URL would append a '/').
    redirect(res, state === null ? target : back.toString(), headers);
    return;
  }
  sendPage(res, 200, 'Signed out', signedOutPage(), headers);
}
