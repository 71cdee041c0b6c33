import { join } from 'node:path';
import type { Finding, RuleMeta } from '@apiaudit/domain';
import { FINDINGS_SCHEMA_VERSION, type AuditResult } from '@apiaudit/domain';
import { scanRepository, type CodeScanResult } from '@apiaudit/code-scan';
import { changesToFindings, diffSpecs } from '@apiaudit/diff';
import { buildApiModel, type ApiModel } from '@apiaudit/openapi';
import { renderPlanHtml, type PlanReportInput } from '@apiaudit/report';
import { applyConfig, compareFindings, lintSpec, prefixSpecEvidence, type AuditConfig } from '@apiaudit/rules';
import { buildPlan, compareAudits, scoreAudit } from '@apiaudit/scoring';
import { analyzeTraces, type AnalyzeTracesOptions, type TraceAnalysis } from '@apiaudit/traces';
import type { AuditInputs, AuditOptions, AuditOutcome } from './audit-inputs';
import { buildInventory, type InventoryEntry } from './build-inventory';
import { detectDrift, templateKey, type ObservedEndpoint } from './drift';
import { evidencePrefix, loadSpecSource } from './load-spec-source';
import { auditConfigOf } from './read-audit-config';
import { ruleCatalog } from './rule-catalog';

function specEndpoints(models: ApiModel[], prefixes: string[]): ObservedEndpoint[] {
  return models.flatMap((model, i) =>
    model.operations.map((op) => {
      const { file, line, column, pointer } = model.doc.locate(op.at);
      const path = prefixes[i] && prefixes[i] !== '.' ? join(prefixes[i], file) : file;
      return { method: op.method.toUpperCase(), path: op.path, evidence: [{ kind: 'spec' as const, file: path, line, column, pointer }] };
    }),
  );
}

/**
 * Traffic endpoints that belong to the audited API: those of services that serve at least one documented
 * operation. Internal services behind it have their own contracts and are not drift of this one.
 */
function trafficEndpoints(analysis: TraceAnalysis, documented: ObservedEndpoint[]): ObservedEndpoint[] {
  const keys = new Set(documented.map((e) => templateKey(e.method, e.path)));
  const owners = new Set(analysis.endpoints.filter((e) => keys.has(templateKey(e.method, e.path))).map((e) => e.service));
  return analysis.endpoints
    .filter((e) => documented.length === 0 || owners.has(e.service))
    .map((e) => ({ method: e.method, path: e.path, service: e.service, requests: e.requests, evidence: [{ kind: 'trace' as const, note: `${e.requests} requests, p95 ${Math.round(e.p95Ms)} ms` }] }));
}

/** Options for trace analysis, shared by the in-process audit and the worker's separate trace job. */
export function traceOptions(models: ApiModel[], config: AuditConfig, now: Date): AnalyzeTracesOptions {
  return { now, specPaths: models.flatMap((m) => m.operations.map((o) => o.path)), config: config.traces, ...(config.pricing ? { pricing: config.pricing as object } : {}) };
}

const repoLabel = (repo: AuditInputs['repos'][number] | undefined) => repo && (repo.label ?? ('path' in repo ? repo.path : undefined));

function subjectOf(inputs: AuditInputs, models: ApiModel[]): string {
  if (inputs.subject) return inputs.subject;
  const info = models[0]?.doc.root.info as { title?: string; version?: string } | undefined;
  if (info?.title) return `${info.title}${info.version ? ` ${info.version}` : ''}`;
  return inputs.specs[0]?.label ?? inputs.traces[0]?.label ?? repoLabel(inputs.repos[0]) ?? 'API';
}

