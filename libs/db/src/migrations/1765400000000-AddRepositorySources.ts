import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repositories as sources: a GitHub repository at a ref (its token sealed with AES-256-GCM), or an uploaded
 * tar.gz/zip kept in `content`. The last scan is kept with the commit it read, so an unchanged commit is neither
 * downloaded nor scanned again.
 */
export class AddRepositorySources1765400000000 implements MigrationInterface {
  name = 'AddRepositorySources1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sources DROP CONSTRAINT sources_kind_check`);
    await q.query(`ALTER TABLE sources ADD CONSTRAINT sources_kind_check CHECK (kind IN ('spec', 'traces', 'repository'))`);
    await q.query(`ALTER TABLE sources
      ADD COLUMN repository text,
      ADD COLUMN ref text,
      ADD COLUMN token_sealed bytea,
      ADD COLUMN commit_sha text,
      ADD COLUMN scan jsonb,
      ADD COLUMN scanned_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sources WHERE kind = 'repository'`);
    await q.query(`ALTER TABLE sources DROP COLUMN repository, DROP COLUMN ref, DROP COLUMN token_sealed, DROP COLUMN commit_sha, DROP COLUMN scan, DROP COLUMN scanned_at`);
    await q.query(`ALTER TABLE sources DROP CONSTRAINT sources_kind_check`);
    await q.query(`ALTER TABLE sources ADD CONSTRAINT sources_kind_check CHECK (kind IN ('spec', 'traces'))`);
  }
}
