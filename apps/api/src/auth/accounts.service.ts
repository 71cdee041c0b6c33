import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { ClientRole, Role } from '@apiaudit/domain';
import { AccountRepository, AuditLogRepository, type ApiTokenRecord, type PlatformConfig, type UserRecord } from '@apiaudit/db';
import { type PageQueryDto, pageByRowId } from '../http/page';
import { Problem } from '../http/problem';
import { InvalidationBus } from '../cache/invalidation-bus';
import { PLATFORM_CONFIG } from '../sources/sources.service';
import { SESSION_COOKIE } from './access';
import { CredentialCache } from './credential-cache';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { hashSecret, newSecret } from './secrets';
import { SignInLimiter } from './sign-in-limiter';

export const TOKEN_PREFIX = 'aa_';

/** What the API shows of a user. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  clientId: string | null;
}

export interface SignedIn {
  user: UserView;
  /** The session id, for the cookie; never stored. */
  session: string;
  expiresAt: Date;
}

export const userView = (u: UserRecord | Principal): UserView => ({
  id: 'userId' in u ? u.userId : u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  clientId: u.clientId,
});

const unauthenticated = (detail: string) => new Problem(401, 'unauthenticated', 'Sign-in required', detail);

// Verified when the email is unknown, so a wrong email costs as long as a wrong password and reveals nothing.
const DECOY_HASH = hashPassword('decoy password that never matches anything');

