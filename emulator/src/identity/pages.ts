// The pages a person sees during sign-in: account picker, approval required, errors, signed out.
// Plain server-rendered HTML with inline CSS and no script; every piece of user or request text is escaped.
import type { ServerResponse } from 'node:http';
import type { DemoUser } from '../directory.ts';
import { TENANT_NAME } from '../directory.ts';
import { escapeHtml, sendHtml } from '../http.ts';
import { APP_DISPLAY_NAME, entraTimestamp } from './entra-errors.ts';
import type { EntraError, Trace } from './entra-errors.ts';

const STYLE = `
:root { color-scheme: light; --accent: #0f6cbd; --accent-dark: #0c3b5e; --text: #242424; --muted: #5c5c5c;
  --line: #d1d1d1; --surface: #ffffff; --page: #f0f2f5; --warn-bg: #fff9f5; --warn-line: #f4bfab; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; padding: 24px;
  background: var(--page); color: var(--text);
  font: 15px/1.5 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; }
main { width: 100%; max-width: 460px; background: var(--surface); border-radius: 8px; padding: 32px 36px;
  box-shadow: 0 2px 4px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.08); }
.tenant { margin: 0 0 20px; font-size: 13px; font-weight: 600; color: var(--muted); letter-spacing: .02em; }
.tenant::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 8px; border-radius: 2px;
  background: linear-gradient(135deg, #0f6cbd 0 50%, #4f9ee6 50% 100%); }
h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; line-height: 1.3; }
h2 { margin: 24px 0 8px; font-size: 15px; font-weight: 600; }
p { margin: 0 0 12px; }
.lead { color: var(--muted); margin-bottom: 20px; }
.accounts { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--line); }
.account { position: relative; display: flex; gap: 14px; align-items: flex-start; padding: 14px 12px;
  border-bottom: 1px solid var(--line); }
.account:hover { background: #f5f9fd; }
.account:focus-within { outline: 2px solid var(--accent); outline-offset: -2px; background: #f5f9fd; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center;
  background: #cfe4fa; color: var(--accent-dark); font-weight: 600; font-size: 14px; }
.who { display: flex; flex-direction: column; min-width: 0; }
.who button { all: unset; cursor: pointer; font-weight: 600; font-size: 16px; color: var(--text); }
/* The whole row picks the account, while the button's accessible name stays the display name alone. */
.who button::after { content: ""; position: absolute; inset: 0; }
.who button:focus-visible { outline: none; }
.upn { color: var(--text); font-size: 14px; overflow-wrap: anywhere; }
.desc { color: var(--muted); font-size: 13px; }
.note { margin: 20px 0 0; font-size: 13px; color: var(--muted); }
.notice { background: var(--warn-bg); border: 1px solid var(--warn-line); border-radius: 6px; padding: 12px 14px; }
.notice p:last-child { margin-bottom: 0; }
.permissions { margin: 0 0 16px; padding-left: 20px; }
code { font-family: Consolas, "Cascadia Mono", ui-monospace, monospace; font-size: 14px; }
.action { display: inline-block; margin-top: 8px; padding: 8px 20px; border-radius: 4px; background: var(--accent);
  color: #fff; text-decoration: none; font-weight: 600; }
.action:hover { background: #115ea3; }
.action:focus-visible { outline: 2px solid var(--accent-dark); outline-offset: 2px; }
.error-code { font-family: Consolas, "Cascadia Mono", ui-monospace, monospace; font-size: 13px; overflow-wrap: anywhere;
  background: #f5f5f5; border-radius: 4px; padding: 10px 12px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 16px 0 0; font-size: 13px; color: var(--muted); }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
`;

