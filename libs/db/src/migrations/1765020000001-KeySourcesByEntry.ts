import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An archive uploaded again with another `?entry=` is another source (another description inside the same bytes),
 * so sources are unique by content and entry, not content alone.
 */
export class KeySourcesByEntry1765020000001 implements MigrationInterface {
  name = 'KeySourcesByEntry1765020000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sources DROP CONSTRAINT sources_project_kind_sha256`);
    await q.query(`CREATE UNIQUE INDEX sources_project_kind_sha256_entry ON sources (project_id, kind, sha256, COALESCE(entry, ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The older key cannot hold one archive twice: the later entries of the same bytes go.
    await q.query(`DELETE FROM sources s USING sources t
      WHERE s.project_id = t.project_id AND s.kind = t.kind AND s.sha256 = t.sha256 AND s.version > t.version`);
    await q.query(`DROP INDEX sources_project_kind_sha256_entry`);
    await q.query(`ALTER TABLE sources ADD CONSTRAINT sources_project_kind_sha256 UNIQUE (project_id, kind, sha256)`);
  }
}