/** Sign-in, sessions, API tokens and invitations. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly log: AuditLogRepository,
    private readonly limiter: SignInLimiter,
    private readonly credentials: CredentialCache,
    private readonly bus: InvalidationBus,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The caller of a request: a Bearer token if one is sent (and then only it), else the session cookie. */
  async authenticate(req: Request): Promise<Principal> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      return this.credentials.principalOf(hashSecret(match[1]), async () => {
        const user = await this.accounts.findTokenUser(hashSecret(match[1]));
        if (!user) throw unauthenticated('The API token is unknown or revoked.');
        const { tokenId, ...rest } = user;
        return { principal: { ...this.principalOf(rest, 'token'), tokenId } };
      });
    }
    const session = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!session) throw unauthenticated('Sign in (POST /v1/auth/login) or send "Authorization: Bearer <token>".');
    return this.credentials.principalOf(hashSecret(session), async () => {
      const user = await this.accounts.findSessionUser(hashSecret(session));
      if (!user) throw unauthenticated('The session has expired or is not one of this deployment; sign in again.');
      const { msLeft, ...rest } = user;
      return { principal: this.principalOf(rest, 'session'), msLeft };
    });
  }

  private principalOf(user: UserRecord, via: Principal['via']): Principal {
    return { userId: user.id, email: user.email, name: user.name, role: user.role, clientId: user.clientId, via };
  }

  /** Checks the password, subject to the sign-in rate limit; every outcome lands in the audit log. */
  async signIn(email: string, password: string, address: string): Promise<SignedIn> {
    const retryAfter = await this.limiter.retryAfter(email, address);
    if (retryAfter > 0) {
      await this.log.record({ action: 'sign-in-throttled', actorEmail: email, address });
      throw new Problem(429, 'too-many-sign-ins', 'Too many failed sign-ins', `Try again in ${retryAfter} seconds.`, { retryAfter });
    }
    const user = await this.accounts.findUserWithHash(email);
    const matches = await verifyPassword(user?.passwordHash ?? (await DECOY_HASH), password);
    if (!user || !matches) {
      await this.limiter.recordFailure(email, address);
      await this.log.record({ action: 'sign-in-failed', actorEmail: email, address });
      throw new Problem(401, 'invalid-credentials', 'Invalid credentials', 'The email or the password is wrong.');
    }
    await this.limiter.recordSuccess(email);
    const { passwordHash: _hash, ...record } = user;
    await this.log.record({ action: 'sign-in', actorId: user.id, actorEmail: user.email, clientId: user.clientId, address });
    return this.startSession(record);
  }

  private async startSession(user: UserRecord): Promise<SignedIn> {
    const session = newSecret();
    const expiresAt = new Date(Date.now() + this.config.sessionHours * 3600_000);
    await this.accounts.createSession(hashSecret(session), user.id, expiresAt);
    return { user: userView(user), session, expiresAt };
  }

  /** Ends the cookie's session, if it is a live one. */
  async signOut(req: Request): Promise<void> {
    const session = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!session) return;
    const user = await this.accounts.findSessionUser(hashSecret(session));
    await this.accounts.deleteSession(hashSecret(session));
    await this.bus.publish({ kind: 'credential', hash: hashSecret(session) });
    if (user) await this.log.record({ action: 'sign-out', actorId: user.id, actorEmail: user.email, clientId: user.clientId, address: req.ip ?? null });
  }

  /** A consultant (clientId null) or a client user; an existing email is updated, so running this twice is harmless. */
  async createUser(input: { email: string; password: string; role: Role; clientId: string | null; name?: string }): Promise<{ user: UserView; created: boolean }> {
    const refused = passwordProblem(input.password);
    if (refused) throw new Problem(400, 'weak-password', 'Password refused', refused, { field: 'password' });
    const { user, created } = await this.accounts.upsertUser({ email: input.email, name: input.name ?? '', role: input.role, clientId: input.clientId, passwordHash: await hashPassword(input.password) });
    return { user: userView(user), created };
  }

  /** The token is in this answer only; the database keeps its SHA-256. */
  async createToken(principal: Principal, name: string, address: string | null): Promise<ApiTokenRecord & { token: string }> {
    const token = newSecret(TOKEN_PREFIX);
    const record = await this.accounts.createToken(principal.userId, name, hashSecret(token));
    await this.log.record({ action: 'token-created', actorId: principal.userId, actorEmail: principal.email, clientId: principal.clientId, subject: record.id, address, detail: { name } });
    return { ...record, token };
  }

  listTokens(principal: Principal, page: PageQueryDto): Promise<{ items: ApiTokenRecord[]; next: string | null }> {
    return pageByRowId(page, { path: '/v1/auth/tokens' }, (limit, afterId) => this.accounts.listTokens(principal.userId, limit, afterId));
  }

  async revokeToken(principal: Principal, tokenId: string, address: string | null): Promise<void> {
    if (!(await this.accounts.revokeToken(principal.userId, tokenId))) throw new Problem(404, 'not-found', 'Token not found', `You have no API token with id ${tokenId}.`);
    await this.bus.publish({ kind: 'token', id: tokenId });
    await this.log.record({ action: 'token-revoked', actorId: principal.userId, actorEmail: principal.email, clientId: principal.clientId, subject: tokenId, address });
  }

  /** Consultants invite either client role; a client-admin invites viewers of their own client only. */
  async invite(principal: Principal, clientId: string, email: string, role: ClientRole, address: string | null): Promise<{ token: string; url: string; expiresAt: Date }> {
    if (principal.role === 'client-admin' && role !== 'client-viewer') {
      throw new Problem(403, 'forbidden', 'Not allowed', 'A client-admin may invite client-viewer users only.');
    }
    const token = newSecret();
    const expiresAt = new Date(Date.now() + this.config.invitationDays * 86400_000);
    const invitation = await this.accounts.createInvitation({ tokenHash: hashSecret(token), clientId, email, role, invitedBy: principal.userId, expiresAt });
    await this.log.record({ action: 'invitation-created', actorId: principal.userId, actorEmail: principal.email, clientId, subject: invitation.id, address, detail: { email, role } });
    return { token, url: `/app/invitations/${token}`, expiresAt };
  }

  /** Creates the invited user once and signs them in; a used, expired or unknown invitation is a 4xx problem. */
  async acceptInvitation(token: string, password: string, name: string, address: string | null): Promise<SignedIn> {
    const refused = passwordProblem(password);
    if (refused) throw new Problem(400, 'weak-password', 'Password refused', refused, { field: 'password' });
    const outcome = await this.accounts.acceptInvitation(hashSecret(token), { name, passwordHash: await hashPassword(password) });
    if (!outcome.ok) {
      switch (outcome.reason) {
        case 'unknown':
          throw new Problem(404, 'not-found', 'Invitation not found', 'No invitation has this token.');
        case 'accepted':
          throw new Problem(410, 'invitation-used', 'Invitation already accepted', 'This invitation has been accepted; sign in instead.');
        case 'expired':
          throw new Problem(410, 'invitation-expired', 'Invitation expired', 'This invitation has expired; ask for a new one.');
        case 'email-taken':
          throw new Problem(409, 'email-taken', 'Email already registered', 'A user with this email exists; sign in instead.');
      }
    }
    const { user, invitation } = outcome;
    await this.log.record({ action: 'invitation-accepted', actorId: user.id, actorEmail: user.email, clientId: invitation.clientId, subject: invitation.id, address });
    return this.startSession(user);
  }
}
