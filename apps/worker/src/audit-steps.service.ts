import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue, UnrecoverableError } from 'bullmq';
import { diffSpecs } from '@apiaudit/diff';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId, notifyJobId, WebhookJob, type AuditJobName, type AuditSourceReport, type DiffSpecJobPayload, type RenderPlanJobPayload } from '@apiaudit/domain';
import { AuditRepository, CatalogRepository, ComparisonRepository, PlanVersionRepository, ScheduleRepository, SourceRepository, SpecDiffRepository, type AuditEntity, type PlatformConfig } from '@apiaudit/db';
import { buildApiModel } from '@apiaudit/openapi';
import { analyzeAuditTraces, loadSpecSource, runAudit } from '@apiaudit/pipeline';
import { PLAN_FILE_MEDIA_TYPES, renderPlanFiles, type PlanFileName, type PlanReportInput } from '@apiaudit/report';
import { PlanPrinter } from './plan-printer';
import { ProjectInputs, sourcesToRead } from './project-inputs';
import { RepositoryScanner } from './repository-scanner';
import { applyPlanEdits, carryPlanEdits, compareAudits } from '@apiaudit/scoring';

import { PLATFORM_CONFIG } from './platform-config.token';

export { PLATFORM_CONFIG };

/** The repository sources that could not be fetched for this audit: left out of it, reported on it. */
function failedSourceIds(audit: AuditEntity): string[] {
  return (audit.sources ?? []).filter((s) => s.status === 'failed' && s.sourceId).map((s) => s.sourceId!);
}

/** What the plan says the audit lacks: each missing or failed source, in a line. */
function unreadSources(audit: AuditEntity): NonNullable<PlanReportInput['unread']> {
  return (audit.sources ?? []).filter((s) => s.status !== 'read').map((s) => ({ kind: s.kind === 'repository' ? 'repo' : s.kind, ...(s.label ? { label: s.label } : {}), status: s.status as 'missing' | 'failed', reason: s.detail ?? '' }));
}

/** The steps of an audit, and the diff of each new spec version. Each is idempotent: a retry redoes its work and overwrites, never duplicates. */
@Injectable()
export class AuditStepsService {
  private readonly log = new Logger(AuditStepsService.name);

  constructor(
    private readonly audits: AuditRepository,
    private readonly sources: SourceRepository,
    private readonly specDiffs: SpecDiffRepository,
    private readonly catalog: CatalogRepository,
    private readonly planVersions: PlanVersionRepository,
    private readonly comparisons: ComparisonRepository,
    private readonly schedules: ScheduleRepository,
    private readonly printer: PlanPrinter,
    private readonly repositories: RepositoryScanner,
    private readonly projectInputs: ProjectInputs,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  private async enqueue(step: AuditJobName, auditId: string): Promise<void> {
    await this.queue.add(step, { auditId }, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(auditId, step) });
  }

  /**
   * One firing of a project's schedule (`firing` is the scheduler job's id): creates the audit once and enqueues its
   * ingest step. Run again after a crash, it finds the audit it created and enqueues the step again (a no-op when it
   * is there). Nothing starts when the schedule was removed meanwhile or an audit of the project still waits or runs.
   */
  async startScheduledReaudit(projectId: string, firing: string, firedAt: Date): Promise<string | null> {
    const key = `schedule:${firing}`;
    let audit = await this.audits.findByTriggerKey(key);
    if (!audit) {
      if (!(await this.schedules.find(projectId))) return null;
      audit = await this.audits.startScheduled(projectId, { kind: 'schedule', firedAt: firedAt.toISOString() }, key);
      if (!audit) return null;
    }
    await this.enqueue(AuditJob.ingest, audit.id);
    return audit.id;
  }

