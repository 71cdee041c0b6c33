import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError, type Queue } from 'bullmq';
import { AUDIT_QUEUE, deliveryJobId, signWebhookBody, WEBHOOK_DELIVERY_OPTIONS, WEBHOOK_SIGNATURE_HEADER, WebhookJob, type WebhookEvent } from '@apiaudit/domain';
import { AuditRepository, ComparisonRepository, openToken, WebhookRepository, webhookSecretContext, type PlatformConfig } from '@apiaudit/db';
import { PLATFORM_CONFIG } from './platform-config.token';

type DeliveryPayload = { event: string; projectId: string; audit: unknown; comparison: Record<string, unknown> | null };

/** The payload with its keys in reading order (PostgreSQL's jsonb keeps them sorted by length): regressions first. */
function inReadingOrder({ event, projectId, audit, comparison }: DeliveryPayload): DeliveryPayload {
  if (!comparison) return { event, projectId, audit, comparison };
  const { baselineAuditId, regressed, new: appeared, resolved, open, scores, validation } = comparison;
  return { event, projectId, audit, comparison: { baselineAuditId, regressed, new: appeared, resolved, open, scores, validation } };
}

/** How long a receiver may take to answer one attempt. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Outbound webhooks: when an audit ends, one delivery per webhook of its project, its payload fixed then (the audit,
 * and its comparison with regressions first); each POSTed signed (HMAC-SHA256 over timestamp and body) and retried
 * by BullMQ with exponential backoff until the receiver answers 2xx. Every attempt is logged on the delivery.
 */
@Injectable()
export class WebhookSender {
  private readonly log = new Logger(WebhookSender.name);

  constructor(
    private readonly audits: AuditRepository,
    private readonly comparisons: ComparisonRepository,
    private readonly webhooks: WebhookRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The webhook's signing secret, opened here only, for the attempt; a delivery that cannot open it fails for good. */
  private async secretOf(deliveryId: string, webhookId: string, sealed: Buffer): Promise<string> {
    let problem: string;
    if (!this.config.tokenKey) problem = 'its secret cannot be opened: APIAUDIT_TOKEN_KEY is not set on the worker';
    else {
      try {
        return openToken(sealed, this.config.tokenKey, webhookSecretContext(webhookId));
      } catch {
        problem = 'its secret cannot be opened with this APIAUDIT_TOKEN_KEY (was the key changed?); register the webhook again';
      }
    }
    await this.webhooks.recordAttempt(deliveryId, { at: new Date().toISOString(), error: problem, ms: 0 }, 'failed');
    throw new UnrecoverableError(`webhook delivery ${deliveryId}: ${problem}`);
  }

  /** The notify-webhooks job of a finished audit; run again, it stores nothing twice and re-enqueues what is undelivered. */
  async notify(auditId: string): Promise<number> {
    const audit = await this.audits.findById(auditId);
    if (!audit) return 0;
    if (audit.status !== 'succeeded' && audit.status !== 'failed') throw new Error(`audit ${auditId} is ${audit.status}; webhooks wait until it ends`);
    const event: WebhookEvent = audit.status === 'succeeded' ? 'audit.succeeded' : 'audit.failed';
    const stored = audit.status === 'succeeded' ? await this.comparisons.firstStored(auditId) : null;
    const comparison = stored && {
      baselineAuditId: stored.baselineAuditId,
      // Regressions first: what a team must look at before anything else.
      regressed: stored.comparison.regressed,
      new: stored.comparison.new,
      resolved: stored.comparison.resolved,
      open: stored.comparison.open.length,
      scores: stored.comparison.scores,
      validation: stored.comparison.validation.map(({ item, metric, before, after, target, met, note }) => ({ item: { rank: item.rank, ruleId: item.ruleId, title: item.title }, metric, before, after, target, met, note })),
    };
    const payload = {
      event,
      projectId: audit.projectId,
      audit: {
        id: audit.id,
        status: audit.status,
        error: audit.error,
        triggeredBy: audit.triggeredBy,
        score: audit.scores?.overall ?? null,
        createdAt: audit.createdAt,
        finishedAt: audit.finishedAt,
        links: { self: `/v1/audits/${audit.id}`, ...(audit.status === 'succeeded' ? { comparison: `/v1/audits/${audit.id}/comparison`, plan: `/v1/audits/${audit.id}/plan` } : {}) },
      },
      comparison: comparison ?? null,
    };
    const pending = await this.webhooks.recordDeliveries(audit.projectId, auditId, event, payload);
    for (const deliveryId of pending) {
      await this.queue.add(WebhookJob.deliver, { deliveryId }, { ...WEBHOOK_DELIVERY_OPTIONS, jobId: deliveryJobId(deliveryId) });
    }
    return pending.length;
  }

  /** One attempt of a delivery. Throws when the receiver did not take it, so BullMQ retries; `final` marks it failed. */
  async deliver(deliveryId: string, final: boolean): Promise<void> {
    const delivery = await this.webhooks.toSend(deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const secret = await this.secretOf(deliveryId, delivery.webhookId, delivery.secretSealed);
    const body = JSON.stringify(inReadingOrder(delivery.payload as DeliveryPayload));
    const started = Date.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'apiaudit-webhooks',
          'x-apiaudit-event': delivery.event,
          'x-apiaudit-delivery': deliveryId,
          [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: signWebhookBody(secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status > 299) error = `the receiver answered ${status}`;
    } catch (cause) {
      error = cause instanceof Error ? (cause.name === 'TimeoutError' ? `no answer in ${ATTEMPT_TIMEOUT_MS} ms` : (cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    }
    const attempt = { at: new Date(started).toISOString(), ...(status !== undefined ? { status } : {}), ...(error ? { error } : {}), ms: Date.now() - started };
    await this.webhooks.recordAttempt(deliveryId, attempt, error ? (final ? 'failed' : undefined) : 'delivered');
    if (error) throw new Error(`webhook delivery ${deliveryId}: ${error}`);
    this.log.log(`webhook delivery ${deliveryId} (${delivery.event}) delivered: ${status}`);
  }
}
