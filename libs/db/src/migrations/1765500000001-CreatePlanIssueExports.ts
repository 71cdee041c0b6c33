import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of a plan to GitHub issues. GitHub wants a second between writes, so filing a plan takes about a second
 * per item: the api answers at once and runs the export after, recording each issue as it is filed.
 */
export class CreatePlanIssueExports1765500000001 implements MigrationInterface {
  name = 'CreatePlanIssueExports1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plan_issue_exports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      repository text NOT NULL,
      plan_version int NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
      total int NOT NULL DEFAULT 0,
      issues jsonb NOT NULL DEFAULT '[]',
      error text,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz)`);
    await q.query(`CREATE INDEX plan_issue_exports_audit ON plan_issue_exports (audit_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_issue_exports`);
  }
}
