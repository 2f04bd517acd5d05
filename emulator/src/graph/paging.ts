// Server-driven paging as Graph does it: a page ends with `@odata.nextLink`, the request URL again
// with an opaque `$skiptoken`. The token here is base64url JSON of where the next page starts;
// a client must follow the link as returned, and a token it made up or altered is refused (400).
import type { GraphRequest } from './types.ts';
import { JSON_CONTENT_TYPE, ODataError } from './errors.ts';
import type { ApiVersion } from './types.ts';

/** The token for a page that starts after `position` (any JSON value). */
export function encodeSkipToken(position: unknown): string {
  return Buffer.from(JSON.stringify({ v: 1, p: position })).toString('base64url');
}

/** The position a token carries, if `isPosition` accepts it; Graph's 400 otherwise. */
export function decodeSkipToken<T>(token: string, isPosition: (p: unknown) => p is T): T {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown;
      p?: unknown;
    };
    if (parsed.v === 1 && isPosition(parsed.p)) return parsed.p;
  } catch {
    // fall through
  }
  throw new ODataError('The $skiptoken value is not valid. Follow the @odata.nextLink as returned.');
}

export const isString = (p: unknown): p is string => typeof p === 'string';

/** Rebuilds the request URL with a new $skiptoken, keeping every other option as sent. */
export function nextLink(req: GraphRequest, token: string): string {
  const parts: string[] = [];
  for (const [k, v] of req.url.searchParams) {
    if (k.toLowerCase() === '$skiptoken') continue;
    parts.push(
      `${k}=${encodeURIComponent(v).replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%2F/gi, '/')}`,
    );
  }
  parts.push(`$skiptoken=${token}`);
  return `${req.url.origin}${req.url.pathname}?${parts.join('&')}`;
}

/** The headers of an OData JSON answer. */
export function odataHeaders(): Record<string, string> {
  return { 'Content-Type': JSON_CONTENT_TYPE, 'OData-Version': '4.0' };
}

/** `@odata.context` of an entitlement-management collection (or one entity of it), with its $select. */
export function contextUrl(
  origin: string,
  version: ApiVersion,
  collection: string,
  select: readonly string[] | undefined,
  entity: boolean,
): string {
  const sel = select && !select.includes('*') ? `(${select.join(',')})` : '';
  return `${origin}/${version}/$metadata#identityGovernance/entitlementManagement/${collection}${sel}${entity ? '/$entity' : ''}`;
}
