import type { Finding, RuleMeta } from '@apiaudit/domain';
import { FINDINGS_SCHEMA_VERSION, type AuditResult } from '@apiaudit/domain';
import { renderPlanHtml } from '@apiaudit/report';
import { applyConfig, compareFindings, lintSpec, prefixSpecEvidence } from '@apiaudit/rules';
import { buildPlan, scoreAudit } from '@apiaudit/scoring';
import type { ApiModel } from '@apiaudit/openapi';
import type { AuditInputs, AuditOptions, AuditOutcome } from './audit-inputs';
import { buildAuditInventory } from './audit-inventory';
import { analyzeIngestedTraces } from './audit-traces';
import { buildReportInput } from './build-report-input';
import { contractEvolution } from './contract-evolution';
import { ingestAudit, repoLabel } from './ingest-audit';
import { ruleCatalog } from './rule-catalog';

function subjectOf(inputs: AuditInputs, models: ApiModel[]): string {
  if (inputs.subject) return inputs.subject;
  const info = models[0]?.doc.root.info as { title?: string; version?: string } | undefined;
  if (info?.title) return `${info.title}${info.version ? ` ${info.version}` : ''}`;
  return inputs.specs[0]?.label ?? inputs.traces[0]?.label ?? (inputs.repos[0] && repoLabel(inputs.repos[0])) ?? 'API';
}

/**
 * The whole audit, in-process: ingest (config, specs, repositories) -> traces -> findings (spec rules, contract
 * evolution, code, traces, drift) -> config applied -> scores, plan, report. The CLI and the worker both call this,
 * with the same inputs, so their audits agree.
 */
export async function runAudit(inputs: AuditInputs, options: AuditOptions): Promise<AuditOutcome> {
  const progress = options.onProgress ?? (() => {});
  const sourcesTotal = inputs.specs.length + inputs.traces.length + inputs.repos.length;
  let analyzed = 0;
  const analyzedOne = () => progress('analyze', ++analyzed, sourcesTotal);

  progress('ingest', 0, inputs.specs.length);
  const ingested = await ingestAudit(inputs, { onSpec: (done) => progress('ingest', done, inputs.specs.length), onRepo: analyzedOne });
  const { config, specs, repos } = ingested;

  const raw: Finding[] = [];
  const isEnabled = (id: string) => config.rules[id]?.enabled !== false;
  for (const { model, prefix } of specs) {
    raw.push(...prefixSpecEvidence(lintSpec(model, isEnabled), prefix));
    analyzedOne();
  }
  const evolution = await contractEvolution(inputs, specs[0], config, options.now);
  raw.push(...evolution);

  // Repositories were scanned first: their routes name requests in traces the spec has no template for.
  const traces = await analyzeIngestedTraces(inputs, ingested, options.now);
  if (traces) raw.push(...traces.findings);
  for (let i = 0; i < inputs.traces.length; i++) analyzedOne();
  for (const { scan } of repos) raw.push(...scan.findings);

  const { inventory, driftFindings } = buildAuditInventory(specs, repos, traces);
  raw.push(...driftFindings);

  progress('plan', 0, 1);
  const configured = applyConfig(raw, config);
  const findings = configured.findings.sort(compareFindings);
  const result: AuditResult & { suppressed?: number } = {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    findings,
    scores: scoreAudit(findings, inventory),
    inventory,
    ...(configured.suppressed ? { suppressed: configured.suppressed } : {}),
  };
  const metas = new Map<string, RuleMeta>(ruleCatalog().map((m) => [m.id, m]));
  const plan = buildPlan(findings, { subject: subjectOf(inputs, specs.map((s) => s.model)), now: options.now, inventory, metas });
  const report = buildReportInput(inputs, ingested, { plan, result, traces, hasEvolution: evolution.length > 0 });
  const html = renderPlanHtml(report);
  progress('plan', 1, 1);
  return { result, plan, html, report, warnings: ingested.warnings };
}
