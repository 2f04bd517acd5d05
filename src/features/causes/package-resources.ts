// What an access package delivers: its resource role scopes, read once per package (not per
// request) with the documented `accessPackages/{id}?$expand=resourceRoleScopes($expand=role,scope)`
// (beta: `accessPackageResourceRoleScopes($expand=accessPackageResourceRole,accessPackageResourceScope)`).
// The causes use the kinds of resource (group, application, SharePoint site) to say what a request
// whose status says nothing could not deliver.

import { queryOptions } from '@tanstack/react-query';
import type { GraphApiVersion } from '../../config/app-config';
import type { GraphClient } from '../../graph/graph-client';
import { isRecord } from '../../lib/is-record';
import { ACCESS_PACKAGES_PATH } from '../requests/api/access-packages';
import { resourceKindOf, type ResourceKind } from './causes';

const NAV: Record<GraphApiVersion, { name: string; role: string; scope: string }> = {
  'v1.0': { name: 'resourceRoleScopes', role: 'role', scope: 'scope' },
  beta: {
    name: 'accessPackageResourceRoleScopes',
    role: 'accessPackageResourceRole',
    scope: 'accessPackageResourceScope',
  },
};

export function resourceRoleScopesExpand(v: GraphApiVersion): string {
  const nav = NAV[v];
  return `${nav.name}($expand=${nav.role},${nav.scope})`;
}

/**
 * The kinds of resource an access package as Graph sent it delivers, one per role scope, sorted
 * and without repeats. The scope's `originSystem` first, the role's as a fallback; each version's
 * own navigation names first, the other version's as a fallback. Never throws.
 */
export function resourceKindsFromGraph(json: unknown, v: GraphApiVersion): ResourceKind[] {
  if (!isRecord(json)) return [];
  const navs = v === 'beta' ? [NAV.beta, NAV['v1.0']] : [NAV['v1.0'], NAV.beta];
  const kinds = new Set<ResourceKind>();
  for (const nav of navs) {
    const scopes = Object.hasOwn(json, nav.name) ? json[nav.name] : undefined;
    if (!Array.isArray(scopes)) continue;
    for (const rs of scopes) {
      if (!isRecord(rs)) continue;
      const origin = [rs[nav.scope], rs[nav.role]]
        .map((part) =>
          isRecord(part) && typeof part.originSystem === 'string' ? part.originSystem : undefined,
        )
        .find((o) => o !== undefined);
      kinds.add(resourceKindOf(origin));
    }
    break;
  }
  return [...kinds].sort();
}

/** Query keys: the account, the API version, the read scope and the package are what it reads. */
export const packageResourceKeys = {
  one: (accountId: string, apiVersion: string, readScope: string, packageId: string) =>
    ['package-resources', accountId, apiVersion, readScope, packageId] as const,
};

/**
 * One package's resource kinds. A package Graph refuses or no longer has (403, 404) has unknown
 * kinds: the query fails, and the cause is shown without them.
 */
export function packageResourcesQuery(
  graph: GraphClient,
  accountId: string,
  readScope: string,
  packageId: string,
) {
  return queryOptions({
    queryKey: packageResourceKeys.one(accountId, graph.apiVersion, readScope, packageId),
    queryFn: async ({ signal }): Promise<ResourceKind[]> => {
      const response = await graph.request<unknown>({
        method: 'GET',
        path: `${ACCESS_PACKAGES_PATH}/${encodeURIComponent(packageId)}`,
        query: { $expand: resourceRoleScopesExpand(graph.apiVersion) },
        scopes: [readScope],
        signal,
      });
      return resourceKindsFromGraph(response.data, graph.apiVersion);
    },
    // What a package delivers changes rarely: once per session is enough.
    staleTime: 30 * 60_000,
    retry: false,
  });
}
