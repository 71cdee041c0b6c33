import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's apiaudit.yaml, kept as the text the consultant sent (YAML or JSON, with its media type) so the worker
 * reads exactly what the CLI would read from a file; null means the defaults.
 */
export class AddProjectAuditConfig1765200000000 implements MigrationInterface {
  name = 'AddProjectAuditConfig1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN audit_config text, ADD COLUMN audit_config_media_type text, ADD COLUMN audit_config_updated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN audit_config, DROP COLUMN audit_config_media_type, DROP COLUMN audit_config_updated_at`);
  }
}
