import type { WebhookEvent } from '@apiaudit/domain';
import type { DataSource } from 'typeorm';

export interface WebhookRecord {
  id: string;
  projectId: string;
  url: string;
  createdAt: Date;
}

export interface DeliveryAttempt {
  at: string;
  /** The receiver's HTTP status; absent when no answer came (refused, timed out). */
  status?: number;
  error?: string;
  ms: number;
}

export interface DeliveryRecord {
  id: string;
  webhookId: string;
  projectId: string;
  auditId: string;
  event: WebhookEvent;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  createdAt: Date;
  finishedAt: Date | null;
}

const WEBHOOK_COLUMNS = `id, project_id AS "projectId", url, created_at AS "createdAt"`;
const DELIVERY_COLUMNS = `d.id, d.webhook_id AS "webhookId", d.project_id AS "projectId", d.audit_id AS "auditId", d.event, d.status, d.attempts, d.created_at AS "createdAt", d.finished_at AS "finishedAt"`;

/** A project's outbound webhooks and every delivery made to them. */
export class WebhookRepository {
  constructor(private readonly db: DataSource) {}

  /** `secretSealed` is bound to `id` (webhookSecretContext), so the caller picks the id. */
  async create(webhook: { id: string; projectId: string; url: string; secretSealed: Buffer }): Promise<WebhookRecord> {
    const rows: WebhookRecord[] = await this.db.query(`INSERT INTO project_webhooks (id, project_id, url, secret_sealed) VALUES ($1, $2, $3, $4) RETURNING ${WEBHOOK_COLUMNS}`, [
      webhook.id,
      webhook.projectId,
      webhook.url,
      webhook.secretSealed,
    ]);
    return rows[0];
  }

  /** Oldest first, `limit` after the webhook `afterId`. */
  list(projectId: string, limit: number, afterId?: string): Promise<WebhookRecord[]> {
    return this.db.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM project_webhooks WHERE project_id = $1
         AND ($3::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM project_webhooks WHERE id = $3 AND project_id = $1))
       ORDER BY created_at, id LIMIT $2`,
      [projectId, limit, afterId ?? null],
    );
  }

  async remove(projectId: string, id: string): Promise<boolean> {
    const rows: { n: number }[] = await this.db.query(`WITH d AS (DELETE FROM project_webhooks WHERE project_id = $1 AND id = $2 RETURNING 1) SELECT count(*)::int AS n FROM d`, [projectId, id]);
    return rows[0].n > 0;
  }

  /** Stores the event's delivery to every webhook of the project unless stored already; returns the undelivered ones. */
  async recordDeliveries(projectId: string, auditId: string, event: WebhookEvent, payload: unknown): Promise<string[]> {
    await this.db.query(
      `INSERT INTO webhook_deliveries (webhook_id, project_id, audit_id, event, payload)
       SELECT id, project_id, $2, $3, $4 FROM project_webhooks WHERE project_id = $1
       ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING`,
      [projectId, auditId, event, JSON.stringify(payload)],
    );
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM webhook_deliveries WHERE audit_id = $1 AND event = $2 AND status = 'pending' ORDER BY created_at, id`, [auditId, event]);
    return rows.map((r) => r.id);
  }

  /** What a delivery attempt sends: the stored payload, the webhook's URL and sealed secret, and where the delivery stands. */
  async toSend(deliveryId: string): Promise<{ webhookId: string; url: string; secretSealed: Buffer; event: WebhookEvent; payload: unknown; status: DeliveryRecord['status'] } | null> {
    const rows = await this.db.query(
      `SELECT w.id AS "webhookId", w.url, w.secret_sealed AS "secretSealed", d.event, d.payload, d.status FROM webhook_deliveries d JOIN project_webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    return rows[0] ?? null;
  }

  /** Appends an attempt; `outcome` ends the delivery (delivered, or failed for good), undefined leaves it pending. */
  async recordAttempt(deliveryId: string, attempt: DeliveryAttempt, outcome?: 'delivered' | 'failed'): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET attempts = attempts || $2::jsonb, status = coalesce($3, status), finished_at = CASE WHEN $3::text IS NULL THEN finished_at ELSE now() END WHERE id = $1`,
      [deliveryId, JSON.stringify([attempt]), outcome ?? null],
    );
  }

  /** The project's deliveries, newest first, `limit` after the delivery `afterId`; one webhook's when `webhookId` is given. */
  deliveries(projectId: string, limit: number, afterId?: string, webhookId?: string): Promise<DeliveryRecord[]> {
    return this.db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.project_id = $1
         AND ($4::uuid IS NULL OR d.webhook_id = $4)
         AND ($3::uuid IS NULL OR (d.created_at, d.id) < (SELECT created_at, id FROM webhook_deliveries WHERE id = $3 AND project_id = $1))
       ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      [projectId, limit, afterId ?? null, webhookId ?? null],
    );
  }
}
