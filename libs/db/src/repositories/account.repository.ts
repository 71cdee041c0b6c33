import type { ClientRole, Role } from '@apiaudit/domain';
import type { DataSource } from 'typeorm';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  clientId: string | null;
  createdAt: Date;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface InvitationRecord {
  id: string;
  clientId: string;
  email: string;
  role: ClientRole;
  expiresAt: Date;
  acceptedAt: Date | null;
}

export type AcceptOutcome =
  | { ok: true; user: UserRecord; invitation: InvitationRecord }
  | { ok: false; reason: 'unknown' | 'accepted' | 'expired' | 'email-taken' };

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.client_id AS "clientId", u.created_at AS "createdAt"`;
const TOKEN_COLUMNS = `id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;
const INVITATION_COLUMNS = `id, client_id AS "clientId", email, role, expires_at AS "expiresAt", accepted_at AS "acceptedAt"`;

/**
 * Users, sessions, personal API tokens and invitations. Secrets arrive here already hashed (SHA-256 of a
 * 256-bit random value, or argon2id for passwords): nothing stored lets anyone sign in.
 */
export class AccountRepository {
  constructor(private readonly db: DataSource) {}

  /** Creates the user, or updates name, role, client and password of the one with this email (case-insensitive). */
  async upsertUser(user: { email: string; name: string; role: Role; clientId: string | null; passwordHash: string }): Promise<{ user: UserRecord; created: boolean }> {
    const rows: (UserRecord & { created: boolean })[] = await this.db.query(
      `INSERT INTO users AS u (email, name, role, client_id, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((lower(email))) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, client_id = EXCLUDED.client_id, password_hash = EXCLUDED.password_hash
       RETURNING ${USER_COLUMNS}, (xmax = 0) AS created`,
      [user.email, user.name, user.role, user.clientId, user.passwordHash],
    );
    const { created, ...record } = rows[0];
    return { user: record, created };
  }

  async findUserWithHash(email: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const rows = await this.db.query(`SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM users u WHERE lower(u.email) = lower($1)`, [email]);
    return rows[0] ?? null;
  }

  async findUser(id: string): Promise<UserRecord | null> {
    const rows = await this.db.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Users who may be assigned findings of a client: its own users and every consultant. */
  async isAssignable(userId: string, clientId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM users WHERE id = $1 AND (client_id = $2 OR role = 'consultant')`, [userId, clientId]);
    return rows.length > 0;
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [tokenHash, userId, expiresAt]);
  }

  /** The user behind an unexpired session; expired rows are removed on the way. */
  /** The user a live session signs in, with the milliseconds the session has left (by the database's clock). */
  async findSessionUser(tokenHash: string): Promise<(UserRecord & { msLeft: number }) | null> {
    const rows = await this.db.query(
      `SELECT ${USER_COLUMNS}, (extract(epoch FROM s.expires_at - now()) * 1000)::float8 AS "msLeft" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    if (!rows[0]) return null;
    if (rows[0].msLeft <= 0) {
      await this.deleteSession(tokenHash);
      return null;
    }
    return rows[0];
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  }

  async createToken(userId: string, name: string, tokenHash: string): Promise<ApiTokenRecord> {
    const rows = await this.db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING ${TOKEN_COLUMNS}`, [userId, name, tokenHash]);
    return rows[0];
  }

  /** The user's tokens in creation order, at most `limit`, after the token `afterId` (a page's last) when given. */
  listTokens(userId: string, limit: number, afterId?: string): Promise<ApiTokenRecord[]> {
    return this.db.query(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens
       WHERE user_id = $1 AND ($3::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM api_tokens WHERE id = $3 AND user_id = $1))
       ORDER BY created_at, id LIMIT $2`,
      [userId, limit, afterId ?? null],
    );
  }

  /** Revokes one of the user's own tokens; false when the user has no such token (someone else's is "no such"). */
  async revokeToken(userId: string, tokenId: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [, count]: [unknown[], number] = await this.db.query(`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2`, [tokenId, userId]);
    return count > 0;
  }

  /**
   * The user behind a live token. `last_used_at` is written at most once a minute per token, so a busy
   * client does not turn every read into a write.
   */
  async findTokenUser(tokenHash: string): Promise<(UserRecord & { tokenId: string }) | null> {
    const rows = await this.db.query(
      `SELECT ${USER_COLUMNS}, t.id AS "tokenId", (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    if (!rows[0]) return null;
    const { stale, ...user } = rows[0];
    if (stale) await this.db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [user.tokenId]);
    return user;
  }

  async createInvitation(invitation: { tokenHash: string; clientId: string; email: string; role: ClientRole; invitedBy: string; expiresAt: Date }): Promise<InvitationRecord> {
    const rows = await this.db.query(
      `INSERT INTO invitations (token_hash, client_id, email, role, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${INVITATION_COLUMNS}`,
      [invitation.tokenHash, invitation.clientId, invitation.email, invitation.role, invitation.invitedBy, invitation.expiresAt],
    );
    return rows[0];
  }

  /**
   * Creates the invited user exactly once: the invitation row is locked, so of two concurrent accepts one
   * creates the user and the other sees it accepted. An expired or used invitation changes nothing.
   */
  acceptInvitation(tokenHash: string, account: { name: string; passwordHash: string }): Promise<AcceptOutcome> {
    return this.db.transaction(async (tx) => {
      const found: (InvitationRecord & { live: boolean })[] = await tx.query(
        `SELECT ${INVITATION_COLUMNS}, expires_at > now() AS live FROM invitations WHERE token_hash = $1 FOR UPDATE`,
        [tokenHash],
      );
      if (!found[0]) return { ok: false, reason: 'unknown' };
      const { live, ...invitation } = found[0];
      if (invitation.acceptedAt) return { ok: false, reason: 'accepted' };
      if (!live) return { ok: false, reason: 'expired' };
      const created: UserRecord[] = await tx.query(
        `INSERT INTO users AS u (email, name, role, client_id, password_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [invitation.email, account.name, invitation.role, invitation.clientId, account.passwordHash],
      );
      if (!created[0]) return { ok: false, reason: 'email-taken' };
      await tx.query(`UPDATE invitations SET accepted_at = now(), user_id = $2 WHERE id = $1`, [invitation.id, created[0].id]);
      return { ok: true, user: created[0], invitation };
    });
  }
}
