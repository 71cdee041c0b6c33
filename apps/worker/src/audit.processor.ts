import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job, type WorkerOptions } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, parseAuditJobPayload, parseDiffSpecJobPayload, parseReauditJobPayload, parseDeliveryJobPayload, parseRenderPlanJobPayload, PlanJob, ReauditJob, SourceJob, WebhookJob } from '@apiaudit/domain';
import type { PlatformConfig } from '@apiaudit/db';
import { freezeIfFaultAt } from './fault-point';
import { JobHandlers } from './job-handlers';
import { PLATFORM_CONFIG } from './platform-config.token';

/**
 * Stall detection for jobs of seconds to minutes. A worker holds a job's lock for `jobLockMs` and renews it every
 * half of that while the job runs; when a worker dies, another sees the lock gone at its next stalled check and
 * runs the job again. A job may stall as often as it may fail (attempts - 1 times) before it fails for good.
 * BullMQ's defaults (30 s lock, 30 s checks, 1 stall) took about 68 s to take over and failed an audit at the second crash.
 */
export function auditWorkerOptions(config: Pick<PlatformConfig, 'jobLockMs'>): Partial<WorkerOptions> {
  return {
    concurrency: 2,
    lockDuration: config.jobLockMs,
    stalledInterval: Math.max(500, Math.round(config.jobLockMs / 3)),
    maxStalledCount: AUDIT_JOB_OPTIONS.attempts - 1,
  };
}

const KNOWN_JOBS = new Set<string>([...Object.values(AuditJob), ...Object.values(SourceJob), ...Object.values(PlanJob), ...Object.values(ReauditJob), ...Object.values(WebhookJob)]);

export function isKnownJob(name: string): boolean {
  return KNOWN_JOBS.has(name);
}

/** Thin: check the payload, run the step (an audit step or a spec diff), let BullMQ retry with backoff; the last failure is written on the audit. */
@Processor(AUDIT_QUEUE, { concurrency: 2 })
export class AuditProcessor extends WorkerHost {
  private readonly log = new Logger(AuditProcessor.name);

  constructor(
    private readonly handlers: JobHandlers,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    // A job no step handles (a typo, a producer newer than this worker) fails at once: a retry cannot help it.
    if (!isKnownJob(job.name)) throw new UnrecoverableError(`unknown job '${job.name}' on queue ${AUDIT_QUEUE}`);
    if (job.name === SourceJob.diffSpec) {
      const payload = parseDiffSpecJobPayload(job.data);
      this.log.log(`spec source ${payload.sourceId}: diff v${payload.version - 1} -> v${payload.version} (attempt ${job.attemptsMade + 1})`);
      const { changes, breaking } = await this.handlers.specDiff.diffSpec(payload);
      this.log.log(`spec source ${payload.sourceId}: ${changes} changes, ${breaking} breaking`);
      return;
    }
    if (job.name === WebhookJob.notify) {
      const { auditId } = parseAuditJobPayload(job.data);
      this.log.log(`audit ${auditId}: ${await this.handlers.webhooks.notify(auditId)} webhook deliveries to make`);
      return;
    }
    if (job.name === WebhookJob.deliver) {
      const { deliveryId } = parseDeliveryJobPayload(job.data);
      await this.handlers.webhooks.deliver(deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
      return;
    }
    if (job.name === ReauditJob.reaudit) {
      const { projectId } = parseReauditJobPayload(job.data);
      const auditId = await this.handlers.reaudits.start(projectId, job.id!, new Date(job.timestamp));
      this.log.log(`project ${projectId}: scheduled re-audit ${job.id}: ${auditId ? `audit ${auditId}` : 'skipped'}`);
      this.faultPoint(job, 'after');
      return;
    }
    if (job.name === PlanJob.render) {
      // A consultant edited the plan of a finished audit: only its PDF is printed again.
      const payload = parseRenderPlanJobPayload(job.data);
      this.log.log(`audit ${payload.auditId}: render plan v${payload.version} (attempt ${job.attemptsMade + 1})`);
      await this.handlers.plans.renderPlan(payload);
      return;
    }
    const { auditId } = parseAuditJobPayload(job.data);
    this.log.log(`audit ${auditId}: ${job.name} (attempt ${job.attemptsMade + 1})`);
    // A step taken over after a crash may find the audit already finished by the steps after it: nothing to redo.
    if (await this.handlers.state.isFinished(auditId)) {
      this.log.log(`audit ${auditId}: ${job.name} skipped, the audit has finished`);
      // The plan step that finished it may have died before it asked for the webhooks: ask again (one job id per audit).
      if (job.name === AuditJob.plan) await this.handlers.queue.notifyWebhooks(auditId);
      return;
    }
    this.faultPoint(job, 'before');
    switch (job.name) {
      case AuditJob.ingest:
        await job.updateProgress(10);
        await this.handlers.ingest.ingest(auditId);
        break;
      case AuditJob.scanRepositories:
        await this.handlers.ingest.scanRepositories(auditId, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
        break;
      case AuditJob.analyzeTraces:
        await this.handlers.analysis.analyzeTraces(auditId);
        break;
      case AuditJob.analyze:
        await this.handlers.analysis.analyze(auditId, (percent) => job.updateProgress(percent));
        break;
      case AuditJob.plan:
        await this.handlers.plans.plan(auditId);
        await job.updateProgress(100);
        break;
    }
    this.faultPoint(job, 'after');
  }

  /** `after` is the hard case: the work is stored, the job not completed. */
  private faultPoint(job: Job, at: 'before' | 'after'): void {
    freezeIfFaultAt(this.config, job.name, at, String(job.id));
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError' || /stalled more than allowable limit/.test(error.message);
    this.log.error(`audit job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    const notAuditStep: string[] = [PlanJob.render, WebhookJob.notify, WebhookJob.deliver];
    if (final && !notAuditStep.includes(job.name)) {
      const auditId = (job.data as { auditId?: string }).auditId;
      if (auditId) {
        await this.handlers.state.fail(auditId, `${job.name}: ${error.message}`);
        await this.handlers.queue.notifyWebhooks(auditId);
      }
    }
  }
}

/** The processor with stall detection tuned from the configuration (the decorator's options are fixed at import). */
export function configuredAuditProcessor(config: PlatformConfig): typeof AuditProcessor {
  class ConfiguredAuditProcessor extends AuditProcessor {}
  Processor(AUDIT_QUEUE, auditWorkerOptions(config))(ConfiguredAuditProcessor);
  return ConfiguredAuditProcessor;
}
