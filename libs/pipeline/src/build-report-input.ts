import type { AuditResult, Finding, Plan } from '@apiaudit/domain';
import type { PlanReportInput } from '@apiaudit/report';
import { compareAudits } from '@apiaudit/scoring';
import type { TraceAnalysis } from '@apiaudit/domain';
import type { AuditInputs } from './audit-inputs';
import { repoLabel, type IngestedAudit } from './ingest-audit';

function sourcesOf(inputs: AuditInputs, ingested: IngestedAudit, traces: TraceAnalysis | undefined): PlanReportInput['sources'] {
  return [
    ...ingested.specs.map(({ source, model }) => ({
      kind: 'spec' as const,
      label: source.label ?? (source.kind === 'path' ? source.path : 'upload'),
      detail: `OpenAPI ${model.doc.versionString}, ${model.operations.length} operations`,
    })),
    ...inputs.traces.map((t) => ({ kind: 'traces' as const, label: t.label ?? t.path, ...(traces ? { detail: `${traces.spanCount.toLocaleString('en-US')} spans in ${traces.traceCount.toLocaleString('en-US')} traces` } : {}) })),
    ...ingested.repos.map(({ repo, scan }) => ({ kind: 'repo' as const, label: repoLabel(repo)!, detail: `${scan.files} source files, ${scan.endpoints.length} routes` })),
  ];
}

function tracesSection(traces: TraceAnalysis): NonNullable<PlanReportInput['traces']> {
  return {
    spanCount: traces.spanCount,
    traceCount: traces.traceCount,
    requestCount: traces.requestCount,
    window: traces.window,
    totalMonthlyCostUsd: traces.totalMonthlyCostUsd,
    costDrivers: traces.costDrivers.map((d) => ({ ...d, breakdown: { ...d.breakdown } })),
    slos: traces.slos,
  };
}

/** What the plan's files are rendered from: the plan, the result, the sources read, traffic figures, and the comparison with a baseline. */
export function buildReportInput(inputs: AuditInputs, ingested: IngestedAudit, audit: { plan: Plan; result: AuditResult; traces: TraceAnalysis | undefined; hasEvolution: boolean }): PlanReportInput {
  const { plan, result, traces } = audit;
  return {
    plan,
    result,
    sources: sourcesOf(inputs, ingested, traces),
    ...(traces ? { traces: tracesSection(traces) } : {}),
    ...(inputs.baseline
      ? {
          comparison: compareAudits({
            baseline: { ...inputs.baseline, ...(inputs.baselinePlan ? { plan: inputs.baselinePlan } : {}) },
            current: result,
            earlier: inputs.earlierFingerprints ?? [],
          }),
        }
      : {}),
    // Breaking changes were looked for: the plan has its section, even when the config dropped every one.
    ...(audit.hasEvolution ? { evolution: result.findings.filter((f: Finding) => f.category === 'evolution') } : {}),
  };
}
