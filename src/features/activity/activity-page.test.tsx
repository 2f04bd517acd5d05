// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotifyProvider } from '../../components/notify';
import type { ActivityActor, ActivityStart, ActivityStore } from '../../record/activity-record';
import { ActivityRecordProvider } from '../../record/activity-record-provider';
import { createActivityStore } from '../../record/activity-store';
import { ActivityPage } from './activity-page';

configure({ asyncUtilTimeout: 5000 });

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
  return render(
    <FluentProvider theme={webLightTheme}>
      <NotifyProvider>
        <ActivityRecordProvider store={store}>
          <ActivityPage />
        </ActivityRecordProvider>
      </NotifyProvider>
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

  it('says so when nothing has been recorded yet', async () => {
    renderPage(newStore());
    expect(await screen.findByText('No actions recorded yet')).toBeTruthy();
    expect(screen.getByText('0 actions')).toBeTruthy();
  });

  it('changes the retention setting and says what it now keeps', async () => {
    const user = userEvent.setup();
    renderPage(newStore());
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
