// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../record/activity-record';
import { chooseLocale } from '../../i18n/i18n';
import { activityCsv, activityJson } from './activity-export';

afterEach(async () => {
  await chooseLocale('en');
  localStorage.clear();
});

const ACTOR = {
  upn: 'avery.howard@contoso.example',
  objectId: 'oid-1',
  tenantId: 'tid-1',
  name: 'Avery Howard',
};

const ENTRIES: ActivityEntry[] = [
  {
    id: 'entry-1',
    time: '2026-11-28T12:00:00.000Z',
    completedTime: '2026-11-28T12:00:01.250Z',
    actor: ACTOR,
    requestId: 'req-1',
    requestorName: '=HYPERLINK("http://x","y")',
    requestorPrincipal: '@evil',
    accessPackageId: 'pkg-1',
    accessPackageName: 'Sales, EMEA',
    apiVersion: 'v1.0',
    source: 'bulk',
    bulkRunId: 'run-1',
    outcome: 'refused',
    httpStatus: 400,
    graphErrorCode: 'InvalidRequest',
    graphRequestId: 'graph-req',
    clientRequestId: 'client-req',
    message: 'Microsoft Graph answered HTTP 400 InvalidRequest',
    afterward: {
      verdict: 'failedAgain',
      state: 'deliveryFailed',
      status: '=The group is on-premises',
      time: '2026-11-28T12:00:04.000Z',
    },
  },
  {
    id: 'entry-2',
    time: '2026-11-28T11:00:00.000Z',
    actor: ACTOR,
    requestId: 'req-2',
    requestorName: '+1',
    apiVersion: 'beta',
    source: 'row',
    outcome: 'pending',
  },
];

describe('activity export', () => {
  it('CSV: BOM, one line per entry, UTC times, outcome in words, formula-like text neutralised', () => {
    const csv = activityCsv(ENTRIES);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, first, second, end] = csv.slice(1).split('\r\n');
    expect(header?.split(',')).toEqual([
      'time (UTC)',
      'answered (UTC)',
      'user UPN',
      'user name',
      'user object id',
      'tenant id',
      'request id',
      'requestor',
      'requestor principal',
      'access package',
      'access package id',
      'API version',
      'source',
      'bulk run id',
      'outcome',
      'outcome text',
      'HTTP status',
      'Graph error code',
      'request-id',
      'client-request-id',
      'message',
      'entry id',
      'afterward',
      'afterward state',
      'afterward status',
      'afterward read (UTC)',
      'localized outcome text',
    ]);
    expect(first).toBe(
      [
        '2026-11-28T12:00:00.000Z',
        '2026-11-28T12:00:01.250Z',
        'avery.howard@contoso.example',
        'Avery Howard',
        'oid-1',
        'tid-1',
        'req-1',
        '"\'=HYPERLINK(""http://x"",""y"")"',
        "'@evil",
        '"Sales, EMEA"',
        'pkg-1',
        'v1.0',
        'bulk',
        'run-1',
        'refused',
        'Not reprocessable',
        '400',
        'InvalidRequest',
        'graph-req',
        'client-req',
        'Microsoft Graph answered HTTP 400 InvalidRequest',
        'entry-1',
        'failedAgain',
        'deliveryFailed',
        "'=The group is on-premises",
        '2026-11-28T12:00:04.000Z',
        'Not reprocessable',
      ].join(','),
    );
    expect(second).toContain(",'+1,");
    expect(second).toContain(",pending,Outcome unknown — check the request's state,");
    expect(end).toBe('');
  });

  it('JSON: the entries as recorded, with who exported them and the filter', () => {
    const doc = JSON.parse(
      activityJson(ENTRIES, {
        at: new Date('2026-11-28T12:30:00Z'),
        actor: ACTOR,
        filter: { outcome: 'refused' },
      }),
    ) as Record<string, unknown>;
    expect(doc).toEqual({
      exportedAt: '2026-11-28T12:30:00.000Z',
      exportedBy: ACTOR,
      language: 'en',
      filter: { outcome: 'refused' },
      count: 2,
      entries: [
        { ...ENTRIES[0], outcomeText: 'Not reprocessable' },
        { ...ENTRIES[1], outcomeText: "Outcome unknown — check the request's state" },
      ],
    });
  });

  it('in Portuguese: headers, keys and recorded values stay English; only the added outcome text is translated', async () => {
    const english = activityCsv(ENTRIES).split('\r\n');
    await chooseLocale('pt-BR');
    const csv = activityCsv(ENTRIES).split('\r\n');
    expect(csv[0]).toBe(english[0]);
    const column = english[0]!.split(',').indexOf('localized outcome text');
    expect(column).toBe(english[0]!.split(',').length - 1);
    const pending = (line: string | undefined) => line?.split(',')[column];
    expect(pending(english[2])).toBe("Outcome unknown — check the request's state");
    expect(pending(csv[2])).toMatch(/ — verifique o estado da solicitação$/);
    // Everything before it, the English `outcome text` included, is the same file.
    expect(csv[2]!.split(',').slice(0, column)).toEqual(english[2]!.split(',').slice(0, column));

    const doc = JSON.parse(
      activityJson(ENTRIES, { at: new Date('2026-11-28T12:30:00Z'), actor: ACTOR, filter: {} }),
    ) as { language: string; entries: (ActivityEntry & { outcomeText: string })[] };
    expect(doc.language).toBe('pt-BR');
    expect(doc.entries.map(({ outcomeText: _, ...entry }) => entry)).toEqual(ENTRIES);
    expect(doc.entries[1]!.outcomeText).toBe(pending(csv[2]));
  });
});
