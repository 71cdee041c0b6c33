import type { Plan, PlanEdits, PlanItemChange } from '@apiaudit/domain';
import type { DataSource } from 'typeorm';
import type { PersonRef } from './finding-workflow.repository';

export interface PlanVersionRecord {
  id: string;
  auditId: string;
  version: number;
  /** Every edit in force in this version, by item rule id. */
  edits: PlanEdits;
  /** What this version changed (the edit request); empty on version 1. */
  changes: PlanItemChange[];
  /** On version 1: the previous audit's version whose edits were carried over. */
  carriedFrom: { auditId: string; version: number } | null;
  author: PersonRef | null;
  createdAt: Date;
}

/** The latest plan version of an earlier audit, with the plan it edits: what the next audit carries over. */
export interface PreviousPlan {
  auditId: string;
  version: number;
  plan: Plan;
  edits: PlanEdits;
}

const SELECT = `SELECT v.id, v.audit_id AS "auditId", v.version, v.edits, v.changes, v.carried_from AS "carriedFrom", v.created_at AS "createdAt",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'email', u.email, 'name', u.name) END AS author
  FROM plan_versions v LEFT JOIN users u ON u.id = v.author_id`;

/** Plan versions: version 1 as the audit made it, one more per consultant edit. */
export class PlanVersionRepository {
  constructor(private readonly db: DataSource) {}

  async latest(auditId: string): Promise<PlanVersionRecord | null> {
    const rows: PlanVersionRecord[] = await this.db.query(`${SELECT} WHERE v.audit_id = $1 ORDER BY v.version DESC LIMIT 1`, [auditId]);
    return rows[0] ?? null;
  }

  async find(auditId: string, version: number): Promise<PlanVersionRecord | null> {
    const rows: PlanVersionRecord[] = await this.db.query(`${SELECT} WHERE v.audit_id = $1 AND v.version = $2`, [auditId, version]);
    return rows[0] ?? null;
  }

  /** Newest first; `afterId` is the id of the last version of the previous page. */
  list(auditId: string, limit: number, afterId: string | undefined): Promise<PlanVersionRecord[]> {
    return this.db.query(
      `${SELECT} WHERE v.audit_id = $1 AND ($2::uuid IS NULL OR v.version < (SELECT version FROM plan_versions WHERE id = $2 AND audit_id = $1)) ORDER BY v.version DESC LIMIT $3`,
      [auditId, afterId ?? null, limit],
    );
  }

  /** Version 1, written by the audit's analysis; a retried analysis writes it again. */
  async saveFirst(auditId: string, edits: PlanEdits, carriedFrom: PreviousPlan | null): Promise<void> {
    await this.db.query(
      `INSERT INTO plan_versions (audit_id, version, edits, carried_from) VALUES ($1, 1, $2, $3)
       ON CONFLICT (audit_id, version) DO UPDATE SET edits = EXCLUDED.edits, carried_from = EXCLUDED.carried_from, created_at = now()`,
      [auditId, JSON.stringify(edits), carriedFrom ? JSON.stringify({ auditId: carriedFrom.auditId, version: carriedFrom.version }) : null],
    );
  }

  /** Adds `version`; null when another edit made that version first (the caller read a stale one). */
  async append(auditId: string, version: number, edits: PlanEdits, changes: PlanItemChange[], authorId: string): Promise<PlanVersionRecord | null> {
    const inserted: Array<{ id: string }> = await this.db.query(
      `INSERT INTO plan_versions (audit_id, version, edits, changes, author_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (audit_id, version) DO NOTHING RETURNING id`,
      [auditId, version, JSON.stringify(edits), JSON.stringify(changes), authorId],
    );
    return inserted.length ? this.find(auditId, version) : null;
  }

  /** The project's latest succeeded audit made before `auditId`, with its latest plan version; null when there is none. */
  async previousPlan(auditId: string): Promise<PreviousPlan | null> {
    const rows: PreviousPlan[] = await this.db.query(
      `SELECT p.id AS "auditId", v.version, p.plan, v.edits
       FROM audits a
       JOIN audits p ON p.project_id = a.project_id AND p.status = 'succeeded' AND p.plan IS NOT NULL AND (p.created_at, p.id) < (a.created_at, a.id)
       JOIN LATERAL (SELECT version, edits FROM plan_versions WHERE audit_id = p.id ORDER BY version DESC LIMIT 1) v ON true
       WHERE a.id = $1
       ORDER BY p.created_at DESC, p.id DESC LIMIT 1`,
      [auditId],
    );
    return rows[0] ?? null;
  }
}
