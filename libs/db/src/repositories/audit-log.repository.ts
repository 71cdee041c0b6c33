import type { DataSource } from 'typeorm';

export const AUDIT_LOG_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-in-throttled',
  'sign-out',
  'invitation-created',
  'invitation-accepted',
  'token-created',
  'token-revoked',
  'export',
  'finding-status-changed',
  'plan-edited',
  'plan-exported-to-github',
] as const;
export type AuditLogAction = (typeof AUDIT_LOG_ACTIONS)[number];

export interface AuditLogEntry {
  action: AuditLogAction;
  actorId?: string | null;
  actorEmail?: string | null;
  clientId?: string | null;
  subject?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditLogRecord extends Required<Omit<AuditLogEntry, 'detail'>> {
  id: string;
  at: Date;
  detail: Record<string, unknown>;
}

/** Append-only record of who signed in, invited, exported or changed what. */
export class AuditLogRepository {
  constructor(private readonly db: DataSource) {}

  async record(entry: AuditLogEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (action, actor_id, actor_email, client_id, subject, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.action, entry.actorId ?? null, entry.actorEmail ?? null, entry.clientId ?? null, entry.subject ?? null, entry.address ?? null, entry.detail ?? {}],
    );
  }

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async page(filter: { action?: AuditLogAction; clientId?: string; before?: string }, limit: number): Promise<{ items: AuditLogRecord[]; next?: string }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.action) where.push(`action = $${params.push(filter.action)}`);
    if (filter.clientId) where.push(`client_id = $${params.push(filter.clientId)}`);
    if (filter.before) where.push(`id < $${params.push(filter.before)}`);
    const rows: AuditLogRecord[] = await this.db.query(
      `SELECT id::text AS id, at, action, actor_id AS "actorId", actor_email AS "actorEmail", client_id AS "clientId", subject, address, detail
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    return { items, ...(rows.length > limit ? { next: items[items.length - 1].id } : {}) };
  }
}
