import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks of a project and their delivery log. A delivery is one event of one audit to one webhook
 * (unique, so a notify job run twice stores it once), its payload fixed when it was stored, and every attempt.
 */
export class CreateProjectWebhooks1765300000002 implements MigrationInterface {
  name = 'CreateProjectWebhooks1765300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE project_webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      url text NOT NULL,
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX project_webhooks_project ON project_webhooks (project_id, created_at, id)`);
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES project_webhooks(id) ON DELETE CASCADE,
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      event text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      CONSTRAINT webhook_deliveries_once UNIQUE (webhook_id, audit_id, event))`);
    await q.query(`CREATE INDEX webhook_deliveries_project ON webhook_deliveries (project_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE project_webhooks`);
  }
}
