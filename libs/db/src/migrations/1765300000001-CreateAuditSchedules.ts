import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-audit schedules, one per project (registered from here as BullMQ job schedulers whenever a worker starts), and
 * what started each audit. `trigger_key` names one firing (a scheduler's job, a GitHub delivery): unique, so a
 * retried job or a redelivered webhook finds its audit instead of starting another.
 */
export class CreateAuditSchedules1765300000001 implements MigrationInterface {
  name = 'CreateAuditSchedules1765300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_schedules (
      project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      cron text,
      timezone text NOT NULL DEFAULT 'UTC',
      every_days int CHECK (every_days BETWEEN 1 AND 366),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT audit_schedules_one_rule CHECK ((cron IS NULL) <> (every_days IS NULL)))`);
    await q.query(`ALTER TABLE audits ADD COLUMN triggered_by jsonb, ADD COLUMN trigger_key text`);
    await q.query(`CREATE UNIQUE INDEX audits_trigger_key ON audits (trigger_key) WHERE trigger_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audits_trigger_key`);
    await q.query(`ALTER TABLE audits DROP COLUMN trigger_key, DROP COLUMN triggered_by`);
    await q.query(`DROP TABLE audit_schedules`);
  }
}
