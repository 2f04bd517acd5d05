// The emulated tenant: one app registration and the demo users a person can pick on the
// account picker. Both the identity provider and Graph read from here; nothing else is shared.

export const TENANT_ID = '4e2b7c19-8a35-4d6f-b1e0-93c7a5d2f816';
export const TENANT_NAME = 'Contoso (emulated)';
export const TENANT_DOMAIN = 'contoso.example';

/** The dashboard's app registration (platform: single-page application). */
export const CLIENT_ID = '7c1f4a2d-3b8e-4f60-a9d5-2e6b1c8f0a37';

/**
 * Registered SPA redirect URIs: exact match, as Entra does (AADSTS50011 otherwise). 5173 is
 * `npm start` and `npm run dev`, 4173 the e2e suite's `vite preview`, 4180 the suite's nginx
 * serving the production build with the headers of `deploy/nginx/reprocess-desk.conf`.
 */
export const REDIRECT_URIS: readonly string[] = [
  'http://localhost:5173/',
  'http://localhost:5173/redirect.html',
  'http://localhost:4173/',
  'http://localhost:4173/redirect.html',
  'http://localhost:4180/',
  'http://localhost:4180/redirect.html',
];

/** Origins allowed to redeem codes and call Graph from a browser (the SPA platform's origins). */
export const ALLOWED_ORIGINS: readonly string[] = [...new Set(REDIRECT_URIS.map((u) => new URL(u).origin))];

/** Graph's well-known application id; tokens for Graph may carry it or the resource URI as `aud`. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The delegated Graph permissions this tenant knows. */
export const GRAPH_SCOPES = [
  'EntitlementManagement.Read.All',
  'EntitlementManagement.ReadWrite.All',
  'AuditLog.Read.All',
  'User.Read',
] as const;
export type GraphScope = (typeof GRAPH_SCOPES)[number];

/**
 * Entitlement-management authority of a user, as Graph evaluates it after the scope check.
 * - 'tenant': a directory role that covers every catalog (Identity Governance Administrator,
 *   or Global Reader for read-only).
 * - 'catalogs': catalog roles (Access package assignment manager) on the listed catalogs only.
 * - 'none': no role; Graph answers 403 Authorization_RequestDenied even with the scope.
 */
export type EmRole =
  | { kind: 'tenant'; role: string; canWrite: boolean }
  | { kind: 'catalogs'; role: string; catalogIds: readonly string[]; canWrite: boolean }
  | { kind: 'none' };

export interface DemoUser {
  /** Object id (oid). */
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** What this user is for, shown under the name on the account picker. */
  description: string;
  /** Delegated Graph permissions an administrator consented to for this user and app. */
  consentedScopes: readonly GraphScope[];
  emRole: EmRole;
}

export const CATALOG_IDS = {
  general: 'c1a0b2c3-0001-4d5e-8f90-a1b2c3d4e501',
  marketing: 'c1a0b2c3-0002-4d5e-8f90-a1b2c3d4e502',
  engineering: 'c1a0b2c3-0003-4d5e-8f90-a1b2c3d4e503',
  partners: 'c1a0b2c3-0004-4d5e-8f90-a1b2c3d4e504',
  finance: 'c1a0b2c3-0005-4d5e-8f90-a1b2c3d4e505',
} as const;

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'a9e1c0d2-5b47-4f3e-8a61-0c2d9e7b4f11',
    displayName: 'Avery Howard',
    userPrincipalName: `avery.howard@${TENANT_DOMAIN}`,
    description: 'Helpdesk agent: can reprocess (Identity Governance Administrator)',
    consentedScopes: [
      'User.Read',
      'EntitlementManagement.Read.All',
      'EntitlementManagement.ReadWrite.All',
      'AuditLog.Read.All',
    ],
    emRole: { kind: 'tenant', role: 'Identity Governance Administrator', canWrite: true },
  },
  {
    id: 'b3f7d2e4-6c58-4a1b-9d72-1e3f0a8c5b22',
    displayName: 'Morgan Lee',
    userPrincipalName: `morgan.lee@${TENANT_DOMAIN}`,
    description: 'Auditor: read-only (EntitlementManagement.Read.All, Global Reader)',
    consentedScopes: ['User.Read', 'EntitlementManagement.Read.All', 'AuditLog.Read.All'],
    emRole: { kind: 'tenant', role: 'Global Reader', canWrite: false },
  },
  {
    id: 'c5a9e3f6-7d69-4b2c-8e83-2f4a1b9d6c33',
    displayName: 'Sam Rivera',
    userPrincipalName: `sam.rivera@${TENANT_DOMAIN}`,
    description: 'Has the permission but no entitlement-management role',
    consentedScopes: ['User.Read', 'EntitlementManagement.Read.All', 'EntitlementManagement.ReadWrite.All'],
    emRole: { kind: 'none' },
  },
  {
    id: 'd7b1f4a8-8e7a-4c3d-9f94-3a5b2c0e7d44',
    displayName: 'Jordan Patel',
    userPrincipalName: `jordan.patel@${TENANT_DOMAIN}`,
    description: 'Catalog-scoped agent: Access package assignment manager on Marketing and Partners',
    consentedScopes: ['User.Read', 'EntitlementManagement.Read.All', 'EntitlementManagement.ReadWrite.All'],
    emRole: {
      kind: 'catalogs',
      role: 'Access package assignment manager',
      catalogIds: [CATALOG_IDS.marketing, CATALOG_IDS.partners],
      canWrite: true,
    },
  },
];

export function findUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}
