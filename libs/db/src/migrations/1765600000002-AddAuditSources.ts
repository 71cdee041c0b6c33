import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each source as an audit took it (read, missing, failed): an audit completes with what it has and says what it lacks. */
export class AddAuditSources1765600000002 implements MigrationInterface {
  name = 'AddAuditSources1765600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audits ADD COLUMN sources jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audits DROP COLUMN sources`);
  }
}
