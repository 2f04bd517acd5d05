// Deterministic tenant data: the same seed number always gives the same requests, so tests and
// benchmarks can compute expectations. Catalogs and access packages are fixed (their ids can be
// named in tests and configuration); requestors and requests come from the seeded PRNG.
import { randomUUID } from 'node:crypto';
import { CATALOG_IDS, TENANT_DOMAIN } from './directory.ts';
import type {
  AccessPackage,
  AccessPackageAssignment,
  AccessPackageCatalog,
  AccessPackageSubject,
  AssignmentRequest,
  AuditEvent,
  ConnectedOrganization,
  Schedule,
} from './store/model.ts';
import { historySource, seededAuditEvents, type HistorySource } from './store/audit-events.ts';
import { createPrng, type Prng } from './store/prng.ts';

export interface SeedOptions {
  /** Requests in deliveryFailed or partiallyDelivered (about 5:2). */
  failed?: number;
  /** All requests; raised to `failed` when smaller. Default: `failed` plus 190 in other states. */
  total?: number;
  seed?: number;
  /** Reference time for relative dates (default: now). */
  now?: number;
  /**
   * The share of failed rows whose `status` is a sentence rather than the state's code, 0 to 1
   * (default 0.3). 0 gives a tenant whose failed rows all say "DeliveryFailed" or "PartiallyDelivered".
   */
  detailedStatusShare?: number;
}

export interface SeedResult {
  requests: AssignmentRequest[];
  /** The requests' audit history, oldest first; worked out on first access. */
  readonly events: AuditEvent[];
}

/** 150 deliveryFailed + 60 partiallyDelivered among 400. */
export const DEFAULT_SEED = { failed: 210, total: 400, seed: 20240611 } as const;

const DAY = 86_400_000;
const CREATED = '2023-03-01T09:00:00Z';

const CATALOGS: readonly AccessPackageCatalog[] = [
  catalog(CATALOG_IDS.general, 'General', 'Access every employee can request.'),
  catalog(CATALOG_IDS.marketing, 'Marketing', 'Campaign sites, brand assets and social tools.'),
  catalog(CATALOG_IDS.engineering, 'Engineering', 'Source control, build and production access.'),
  catalog(CATALOG_IDS.partners, 'Partners', 'Resources shared with connected organizations.', true),
  catalog(CATALOG_IDS.finance, 'Finance', 'Reporting and approval applications.'),
];

function catalog(
  id: string,
  displayName: string,
  description: string,
  external = false,
): AccessPackageCatalog {
  return {
    id,
    displayName,
    description,
    catalogType: 'userManaged',
    state: 'published',
    isExternallyVisible: external,
    createdDateTime: CREATED,
    modifiedDateTime: CREATED,
  };
}

type ResourceKind = 'site' | 'group' | 'app';
interface Resource {
  kind: ResourceKind;
  name: string;
  /** Site URL or app role, for the status text. */
  detail?: string;
}

interface PackageSeed {
  pkg: AccessPackage;
  resources: readonly Resource[];
  /** Packages meant for guests draw most guest requests. */
  forGuests: boolean;
  question?: { values: readonly string[] };
  customExtension?: { id: string; name: string };
}

function pkg(
  n: number,
  catalogId: string,
  displayName: string,
  description: string,
  resources: Resource[],
  extra: Partial<Omit<PackageSeed, 'pkg' | 'resources'>> = {},
): PackageSeed {
  const cat = CATALOGS.find((c) => c.id === catalogId);
  if (!cat) throw new Error(`unknown catalog ${catalogId}`);
  const nn = String(n).padStart(2, '0');
  return {
    pkg: {
      id: `a7c3e9d1-00${nn}-4b6f-9e2a-5d8c1f3b70${nn}`,
      displayName,
      description,
      isHidden: false,
      createdDateTime: CREATED,
      modifiedDateTime: CREATED,
      catalog: cat,
      assignmentPolicyId: `b8d4f0e2-00${nn}-4c7a-8f3b-6e9d2a4c81${nn}`,
    },
    resources,
    forGuests: extra.forGuests ?? false,
    ...(extra.question ? { question: extra.question } : {}),
    ...(extra.customExtension ? { customExtension: extra.customExtension } : {}),
  };
}

const site = (name: string, path: string): Resource => ({
  kind: 'site',
  name,
  detail: `https://contoso.sharepoint.com/sites/${path}`,
});
const group = (name: string): Resource => ({ kind: 'group', name });
const app = (name: string, role: string): Resource => ({ kind: 'app', name, detail: role });