  async ingest(auditId: string): Promise<void> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    const inputs = await this.sources.inputsOfProject(audit.projectId);
    // A source of a kind the project lacks is reported, not fatal; a project with no source at all has nothing to audit.
    await this.audits.saveSources(auditId, sourcesToRead(inputs, { newestTracesOnly: audit.triggeredBy !== null }));
    if (!inputs.spec && inputs.traces.length === 0 && inputs.repositories.length === 0) throw new UnrecoverableError('the project has no spec, trace or repository source to audit');
    await this.audits.markRunning(auditId, { step: 'ingest', percent: 10 });
    await this.enqueue(inputs.repositories.length > 0 ? AuditJob.scanRepositories : this.afterScan(inputs), auditId);
  }

  private afterScan(inputs: { traces: unknown[] }): AuditJobName {
    return inputs.traces.length > 0 ? AuditJob.analyzeTraces : AuditJob.analyze;
  }

  /**
   * Fetches and scans each repository source whose commit has no stored scan yet; the audit reads the stored scans.
   * A repository that cannot be fetched (gone, a rejected token; on the job's last attempt, any error) is reported
   * as failed and the audit goes on without it; other errors are retried with the job's backoff. When nothing at all
   * could be read, the audit fails and says why.
   */
  async scanRepositories(auditId: string, { lastAttempt }: { lastAttempt: boolean }): Promise<void> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    const inputs = await this.sources.inputsOfProject(audit.projectId);
    await this.audits.recordProgress(auditId, { step: 'analyze', percent: 12 });
    const scanned: AuditSourceReport[] = [];
    for (const source of inputs.repositories) {
      const taken = { kind: 'repository' as const, sourceId: source.id, version: source.version, label: source.filename };
      try {
        const { commitSha, reused } = await this.repositories.scan(source);
        scanned.push({ ...taken, status: 'read', detail: `${source.repository ? 'commit' : 'archive'} ${commitSha.slice(0, 12)}${reused ? ', scanned before' : ''}` });
      } catch (error) {
        if (!(error instanceof UnrecoverableError) && !lastAttempt) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        this.log.warn(`audit ${auditId}: ${source.filename} left out: ${reason}`);
        scanned.push({ ...taken, status: 'failed', detail: `could not be fetched or read, so its code is not in this audit: ${reason}` });
      }
    }
    const report = [...(audit.sources ?? sourcesToRead(inputs)).filter((s) => s.kind !== 'repository'), ...scanned];
    await this.audits.saveSources(auditId, report);
    if (!report.some((s) => s.status === 'read')) {
      throw new UnrecoverableError(`no source could be read: ${scanned.map((s) => `${s.label}: ${s.detail}`).join('; ')}`);
    }
    await this.enqueue(this.afterScan(inputs), auditId);
  }

  /** Streams every trace export of the project through the detectors; the result waits on the audit row. */
  async analyzeTraces(auditId: string): Promise<void> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    await this.audits.recordProgress(auditId, { step: 'analyze', percent: 15 });
    const analysis = await analyzeAuditTraces(await this.projectInputs.ofTraceStep(audit.projectId, { newestTracesOnly: audit.triggeredBy !== null, failedSourceIds: failedSourceIds(audit) }), new Date());
    if (!analysis) throw new UnrecoverableError('the project has no trace export to analyse');
    await this.audits.saveTraceAnalysis(auditId, analysis);
    await this.enqueue(AuditJob.analyze, auditId);
  }

  async analyze(auditId: string, report: (percent: number) => Promise<void>): Promise<void> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    // A re-audit (a schedule, a push, a re-audit request) reads the newest trace export: the traffic since the fixes.
    const inputs = await this.projectInputs.of(audit.projectId, { newestTracesOnly: audit.triggeredBy !== null, failedSourceIds: failedSourceIds(audit) });
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
    const project = await this.catalog.findProject(audit.projectId);
    const client = project ? await this.catalog.findClient(project.clientId) : null;
    // The project's earlier succeeded audits, oldest first, and this one: the plan's score-over-time chart.
    const earlier = (await this.catalog.listAudits(audit.projectId, undefined, 12)).items
      .filter((a) => a.id !== auditId && a.status === 'succeeded' && a.scores)
      .reverse()
      .map((a) => ({ label: a.createdAt.toISOString().slice(0, 10), score: a.scores!.overall }));
    // The plan opens with what changed since the project's previous succeeded audit (the CLI's --baseline section).
    const baselineId = await this.comparisons.previousSucceeded(auditId);
    const comparison = baselineId ? compareAudits(await this.comparisons.inputs(auditId, baselineId)) : undefined;
    const planInput: PlanReportInput = {
      ...outcome.report,
      ...(comparison ? { comparison } : {}),
      ...(unreadSources(audit).length ? { unread: unreadSources(audit) } : {}),
      party: { ...(client ? { client: client.name } : {}), ...(project ? { project: project.name } : {}) },
      ...(earlier.length ? { history: [...earlier, { label: outcome.plan.generatedAt.slice(0, 10), score: outcome.result.scores.overall }] } : {}),
    };
    // Version 1 of the plan: the consultant's edits of the project's previous plan, where their findings are still here.
    const previous = await this.planVersions.previousPlan(auditId);
    const edits = previous ? carryPlanEdits({ items: previous.plan.items, edits: previous.edits }, outcome.plan) : {};
    await this.planVersions.saveFirst(auditId, edits, previous && Object.keys(edits).length ? previous : null);
    const files = renderPlanFiles({ ...planInput, plan: applyPlanEdits(planInput.plan, edits), version: { number: 1 } });
    for (const [name, text] of Object.entries(files) as Array<[PlanFileName, string]>) {
      await this.audits.saveArtifact(auditId, name, PLAN_FILE_MEDIA_TYPES[name], Buffer.from(text));
    }
    await this.audits.saveArtifact(auditId, 'plan-input.json', 'application/json', Buffer.from(JSON.stringify(planInput)));
    await this.audits.recordProgress(auditId, { step: 'plan', percent: 80 });
    await this.enqueue(AuditJob.plan, auditId);
  }

  async plan(auditId: string): Promise<void> {
    if (!(await this.audits.artifactInfo(auditId, 'plan.html'))) throw new UnrecoverableError(`audit ${auditId} has no rendered plan`);
    await this.audits.recordProgress(auditId, { step: 'render', percent: 90 });
    if (this.printer.available) await this.printPlan(auditId);
    else this.log.warn(`no Chromium found; audit ${auditId} gets an HTML plan only`);
    // Stored before the audit shows as succeeded, so a succeeded audit always has its comparison ready.
    await this.compareWithPrevious(auditId);
    await this.audits.markSucceeded(auditId);
    await this.notifyWebhooks(auditId);
  }

  /** Asks for the project's webhooks to be told that the audit ended (once per audit: one job id). */
  async notifyWebhooks(auditId: string): Promise<void> {
    await this.queue.add(WebhookJob.notify, { auditId }, { ...AUDIT_JOB_OPTIONS, jobId: notifyJobId(auditId) });
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
    const report = input ? (JSON.parse(input.toString('utf8')) as PlanReportInput) : undefined;
    const printed = await this.printer.print(html.content.toString('utf8'), {
      headerLeft: [report?.party?.client, report?.party?.project].filter(Boolean).join(' · '),
      headerRight: report?.plan.generatedAt.slice(0, 10) ?? '',
      footerText: 'apiaudit plan',
    });
    await this.audits.saveArtifact(auditId, 'plan.pdf', 'application/pdf', printed, html.planVersion);
  }

  /**
   * The diff-spec job: compares spec version n of a project with version n - 1 and stores the changes. Runs on every
   * new spec version, apart from any audit; a retry overwrites the stored diff.
   */
  async diffSpec({ sourceId, version }: DiffSpecJobPayload): Promise<{ changes: number; breaking: number }> {
    const revision = await this.sources.findById(sourceId);
    if (!revision || revision.kind !== 'spec') throw new UnrecoverableError(`spec source ${sourceId} does not exist`);
    if (revision.version !== version) throw new UnrecoverableError(`spec source ${sourceId} is version ${revision.version}, not ${version}`);
    const base = await this.sources.findVersion(revision.projectId, 'spec', version - 1);
    if (!base) throw new UnrecoverableError(`project ${revision.projectId} has no spec version ${version - 1} to diff against`);
    const [baseModel, revisionModel] = await Promise.all([base, revision].map(async (s) => buildApiModel(await loadSpecSource(await this.projectInputs.specSource(s)))));
    const minDeprecationDays = await this.projectInputs.minDeprecationDaysOf(revision.projectId);
    const changes = diffSpecs(baseModel!, revisionModel!, { now: new Date(), minDeprecationDays });
    await this.specDiffs.save({
      projectId: revision.projectId,
      sourceId: revision.id,
      baseSourceId: base.id,
      baseVersion: base.version,
      version: revision.version,
      minDeprecationDays,
      changes,
    });
    return { changes: changes.length, breaking: changes.filter((c) => c.level === 'breaking').length };
  }

  /** Succeeded or failed: a step of it run again (taken over after a crash) has nothing left to do. */
  async isFinished(auditId: string): Promise<boolean> {
    const status = (await this.audits.findById(auditId))?.status;
    return status === 'succeeded' || status === 'failed';
  }

  async fail(auditId: string, reason: string): Promise<void> {
    await this.audits.markFailed(auditId, reason);
  }
}
