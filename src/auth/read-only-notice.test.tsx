// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { InteractionRequiredAuthError, type AccountInfo } from '@azure/msal-browser';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadOnlyNotice } from './read-only-notice';
import { SessionProvider } from './session';
import { TEST_CONFIG as CONFIG, TEST_GRAPH as GRAPH } from '../testing/session-config';

const READ = `${GRAPH}/EntitlementManagement.Read.All`;
const WRITE = `${GRAPH}/EntitlementManagement.ReadWrite.All`;

/** A tenant's consent, as Entra answers a silent token request: what it grants, or consent_required. */
const tenant = vi.hoisted(() => ({ consented: new Set<string>(), asked: [] as string[] }));

vi.mock('@azure/msal-react', () => ({
  useMsal: () => ({
    instance: {
      getActiveAccount: () => ACCOUNT,
      acquireTokenSilent: ({ scopes }: { scopes: string[] }) => {
        tenant.asked.push(...scopes);
        if (!scopes.every((s) => tenant.consented.has(s))) {
          return Promise.reject(
            new InteractionRequiredAuthError('invalid_grant', 'AADSTS65001', 'consent_required'),
          );
        }
        return Promise.resolve({ accessToken: 'token', scopes: [...tenant.consented] });
      },
    },
  }),
}));

const ACCOUNT = { homeAccountId: 'oid.tid', username: 'morgan.lee@contoso.example' } as AccountInfo;

afterEach(() => {
  cleanup();
  tenant.consented.clear();
  tenant.asked.length = 0;
});

function renderNotice() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={client}>
        <SessionProvider config={CONFIG} account={ACCOUNT}>
          <ReadOnlyNotice />
        </SessionProvider>
      </QueryClientProvider>
    </FluentProvider>,
  );
}

describe('ReadOnlyNotice', () => {
  it('goes once an administrator has granted the write permission and the user checks again', async () => {
    tenant.consented.add(READ);
    renderNotice();
    expect((await screen.findByRole('note')).textContent).toContain('Read-only access');
    // Opening the page reads the read token only: no write permission is asked for just to find out.
    expect(tenant.asked).toEqual([READ]);

    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByRole('button', { name: 'Check again' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('note').textContent).toContain('Read-only access');
    expect(tenant.asked).toEqual([READ, WRITE]);

    tenant.consented.add(WRITE);
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await vi.waitFor(() => expect(screen.queryByRole('note')).toBeNull());
  });

  it('shows nothing to a user who can reprocess', async () => {
    tenant.consented.add(READ).add(WRITE);
    renderNotice();
    await vi.waitFor(() => expect(tenant.asked).toEqual([READ]));
    expect(screen.queryByRole('note')).toBeNull();
  });
});
