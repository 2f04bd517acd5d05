import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../graph/graph-client';
import { GraphError } from '../../../graph/graph-error';
import { fakeFetch, jsonResponse } from '../../../graph/fake-fetch';
import { fetchAuditPage } from './directory-audits-api';

const BASE = 'https://graph.example.test';
const SCOPE = `${BASE}/AuditLog.Read.All`;

function client(steps: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(steps);
  const graph = createGraphClient({
    baseUrl: BASE,
    apiVersion: 'v1.0',
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    retry: { maxAttempts: 1 },
  });
  return { graph, calls: fake.calls };
}

const event = (id: string) => ({ id, activityDisplayName: 'Fulfill access package assignment request' });

describe('fetchAuditPage', () => {
  it('asks for the filter newest first, and returns one page with its nextLink', async () => {
    const next = `${BASE}/v1.0/auditLogs/directoryAudits?$skiptoken=abc`;
    const { graph, calls } = client([
      jsonResponse(200, { value: [event('e1'), event('e2')], '@odata.nextLink': next }),
    ]);
    const page = await fetchAuditPage(graph, {
      filter: { requestId: "a'b" },
      scopes: [SCOPE],
    });
    expect(page.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(page.nextLink).toBe(next);
    // One read only, although there is a next page: each read counts against the rate limit.
    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]?.url ?? '');
    expect(url.pathname).toBe('/v1.0/auditLogs/directoryAudits');
    expect(url.searchParams.get('$filter')).toBe(
      "loggedByService eq 'Entitlement Management' and targetResources/any(t: t/id eq 'a''b')",
    );
    expect(url.searchParams.get('$orderby')).toBe('activityDateTime desc');
    expect(url.searchParams.has('$top')).toBe(false);
  });

  it('asks for a page size when told, and an activity by its name', async () => {
    const { graph, calls } = client([jsonResponse(200, { value: [] })]);
    await fetchAuditPage(graph, {
      filter: { activity: 'Failed access package assignment request' },
      top: 999,
      scopes: [SCOPE],
    });
    const url = new URL(calls[0]?.url ?? '');
    expect(url.searchParams.get('$top')).toBe('999');
    expect(url.searchParams.get('$filter')).toBe(
      "loggedByService eq 'Entitlement Management' and activityDisplayName eq 'Failed access package assignment request'",
    );
  });

  it('follows a nextLink whole, and reports the last page without one', async () => {
    const next = `${BASE}/v1.0/auditLogs/directoryAudits?$filter=x&$skiptoken=abc`;
    const { graph, calls } = client([jsonResponse(200, { value: [event('e3')] })]);
    const page = await fetchAuditPage(graph, { filter: {}, nextLink: next, scopes: [SCOPE] });
    expect(calls[0]?.url).toBe(next);
    expect(page).toEqual({ events: [expect.objectContaining({ id: 'e3' })] });
  });

  it('rejects a page that is not a collection', async () => {
    const { graph } = client([jsonResponse(200, { nope: true })]);
    const error = await fetchAuditPage(graph, { filter: {}, scopes: [SCOPE] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).kind).toBe('malformed');
  });
});
