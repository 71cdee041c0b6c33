import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, auditJobId, notifyJobId, WebhookJob, type AuditJobName } from '@apiaudit/domain';

/** What a step asks of the queue: the next step of an audit, and the webhook notice at its end. One job id each, so asking twice is a no-op. */
@Injectable()
export class AuditStepQueue {
  constructor(@InjectQueue(AUDIT_QUEUE) private readonly queue: Queue) {}

  async enqueue(step: AuditJobName, auditId: string): Promise<void> {
    await this.queue.add(step, { auditId }, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(auditId, step) });
  }

  /** Asks for the project's webhooks to be told that the audit ended (once per audit: one job id). */
  async notifyWebhooks(auditId: string): Promise<void> {
    await this.queue.add(WebhookJob.notify, { auditId }, { ...AUDIT_JOB_OPTIONS, jobId: notifyJobId(auditId) });
  }
}
