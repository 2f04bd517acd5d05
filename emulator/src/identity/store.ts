// The identity provider's memory: browser sessions, sign-ins waiting on the account picker,
// authorization codes and refresh tokens. All of it goes on reset; the signing keys do not.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DemoUser, GraphScope } from '../directory.ts';

/** A validated /authorize request: everything needed to finish it after the account picker. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseMode: 'fragment' | 'query';
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  /** The `claims` parameter (JSON), if any: MSAL sends it after a claims challenge. */
  claims?: string | undefined;
}

export interface SignedInAccount {
  userId: string;
  /** Entra's session id for this account: `sid` in the id_token and `session_state` in the response. */
  sid: string;
  /** When the person last signed in interactively (ms); codes and refresh tokens inherit it. */
  authTime: number;
}

export interface AuthCode extends SignedInAccount {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  scope: string;
  /** The authorize request's `claims` parameter (JSON), if any. */
  claims: string | undefined;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshGrant extends SignedInAccount {
  clientId: string;
  expiresAt: number;
}

const PENDING_LIFETIME_MS = 15 * 60 * 1000;
const CODE_LIFETIME_MS = 5 * 60 * 1000;
/** Codes are kept this long past expiry so a late redemption says "expired" (AADSTS70008), not "invalid". */
const CODE_RETENTION_MS = 60 * 60 * 1000;
/** Entra gives SPAs refresh tokens with a fixed 24-hour lifetime. */
export const SPA_REFRESH_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class IdentityStore {
  /** Session cookie value -> the accounts signed in in that browser (Entra keeps several). */
  private readonly sessions = new Map<string, SignedInAccount[]>();
  private readonly pending = new Map<string, { request: AuthorizeRequest; expiresAt: number }>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  /** User id -> Entra's TokensValidFrom (ms): grants from sign-ins before it are revoked. */
  private readonly validFrom = new Map<string, number>();
  /** Consent an administrator changed after start-up (control API): user id -> permission -> granted. */
  private readonly grants = new Map<string, Map<GraphScope, boolean>>();

  constructor(private readonly now: () => number) {}

  reset(): void {
    this.sessions.clear();
    this.pending.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.validFrom.clear();
    this.grants.clear();
  }

  /**
   * What Graph's `revokeSignInSessions` does to a user: refresh tokens and codes from sign-ins
   * before now stop working (AADSTS50173) and the user's browser sessions end, so a silent
   * prompt=none sign-in needs interaction too. Access tokens already issued stay valid until
   * they expire, as in Entra (without Continuous Access Evaluation). Returns the users' count of
   * sessions ended.
   */
  revoke(userIds: readonly string[]): { sessionsEnded: number } {
    const at = this.now();
    let sessionsEnded = 0;
    for (const userId of userIds) this.validFrom.set(userId, at);
    for (const [id, accounts] of this.sessions) {
      const kept = accounts.filter((a) => !userIds.includes(a.userId));
      sessionsEnded += accounts.length - kept.length;
      if (kept.length === 0) this.sessions.delete(id);
      else this.sessions.set(id, kept);
    }
    return { sessionsEnded };
  }

  /** The user's TokensValidFrom (ms), when their sessions were revoked; undefined if never. */
  tokensValidFrom(userId: string): number | undefined {
    return this.validFrom.get(userId);
  }

  /**
   * An administrator grants (or revokes) a delegated permission to the app for this user (in Entra,
   * an oauth2PermissionGrant). Like Entra, tokens already issued keep their scopes; the next token
   * request, a silent refresh-token redemption included, follows the new consent.
   */
  grant(userId: string, permission: GraphScope, granted = true): void {
    const changes = this.grants.get(userId) ?? new Map<GraphScope, boolean>();
    changes.set(permission, granted);
    this.grants.set(userId, changes);
  }

  /** The user with the consent granted or revoked since start-up applied to the directory's. */
  withGrants(user: DemoUser | undefined): DemoUser | undefined {
    const changes = user && this.grants.get(user.id);
    if (!user || !changes) return user;
    const consented = new Set(user.consentedScopes);
    for (const [permission, granted] of changes) {
      if (granted) consented.add(permission);
      else consented.delete(permission);
    }
    return { ...user, consentedScopes: [...consented] };
  }

  sessionAccounts(sessionId: string | undefined): readonly SignedInAccount[] {
    return (sessionId && this.sessions.get(sessionId)) || [];
  }

  /** Signs `userId` in to the session (creating one when needed); returns the session id and the account. */
  signIn(sessionId: string | undefined, userId: string): { sessionId: string; account: SignedInAccount } {
    const id = sessionId && this.sessions.has(sessionId) ? sessionId : opaque(32);
    const accounts = this.sessions.get(id) ?? [];
    let account = accounts.find((a) => a.userId === userId);
    if (!account) {
      account = { userId, sid: randomUUID(), authTime: this.now() };
      accounts.push(account);
    } else {
      // Picking the account again is a new interactive sign-in.
      account.authTime = this.now();
    }
    this.sessions.set(id, accounts);
    return { sessionId: id, account };
  }

  signOut(sessionId: string | undefined): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  addPending(request: AuthorizeRequest): string {
    this.sweep();
    const id = opaque(24);
    this.pending.set(id, { request, expiresAt: this.now() + PENDING_LIFETIME_MS });
    return id;
  }

  getPending(id: string): AuthorizeRequest | undefined {
    const entry = this.pending.get(id);
    return entry && entry.expiresAt > this.now() ? entry.request : undefined;
  }

  deletePending(id: string): void {
    this.pending.delete(id);
  }

  issueCode(request: AuthorizeRequest, account: SignedInAccount): string {
    this.sweep();
    const code = opaque(48);
    this.codes.set(code, {
      ...account,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      scope: request.scope,
      claims: request.claims,
      expiresAt: this.now() + CODE_LIFETIME_MS,
      redeemed: false,
    });
    return code;
  }

  getCode(code: string): AuthCode | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(grant: RefreshGrant): string {
    this.sweep();
    const token = opaque(64);
    this.refreshTokens.set(token, { ...grant });
    return token;
  }

  getRefreshToken(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  /** Drops what can no longer be used, so a long-running emulator does not grow. */
  private sweep(): void {
    const now = this.now();
    for (const [id, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(id);
    for (const [code, c] of this.codes) if (c.expiresAt + CODE_RETENTION_MS <= now) this.codes.delete(code);
    // Expired refresh tokens are kept for a day more so that redeeming one reports AADSTS700084.
    for (const [t, r] of this.refreshTokens) {
      if (r.expiresAt + SPA_REFRESH_TOKEN_LIFETIME_MS <= now) this.refreshTokens.delete(t);
    }
  }
}
