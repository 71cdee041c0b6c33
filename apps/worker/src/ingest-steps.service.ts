import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AuditJob, type AuditJobName, type AuditSourceReport } from '@apiaudit/domain';
import { AuditRepository, SourceRepository } from '@apiaudit/db';
import { AuditStepQueue } from './audit-step-queue';
import { sourcesToRead } from './project-inputs';
import { RepositoryScanner } from './repository-scanner';

/** After the repositories: the trace step when there are exports to analyse, else the analysis itself. */
export function stepAfterScan(inputs: { traces: unknown[] }): AuditJobName {
  return inputs.traces.length > 0 ? AuditJob.analyzeTraces : AuditJob.analyze;
}

/** The ingest and scan-repositories steps: which sources an audit reads, and each repository's scan brought up to date. */
@Injectable()
export class IngestSteps {
  private readonly log = new Logger(IngestSteps.name);

  constructor(
    private readonly audits: AuditRepository,
    private readonly sources: SourceRepository,
    private readonly repositories: RepositoryScanner,
    private readonly steps: AuditStepQueue,
  ) {}

  async ingest(auditId: string): Promise<void> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    const inputs = await this.sources.inputsOfProject(audit.projectId);
    // A source of a kind the project lacks is reported, not fatal; a project with no source at all has nothing to audit.
    await this.audits.saveSources(auditId, sourcesToRead(inputs, { newestTracesOnly: audit.triggeredBy !== null }));
    if (!inputs.spec && inputs.traces.length === 0 && inputs.repositories.length === 0) throw new UnrecoverableError('the project has no spec, trace or repository source to audit');
    await this.audits.markRunning(auditId, { step: 'ingest', percent: 10 });
    await this.steps.enqueue(inputs.repositories.length > 0 ? AuditJob.scanRepositories : stepAfterScan(inputs), auditId);
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
    await this.steps.enqueue(stepAfterScan(inputs), auditId);
  }
}
