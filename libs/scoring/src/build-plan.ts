import { endpointKey, severityRank, type AuditResult, type Endpoint, type EndpointRef, type Finding, type FindingCategory, type Horizon, type Plan, type PlanItem, type RuleMeta } from '@apiaudit/domain';
import { describeTarget, DEFAULT_TARGET, measureTarget } from './plan-target';
import { explainScores, findingPenalty } from './score-audit';

export interface PlanOptions {
  subject: string;
  now: Date;
  inventory: Endpoint[];
  metas: Map<string, RuleMeta>;
  /** The previous audit of the same subject; the summary then says what was fixed and what is new. */
  baseline?: AuditResult;
}

// Typical size of the change per category: contract and naming fixes are edits to the description,
// performance and resilience fixes touch code and need a load check, versioning and evolution need a migration.
const EFFORT: Record<FindingCategory, PlanItem['effort']> = {
  contract: 'S',
  naming: 'S',
  errors: 'M',
  pagination: 'M',
  idempotency: 'M',
  security: 'M',
  performance: 'M',
  resilience: 'M',
  cost: 'M',
  drift: 'S',
  ingest: 'S',
  versioning: 'L',
  evolution: 'L',
};
const EFFORT_COST = { S: 1, M: 2, L: 4 };

function endpointsOf(findings: Finding[]): EndpointRef[] {
  const seen = new Map<string, EndpointRef>();
  for (const f of findings) for (const e of [...(f.endpoint ? [f.endpoint] : []), ...(f.affected ?? [])]) seen.set(endpointKey(e), e);
  return [...seen.values()];
}

function sum(findings: Finding[], metric: string): number {
  return findings.reduce((total, f) => total + (f.metrics?.[metric] ?? 0), 0);
}

function money(usd: number): string {
  return usd >= 100 ? `$${Math.round(usd).toLocaleString('en-US')}` : `$${usd.toFixed(2)}`;
}

function validateFor(ruleId: string, findings: Finding[]): string {
  const kinds = new Set(findings.flatMap((f) => f.evidence.map((e) => e.kind)));
  if (kinds.has('trace')) return `Capture traces of the same endpoints after the change and re-audit: ${ruleId} must be gone and the metric above met; compare with this audit as --baseline.`;
  if (kinds.has('code')) return `Re-scan the repository: the ${findings.length} flagged place(s) no longer match ${ruleId}; add a test that fails without the fix.`;
  return `Re-audit the updated spec with this audit as --baseline: the ${findings.length} finding(s) of ${ruleId} show as fixed; gate CI with \`apiaudit lint --fail-on ${findings[0].severity}\`.`;
}

function whyFor(meta: RuleMeta | undefined, findings: Finding[]): string {
  const parts = [meta?.rationale ?? findings[0].title];
  const saving = sum(findings, 'monthlySavingUsd');
  if (saving > 0) parts.push(`Estimated saving: ${money(saving)} a month at current traffic.`);
  return parts.join(' ');
}

// Busy endpoints matter more, but on a log scale so one hot path cannot bury every design issue:
// 10k requests in the window weigh 1 + log10(10k)/4 = 2x an endpoint with no recorded traffic.
function trafficWeight(endpoints: EndpointRef[], inventory: Endpoint[]): number {
  const byKey = new Map(inventory.map((e) => [endpointKey(e), e.traffic?.requests ?? 0]));
  const requests = endpoints.reduce((total, e) => total + (byKey.get(endpointKey(e)) ?? 0), 0);
  return 1 + Math.log10(1 + requests) / 4;
}

function horizonOf(severity: Finding['severity'], rank: number): Horizon {
  if (severityRank(severity) >= severityRank('high') || rank < 3) return 'now';
  if (severity === 'medium') return 'next';
  return 'later';
}

function baselineNote(findings: Finding[], baseline: AuditResult | undefined): string {
  if (!baseline) return '';
  const current = new Set(findings.map((f) => f.fingerprint));
  const before = new Set(baseline.findings.map((f) => f.fingerprint));
  const fixed = baseline.findings.filter((f) => !current.has(f.fingerprint)).length;
  const introduced = findings.filter((f) => !before.has(f.fingerprint)).length;
  return ` Since the baseline: ${fixed} fixed, ${findings.length - introduced} still open, ${introduced} new.`;
}

/** Groups findings by rule (one fix per rule), ranks them by severity × reach per unit of effort, and phrases the actions. */
export function buildPlan(findings: Finding[], options: PlanOptions): Plan {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const drafts = [...byRule.entries()].map(([ruleId, group]) => {
    const meta = options.metas.get(ruleId);
    const severity = group.reduce((worst, f) => (severityRank(f.severity) > severityRank(worst) ? f.severity : worst), group[0].severity);
    const effort = EFFORT[group[0].category] ?? 'M';
    const impact = group.reduce((total, f) => total + findingPenalty(f), 0) * trafficWeight(endpointsOf(group), options.inventory) + sum(group, 'monthlySavingUsd') / 10;
    return { ruleId, group, meta, severity, effort, impact, priority: impact / EFFORT_COST[effort] };
  });
  drafts.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.priority - a.priority || a.ruleId.localeCompare(b.ruleId));
  const items: PlanItem[] = drafts.map((d, index) => {
    const endpoints = endpointsOf(d.group);
    const target = measureTarget(d.meta?.target ?? DEFAULT_TARGET, d.group, endpoints, options.inventory);
    const saving = sum(d.group, 'monthlySavingUsd');
    return {
      rank: index + 1,
      horizon: horizonOf(d.severity, index),
      title: d.meta?.title ?? d.group[0].title,
      ruleId: d.ruleId,
      category: d.group[0].category,
      severity: d.severity,
      findingIds: d.group.map((f) => f.id),
      fingerprints: d.group.map((f) => f.fingerprint),
      endpoints,
      why: whyFor(d.meta, d.group),
      change: d.meta?.fix ?? d.group[0].message,
      measure: describeTarget(target, d.ruleId, endpoints),
      target,
      validate: validateFor(d.ruleId, d.group),
      impact: Math.round(d.impact * 10) / 10,
      effort: d.effort,
      ...(saving > 0 ? { monthlySavingUsd: Math.round(saving * 100) / 100 } : {}),
    };
  });
  const now = items.filter((i) => i.horizon === 'now').length;
  const high = findings.filter((f) => severityRank(f.severity) >= severityRank('high')).length;
  return {
    title: `API audit plan: ${options.subject}`,
    subject: options.subject,
    generatedAt: options.now.toISOString(),
    summary: `${findings.length} findings across ${options.inventory.length} endpoints, ${high} of them high or critical, grouped into ${items.length} actions; ${now} should start now.${baselineNote(findings, options.baseline)}`,
    items,
    scoring: explainScores(findings, options.inventory),
  };
}