const PACKAGES: readonly PackageSeed[] = [
  pkg(1, CATALOG_IDS.general, 'All staff essentials', 'Intranet, all-hands Teams and the expenses app.', [
    site('Intranet', 'Intranet'),
    group('All Staff'),
    app('Expenses', 'Submitter'),
  ]),
  pkg(2, CATALOG_IDS.general, 'Visitor Wi-Fi sponsors', 'Sponsor guest Wi-Fi vouchers.', [
    group('WiFi Sponsors'),
  ]),
  pkg(
    3,
    CATALOG_IDS.marketing,
    'Campaign Hub',
    'The campaign planning site and its Teams channel.',
    [site('Campaign Hub', 'CampaignHub'), group('Campaign Hub Members')],
    { question: { values: ['Spring launch', 'Brand refresh', 'Partner summit'] } },
  ),
  pkg(4, CATALOG_IDS.marketing, 'Brand assets library', 'Read and contribute to the brand library.', [
    site('Brand Assets', 'BrandAssets'),
  ]),
  pkg(5, CATALOG_IDS.marketing, 'Social media tools', 'Scheduling and listening tools.', [
    app('Social Scheduler', 'Publisher'),
    group('Social Media Team'),
  ]),
  pkg(
    6,
    CATALOG_IDS.engineering,
    'GitHub Enterprise (contoso-eng)',
    'Membership of the contoso-eng organization.',
    [app('GitHub Enterprise Cloud', 'User'), group('GitHub Engineers')],
    {
      customExtension: { id: 'f1e2d3c4-0006-4a5b-9c8d-7e6f5a4b3c06', name: 'Create GitHub seat' },
      question: { values: ['PRJ-1042', 'PRJ-2210', 'PRJ-3307', 'OPS'] },
    },
  ),
  pkg(7, CATALOG_IDS.engineering, 'Build agents administrators', 'Administer the self-hosted build agents.', [
    group('Build Agents Admins'),
  ]),
  pkg(
    8,
    CATALOG_IDS.engineering,
    'Production read-only',
    'Read-only access to production diagnostics.',
    [group('Prod Readers'), app('Diagnostics Portal', 'Reader')],
    {
      customExtension: {
        id: 'f1e2d3c4-0008-4a5b-9c8d-7e6f5a4b3c08',
        name: 'Open change ticket in ServiceNow',
      },
    },
  ),
  pkg(
    9,
    CATALOG_IDS.partners,
    'Partner portal (guests)',
    'Partner portal site and shared documents for connected organizations.',
    [site('Partner Portal', 'PartnerPortal'), group('Partner Portal Visitors')],
    { forGuests: true },
  ),
  pkg(
    10,
    CATALOG_IDS.partners,
    'Joint venture workspace',
    'Teams workspace shared with Northwind Traders.',
    [group('JV Northwind'), site('JV Northwind', 'JVNorthwind'), app('Contract Tracker', 'Contributor')],
    { forGuests: true },
  ),
  pkg(11, CATALOG_IDS.finance, 'Finance reports (Power BI)', 'Monthly close and forecast dashboards.', [
    app('Finance Reports', 'Viewer'),
    group('Finance Report Readers'),
  ]),
  pkg(
    12,
    CATALOG_IDS.finance,
    'Expense approvals',
    'Approve expense reports for your cost centre.',
    [app('Expenses', 'Approver')],
    {
      question: { values: ['CC-100 Sales', 'CC-210 Marketing', 'CC-330 Engineering'] },
    },
  ),
];

/** The fixed access packages (with their catalogs), for tests and the control API. */
export const ACCESS_PACKAGES: readonly AccessPackage[] = PACKAGES.map((p) => p.pkg);

/** A seeded package's resources as entitlement management names their origin system. */
export interface SeededResource {
  originSystem: 'AadGroup' | 'AadApplication' | 'SharePointOnline';
  displayName: string;
  /** The role a member gets: Member for groups, the app role, Member for sites. */
  roleName: string;
}

const ORIGIN: Record<ResourceKind, SeededResource['originSystem']> = {
  group: 'AadGroup',
  app: 'AadApplication',
  site: 'SharePointOnline',
};

