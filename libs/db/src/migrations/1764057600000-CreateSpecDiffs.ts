import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The diff-spec job's result: one row per new spec version, against the version before it. */
export class CreateSpecDiffs1764057600000 implements MigrationInterface {
  name = 'CreateSpecDiffs1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE spec_diffs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      base_source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      base_version int NOT NULL,
      version int NOT NULL,
      breaking int NOT NULL,
      potentially_breaking int NOT NULL,
      non_breaking int NOT NULL,
      info int NOT NULL,
      changes jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT spec_diffs_source_version UNIQUE (source_id, version),
      CONSTRAINT spec_diffs_versions CHECK (base_version < version))`);
    await q.query(`CREATE INDEX spec_diffs_project_version ON spec_diffs (project_id, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE spec_diffs`);
  }
}
