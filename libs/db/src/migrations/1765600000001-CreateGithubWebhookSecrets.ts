import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's GitHub push webhook secret, sealed under APIAUDIT_TOKEN_KEY (bound to the project). A push is verified
 * against the secret of each project linked to the pushed repository; a project without one is never re-audited by a push.
 */
export class CreateGithubWebhookSecrets1765600000001 implements MigrationInterface {
  name = 'CreateGithubWebhookSecrets1765600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE github_webhook_secrets (
      project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      secret_sealed bytea NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE github_webhook_secrets`);
  }
}
