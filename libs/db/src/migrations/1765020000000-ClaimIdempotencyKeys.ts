import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are claimed before the work runs: a row is inserted `in-progress` (first insert wins), then
 * completed with the response. Keys are scoped by principal (empty until requests carry one) and route.
 */
export class ClaimIdempotencyKeys1765020000000 implements MigrationInterface {
  name = 'ClaimIdempotencyKeys1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys
      ADD COLUMN scope text NOT NULL DEFAULT '',
      ADD COLUMN state text NOT NULL DEFAULT 'completed' CHECK (state IN ('in-progress', 'completed')),
      ADD COLUMN claimed_at timestamptz,
      ALTER COLUMN status DROP NOT NULL,
      ALTER COLUMN headers DROP NOT NULL`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey, ADD PRIMARY KEY (scope, route, key)`);
    await q.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_completed_answer CHECK (state = 'in-progress' OR (status IS NOT NULL AND headers IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys WHERE state = 'in-progress' OR scope <> ''`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_completed_answer`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey, ADD PRIMARY KEY (key, route)`);
    await q.query(`ALTER TABLE idempotency_keys
      DROP COLUMN scope, DROP COLUMN state, DROP COLUMN claimed_at,
      ALTER COLUMN status SET NOT NULL,
      ALTER COLUMN headers SET NOT NULL`);
  }
}