// No script at all, and the picker cannot be framed (Entra sends X-Frame-Options: DENY on interactive pages).
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="tenant">${escapeHtml(TENANT_NAME)}</p>
${body}
</main>
</body>
</html>
`;
}

export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  sendHtml(res, status, page(title, body), { ...PAGE_HEADERS, ...headers });
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/**
 * The account picker. Each button's accessible name is exactly the user's display name (tests and people
 * using a screen reader find it by that); the UPN and description are linked with aria-describedby.
 */
export function pickerPage(opts: { action: string; pendingId: string; users: readonly DemoUser[] }): string {
  const rows = opts.users
    .map((user, i) => {
      const upnId = `account-${i}-upn`;
      const descId = `account-${i}-desc`;
      return `<li class="account">
<span class="avatar" aria-hidden="true">${escapeHtml(initials(user.displayName))}</span>
<span class="who">
<button type="submit" name="user" value="${escapeHtml(user.id)}" aria-describedby="${upnId} ${descId}">${escapeHtml(user.displayName)}</button>
<span class="upn" id="${upnId}">${escapeHtml(user.userPrincipalName)}</span>
<span class="desc" id="${descId}">${escapeHtml(user.description)}</span>
</span>
</li>`;
    })
    .join('\n');
  return `<h1 id="picker-title">Pick an account</h1>
<p class="lead">to continue to ${escapeHtml(APP_DISPLAY_NAME)}</p>
<form method="post" action="${escapeHtml(opts.action)}" aria-labelledby="picker-title">
<input type="hidden" name="pending" value="${escapeHtml(opts.pendingId)}">
<ul class="accounts">
${rows}
</ul>
</form>
<p class="note">Emulated Microsoft Entra ID for local development: pick a demo user, no password needed.</p>`;
}

export function approvalPage(opts: { user: DemoUser; missing: readonly string[]; backHref: string }): string {
  const items = opts.missing.map((p) => `<li><code>${escapeHtml(p)}</code></li>`).join('\n');
  return `<h1>Approval required</h1>
<p class="lead">Signed in as ${escapeHtml(opts.user.displayName)} (${escapeHtml(opts.user.userPrincipalName)})</p>
<div class="notice">
<p>${escapeHtml(APP_DISPLAY_NAME)} asked for permissions that only an administrator can approve for your account.
Nothing has been changed. Ask an administrator to grant them, or continue without them.</p>
</div>
<h2 id="missing-title">Permissions not approved for you</h2>
<ul class="permissions" aria-labelledby="missing-title">
${items}
</ul>
<a class="action" href="${escapeHtml(opts.backHref)}">Back to the application</a>`;
}

export function errorPage(opts: { description: string; trace: Trace }): string {
  return `<h1>Sign-in problem</h1>
<p class="lead">Sorry, but we're having trouble signing you in.</p>
<p class="error-code" role="alert">${escapeHtml(opts.description)}</p>
<dl>
<dt>Request Id</dt><dd>${escapeHtml(opts.trace.traceId)}</dd>
<dt>Correlation Id</dt><dd>${escapeHtml(opts.trace.correlationId)}</dd>
<dt>Timestamp</dt><dd>${escapeHtml(entraTimestamp(opts.trace.timestamp))}</dd>
</dl>`;
}

/** Errors that must not go back to the app (the redirect target itself is in doubt) are shown here. */
export function sendErrorPage(res: ServerResponse, e: EntraError, trace: Trace, status = 400): void {
  sendPage(
    res,
    status,
    'Sign-in problem',
    errorPage({ description: `AADSTS${e.code}: ${e.message}`, trace }),
  );
}

export function signedOutPage(): string {
  return `<h1>You signed out of your account</h1>
<p class="lead">It's a good idea to close all browser windows.</p>`;
}

/**
 * The IdP's root: where a person lands when accepting the emulator's self-signed certificate.
 * Entra has no such page; it exists so the one certificate warning ends somewhere useful.
 */
export function welcomePage(): string {
  return `<h1>Certificate accepted</h1>
<p class="lead">This is the Entra ID emulator of Reprocess Desk. Your browser now trusts it (and the Graph emulator,
which uses the same certificate) for this session.</p>
<p>Go back to the dashboard and sign in: <a href="http://localhost:5173/">http://localhost:5173</a>.</p>`;
}
