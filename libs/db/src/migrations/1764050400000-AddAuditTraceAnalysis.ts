import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace job's result, kept on the audit until the analyze job merges it with the spec findings. */
export class AddAuditTraceAnalysis1764050400000 implements MigrationInterface {
  name = 'AddAuditTraceAnalysis1764050400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audits ADD COLUMN trace_analysis jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audits DROP COLUMN trace_analysis`);
  }
}
