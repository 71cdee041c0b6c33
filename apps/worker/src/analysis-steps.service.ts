import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AuditJob, type AuditSourceReport } from '@apiaudit/domain';
import { AuditRepository, type AuditEntity, type SourceEntity } from '@apiaudit/db';
import { analyzeReadableAuditTraces, runAudit, type UnreadTraceExport } from '@apiaudit/pipeline';
import { AuditStepQueue } from './audit-step-queue';
import { FirstPlanFiles } from './first-plan-files.service';
import { ProjectInputs } from './project-inputs';

/** The repository sources that could not be fetched and trace exports that could not be read for this audit: left out of it, reported on it. */
function failedSourceIds(audit: AuditEntity): string[] {
  return (audit.sources ?? []).filter((s) => s.status === 'failed' && s.sourceId).map((s) => s.sourceId!);
}

/**
 * The audit's account of its sources with each trace export it could not read marked failed, as a repository that
 * could not be fetched is.
 */
export function withUnreadTraces(sources: AuditSourceReport[], unread: UnreadTraceExport[], traceSources: SourceEntity[]): AuditSourceReport[] {
  const report = [...sources];
  for (const { path, reason } of unread) {
    const source = traceSources.find((t) => t.path === path);
    if (!source) continue;
    const failed: AuditSourceReport = {
      kind: 'traces',
      status: 'failed',
      sourceId: source.id,
      version: source.version,
      label: source.filename,
      detail: `could not be read, so its traffic is not in this audit: ${reason}`,
    };
    const at = report.findIndex((s) => s.sourceId === source.id);
    if (at >= 0) report[at] = failed;
    else report.push(failed);
  }
  return report;
}

/**
 * Which stored sources the audit reads. A re-audit (a schedule, a push, a re-audit request) reads the newest trace
 * export only: the traffic since the fixes.
 */
function sourceChoiceOf(audit: AuditEntity) {
  return { newestTracesOnly: audit.triggeredBy !== null, failedSourceIds: failedSourceIds(audit) };
}

/**
 * The analyze-traces and analyze steps: the pipeline run on the project's stored inputs, as the CLI runs it on files.
 * The trace step reads each spec's stored outline; the analyze step parses the spec, once.
 */
@Injectable()
export class AnalysisSteps {
  constructor(
    private readonly audits: AuditRepository,
    private readonly projectInputs: ProjectInputs,
    private readonly planFiles: FirstPlanFiles,
    private readonly steps: AuditStepQueue,
  ) {}

  private async auditOf(auditId: string): Promise<AuditEntity> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    return audit;
  }

  /**
   * Streams every trace export of the project through the detectors; the result waits on the audit row. An export
   * that cannot be read (gone from disk, unreadable, corrupt) is reported as failed and the audit goes on without it;
   * when nothing at all could be read, the audit fails and says why.
   */
  async analyzeTraces(auditId: string): Promise<void> {
    const audit = await this.auditOf(auditId);
    await this.audits.recordProgress(auditId, { step: 'analyze', percent: 15 });
    const { traceSources, ...inputs } = await this.projectInputs.ofTraceStep(audit.projectId, sourceChoiceOf(audit));
    const { analysis, unread } = await analyzeReadableAuditTraces(inputs, new Date());
    if (unread.length > 0) {
      const report = withUnreadTraces(audit.sources ?? [], unread, traceSources);
      await this.audits.saveSources(auditId, report);
      if (!report.some((s) => s.status === 'read')) {
        throw new UnrecoverableError(`no source could be read: ${report.filter((s) => s.status === 'failed').map((s) => `${s.label}: ${s.detail}`).join('; ')}`);
      }
    }
    if (analysis) await this.audits.saveTraceAnalysis(auditId, analysis);
    await this.steps.enqueue(AuditJob.analyze, auditId);
  }

  async analyze(auditId: string, report: (percent: number) => Promise<void>): Promise<void> {
    const audit = await this.auditOf(auditId);
    const inputs = await this.projectInputs.of(audit.projectId, sourceChoiceOf(audit));
    const traceAnalysis = inputs.traces.length > 0 ? await this.audits.traceAnalysisOf(auditId) : undefined;
    if (inputs.traces.length > 0 && !traceAnalysis) throw new Error('trace analysis missing; the analyze-traces job must run first');
    await this.audits.recordProgress(auditId, { step: 'analyze', percent: 20 });
    const outcome = await runAudit(
      { ...inputs, ...(traceAnalysis ? { traceAnalysis } : {}) },
      {
        now: new Date(),
        onProgress: (step, done, total) => {
          const base = step === 'ingest' ? 20 : step === 'analyze' ? 30 : 70;
          void report(Math.round(base + (total ? (done / total) * 30 : 0)));
        },
      },
    );
    await this.audits.saveFindings(auditId, outcome.result.findings);
    await this.audits.saveOutcome(auditId, { subject: outcome.plan.subject, scores: outcome.result.scores, inventory: outcome.result.inventory, plan: outcome.plan });
    await this.planFiles.write(audit, outcome);
    await this.audits.recordProgress(auditId, { step: 'plan', percent: 80 });
    await this.steps.enqueue(AuditJob.plan, auditId);
  }
}
