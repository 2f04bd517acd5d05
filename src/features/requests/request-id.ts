// Reads an assignment request id out of whatever an agent pastes from a ticket: the bare GUID,
// the GUID with spaces, quotes or braces around it ("{1a2b...}" is how .NET and PowerShell print
// a Guid), or a whole URL that contains it (an Entra admin center link, a Graph URL).

import { t } from '../../i18n/i18n';

export type ParsedRequestId =
  { ok: true; id: string } | { ok: false; reason: 'empty' | 'invalid' | 'ambiguous'; message: string };

/** Why a pasted text is not a request id, in the language in use. */
export function invalidIdMessage(): string {
  return t({
    id: 'byId.parse.invalid',
    defaultMessage: 'Not a valid request id: expected a GUID like 1a2b3c4d-…',
  });
}

function ambiguousMessage(): string {
  return t({
    id: 'byId.parse.ambiguous',
    defaultMessage:
      'This link holds several ids and none is marked as the request id: paste the request id itself.',
  });
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const BARE = new RegExp(`^${GUID}$`);
const ANY = new RegExp(`(?<![0-9a-fA-F-])${GUID}(?![0-9a-fA-F-])`, 'g');
// In a URL, the request id follows a segment or key that names it: Graph's
// `/assignmentRequests/{id}`, `/accessPackageAssignmentRequests('{id}')`, or an admin center
// blade parameter such as `/requestId/{id}` or `?requestId={id}`.
const NAMED = new RegExp(
  `(?:assignmentRequests|accessPackageAssignmentRequests|requestId|request)(?:/|\\('?|=|%2F|%3D)(${GUID})`,
  'i',
);

/** Trims and peels matching wrappers: spaces, quotes, braces, brackets, angle brackets, parentheses. */
function unwrap(text: string): string {
  let s = text.trim();
  for (;;) {
    const pair = /^(["'`{[(<])([\s\S]*)(["'`}\])>])$/.exec(s);
    if (!pair) return s;
    const open = pair[1] ?? '';
    const close = pair[3] ?? '';
    const matching: Record<string, string> = {
      '"': '"',
      "'": "'",
      '`': '`',
      '{': '}',
      '[': ']',
      '(': ')',
      '<': '>',
    };
    if (matching[open] !== close) return s;
    s = (pair[2] ?? '').trim();
  }
}

function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[\w.-]+\.[a-z]{2,}\//i.test(text);
}

/** The request id in `input`, lower-cased (Graph's ids compare case-insensitively), or why not. */
export function parseRequestId(input: string): ParsedRequestId {
  const text = unwrap(input);
  if (text === '')
    return {
      ok: false,
      reason: 'empty',
      message: t({ id: 'byId.parse.empty', defaultMessage: 'Paste a request id.' }),
    };
  if (BARE.test(text)) return { ok: true, id: text.toLowerCase() };
  if (looksLikeUrl(text) && !/\s/.test(text)) {
    const named = NAMED.exec(text);
    if (named?.[1]) return { ok: true, id: named[1].toLowerCase() };
    const all = [...new Set([...text.matchAll(ANY)].map((m) => m[0].toLowerCase()))];
    if (all.length === 1 && all[0]) return { ok: true, id: all[0] };
    if (all.length > 1) return { ok: false, reason: 'ambiguous', message: ambiguousMessage() };
  }
  return { ok: false, reason: 'invalid', message: invalidIdMessage() };
}
