import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../graph/graph-client';
import {
  fakeFetch,
  graphErrorResponse,
  jsonResponse,
  type FakeStep,
  type RecordedCall,
} from '../../../graph/fake-fetch';
import { accessPackageFromGraph, listAccessPackages, packageLabel } from './access-packages';

const BASE = 'https://graph.example.test';
const READ = [`${BASE}/EntitlementManagement.Read.All`];
const V1 = `${BASE}/v1.0/identityGovernance/entitlementManagement/accessPackages`;
const BETA = `${BASE}/beta/identityGovernance/entitlementManagement/accessPackages`;

function client(steps: FakeStep[], apiVersion: 'v1.0' | 'beta' = 'v1.0') {
  const fake = fakeFetch(steps);
  const graph = createGraphClient({
    baseUrl: BASE,
    apiVersion,
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    random: () => 0,
    sleep: () => Promise.resolve(),
  });
  return { graph, calls: fake.calls };
}

const query = (call: RecordedCall | undefined) => new URL(call?.url ?? 'about:blank').searchParams;

describe('listAccessPackages', () => {
  it('v1.0: expands catalog, follows every nextLink, sorts by catalog then name', async () => {
    // Paging goes on until a page has no nextLink, empty pages included.
    const pages = client([
      jsonResponse(200, {
        value: [
          { id: 'p2', displayName: 'Social media tools', catalog: { id: 'c1', displayName: 'Marketing' } },
          { id: 'p9', displayName: 'Partner portal', catalog: { id: 'c2', displayName: 'Partners' } },
        ],
        '@odata.nextLink': `${V1}?$expand=catalog&$skiptoken=1`,
      }),
      jsonResponse(200, { value: [], '@odata.nextLink': `${V1}?$expand=catalog&$skiptoken=2` }),
      jsonResponse(200, {
        value: [{ id: 'p1', displayName: 'Campaign Hub', catalog: { id: 'c1', displayName: 'Marketing' } }],
      }),
    ]);
    const list = await listAccessPackages(pages.graph, { scopes: READ });
    expect(list.map((p) => p.id)).toEqual(['p1', 'p2', 'p9']);
    expect(list[0]).toEqual({
      id: 'p1',
      displayName: 'Campaign Hub',
      catalog: { id: 'c1', displayName: 'Marketing' },
    });
    expect(pages.calls).toHaveLength(3);
    expect(pages.calls[0]?.url.startsWith(`${V1}?`)).toBe(true);
    expect(query(pages.calls[0]).get('$expand')).toBe('catalog');
    expect(query(pages.calls[0]).has('$filter')).toBe(false);
    expect(pages.calls[2]?.url).toBe(`${V1}?$expand=catalog&$skiptoken=2`);
    expect(pages.calls.every((c) => c.headers.get('ConsistencyLevel') === null)).toBe(true);
  });

  it('beta: expands accessPackageCatalog, falls back to catalogId', async () => {
    const { graph, calls } = client(
      [
        jsonResponse(200, {
          value: [
            {
              id: 'p1',
              displayName: 'A',
              catalogId: 'c1',
              accessPackageCatalog: { id: 'c1', displayName: 'Marketing' },
            },
            { id: 'p2', displayName: 'B', catalogId: 'c2' },
          ],
        }),
      ],
      'beta',
    );
    const list = await listAccessPackages(graph, { scopes: READ });
    expect(calls[0]?.url.startsWith(`${BETA}?`)).toBe(true);
    expect(query(calls[0]).get('$expand')).toBe('accessPackageCatalog');
    expect(list).toEqual([
      { id: 'p1', displayName: 'A', catalog: { id: 'c1', displayName: 'Marketing' } },
      { id: 'p2', displayName: 'B', catalog: { id: 'c2' } },
    ]);
  });

  it('searches by name with the documented filter, the text escaped as an OData string', async () => {
    const { graph, calls } = client([jsonResponse(200, { value: [] })]);
    await listAccessPackages(graph, { scopes: READ, nameContains: "  O'Brien's Team " });
    expect(query(calls[0]).get('$filter')).toBe("contains(tolower(displayName),'o''brien''s team')");
  });

  it('keeps going past junk items and duplicates', async () => {
    const { graph } = client([
      jsonResponse(200, {
        value: [
          null,
          'x',
          { displayName: 'no id' },
          { id: '' },
          { id: 'p1' },
          { id: 'P1', displayName: 'dup' },
        ],
      }),
    ]);
    expect(await listAccessPackages(graph, { scopes: READ })).toEqual([{ id: 'p1' }]);
  });

  it('rejects with the GraphError of a refusal', async () => {
    const { graph } = client([graphErrorResponse(403, 'Authorization_RequestDenied')]);
    await expect(listAccessPackages(graph, { scopes: READ })).rejects.toMatchObject({
      kind: 'http',
      status: 403,
      code: 'Authorization_RequestDenied',
    });
  });

  it('passes the signal through', async () => {
    const controller = new AbortController();
    const { graph, calls } = client([jsonResponse(200, { value: [] })]);
    await listAccessPackages(graph, { scopes: READ, signal: controller.signal });
    expect(calls[0]?.signal).toBe(controller.signal);
  });
});

describe('accessPackageFromGraph', () => {
  it('never trusts field types', () => {
    expect(accessPackageFromGraph({ id: 'p', displayName: 5, catalog: 'x', catalogId: 7 }, 'v1.0')).toEqual({
      id: 'p',
    });
    expect(accessPackageFromGraph({ id: 'p', catalog: { id: 'c' } }, 'beta')).toEqual({
      id: 'p',
      catalog: { id: 'c' },
    });
    expect(accessPackageFromGraph([], 'v1.0')).toBeUndefined();
    expect(accessPackageFromGraph(JSON.parse('{"id":"p","__proto__":{"displayName":"x"}}'), 'v1.0')).toEqual({
      id: 'p',
    });
  });

  it('labels a package without a name by its id', () => {
    expect(packageLabel({ id: 'p1' })).toBe('Access package p1');
    expect(packageLabel({ id: 'p1', displayName: ' ' })).toBe('Access package p1');
    expect(packageLabel({ id: 'p1', displayName: 'Campaign Hub' })).toBe('Campaign Hub');
  });
});
