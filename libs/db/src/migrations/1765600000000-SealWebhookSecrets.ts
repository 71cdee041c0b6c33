import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openToken, sealToken, webhookSecretContext } from '../token-seal';

const NO_KEY = 'set APIAUDIT_TOKEN_KEY for the migration: it seals (or, going down, opens) the webhook secrets already stored';

/**
 * Outbound webhook secrets were stored as plain text; from here they are sealed with AES-256-GCM under
 * APIAUDIT_TOKEN_KEY like repository tokens, bound to their webhook. Existing rows are sealed here, which needs the
 * key: without one the migration runs only when there is nothing to seal. `tokenKey` comes from the platform config
 * (see `migrate`), so the migration is made per key.
 */
export function sealWebhookSecretsMigration(tokenKey: Buffer | undefined): new () => MigrationInterface {
  return class SealWebhookSecrets1765600000000 implements MigrationInterface {
    name = 'SealWebhookSecrets1765600000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE project_webhooks ADD COLUMN secret_sealed bytea`);
      const rows: Array<{ id: string; secret: string }> = await q.query(`SELECT id, secret FROM project_webhooks`);
      if (rows.length && !tokenKey) throw new Error(`project_webhooks holds ${rows.length} plain-text secrets: ${NO_KEY}`);
      for (const { id, secret } of rows) {
        await q.query(`UPDATE project_webhooks SET secret_sealed = $2 WHERE id = $1`, [id, sealToken(secret, tokenKey!, webhookSecretContext(id))]);
      }
      await q.query(`ALTER TABLE project_webhooks ALTER COLUMN secret_sealed SET NOT NULL, DROP COLUMN secret`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE project_webhooks ADD COLUMN secret text`);
      const rows: Array<{ id: string; secret_sealed: Buffer }> = await q.query(`SELECT id, secret_sealed FROM project_webhooks`);
      if (rows.length && !tokenKey) throw new Error(`project_webhooks holds ${rows.length} sealed secrets: ${NO_KEY}`);
      for (const { id, secret_sealed: sealed } of rows) {
        await q.query(`UPDATE project_webhooks SET secret = $2 WHERE id = $1`, [id, openToken(sealed, tokenKey!, webhookSecretContext(id))]);
      }
      await q.query(`ALTER TABLE project_webhooks ALTER COLUMN secret SET NOT NULL, DROP COLUMN secret_sealed`);
    }
  };
}
