import { Injectable } from '@nestjs/common';
import { AnalysisSteps } from './analysis-steps.service';
import { AuditState } from './audit-state';
import { AuditStepQueue } from './audit-step-queue';
import { IngestSteps } from './ingest-steps.service';
import { PlanSteps } from './plan-steps.service';
import { ScheduledReaudits } from './scheduled-reaudits.service';
import { SpecDiffStep } from './spec-diff-step.service';
import { WebhookSender } from './webhook-sender';

/** The services the processor hands each job to, one per step or job kind. */
@Injectable()
export class JobHandlers {
  constructor(
    readonly state: AuditState,
    readonly queue: AuditStepQueue,
    readonly ingest: IngestSteps,
    readonly analysis: AnalysisSteps,
    readonly plans: PlanSteps,
    readonly specDiff: SpecDiffStep,
    readonly reaudits: ScheduledReaudits,
    readonly webhooks: WebhookSender,
  ) {}
}
