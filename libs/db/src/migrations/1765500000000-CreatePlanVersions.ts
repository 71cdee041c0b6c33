import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultant edits of a plan, one row per version: version 1 is the plan as the audit made it (with the edits
 * carried over from the project's previous plan), each edit adds the next. A row holds every edit in force, so a
 * version renders alone. The primary key makes two concurrent edits of the same version collide: one wins, the
 * other is a 412. Each stored plan file records the version it was rendered from, so a late render of an older
 * version never overwrites a newer one and a stale PDF is recognised.
 */
export class CreatePlanVersions1765500000000 implements MigrationInterface {
  name = 'CreatePlanVersions1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plan_versions (
      id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
      audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      version int NOT NULL CHECK (version >= 1),
      edits jsonb NOT NULL DEFAULT '{}',
      changes jsonb NOT NULL DEFAULT '[]',
      carried_from jsonb,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (audit_id, version))`);
    await q.query(`INSERT INTO plan_versions (audit_id, version, created_at) SELECT id, 1, COALESCE(finished_at, created_at) FROM audits WHERE plan IS NOT NULL`);
    await q.query(`ALTER TABLE artifacts ADD COLUMN plan_version int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE artifacts DROP COLUMN plan_version`);
    await q.query(`DROP TABLE plan_versions`);
  }
}
