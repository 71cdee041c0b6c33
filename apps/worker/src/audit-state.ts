import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@apiaudit/db';

/** Whether an audit still runs, and its failure: what the processor checks before a step and records after the last attempt. */
@Injectable()
export class AuditState {
  constructor(private readonly audits: AuditRepository) {}

  /** Succeeded or failed: a step of it run again (taken over after a crash) has nothing left to do. */
  async isFinished(auditId: string): Promise<boolean> {
    const status = (await this.audits.findById(auditId))?.status;
    return status === 'succeeded' || status === 'failed';
  }

  async fail(auditId: string, reason: string): Promise<void> {
    await this.audits.markFailed(auditId, reason);
  }
}