/** The resources of each fixed package, by lower-case package id. */
export const PACKAGE_RESOURCES: ReadonlyMap<string, readonly SeededResource[]> = new Map(
  PACKAGES.map((p) => [
    p.pkg.id.toLowerCase(),
    p.resources.map((r) => ({
      originSystem: ORIGIN[r.kind],
      displayName: r.kind === 'site' ? (r.detail ?? r.name) : r.name,
      roleName: r.kind === 'app' ? (r.detail ?? 'User') : 'Member',
    })),
  ]),
);
export const CATALOGS_SEEDED: readonly AccessPackageCatalog[] = CATALOGS;

const CONNECTED_ORGS: readonly (ConnectedOrganization & { domain: string })[] = [
  org('e5a1c7b3-1001-4f2d-8b6e-3c9a7d1e5f01', 'Fabrikam', 'fabrikam.com'),
  org('e5a1c7b3-1002-4f2d-8b6e-3c9a7d1e5f02', 'Northwind Traders', 'northwindtraders.com'),
  org('e5a1c7b3-1003-4f2d-8b6e-3c9a7d1e5f03', 'Woodgrove Bank', 'woodgrovebank.com'),
];

function org(id: string, displayName: string, domain: string): ConnectedOrganization & { domain: string } {
  return {
    id,
    displayName,
    description: `Connected organization for ${domain}`,
    state: 'configured',
    createdDateTime: CREATED,
    domain,
  };
}

const FIRST = [
  'Adele',
  'Alex',
  'Ben',
  'Chloé',
  'Diego',
  'Emma',
  'Fatima',
  'Grace',
  'Hiro',
  'Isaac',
  'Jana',
  'Kwame',
  'Lena',
  'Marek',
  'Nadia',
  'Oskar',
  'Priya',
  'Quinn',
  'Rafael',
  'Siobhán',
  'Tomás',
  'Uma',
  'Viktor',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Björn',
  'Camille',
  'Dmitri',
] as const;
const LAST = [
  'Vance',
  'Wilber',
  'Okafor',
  'Martin',
  'García',
  'Schmidt',
  'Haddad',
  'Kim',
  'Tanaka',
  'Nguyen',
  'Novák',
  'Mensah',
  'Fischer',
  'Kowalski',
  'Rahman',
  'Lindqvist',
  'Sharma',
  "O'Brien",
  'Costa',
  'Byrne',
  'Álvarez',
  'Iyer',
  'Petrov',
  'Zhang',
  'Ruiz',
  'Demir',
  'Jensen',
  'Moreau',
  'Silva',
  'Ivanova',
] as const;
const GUEST_DOMAINS_WITHOUT_ORG = ['gmail.com', 'outlook.com'] as const;

const JUSTIFICATIONS = [
  'Joining the project team this sprint.',
  'Need access for the quarterly campaign.',
  'Covering for a colleague on leave.',
  'New starter, requested by my manager.',
  'Required for the partner onboarding.',
  'Audit preparation.',
  'On-call rotation starts Monday.',
  'Access expired, requesting again.',
] as const;

