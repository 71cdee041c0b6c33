import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an audit changed since a baseline audit of its project, as the worker computed it when the audit succeeded
 * (or the api on first request for another baseline). One row per (audit, baseline), written whole in one statement,
 * so a reader never sees half a comparison.
 */
export class CreateAuditComparisons1765300000000 implements MigrationInterface {
  name = 'CreateAuditComparisons1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_comparisons (
      audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      baseline_audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      comparison jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (audit_id, baseline_audit_id),
      CONSTRAINT audit_comparisons_other_audit CHECK (audit_id <> baseline_audit_id))`);
    await q.query(`CREATE INDEX audit_comparisons_baseline ON audit_comparisons (baseline_audit_id)`);
    // The previous succeeded audit of a project: the default baseline.
    await q.query(`CREATE INDEX audits_project_succeeded ON audits (project_id, created_at, id) WHERE status = 'succeeded'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audits_project_succeeded`);
    await q.query(`DROP TABLE audit_comparisons`);
  }
}
