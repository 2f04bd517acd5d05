// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import type { AccountInfo } from '@azure/msal-browser';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session';
import { NotifyProvider } from '../../components/notify';
import type { ActivityActor, ActivityStart, ActivityStore } from '../../record/activity-record';
import { ActivityRecordProvider } from '../../record/activity-record-provider';
import { createActivityStore } from '../../record/activity-store';
import { ActivityPage } from './activity-page';
import { TEST_CONFIG as CONFIG, TEST_GRAPH as GRAPH } from '../../testing/session-config';

configure({ asyncUtilTimeout: 5000 });

/** The scopes Entra grants the signed-in user's read token: a helpdesk agent's, or an auditor's. */
const granted = vi.hoisted(() => ({ scopes: [] as string[] }));
vi.mock('@azure/msal-react', () => ({
  useMsal: () => ({
    instance: {
      getActiveAccount: () => ({ homeAccountId: 'oid.tid' }),
      acquireTokenSilent: () => Promise.resolve({ accessToken: 'token', scopes: granted.scopes }),
    },
  }),
}));
const AGENT = [`${GRAPH}/EntitlementManagement.Read.All`, `${GRAPH}/EntitlementManagement.ReadWrite.All`];
const AUDITOR = [`${GRAPH}/EntitlementManagement.Read.All`];
const ACCOUNT = { homeAccountId: 'oid.tid', username: 'avery.howard@contoso.example' } as AccountInfo;

const ACTOR: ActivityActor = {
  upn: 'avery.howard@contoso.example',
  objectId: 'a9e1c0d2-5b47-4f3e-8a61-0c2d9e7b4f11',
  tenantId: '4e2b7c19-8a35-4d6f-b1e0-93c7a5d2f816',
  name: 'Avery Howard',
};

function start(requestId: string, requestorName: string): ActivityStart {
  return { requestId, requestorName, accessPackageName: 'Sales tools', apiVersion: 'v1.0', source: 'row' };
}

let stores: ActivityStore[] = [];
function newStore(): ActivityStore {
  const store = createActivityStore(ACTOR, { autoPrune: false });
  stores.push(store);
  return store;
}

let downloads: { name: string; blob: Blob }[] = [];
beforeEach(() => {
  granted.scopes = AGENT;
  globalThis.indexedDB = new IDBFactory();
  window.history.replaceState(null, '', '/activity');
  downloads = [];
  let blob: Blob | undefined;
  URL.createObjectURL = vi.fn((b: Blob) => {
    blob = b;
    return 'blob:test/activity';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (blob) downloads.push({ name: this.download, blob });
  });
});
afterEach(() => {
  cleanup();
  stores.forEach((s) => s.close());
  stores = [];
});

function renderPage(store: ActivityStore) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={client}>
        <SessionProvider config={CONFIG} account={ACCOUNT}>
          <NotifyProvider>
            <ActivityRecordProvider store={store}>
              <ActivityPage />
            </ActivityRecordProvider>
          </NotifyProvider>
        </SessionProvider>
      </QueryClientProvider>
    </FluentProvider>,
  );
}