interface Person {
  subject: AccessPackageSubject;
  guest: boolean;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function makePeople(prng: Prng, count: number): Person[] {
  const people: Person[] = [];
  const used = new Set<string>();
  const guestCount = Math.round(count / 4);
  while (people.length < count) {
    const first = prng.pick(FIRST);
    const last = prng.pick(LAST);
    const key = `${first} ${last}`;
    if (used.has(key) && used.size < FIRST.length * LAST.length) continue;
    used.add(key);
    const guest = people.length < guestCount;
    const local = `${ascii(first)}.${ascii(last)}${used.size > FIRST.length * LAST.length ? people.length : ''}`;
    if (!guest) {
      const upn = `${local}@${TENANT_DOMAIN}`;
      people.push({
        guest,
        subject: {
          id: prng.guid(),
          displayName: key,
          email: upn,
          objectId: prng.guid(),
          principalName: upn,
          subjectType: 'user',
          subjectLifecycle: 'notDefined',
          onPremisesSecurityIdentifier: prng.chance(0.3)
            ? `S-1-5-21-1004336348-1177238915-682003330-${prng.int(1100, 9999)}`
            : null,
        },
      });
      continue;
    }
    // Guests: most come from a connected organization; a few from consumer domains have none.
    const withOrg = prng.chance(0.8);
    const o = withOrg ? prng.pick(CONNECTED_ORGS) : undefined;
    const domain = o ? o.domain : prng.pick(GUEST_DOMAINS_WITHOUT_ORG);
    const email = `${local}@${domain}`;
    const connectedOrganization: ConnectedOrganization | null = o
      ? {
          id: o.id,
          displayName: o.displayName,
          description: o.description,
          state: 'configured',
          createdDateTime: CREATED,
        }
      : null;
    people.push({
      guest,
      subject: {
        id: prng.guid(),
        displayName: o ? `${key} (${o.displayName})` : key,
        email,
        objectId: prng.guid(),
        // B2B guests' UPNs: the invited address with @ turned into _, then #EXT# and the home domain.
        principalName: `${local}_${domain}#EXT#@${TENANT_DOMAIN}`,
        subjectType: 'user',
        subjectLifecycle: o ? 'governed' : 'notGoverned',
        onPremisesSecurityIdentifier: null,
        connectedOrganization,
      },
    });
  }
  return people;
}

/**
 * Graph does not document what a failed request's `status` holds. Microsoft's examples show
 * single words ("Delivered"; beta's requestStatus "FulfilledNotificationTriggered"), so most
 * failed rows carry the state's code; some carry a sentence naming what could not be delivered,
 * as entitlement management writes in its request history, so both kinds reach the app.
 */
const DETAILED_STATUS_SHARE = 0.3;

/**
 * Sentences that name no documented cause (a few of the detailed rows): what the app must keep,
 * as "Other" with the raw text, rather than drop.
 */
const UNEXPLAINED_FAILURES: readonly string[] = [
  'An unexpected error occurred while processing the request. Try again later.',
  'The request could not be completed because of a temporary service problem (code 0x80070005).',
];

/** The detailed sentence for a failed delivery: which resource, and why (one of a few causes). */
function failureText(prng: Prng, seedPkg: PackageSeed, guest: boolean): string {
  const r = prng.pick(seedPkg.resources);
  switch (r.kind) {
    case 'site':
      return guest && prng.chance(0.7)
        ? `Unable to add the user to the SharePoint Online site '${r.detail}': the guest user is not yet known to SharePoint Online.`
        : `Unable to add the user to the SharePoint Online site '${r.detail}': the site has not been provisioned yet.`;
    case 'group':
      return prng.chance(0.6)
        ? `Unable to add the user to group '${r.name}': the group was not found. It may have been deleted or replaced.`
        : `Unable to add the user to group '${r.name}': the group's membership is dynamic or mastered on-premises and can't be changed.`;
    case 'app':
      return prng.chance(0.6)
        ? `Unable to assign the app role '${r.detail}' of application '${r.name}': the app role was removed from the application.`
        : `Unable to assign the app role '${r.detail}' of application '${r.name}': the application's service principal was not found.`;
  }
}

function pickRequestType(prng: Prng): string {
  const x = prng.next();
  if (x < 0.58) return 'userAdd';
  if (x < 0.76) return 'adminAdd';
  if (x < 0.82) return 'onBehalfAdd';
  if (x < 0.88) return 'userUpdate';
  if (x < 0.92) return 'systemAdd';
  if (x < 0.95) return 'adminUpdate';
  if (x < 0.97) return 'userRemove';
  if (x < 0.99) return 'adminRemove';
  return 'systemRemove';
}

function pickOtherState(prng: Prng): string {
  const x = prng.next();
  if (x < 0.55) return 'delivered';
  if (x < 0.67) return 'pendingApproval';
  if (x < 0.77) return 'denied';
  if (x < 0.85) return 'canceled';
  if (x < 0.88) return 'submitted';
  if (x < 0.93) return 'delivering';
  return 'scheduled';
}

const STATUS_BY_STATE: Record<string, string> = {
  pendingApproval: 'PendingApproval',
  denied: 'Denied',
  canceled: 'Canceled',
  submitted: 'Accepted',
  delivering: 'Delivering',
  scheduled: 'Scheduled',
};

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

/** Builds the tenant's requests. 10,000 failed requests take well under a second. */
export function seed(opts: SeedOptions = {}): SeedResult {
  const failed = Math.max(0, Math.floor(opts.failed ?? DEFAULT_SEED.failed));
  const total = Math.max(failed, Math.floor(opts.total ?? failed + DEFAULT_SEED.total - DEFAULT_SEED.failed));
  const prng = createPrng(opts.seed ?? DEFAULT_SEED.seed);
  // Audit history draws from a generator of its own: the requests stay the same whatever it needs.
  const auditPrng = createPrng(((opts.seed ?? DEFAULT_SEED.seed) ^ 0x9e3779b9) >>> 0);
  // So does the choice between a status code and a sentence: changing the share leaves every
  // other value of every row as it was.
  const statusPrng = createPrng(((opts.seed ?? DEFAULT_SEED.seed) ^ 0x85ebca6b) >>> 0);
  const unexplainedPrng = createPrng(((opts.seed ?? DEFAULT_SEED.seed) ^ 0xc2b2ae35) >>> 0);
  const detailedShare = Math.min(1, Math.max(0, opts.detailedStatusShare ?? DETAILED_STATUS_SHARE));
  const now = opts.now ?? Date.now();
  const people = makePeople(prng, 60);
  const guests = people.filter((p) => p.guest);
  const members = people.filter((p) => !p.guest);
  const guestPackages = PACKAGES.filter((p) => p.forGuests || p.pkg.catalog?.id === CATALOG_IDS.general);
  const memberPackages = PACKAGES.filter((p) => !p.forGuests);
  const partial = Math.round((failed * 60) / 210);

  // Which rows fail is spread across the whole list, not bunched at the start.
  const kinds: ('deliveryFailed' | 'partiallyDelivered' | 'other')[] = [];
  for (let i = 0; i < total; i++)
    kinds.push(i < failed - partial ? 'deliveryFailed' : i < failed ? 'partiallyDelivered' : 'other');
  prng.shuffle(kinds);

  const requests: AssignmentRequest[] = [];
  const history: HistorySource[] = [];
  for (const kind of kinds) {
    const person = prng.chance(0.25) ? prng.pick(guests) : prng.pick(members);
    let seedPkg = prng.pick(person.guest ? guestPackages : memberPackages);
    if (kind === 'partiallyDelivered' && seedPkg.resources.length < 2) {
      seedPkg = prng.pick(PACKAGES.filter((p) => p.resources.length >= 2 && (!person.guest || p.forGuests)));
    }
    const state = kind === 'other' ? pickOtherState(prng) : kind;
    const requestType = pickRequestType(prng);

    // Failed requests: about 60% completed within the 14-day reprocess window, the rest older.
    let completed: number | null;
    let created: number;
    if (kind !== 'other') {
      completed = prng.chance(0.6)
        ? now - prng.next() * 13.9 * DAY - 60_000
        : now - (14.05 + prng.next() * 31) * DAY;
      created = completed - (60_000 + prng.next() * 3 * DAY);
    } else if (['delivered', 'denied', 'canceled'].includes(state)) {
      completed = now - prng.next() * 90 * DAY;
      created = completed - (60_000 + prng.next() * 5 * DAY);
    } else {
      completed = null;
      created = now - prng.next() * 20 * DAY;
    }

    let status: string;
    // Why delivery fails, written to the audit log's failure events when the status is a code.
    let failureReason: string | undefined;
    // The sentence is worked out for every failed row (its draws are part of the sequence), and
    // used for some.
    const detailed = kind !== 'other' && statusPrng.chance(detailedShare);
    const unexplained =
      detailed && unexplainedPrng.chance(0.1) ? unexplainedPrng.pick(UNEXPLAINED_FAILURES) : undefined;
    if (kind === 'deliveryFailed') {
      const text = failureText(prng, seedPkg, person.guest);
      status = detailed ? (unexplained ?? text) : 'DeliveryFailed';
      if (!detailed) failureReason = text;
    } else if (kind === 'partiallyDelivered') {
      const n = seedPkg.resources.length;
      const why = failureText(prng, seedPkg, person.guest);
      const text = `Partially delivered (${n - 1} of ${n} resources). ${unexplained ?? why}`;
      status = detailed ? text : 'PartiallyDelivered';
      if (!detailed) failureReason = text;
    } else if (state === 'delivered') {
      status = prng.chance(0.15) ? 'FulfilledNotificationTriggered' : 'Delivered';
    } else {
      status = STATUS_BY_STATE[state] ?? state;
    }

    const createdIso = iso(created);
    const completedIso = completed === null ? null : iso(completed);
    const startDateTime = state === 'scheduled' ? iso(now + prng.int(1, 20) * DAY) : createdIso;
    const schedule: Schedule = {
      startDateTime,
      expiration: prng.chance(0.5)
        ? { endDateTime: null, duration: 'P365D', type: 'afterDuration' }
        : { endDateTime: null, duration: null, type: 'noExpiration' },
      recurrence: null,
    };

    let assignment: AccessPackageAssignment | null = null;
    if (['delivered', 'deliveryFailed', 'partiallyDelivered', 'delivering', 'scheduled'].includes(state)) {
      const removal = requestType.endsWith('Remove');
      assignment = {
        id: prng.guid(),
        state:
          state === 'delivered'
            ? removal
              ? 'expired'
              : 'delivered'
            : state === 'scheduled'
              ? 'delivering'
              : (state as AccessPackageAssignment['state']),
        status:
          state === 'delivered'
            ? removal
              ? 'Expired'
              : 'Delivered'
            : state === 'deliveryFailed'
              ? 'DeliveryFailed'
              : state === 'partiallyDelivered'
                ? 'PartiallyDelivered'
                : 'Delivering',
        expiredDateTime: removal ? completedIso : null,
        schedule,
      };
    }

    const hasCallout =
      seedPkg.customExtension !== undefined && state !== 'pendingApproval' && state !== 'submitted';
    const calloutFailed = hasCallout && kind !== 'other' && prng.chance(0.3);

    const row: AssignmentRequest = {
      id: prng.guid(),
      requestType,
      state,
      status:
        detailed && calloutFailed && seedPkg.customExtension
          ? `The custom extension '${seedPkg.customExtension.name}' did not respond in time. ${status}`
          : status,
      createdDateTime: createdIso,
      completedDateTime: completedIso,
      justification: prng.chance(0.9) ? prng.pick(JUSTIFICATIONS) : null,
      answers:
        seedPkg.question && prng.chance(0.85)
          ? [
              {
                '@odata.type': '#microsoft.graph.accessPackageAnswerString',
                value: prng.pick(seedPkg.question.values),
                displayValue: prng.pick(seedPkg.question.values),
              },
            ]
          : [],
      customExtensionCalloutInstances:
        hasCallout && seedPkg.customExtension
          ? [
              {
                id: prng.guid(),
                customExtensionId: seedPkg.customExtension.id,
                detail: calloutFailed ? 'The callout timed out after 5 minutes.' : 'Callback received.',
                externalCorrelationId: calloutFailed ? null : `REQ${prng.int(100000, 999999)}`,
                status: calloutFailed ? 'calloutFailed' : 'callbackReceived',
              },
            ]
          : [],
      schedule,
      requestor: person.subject,
      accessPackage: seedPkg.pkg,
      assignment,
    };
    if (kind !== 'other') row.reprocessOutcome = prng.chance(0.8) ? 'delivered' : 'failed';
    if (failureReason !== undefined) {
      row.failureReason =
        calloutFailed && seedPkg.customExtension
          ? `The custom extension '${seedPkg.customExtension.name}' did not respond in time. ${failureReason}`
          : failureReason;
    }
    // Answers are one value; keep displayValue equal to it.
    for (const a of row.answers ?? []) a.displayValue = a.value;
    requests.push(row);

    if (completedIso !== null && (kind !== 'other' || state === 'delivered')) {
      // This one draw from the main generator is part of its sequence: the rows after depend on it.
      history.push(historySource(row, prng.guid()));
    } else if (state === 'delivering') {
      history.push(historySource(row));
    }
  }
  // A tenant of 10,000 failed requests has some 25,000 events: written only if something reads them.
  let events: AuditEvent[] | undefined;
  return {
    requests,
    get events() {
      events ??= seededAuditEvents(history, auditPrng);
      return events;
    },
  };
}

/**
 * Turns a test's partial row into a stored request: only a missing id is filled in, so fields
 * the test leaves out stay missing, as Graph sometimes leaves them out.
 */
export function customRequest(input: unknown): AssignmentRequest | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return 'each request must be an object';
  const row = structuredClone(input) as Record<string, unknown>;
  if (row.id === undefined) row.id = randomUUID();
  if (typeof row.id !== 'string' || row.id === '') return 'request id must be a non-empty string';
  row.id = row.id.toLowerCase();
  if (
    row.reprocessOutcome !== undefined &&
    row.reprocessOutcome !== 'delivered' &&
    row.reprocessOutcome !== 'failed'
  ) {
    return "reprocessOutcome must be 'delivered' or 'failed'";
  }
  if (row.failureReason !== undefined && typeof row.failureReason !== 'string')
    return 'failureReason must be a string';
  return row as unknown as AssignmentRequest;
}
