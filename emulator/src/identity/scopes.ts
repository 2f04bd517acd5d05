// Scope strings as Entra reads them: OIDC scopes, then `<resource>/<permission>` pairs, where an unqualified
// permission means Microsoft Graph. Every resource this tenant knows is the emulated Graph.
import type { DemoUser } from '../directory.ts';
import { GRAPH_APP_ID } from '../directory.ts';
import { GRAPH_ORIGIN } from '../endpoints.ts';
import type { EntraError } from './entra-errors.ts';
import { entraErrors } from './entra-errors.ts';

export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'offline_access', 'email'];

/** What an unqualified permission such as `User.Read` refers to. */
export const DEFAULT_RESOURCE = 'https://graph.microsoft.com';

/**
 * Resource identifiers that name the emulated Graph: the public one, the emulator's own origin (the app's
 * configured graphBaseUrl) and Graph's app id. The token's `aud` is the one the client used.
 */
const KNOWN_RESOURCES: readonly string[] = [DEFAULT_RESOURCE, GRAPH_ORIGIN, GRAPH_APP_ID];

export interface ResourceScopes {
  /** The resource as this tenant spells it; becomes the access token's `aud`. */
  resource: string;
  /** Prefix exactly as the client wrote it (`https://localhost:8444/`, or '' when unqualified). */
  prefix: string;
  /** Requested permission names, unqualified; may include `.default`. */
  permissions: string[];
}

export interface ParsedScopes {
  /** OIDC scopes in request order, lower case, no duplicates. */
  oidc: string[];
  resources: ResourceScopes[];
  /** Resource identifiers this tenant does not know, as written. */
  unknownResources: string[];
}

export function splitScopes(scope: string): string[] {
  return scope.split(/\s+/).filter((s) => s.length > 0);
}

export function parseScopes(scope: string): ParsedScopes {
  const oidc: string[] = [];
  const byResource = new Map<string, ResourceScopes>();
  const unknownResources: string[] = [];
  for (const item of splitScopes(scope)) {
    const lower = item.toLowerCase();
    if (OIDC_SCOPES.includes(lower)) {
      if (!oidc.includes(lower)) oidc.push(lower);
      continue;
    }
    const slash = item.lastIndexOf('/');
    const prefix = slash >= 0 ? item.slice(0, slash + 1) : '';
    const permission = item.slice(slash + 1);
    const written = slash >= 0 ? item.slice(0, slash).replace(/\/+$/, '') : DEFAULT_RESOURCE;
    const resource = KNOWN_RESOURCES.find((r) => r.toLowerCase() === written.toLowerCase());
    if (!resource) {
      if (!unknownResources.includes(written)) unknownResources.push(written);
      continue;
    }
    const entry = byResource.get(resource) ?? { resource, prefix, permissions: [] };
    byResource.set(resource, entry);
    if (permission && !entry.permissions.some((p) => p.toLowerCase() === permission.toLowerCase())) {
      entry.permissions.push(permission);
    }
  }
  return { oidc, resources: [...byResource.values()], unknownResources };
}

/** Requested permissions the user has not consented to (`.default` asks for "whatever is consented"). */
export function missingConsent(user: DemoUser, permissions: readonly string[]): string[] {
  const consented = user.consentedScopes.map((s) => s.toLowerCase());
  return permissions.filter((p) => p !== '.default' && !consented.includes(p.toLowerCase()));
}

export interface TokenScopes {
  resource: string;
  /** The token's `scp`: every permission the user consented to for the resource, as Entra grants. */
  granted: string[];
  /** The response's `scope`: granted permissions with the client's prefix, then the requested OIDC scopes. */
  responseScope: string;
  oidc: string[];
}

/**
 * Decides what a token request gets. One resource per token (AADSTS28000 otherwise); a request with only
 * OIDC scopes gets a Graph token, as Entra does. Unconsented permissions fail with AADSTS65001 and
 * `suberror: consent_required`, which MSAL turns into InteractionRequiredAuthError.
 */
export function resolveTokenScopes(scope: string, user: DemoUser): TokenScopes | EntraError {
  const parsed = parseScopes(scope);
  const unknown = parsed.unknownResources[0];
  if (unknown !== undefined) return entraErrors.unknownResource(unknown);
  if (parsed.resources.length > 1) return entraErrors.multipleResources(scope);
  const requested = parsed.resources[0] ?? { resource: DEFAULT_RESOURCE, prefix: '', permissions: [] };
  if (missingConsent(user, requested.permissions).length > 0)
    return entraErrors.consentRequired('invalid_grant');
  const granted = [...user.consentedScopes];
  return {
    resource: requested.resource,
    granted,
    responseScope: [...granted.map((p) => `${requested.prefix}${p}`), ...parsed.oidc].join(' '),
    oidc: parsed.oidc,
  };
}
