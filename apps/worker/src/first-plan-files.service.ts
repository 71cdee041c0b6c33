import { Injectable } from '@nestjs/common';
import { AuditRepository, CatalogRepository, ComparisonRepository, PlanVersionRepository, type AuditEntity } from '@apiaudit/db';
import type { AuditOutcome } from '@apiaudit/pipeline';
import { PLAN_FILE_MEDIA_TYPES, renderPlanFiles, type PlanFileName, type PlanReportInput } from '@apiaudit/report';
import { applyPlanEdits, carryPlanEdits, compareAudits } from '@apiaudit/scoring';

/** What the plan says the audit lacks: each missing or failed source, in a line. */
export function unreadSources(audit: Pick<AuditEntity, 'sources'>): NonNullable<PlanReportInput['unread']> {
  return (audit.sources ?? []).filter((s) => s.status !== 'read').map((s) => ({ kind: s.kind === 'repository' ? 'repo' : s.kind, ...(s.label ? { label: s.label } : {}), status: s.status as 'missing' | 'failed', reason: s.detail ?? '' }));
}

/**
 * Version 1 of an audit's plan files: the pipeline's report input with what only the platform knows (client and
 * project names, the score history, the comparison with the previous audit, the sources it could not read), and the
 * consultant's edits carried over from the project's previous plan.
 */
@Injectable()
export class FirstPlanFiles {
  constructor(
    private readonly audits: AuditRepository,
    private readonly catalog: CatalogRepository,
    private readonly comparisons: ComparisonRepository,
    private readonly planVersions: PlanVersionRepository,
  ) {}

  async write(audit: AuditEntity, outcome: Pick<AuditOutcome, 'report' | 'plan' | 'result'>): Promise<void> {
    const planInput = await this.planInputOf(audit, outcome);
    // The consultant's edits of the project's previous plan, where their findings are still here.
    const previous = await this.planVersions.previousPlan(audit.id);
    const edits = previous ? carryPlanEdits({ items: previous.plan.items, edits: previous.edits }, outcome.plan) : {};
    await this.planVersions.saveFirst(audit.id, edits, previous && Object.keys(edits).length ? previous : null);
    const files = renderPlanFiles({ ...planInput, plan: applyPlanEdits(planInput.plan, edits), version: { number: 1 } });
    for (const [name, text] of Object.entries(files) as Array<[PlanFileName, string]>) {
      await this.audits.saveArtifact(audit.id, name, PLAN_FILE_MEDIA_TYPES[name], Buffer.from(text));
    }
    await this.audits.saveArtifact(audit.id, 'plan-input.json', 'application/json', Buffer.from(JSON.stringify(planInput)));
  }

  private async planInputOf(audit: AuditEntity, outcome: Pick<AuditOutcome, 'report' | 'plan' | 'result'>): Promise<PlanReportInput> {
    const project = await this.catalog.findProject(audit.projectId);
    const client = project ? await this.catalog.findClient(project.clientId) : null;
    // The project's earlier succeeded audits, oldest first, and this one: the plan's score-over-time chart.
    const earlier = (await this.catalog.listAudits(audit.projectId, undefined, 12)).items
      .filter((a) => a.id !== audit.id && a.status === 'succeeded' && a.scores)
      .reverse()
      .map((a) => ({ label: a.createdAt.toISOString().slice(0, 10), score: a.scores!.overall }));
    // The plan opens with what changed since the project's previous succeeded audit (the CLI's --baseline section).
    const baselineId = await this.comparisons.previousSucceeded(audit.id);
    const comparison = baselineId ? compareAudits(await this.comparisons.inputs(audit.id, baselineId)) : undefined;
    const unread = unreadSources(audit);
    return {
      ...outcome.report,
      ...(comparison ? { comparison } : {}),
      ...(unread.length ? { unread } : {}),
      party: { ...(client ? { client: client.name } : {}), ...(project ? { project: project.name } : {}) },
      ...(earlier.length ? { history: [...earlier, { label: outcome.plan.generatedAt.slice(0, 10), score: outcome.result.scores.overall }] } : {}),
    };
  }
}
