import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { RenderPlanJobPayload } from '@apiaudit/domain';
import { AuditRepository, ComparisonRepository } from '@apiaudit/db';
import { parsePlanReportInput, PlanInputError } from '@apiaudit/report';
import { compareAudits } from '@apiaudit/scoring';
import { AuditStepQueue } from './audit-step-queue';
import { PlanPrinter } from './plan-printer';

/** The plan step that ends an audit (PDF, comparison, success, webhooks), and the render-plan job after a plan edit. */
@Injectable()
export class PlanSteps {
  private readonly log = new Logger(PlanSteps.name);

  constructor(
    private readonly audits: AuditRepository,
    private readonly comparisons: ComparisonRepository,
    private readonly printer: PlanPrinter,
    private readonly steps: AuditStepQueue,
  ) {}

  async plan(auditId: string): Promise<void> {
    if (!(await this.audits.artifactInfo(auditId, 'plan.html'))) throw new UnrecoverableError(`audit ${auditId} has no rendered plan`);
    await this.audits.recordProgress(auditId, { step: 'render', percent: 90 });
    if (this.printer.available) await this.printPlan(auditId);
    else this.log.warn(`no Chromium found; audit ${auditId} gets an HTML plan only`);
    // Stored before the audit shows as succeeded, so a succeeded audit always has its comparison ready.
    await this.compareWithPrevious(auditId);
    await this.audits.markSucceeded(auditId);
    await this.steps.notifyWebhooks(auditId);
  }

  /**
   * Compares the audit with the project's previous succeeded audit and stores the result once: a step run again
   * after a crash finds it stored. The project's first audit has nothing to compare with.
   */
  async compareWithPrevious(auditId: string): Promise<void> {
    const baselineId = await this.comparisons.previousSucceeded(auditId);
    if (!baselineId || (await this.comparisons.find(auditId, baselineId))) return;
    const comparison = compareAudits(await this.comparisons.inputs(auditId, baselineId));
    await this.comparisons.save(auditId, baselineId, comparison);
    this.log.log(`audit ${auditId}: compared with ${baselineId}: ${comparison.regressed.length} regressed, ${comparison.new.length} new, ${comparison.resolved.length} resolved`);
  }

  /** The render-plan job: prints the PDF of the plan version stored now, unless the stored PDF is already of it. */
  async renderPlan({ auditId, version }: RenderPlanJobPayload): Promise<void> {
    if (!this.printer.available) {
      this.log.warn(`no Chromium found; plan version ${version} of audit ${auditId} gets no PDF`);
      return;
    }
    await this.printPlan(auditId);
  }

  /** Prints the stored plan.html and stores the PDF under the plan version the HTML was rendered from. */
  private async printPlan(auditId: string): Promise<void> {
    const html = await this.audits.artifact(auditId, 'plan.html');
    if (!html) throw new UnrecoverableError(`audit ${auditId} has no rendered plan`);
    const pdf = await this.audits.artifactInfo(auditId, 'plan.pdf');
    if (pdf && pdf.planVersion >= html.planVersion) return;
    const input = await this.audits.artifactContent(auditId, 'plan-input.json');
    const report = input ? this.readPlanInput(auditId, input) : undefined;
    const printed = await this.printer.print(html.content.toString('utf8'), {
      headerLeft: [report?.party?.client, report?.party?.project].filter(Boolean).join(' · '),
      headerRight: report?.plan.generatedAt.slice(0, 10) ?? '',
      footerText: 'apiaudit plan',
    });
    await this.audits.saveArtifact(auditId, 'plan.pdf', 'application/pdf', printed, html.planVersion);
  }

  // A stored file that does not read now will not read on a retry either.
  private readPlanInput(auditId: string, stored: Buffer) {
    try {
      return parsePlanReportInput(stored.toString('utf8'));
    } catch (error) {
      if (error instanceof PlanInputError) throw new UnrecoverableError(`audit ${auditId}: ${error.message}`);
      throw error;
    }
  }
}