/** The whole audit, in-process: ingest -> analyze -> plan. The CLI and the worker both call this. */
export async function runAudit(inputs: AuditInputs, options: AuditOptions): Promise<AuditOutcome> {
  const progress = options.onProgress ?? (() => {});
  const { config, warnings } = auditConfigOf(inputs);
  const sourcesTotal = inputs.specs.length + inputs.traces.length + inputs.repos.length;

  progress('ingest', 0, inputs.specs.length);
  const models: ApiModel[] = [];
  const prefixes: string[] = [];
  for (const [i, source] of inputs.specs.entries()) {
    models.push(buildApiModel(await loadSpecSource(source)));
    prefixes.push(evidencePrefix(source));
    progress('ingest', i + 1, inputs.specs.length);
  }

  const raw: Finding[] = [];
  let done = 0;
  const analyzed = () => progress('analyze', ++done, sourcesTotal);
  const isEnabled = (id: string) => config.rules[id]?.enabled !== false;
  models.forEach((model, i) => {
    raw.push(...prefixSpecEvidence(lintSpec(model, isEnabled), prefixes[i]));
    analyzed();
  });

  // Contract evolution: what the newest spec breaks for clients of the previous version.
  let evolution: Finding[] = [];
  if (inputs.previousSpec && models[0]) {
    const previous = buildApiModel(await loadSpecSource(inputs.previousSpec));
    const minDeprecationDays = config.diff?.minDeprecationDays ?? 90;
    const changes = diffSpecs(previous, models[0], { now: options.now, minDeprecationDays }).filter((c) => c.level === 'breaking' || c.level === 'potentially-breaking');
    evolution = changesToFindings(changes, { base: evidencePrefix(inputs.previousSpec), revision: prefixes[0] });
    raw.push(...evolution);
  }

  const documented = specEndpoints(models, prefixes);
  let traces: TraceAnalysis | undefined;
  if (inputs.traceAnalysis || inputs.traces.length > 0) {
    traces = inputs.traceAnalysis ?? (await analyzeTraces(inputs.traces.map((t) => t.path), traceOptions(models, config, options.now)));
    raw.push(...traces.findings);
    for (let i = 0; i < inputs.traces.length; i++) analyzed();
  }

  const scans: CodeScanResult[] = [];
  for (const repo of inputs.repos) {
    const scan = 'scan' in repo ? repo.scan : scanRepository(repo.path, { ...(repo.label ? { label: repo.label } : {}) });
    scans.push(scan);
    raw.push(...scan.findings);
    analyzed();
  }
  const codeEndpoints: ObservedEndpoint[] = scans.flatMap((scan) =>
    scan.endpoints.map((e) => ({ method: e.method, path: e.path, evidence: [{ kind: 'code' as const, file: e.file, line: e.line }] })),
  );
  const traffic = traces ? trafficEndpoints(traces, documented) : [];
  // Drift three ways, on one inventory: code and traffic paths take the spec's spelling (its /api-style prefix).
  const drift = detectDrift({ spec: documented, ...(scans.length ? { code: codeEndpoints } : {}), ...(traces ? { traffic } : {}) });
  raw.push(...drift.findings);

  const entries: InventoryEntry[] = [
    ...codeEndpoints.map((e) => ({ method: e.method, path: drift.alignCode(e.path), source: 'code' as const })),
    ...models.flatMap((m) => m.operations.map((op) => ({ method: op.method, path: op.path, source: 'spec' as const, ...(op.operationId ? { operationId: op.operationId } : {}), ...(op.deprecated ? { deprecated: true } : {}) }))),
    ...traffic.map((e) => {
      const stats = traces!.endpoints.find((s) => s.method === e.method && s.path === e.path && s.service === e.service)!;
      return {
        method: e.method,
        path: drift.alignTraffic(e.path),
        source: 'trace' as const,
        ...(e.service ? { service: e.service } : {}),
        traffic: { requests: stats.requests, errorRate: stats.errorRate, p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, p99Ms: stats.p99Ms },
      };
    }),
  ];
  const inventory = buildInventory(entries).map((endpoint) => {
    const status = drift.statuses.get(templateKey(endpoint.method, endpoint.path));
    return status ? { ...endpoint, drift: status } : endpoint;
  });

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
  const subject = subjectOf(inputs, models);
  const plan = buildPlan(findings, { subject, now: options.now, inventory, metas });
  const report: PlanReportInput = {
    plan,
    result,
    sources: [
      ...inputs.specs.map((s, i) => ({ kind: 'spec' as const, label: s.label ?? (s.kind === 'path' ? s.path : 'upload'), detail: `OpenAPI ${models[i].doc.versionString}, ${models[i].operations.length} operations` })),
      ...inputs.traces.map((t) => ({ kind: 'traces' as const, label: t.label ?? t.path, ...(traces ? { detail: `${traces.spanCount.toLocaleString('en-US')} spans in ${traces.traceCount.toLocaleString('en-US')} traces` } : {}) })),
      ...inputs.repos.map((r, i) => ({ kind: 'repo' as const, label: repoLabel(r)!, detail: `${scans[i].files} source files, ${scans[i].endpoints.length} routes` })),
    ],
    ...(traces
      ? {
          traces: {
            spanCount: traces.spanCount,
            traceCount: traces.traceCount,
            requestCount: traces.requestCount,
            window: traces.window,
            totalMonthlyCostUsd: traces.totalMonthlyCostUsd,
            costDrivers: traces.costDrivers.map((d) => ({ ...d, breakdown: { ...d.breakdown } })),
            slos: traces.slos,
          },
        }
      : {}),
    ...(inputs.baseline
      ? {
          comparison: compareAudits({
            baseline: { ...inputs.baseline, ...(inputs.baselinePlan ? { plan: inputs.baselinePlan } : {}) },
            current: result,
            earlier: inputs.earlierFingerprints ?? [],
          }),
        }
      : {}),
    ...(evolution.length ? { evolution: findings.filter((f) => f.category === 'evolution') } : {}),
  };
  const html = renderPlanHtml(report);
  progress('plan', 1, 1);
  return { result, plan, html, report, warnings };
}
