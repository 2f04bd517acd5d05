// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotifyProvider } from '../../../components/notify';
import { fromGraph, type AssignmentRequest } from '../model';
import { ExportQueueButton, queueCsv, queueJson } from './export-queue-button';

const NOW = new Date('2026-11-28T12:00:00.000Z');

function request(json: Record<string, unknown>, version: 'v1.0' | 'beta' = 'v1.0'): AssignmentRequest {
  const req = fromGraph(json, version);
  if (!req) throw new Error('test row has no id');
  return req;
}

const HOSTILE = request({
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  state: 'deliveryFailed',
  status: 'DeliveryFailed',
  requestType: 'userAdd',
  createdDateTime: '2026-11-20T08:30:00Z',
  completedDateTime: '2026-11-25T09:00:00.5Z',
  requestor: {
    displayName: '=HYPERLINK("http://x","y")',
    email: '+1@contoso.example',
    principalName: '-2@contoso.example',
  },
  accessPackage: { displayName: '@SUM(A1)', catalog: { displayName: 'Sales, EMEA' } },
});

const BETA = request(
  {
    id: 'bbbbbbbb-0000-4000-8000-000000000002',
    requestState: 'PartiallyDelivered',
    requestStatus: 'PartiallyDelivered',
    requestType: 'AdminAdd',
    createdDateTime: '2026-10-01T00:00:00',
    requestor: { displayName: 'Dana Smith' },
  },
  'beta',
);

describe('queue export files', () => {
  it('CSV: BOM, the documented columns, UTC times, neutralised formula-like text', () => {
    const csv = queueCsv([HOSTILE, BETA], NOW);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'id,state,status,request type,requestor name,requestor email,requestor UPN,access package,catalog,created (UTC),completed (UTC),days left',
    );
    expect(lines[1]).toBe(
      [
        'aaaaaaaa-0000-4000-8000-000000000001',
        'deliveryFailed',
        'DeliveryFailed',
        'userAdd',
        '"\'=HYPERLINK(""http://x"",""y"")"',
        "'+1@contoso.example",
        "'-2@contoso.example",
        "'@SUM(A1)",
        '"Sales, EMEA"',
        '2026-11-20T08:30:00.000Z',
        '2026-11-25T09:00:00.500Z',
        '10',
      ].join(','),
    );
    // beta's PascalCase reads as v1.0's names; no completion date means no days left.
    expect(lines[2]).toBe(
      'bbbbbbbb-0000-4000-8000-000000000002,partiallyDelivered,PartiallyDelivered,adminAdd,Dana Smith,,,,,2026-10-01T00:00:00.000Z,,',
    );
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('JSON: the same rows with their values untouched', () => {
    const doc = JSON.parse(queueJson([HOSTILE], NOW)) as {
      count: number;
      requests: Record<string, unknown>[];
    };
    expect(doc.count).toBe(1);
    expect(doc.requests[0]).toEqual({
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      state: 'deliveryFailed',
      status: 'DeliveryFailed',
      requestType: 'userAdd',
      requestorName: '=HYPERLINK("http://x","y")',
      requestorEmail: '+1@contoso.example',
      requestorUpn: '-2@contoso.example',
      accessPackage: '@SUM(A1)',
      catalog: 'Sales, EMEA',
      created: '2026-11-20T08:30:00.000Z',
      completed: '2026-11-25T09:00:00.500Z',
      daysLeft: 10,
    });
  });
});

describe('ExportQueueButton', () => {
  let downloads: { name: string; blob: Blob }[];
  beforeEach(() => {
    downloads = [];
    let pendingBlob: Blob | undefined;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      pendingBlob = blob;
      return 'blob:test/queue';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      if (pendingBlob) downloads.push({ name: this.download, blob: pendingBlob });
    });
  });
  afterEach(cleanup);

  it('downloads the given rows as CSV or JSON from its menu', async () => {
    const user = userEvent.setup();
    render(
      <FluentProvider theme={webLightTheme}>
        <NotifyProvider>
          <ExportQueueButton rows={[HOSTILE, BETA]} />
        </NotifyProvider>
      </FluentProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.name).toMatch(/^reprocess-desk-queue-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    const text = await downloads[0]!.blob.text();
    expect(text.split('\r\n')).toHaveLength(4);

    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'JSON' }));
    expect(downloads[1]?.name).toMatch(/\.json$/);
    const doc = JSON.parse(await downloads[1]!.blob.text()) as { requests: { id: string }[] };
    expect(doc.requests.map((r) => r.id)).toEqual([HOSTILE.id, BETA.id]);
  });
});
