// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { preloadLazyParts } from '../../../../components/lazy-part';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../../../components/notify';
import { fakeFetch, jsonResponse, type RecordedCall } from '../../../../graph/fake-fetch';
import { createGraphClient } from '../../../../graph/graph-client';
import type { ActivityEntry, ActivityRecorder, ActivityStart } from '../../../../record/activity-record';
import type { AssignmentRequest } from '../../model';
import { RowActivityStore } from '../../row-activity';
import { BulkReprocessControls } from './bulk-reprocess-panel';

const BASE = 'https://graph.example.test';
const DAY = 86_400_000;

// In jsdom Tabster finds nothing focusable in a Fluent dialog (no layout), focuses the surface
// and leaves it aria-hidden, so its contents have no accessible names here. Inside dialogs these
// tests find things by their visible text and labels instead; e2e/bulk.spec.ts checks the same
// screens by role in a real browser.
const H = { hidden: true } as const;

/** The open dialog whose title reads `title`. */
function findDialog(title: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = screen.getAllByRole('dialog', H).find((d) => d.querySelector('h2')?.textContent === title);
    if (!found) throw new Error(`no dialog titled ${title}`);
    return found;
  });
}

// Dialogs mount through portals with motion; a loaded machine can take over a second.
configure({ asyncUtilTimeout: 5000 });

// The dialogs load on first use; here they are loaded up front (as the app does when idle after
// its first screen), so the tests are about the panel, not about loading it.
beforeAll(() => preloadLazyParts(), 30_000);
afterEach(cleanup);
// No jitter: a retried 503 step waits 0 ms instead of up to seconds.
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

function request(
  id: string,
  opts: { daysAgo?: number; state?: string; name?: string } = {},
): AssignmentRequest {
  const state = opts.state ?? 'deliveryFailed';
  return {
    id,
    state: state as AssignmentRequest['state'],
    stateRaw: state,
    completedDateTime: new Date(Date.now() - (opts.daysAgo ?? 1) * DAY).toISOString(),
    requestor: { displayName: opts.name ?? `Person ${id}` },
    accessPackage: { id: 'pkg-1', displayName: 'Sales tools' },
    raw: {},
  };
}

interface WireStep {
  id: string;
  url: string;
}

function stepsOf(call: RecordedCall): WireStep[] {
  return (JSON.parse(call.body ?? '{}') as { requests: WireStep[] }).requests;
}

/** Graph answering every step by request id: 'gone-*' 404, 'busy-*' 503, the rest 202. */
function graph(onCall: () => void = () => undefined) {
  const fake = fakeFetch([], (call) => {
    onCall();
    return jsonResponse(200, {
      responses: stepsOf(call).map((s) => {
        const id = /\/([^/]+)\/reprocess$/.exec(s.url)?.[1] ?? '';
        if (id.startsWith('gone'))
          return {
            id: s.id,
            status: 404,
            headers: {},
            body: { error: { code: 'ResourceNotFound', message: '' } },
          };
        if (id.startsWith('busy'))
          return {
            id: s.id,
            status: 503,
            headers: {},
            body: {
              error: { code: 'ServiceUnavailable', message: '', innerError: { 'request-id': 'rid-busy' } },
            },
          };
        return { id: s.id, status: 202, headers: { 'request-id': `rid-${id}` } };
      }),
    });
  });
  const client = createGraphClient({
    baseUrl: BASE,
    apiVersion: 'v1.0',
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
  });
  return { client, calls: fake.calls };
}

function setup(
  selected: AssignmentRequest[],
  opts: { canReprocess?: boolean; recorder?: ActivityRecorder; client?: ReturnType<typeof graph> } = {},
) {
  const g = opts.client ?? graph();
  const rows = new RowActivityStore();
  const notices: Notice[] = [];
  const onClearSelection = vi.fn();
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <BulkReprocessControls
        selected={selected}
        onClearSelection={onClearSelection}
        canReprocess={opts.canReprocess ?? true}
        client={g.client}
        writeScope={`${BASE}/EntitlementManagement.ReadWrite.All`}
        rows={rows}
        notify={(n) => notices.push(n)}
        {...(opts.recorder && { recorder: opts.recorder })}
      />
    </FluentProvider>,
  );
  return { ...g, rows, notices, onClearSelection, user };
}

