import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AUDIT_QUEUE, AuditJob, parseAuditJobPayload, parseDiffSpecJobPayload, SourceJob } from '@apiaudit/domain';
import { AuditStepsService } from './audit-steps.service';

/** Thin: check the payload, run the step (an audit step or a spec diff), let BullMQ retry with backoff; the last failure is written on the audit. */
@Processor(AUDIT_QUEUE, { concurrency: 2 })
export class AuditProcessor extends WorkerHost {
  private readonly log = new Logger(AuditProcessor.name);

  constructor(private readonly steps: AuditStepsService) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (job.name === SourceJob.diffSpec) {
      const payload = parseDiffSpecJobPayload(job.data);
      this.log.log(`spec source ${payload.sourceId}: diff v${payload.version - 1} -> v${payload.version} (attempt ${job.attemptsMade + 1})`);
      const { changes, breaking } = await this.steps.diffSpec(payload);
      this.log.log(`spec source ${payload.sourceId}: ${changes} changes, ${breaking} breaking`);
      return;
    }
    const { auditId } = parseAuditJobPayload(job.data);
    this.log.log(`audit ${auditId}: ${job.name} (attempt ${job.attemptsMade + 1})`);
    switch (job.name) {
      case AuditJob.ingest:
        await job.updateProgress(10);
        return this.steps.ingest(auditId);
      case AuditJob.analyzeTraces:
        return this.steps.analyzeTraces(auditId);
      case AuditJob.analyze:
        return this.steps.analyze(auditId, (percent) => job.updateProgress(percent));
      case AuditJob.plan:
        await this.steps.plan(auditId);
        await job.updateProgress(100);
        return;
      default:
        throw new Error(`unknown job '${job.name}' on queue ${AUDIT_QUEUE}`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    this.log.error(`audit job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    if (final) {
      const auditId = (job.data as { auditId?: string }).auditId;
      if (auditId) await this.steps.fail(auditId, `${job.name}: ${error.message}`);
    }
  }
}
