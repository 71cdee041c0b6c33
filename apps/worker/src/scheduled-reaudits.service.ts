import { Injectable } from '@nestjs/common';
import { AuditJob } from '@apiaudit/domain';
import { AuditRepository, ScheduleRepository } from '@apiaudit/db';
import { AuditStepQueue } from './audit-step-queue';

/** The audits a project's schedule starts. */
@Injectable()
export class ScheduledReaudits {
  constructor(
    private readonly audits: AuditRepository,
    private readonly schedules: ScheduleRepository,
    private readonly steps: AuditStepQueue,
  ) {}

  /**
   * One firing of a project's schedule (`firing` is the scheduler job's id): creates the audit once and enqueues its
   * ingest step. Run again after a crash, it finds the audit it created and enqueues the step again (a no-op when it
   * is there). Nothing starts when the schedule was removed meanwhile or an audit of the project still waits or runs.
   */
  async start(projectId: string, firing: string, firedAt: Date): Promise<string | null> {
    const key = `schedule:${firing}`;
    let audit = await this.audits.findByTriggerKey(key);
    if (!audit) {
      if (!(await this.schedules.find(projectId))) return null;
      audit = await this.audits.startScheduled(projectId, { kind: 'schedule', firedAt: firedAt.toISOString() }, key);
      if (!audit) return null;
    }
    await this.steps.enqueue(AuditJob.ingest, audit.id);
    return audit.id;
  }
}
