// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, jsonResponse } from '../../../graph/fake-fetch';
import { RequestAuditEvents } from './request-audit-events';

const GRAPH = 'https://graph.example.test';
const REQUEST_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

const access = vi.hoisted(() => ({ canReadAuditLog: true }));

vi.mock('@azure/msal-react', () => ({ useMsal: () => ({ instance: {} }) }));
vi.mock('../../../auth/access-token', () => ({
  acquireToken: () => Promise.resolve({ accessToken: 'token' }),
  InteractionStartedError: class InteractionStartedError extends Error {},
}));
vi.mock('../../../auth/session', () => ({
  useSession: () => ({
    config: { graphBaseUrl: 'https://graph.example.test', graphApiVersion: 'v1.0' },
    scopes: { auditLog: 'https://graph.example.test/AuditLog.Read.All' },
    account: { homeAccountId: 'account-1' },
  }),
  useAuditLogAccess: () => ({
    isPending: false,
    isError: false,
    isFetching: false,
    data: access.canReadAuditLog,
    refetch: () => undefined,
  }),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  access.canReadAuditLog = true;
});

function renderEvents() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={client}>
        <RequestAuditEvents requestId={REQUEST_ID} />
      </QueryClientProvider>
    </FluentProvider>,
  );
}

const EVENTS = {
  value: [
    {
      id: 'e2',
      activityDisplayName: 'Failed access package assignment request',
      activityDateTime: '2026-11-28T10:00:05Z',
      result: 'failure',
      resultReason: '<b>Unable</b> to add the user to group "Sales"',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      initiatedBy: { user: null, app: { appId: 'a1', displayName: 'Entitlement Management' } },
      targetResources: [{ id: REQUEST_ID, type: 'AccessPackageAssignmentRequest' }],
      additionalDetails: [{ key: 'RequestState', value: 'DeliveryFailed' }],
    },
    {
      id: 'e1',
      activityDisplayName: 'Ready to fulfill access package assignment request',
      activityDateTime: '2026-11-28T10:00:00Z',
      result: 'success',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      initiatedBy: {
        user: { id: 'u1', displayName: 'Avery Howard', userPrincipalName: 'avery@contoso.example' },
      },
      targetResources: [{ id: REQUEST_ID, type: 'AccessPackageAssignmentRequest' }],
      additionalDetails: [],
    },
  ],
};

describe('RequestAuditEvents', () => {
  it("lists the request's events newest first, as text, with details on demand", async () => {
    const fake = fakeFetch([jsonResponse(200, EVENTS)]);
    vi.stubGlobal('fetch', fake.fetch);
    renderEvents();

    const list = await screen.findByRole('list', { name: `Entra audit events for request ${REQUEST_ID}` });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.fui-Text')?.textContent)).toEqual([
      'Failed access package assignment request',
      'Ready to fulfill access package assignment request',
    ]);
    // Graph's text stays text.
    expect(
      within(items[0] as HTMLElement).getByText('<b>Unable</b> to add the user to group "Sales"'),
    ).toBeTruthy();
    expect(within(items[0] as HTMLElement).getByText('Failure')).toBeTruthy();
    expect(
      within(items[1] as HTMLElement).getByText(/by Avery Howard \(avery@contoso\.example\)/),
    ).toBeTruthy();

    await userEvent.click(
      within(items[0] as HTMLElement).getByRole('button', { name: /^Details of "Failed/ }),
    );
    expect(within(items[0] as HTMLElement).getByText('RequestState')).toBeTruthy();
    expect(within(items[0] as HTMLElement).getByText('DeliveryFailed')).toBeTruthy();

    expect(fake.calls).toHaveLength(1);
    const url = new URL(fake.calls[0]?.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${GRAPH}/v1.0/auditLogs/directoryAudits`);
    expect(url.searchParams.get('$filter')).toBe(
      `loggedByService eq 'Entitlement Management' and targetResources/any(t: t/id eq '${REQUEST_ID}')`,
    );
    expect(screen.getByRole('link', { name: 'Open in the Entra audit log' }).getAttribute('href')).toMatch(
      new RegExp(`^/audit\\?request=${REQUEST_ID}&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}$`),
    );
  });

  it('says so when Entra has nothing for the request', async () => {
    vi.stubGlobal('fetch', fakeFetch([jsonResponse(200, { value: [] })]).fetch);
    renderEvents();
    expect(
      await screen.findByText(/Entra has recorded nothing for this request in the last 30 days/),
    ).toBeTruthy();
  });

  it('without AuditLog.Read.All, explains what to ask for and reads nothing', () => {
    access.canReadAuditLog = false;
    const fake = fakeFetch([]);
    vi.stubGlobal('fetch', fake.fetch);
    renderEvents();
    expect(
      screen.getByText(/Ask an administrator to grant the delegated permission AuditLog\.Read\.All/),
    ).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Open in the Entra audit log' })).toBeNull();
    // Consent is missing (not a refusal by Graph): the user can ask again, or ask for access.
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Request access' })).toBeTruthy();
    expect(fake.calls).toHaveLength(0);
  });
});
