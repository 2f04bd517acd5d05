// The access packages the signed-in user may read, framework-free. Catalog-scoped agents need
// them: Graph refuses them the unfiltered list of requests, so they pick packages and the app lists
// failed requests one package at a time (accessPackage/id eq '...').

import type { GraphApiVersion } from '../../../config/app-config';
import type { GraphClient } from '../../../graph/graph-client';
import { odataString } from '../../../graph/odata';
import { format, t } from '../../../i18n/i18n';
import { isRecord } from '../../../lib/is-record';

export interface AccessPackageSummary {
  id: string;
  displayName?: string;
  description?: string;
  catalog?: { id?: string; displayName?: string };
}

export const ACCESS_PACKAGES_PATH = '/identityGovernance/entitlementManagement/accessPackages';

/** v1.0 names the catalog navigation `catalog`, beta `accessPackageCatalog`. */
export function catalogNavigation(v: GraphApiVersion): 'catalog' | 'accessPackageCatalog' {
  return v === 'beta' ? 'accessPackageCatalog' : 'catalog';
}

/** Maps one access package as Graph sent it; undefined without a usable id. Never throws. */
export function accessPackageFromGraph(
  json: unknown,
  apiVersion: GraphApiVersion,
): AccessPackageSummary | undefined {
  if (!isRecord(json)) return undefined;
  const id = str(json, 'id');
  if (id === undefined || id === '') return undefined;
  const out: AccessPackageSummary = { id };
  const displayName = str(json, 'displayName');
  if (displayName !== undefined) out.displayName = displayName;
  const description = str(json, 'description');
  if (description !== undefined) out.description = description;
  // Each version's own navigation first; the other one and beta's catalogId as fallbacks.
  const navs =
    apiVersion === 'beta' ? ['accessPackageCatalog', 'catalog'] : ['catalog', 'accessPackageCatalog'];
  const nav = navs.map((n) => own(json, n)).find(isRecord);
  const catalog: { id?: string; displayName?: string } = {};
  const catalogId = (nav && str(nav, 'id')) ?? str(json, 'catalogId');
  const catalogName = nav && str(nav, 'displayName');
  if (catalogId !== undefined) catalog.id = catalogId;
  if (catalogName !== undefined) catalog.displayName = catalogName;
  if (catalogId !== undefined || catalogName !== undefined) out.catalog = catalog;
  return out;
}

export interface ListAccessPackagesOptions {
  scopes: readonly string[];
  signal?: AbortSignal;
  /** Only packages whose name contains this text (any case), filtered by Graph. */
  nameContains?: string;
}

/**
 * Every access package the caller may read, over every page, with its catalog. Graph lists
 * "all the access packages that the caller has access to read, across all catalogs", so a
 * catalog-scoped agent gets the packages of their catalogs. Sorted by catalog, then name.
 */
export async function listAccessPackages(
  client: GraphClient,
  opts: ListAccessPackagesOptions,
): Promise<AccessPackageSummary[]> {
  const query: Record<string, string> = { $expand: catalogNavigation(client.apiVersion) };
  const needle = opts.nameContains?.trim().toLowerCase();
  // The documented name search: contains(tolower(displayName),'team').
  if (needle) query.$filter = `contains(tolower(displayName),${odataString(needle)})`;
  const byId = new Map<string, AccessPackageSummary>();
  for await (const page of client.pages<unknown>({
    method: 'GET',
    path: ACCESS_PACKAGES_PATH,
    query,
    scopes: opts.scopes,
    ...(opts.signal !== undefined && { signal: opts.signal }),
  })) {
    for (const json of page.items) {
      const pkg = accessPackageFromGraph(json, client.apiVersion);
      if (pkg && !byId.has(pkg.id.toLowerCase())) byId.set(pkg.id.toLowerCase(), pkg);
    }
  }
  return [...byId.values()].sort(comparePackages);
}

function comparePackages(a: AccessPackageSummary, b: AccessPackageSummary): number {
  return (
    format.compare(a.catalog?.displayName ?? '\uffff', b.catalog?.displayName ?? '\uffff') ||
    format.compare(a.displayName ?? a.id, b.displayName ?? b.id)
  );
}

/** The name to show for a package: its display name, or its id when Graph left the name out. */
export function packageLabel(pkg: Pick<AccessPackageSummary, 'id' | 'displayName'>): string {
  return pkg.displayName && pkg.displayName.trim() !== ''
    ? pkg.displayName
    : t({ id: 'queue.package.withId', defaultMessage: 'Access package {id}' }, { id: pkg.id });
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function str(record: Record<string, unknown>, key: string): string | undefined {
  const value = own(record, key);
  return typeof value === 'string' ? value : undefined;
}
