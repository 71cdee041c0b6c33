import type { DataSource } from 'typeorm';

export type PlanIssueExportStatus = 'running' | 'succeeded' | 'failed';

export interface ExportedIssueRecord {
  rank: number;
  ruleId: string;
  number: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

export interface PlanIssueExportRecord {
  id: string;
  auditId: string;
  repository: string;
  planVersion: number;
  status: PlanIssueExportStatus;
  /** Issues to file (visible items); 0 until the repository's earlier issues were read. */
  total: number;
  issues: ExportedIssueRecord[];
  error: string | null;
  actorId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A running export not heard of for this long died with its api process; it reads as failed. */
const STALE_AFTER = `interval '5 minutes'`;

const SELECT = `SELECT id, audit_id AS "auditId", repository, plan_version AS "planVersion",
  CASE WHEN status = 'running' AND updated_at < now() - ${STALE_AFTER} THEN 'failed' ELSE status END AS status,
  total, issues, CASE WHEN status = 'running' AND updated_at < now() - ${STALE_AFTER} THEN 'interrupted: the api stopped during the export; export again (it resumes where the issues are)' ELSE error END AS error,
  actor_id AS "actorId", created_at AS "createdAt", updated_at AS "updatedAt", finished_at AS "finishedAt"
  FROM plan_issue_exports`;

/** Exports of plans to GitHub issues, each issue recorded as it is filed. */
export class PlanIssueExportRepository {
  constructor(private readonly db: DataSource) {}

  async start(auditId: string, repository: string, planVersion: number, actorId: string): Promise<PlanIssueExportRecord> {
    const [{ id }]: Array<{ id: string }> = await this.db.query(
      `INSERT INTO plan_issue_exports (audit_id, repository, plan_version, status, actor_id) VALUES ($1, $2, $3, 'running', $4) RETURNING id`,
      [auditId, repository, planVersion, actorId],
    );
    return (await this.find(auditId, id))!;
  }

  async find(auditId: string, id: string): Promise<PlanIssueExportRecord | null> {
    const rows: PlanIssueExportRecord[] = await this.db.query(`${SELECT} WHERE audit_id = $1 AND id = $2`, [auditId, id]);
    return rows[0] ?? null;
  }

  /** Newest first; `afterId` is the id of the last export of the previous page. */
  list(auditId: string, limit: number, afterId: string | undefined): Promise<PlanIssueExportRecord[]> {
    return this.db.query(
      `${SELECT} WHERE audit_id = $1 AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM plan_issue_exports WHERE id = $2 AND audit_id = $1))
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [auditId, afterId ?? null, limit],
    );
  }

  async recordTotal(id: string, total: number): Promise<void> {
    await this.db.query(`UPDATE plan_issue_exports SET total = $2, updated_at = now() WHERE id = $1`, [id, total]);
  }

  async recordIssue(id: string, issue: ExportedIssueRecord): Promise<void> {
    await this.db.query(`UPDATE plan_issue_exports SET issues = issues || $2::jsonb, updated_at = now() WHERE id = $1`, [id, JSON.stringify([issue])]);
  }

  async finish(id: string, outcome: { status: 'succeeded' } | { status: 'failed'; error: string }): Promise<void> {
    await this.db.query(`UPDATE plan_issue_exports SET status = $2, error = $3, updated_at = now(), finished_at = now() WHERE id = $1`, [id, outcome.status, outcome.status === 'failed' ? outcome.error : null]);
  }
}
