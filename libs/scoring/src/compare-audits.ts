import {
  endpointKey,
  isTargetMet,
  severityRank,
  type AuditComparison,
  type ComparedFinding,
  type Endpoint,
  type Finding,
  type Plan,
  type PlanItem,
  type PlanTarget,
  type ScoreDelta,
  type Scores,
  type TargetValidation,
} from '@apiaudit/domain';
import { DEFAULT_TARGET, measureTarget } from './plan-target';

/** What a comparison reads of an audit: its findings, scores and endpoint inventory (with traffic). */
export interface ComparableAudit {
  findings: Finding[];
  scores: Scores;
  inventory: Endpoint[];
}

export interface CompareAuditsInput {
  /** The audit to compare against, with its plan when the plan's targets are to be validated. */
  baseline: ComparableAudit & { plan?: Plan };
  current: ComparableAudit;
  /** Fingerprints found by audits of the project before the baseline: what comes back after a fix is a regression. */
  earlier?: Iterable<string>;
}

function compared(f: Finding): ComparedFinding {
  return { id: f.id, ruleId: f.ruleId, fingerprint: f.fingerprint, endpoint: f.endpoint, severity: f.severity, title: f.title, message: f.message };
}

/** Worst first, then rule, then endpoint: the order a reader goes through them. */
function listed(findings: Finding[]): ComparedFinding[] {
  return findings
    .map(compared)
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.endpoint ? endpointKey(a.endpoint) : '').localeCompare(b.endpoint ? endpointKey(b.endpoint) : '') ||
        (a.fingerprint < b.fingerprint ? -1 : 1),
    );
}

function delta(before: number, after: number): ScoreDelta {
  return { before, after, delta: after - before };
}

function touchesAny(f: Finding, keys: Set<string>): boolean {
  if (keys.size === 0) return true;
  if (f.endpoint && keys.has(endpointKey(f.endpoint))) return true;
  return f.affected?.some((e) => keys.has(endpointKey(e))) ?? false;
}

function formatValue(value: number | null, unit?: string): string {
  if (value === null) return 'not measured';
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
  return unit ? `${text} ${unit}` : text;
}

/**
 * Checks one baseline plan item's target against the new audit. `findings.count` counts the rule's findings now.
 * Other metrics are read as the plan measured them (the findings' figures, else the endpoints' traffic); when the
 * rule no longer reports anything on endpoints the new audit saw traffic for, the figure fell under the detector's
 * threshold and the target counts as met without a value.
 */
export function validateTarget(item: PlanItem, current: ComparableAudit): TargetValidation {
  const declared: PlanTarget = item.target ?? { ...DEFAULT_TARGET, current: item.findingIds.length };
  const { current: before, ...target } = declared;
  const keys = new Set(item.endpoints.map(endpointKey));
  const ofRule = current.findings.filter((f) => f.ruleId === item.ruleId);
  const onItem = target.metric === 'findings.count' ? ofRule : ofRule.filter((f) => touchesAny(f, keys));
  const after = measureTarget(target, onItem, item.endpoints, current.inventory).current;
  const base = { item: { rank: item.rank, ruleId: item.ruleId, title: item.title, endpoints: item.endpoints }, metric: target.metric, before, target };
  const goal = `target ${target.comparator} ${formatValue(target.value, target.unit)}`;
  if (after !== null) {
    const met = isTargetMet(target, after);
    return { ...base, after, met, note: `${formatValue(before, target.unit)} → ${formatValue(after, target.unit)}, ${goal}: ${met ? 'met' : 'not met'}` };
  }
  const observed = current.inventory.some((e) => e.traffic && (keys.size === 0 || keys.has(endpointKey(e))));
  if (onItem.length === 0 && observed) {
    return { ...base, after: null, met: true, note: `${formatValue(before, target.unit)} → under the detector's threshold on observed traffic, ${goal}: met` };
  }
  return { ...base, after: null, met: null, note: `${goal}: not measured by the new audit (no traffic for these endpoints)` };
}

/**
 * Compares a later audit with a baseline by fingerprint: gone = resolved, in both = open, only now = new, unless an
 * audit before the baseline had it (fixed once, back now) = regressed. Scores are compared overall and by category,
 * and every target of the baseline's plan is checked against the new audit's data. Pure: data in, data out.
 */
export function compareAudits({ baseline, current, earlier = [] }: CompareAuditsInput): AuditComparison {
  const before = new Set(baseline.findings.map((f) => f.fingerprint));
  const now = new Set(current.findings.map((f) => f.fingerprint));
  const seenEarlier = new Set(earlier);
  const appeared = current.findings.filter((f) => !before.has(f.fingerprint));
  const categories = new Set([...Object.keys(baseline.scores.byCategory), ...Object.keys(current.scores.byCategory)]);
  const byCategory: Record<string, ScoreDelta> = {};
  // A category without findings scores 100: absent from one side means nothing wrong there.
  for (const c of [...categories].sort()) byCategory[c] = delta(baseline.scores.byCategory[c] ?? 100, current.scores.byCategory[c] ?? 100);
  return {
    resolved: listed(baseline.findings.filter((f) => !now.has(f.fingerprint))),
    new: listed(appeared.filter((f) => !seenEarlier.has(f.fingerprint))),
    regressed: listed(appeared.filter((f) => seenEarlier.has(f.fingerprint))),
    open: listed(current.findings.filter((f) => before.has(f.fingerprint))),
    scores: { ...delta(baseline.scores.overall, current.scores.overall), byCategory },
    validation: (baseline.plan?.items ?? []).map((item) => validateTarget(item, current)),
  };
}
