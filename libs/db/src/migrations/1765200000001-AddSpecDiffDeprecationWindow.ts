import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deprecation window a stored diff judged removals by. An audit reuses a stored diff only when its project's
 * config asks for the same window; diffs stored before this column were all made with 90 days.
 */
export class AddSpecDiffDeprecationWindow1765200000001 implements MigrationInterface {
  name = 'AddSpecDiffDeprecationWindow1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spec_diffs ADD COLUMN min_deprecation_days int NOT NULL DEFAULT 90`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spec_diffs DROP COLUMN min_deprecation_days`);
  }
}