describe('ActivityPage', () => {
  it('lists every action with its outcome, filters, and exports what the filter shows', async () => {
    const earlier = newStore();
    const accepted = await earlier.begin(start('req-accepted', 'Dana Smith'));
    await earlier.complete(accepted.id, {
      outcome: 'accepted',
      httpStatus: 202,
      graphRequestId: 'graph-req-1',
      clientRequestId: 'client-req-1',
    });
    const refused = await earlier.begin(start('req-refused', '=HYPERLINK("http://x","y")'));
    await earlier.complete(refused.id, { outcome: 'refused', httpStatus: 400, graphErrorCode: 'BadRequest' });
    await earlier.begin(start('req-lost', 'Lee Chen')); // the tab was killed before the answer
    earlier.close();

    const store = newStore();
    const user = userEvent.setup();
    renderPage(store);

    expect(await screen.findByText('3 actions')).toBeTruthy();
    expect(
      screen.getByText(
        'Keeping the newest 50,000 actions or 180 days, whichever is less; older ones are removed first.',
      ),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Activity' });
    const rowOf = (requestId: string) => {
      const row = table.querySelector(`[data-request-id="${requestId}"]`);
      if (!(row instanceof HTMLElement)) throw new Error(`no row for ${requestId}`);
      return within(row);
    };
    expect(rowOf('req-lost').getByText("Outcome unknown — check the request's state")).toBeTruthy();
    expect(rowOf('req-accepted').getByText('Accepted')).toBeTruthy();
    expect(rowOf('req-accepted').getByText('HTTP 202 Accepted')).toBeTruthy();
    expect(rowOf('req-accepted').getByText('graph-req-1')).toBeTruthy();
    expect(rowOf('req-accepted').getByText('client-req-1')).toBeTruthy();
    expect(rowOf('req-refused').getByText('HTTP 400 Bad Request · Graph code BadRequest')).toBeTruthy();
    // Graph data is text, never markup.
    expect(rowOf('req-refused').getByText('=HYPERLINK("http://x","y")')).toBeTruthy();

    // A new action shows up while the page is open.
    const live = await store.begin(start('req-live', 'Kim Park'));
    expect(await screen.findByText('4 actions')).toBeTruthy();
    expect(rowOf('req-live').getByText('Sending…')).toBeTruthy();
    await store.complete(live.id, { outcome: 'unavailable', httpStatus: 503 });
    expect(await rowOf('req-live').findByText('Unavailable')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Outcome'), 'refused');
    expect(await screen.findByText('1 action matches the filter')).toBeTruthy();
    expect(window.location.search).toBe('?outcome=refused');

    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    expect(downloads[0]?.name).toMatch(/^reprocess-desk-activity-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    const lines = (await downloads[0]!.blob.text()).split('\r\n');
    expect(lines).toHaveLength(3); // header, the one refused entry, the final line break
    expect(lines[1]).toContain('req-refused');
    expect(lines[1]).toContain('"\'=HYPERLINK(""http://x"",""y"")"');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('4 actions')).toBeTruthy();
    await user.type(screen.getByLabelText('Request id'), 'LOST');
    expect(await screen.findByText('1 action matches the filter')).toBeTruthy();
  });

  it('says what the record is when nothing has been recorded yet, with nothing to filter, export or keep', async () => {
    renderPage(newStore());
    expect(await screen.findByText('Nothing recorded in this browser yet')).toBeTruthy();
    expect(screen.getByText(/recorded here before it leaves/)).toBeTruthy();
    for (const name of ['Export', 'Change retention']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByLabelText('Outcome')).toBeNull();
    expect(screen.queryByText('0 actions')).toBeNull();
  });

  it('tells a read-only sign-in why its record stays empty', async () => {
    granted.scopes = AUDITOR;
    renderPage(newStore());
    expect(
      await screen.findByText(/can read the queue but not reprocess, so nothing you do here is recorded/),
    ).toBeTruthy();
    expect(screen.queryByText(/recorded here before it leaves/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });

  it('changes the retention setting and says what it now keeps', async () => {
    const user = userEvent.setup();
    const store = newStore();
    await store.begin(start('req-kept', 'Dana Smith'));
    renderPage(store);
    await user.click(await screen.findByRole('button', { name: 'Change retention' }));
    const entries = await screen.findByLabelText('Keep at most this many actions');
    await user.clear(entries);
    await user.type(entries, '12');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a number from 1,000 to 200,000.')).toBeTruthy();
    await user.clear(entries);
    await user.type(entries, '2000');
    const days = screen.getByLabelText('Keep actions for at most this many days');
    await user.clear(days);
    await user.type(days, '30');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Keeping the newest 2,000 actions or 30 days, whichever is less; older ones are removed first.',
        { selector: 'span' },
      ),
    ).toBeTruthy();
  });
});