// Fluent in jsdom is slow, more so on a machine shared with browser tests.
describe('BulkReprocessPanel', { timeout: 30_000 }, () => {
  it('is unavailable to a read-only user, and says which permission is missing', () => {
    setup([request('a')], { canReprocess: false });
    const button = screen.getByRole('button', { name: 'Reprocess selected (1)' });
    expect(button).toHaveProperty('ariaDisabled', 'true');
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    const description = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toContain('EntitlementManagement.ReadWrite.All');
  });

  it('confirms, leaves out ineligible rows by default, runs, and sums up in one toast', async () => {
    const selected = [request('ok-1'), request('ok-2'), request('old-1', { daysAgo: 30 }), request('gone-1')];
    const t = setup(selected);
    await t.user.click(screen.getByRole('button', { name: 'Reprocess selected (4)' }));

    const dialog = await findDialog('Reprocess 4 selected requests?');
    const ineligible = within(dialog).getByLabelText('Requests that look ineligible');
    expect(within(ineligible).getAllByRole('listitem', H)).toHaveLength(1);
    expect(ineligible.textContent).toContain('Outside the 14-day reprocess window');
    expect(within(dialog).getByLabelText('Leave out 1 request that looks ineligible')).toHaveProperty(
      'checked',
      true,
    );
    await t.user.click(within(dialog).getByText('Reprocess 3 requests'));

    expect(t.onClearSelection).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(t.notices).toHaveLength(1));
    expect(t.calls).toHaveLength(1);
    expect(stepsOf(t.calls[0] as RecordedCall)).toHaveLength(3);
    expect(t.notices[0]).toMatchObject({
      intent: 'warning',
      title: 'Bulk reprocess finished',
      body: expect.stringContaining('2 accepted, 1 no longer exists.') as unknown,
    });
    expect(t.rows.get('ok-1')?.phase).toBe('submitted');
    expect(t.rows.get('gone-1')?.phase).toBe('gone');
    expect(t.rows.get('old-1')).toBeUndefined();

    await t.user.click(screen.getByRole('button', { name: 'View results' }));
    const resultsDialog = await findDialog('Bulk reprocess results');
    const results = within(resultsDialog).getByLabelText('Bulk reprocess results');
    const row = (id: string) => within(results).getByText(id).closest('tr') as HTMLElement;
    expect(row('ok-1').textContent).toContain('Accepted');
    expect(row('ok-1').textContent).toContain('202 Accepted');
    expect(row('ok-1').textContent).toContain('rid-ok-1');
    expect(row('gone-1').textContent).toContain('No longer exists');
    expect(row('gone-1').textContent).toContain('404 Not Found');

    await t.user.selectOptions(within(resultsDialog).getByLabelText('Show'), 'No longer exists (1)');
    expect(within(results).getAllByRole('row', H)).toHaveLength(2); // header + one
    expect(within(results).queryByText('ok-1')).toBeNull();
  });

  it('sends the ineligible ones too when the agent unchecks the box', async () => {
    const t = setup([request('ok-1'), request('old-1', { daysAgo: 30 })]);
    await t.user.click(screen.getByRole('button', { name: 'Reprocess selected (2)' }));
    const dialog = await findDialog('Reprocess 2 selected requests?');
    await t.user.click(within(dialog).getByLabelText('Leave out 1 request that looks ineligible'));
    await t.user.click(within(dialog).getByText('Reprocess 2 requests'));
    await waitFor(() => expect(t.notices).toHaveLength(1));
    expect(t.notices[0]).toMatchObject({
      intent: 'success',
      body: expect.stringMatching(/^2 accepted\./) as unknown,
    });
  });

  it('writes each batch ahead to the activity record and completes every answer', async () => {
    const order: string[] = [];
    const completed: [string, string][] = [];
    const recorder: ActivityRecorder = {
      begin: () => Promise.reject(new Error('not used')),
      beginMany: (starts: readonly ActivityStart[]) => {
        order.push('beginMany');
        return Promise.resolve(
          starts.map((s): ActivityEntry => ({
            ...s,
            id: `entry-${s.requestId}`,
            time: new Date().toISOString(),
            outcome: 'pending',
            actor: { upn: 'a@b', objectId: 'o', tenantId: 't' },
          })),
        );
      },
      complete: (entryId, result) => {
        completed.push([entryId, result.outcome]);
        return Promise.resolve();
      },
    };
    const client = graph(() => order.push('batch'));
    const t = setup([request('ok-1'), request('busy-1')], { recorder, client });
    await t.user.click(screen.getByRole('button', { name: 'Reprocess selected (2)' }));
    await t.user.click(
      within(await findDialog('Reprocess 2 selected requests?')).getByText('Reprocess 2 requests'),
    );
    await waitFor(() => expect(t.notices).toHaveLength(1));
    // Written ahead before the batch went out; the 503 step was then retried on its own.
    expect(order[0]).toBe('beginMany');
    expect(order.slice(1).length).toBeGreaterThan(1);
    expect(order.slice(1).every((o) => o === 'batch')).toBe(true);
    expect(completed.sort()).toEqual([
      ['entry-busy-1', 'unavailable'],
      ['entry-ok-1', 'accepted'],
    ]);
  });

  it('retries the failed ones from the results view', async () => {
    const t = setup([request('ok-1'), request('busy-1')]);
    await t.user.click(screen.getByRole('button', { name: 'Reprocess selected (2)' }));
    await t.user.click(
      within(await findDialog('Reprocess 2 selected requests?')).getByText('Reprocess 2 requests'),
    );
    await waitFor(() => expect(t.notices).toHaveLength(1));
    const before = t.calls.length;
    await t.user.click(screen.getByRole('button', { name: 'View results' }));
    await t.user.click(
      within(await findDialog('Bulk reprocess results')).getByText('Retry the failed ones (1)'),
    );
    await waitFor(() => expect(t.notices).toHaveLength(2));
    const retried = t.calls.slice(before).flatMap((c) => stepsOf(c).map((s) => s.url));
    expect(new Set(retried)).toEqual(
      new Set(['/identityGovernance/entitlementManagement/assignmentRequests/busy-1/reprocess']),
    );
  });
});
