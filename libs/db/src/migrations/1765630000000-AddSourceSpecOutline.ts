import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A spec source's outline (its operations' methods and path templates, with a schema version), made when the upload
 * is validated: an audit's trace step reads it instead of parsing the spec. Older rows have none; the worker makes
 * theirs the first time it needs one.
 */
export class AddSourceSpecOutline1765630000000 implements MigrationInterface {
  name = 'AddSourceSpecOutline1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sources ADD COLUMN outline jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sources DROP COLUMN outline`);
  }
}
