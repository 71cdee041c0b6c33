import { SEVERITIES, type Endpoint, type Finding, type Scores, type Severity } from '@apiaudit/domain';

/** Penalty points per finding by severity: a critical costs as much as fifteen lows. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 3, high: 8, critical: 15 };

export function reachOf(finding: Finding): number {
  return Math.max(finding.affected?.length ?? 0, 1);
}

/** A root cause touching many endpoints weighs more, but logarithmically: 64 endpoints count 7×, not 64×. */
export function findingPenalty(finding: Finding): number {
  return SEVERITY_WEIGHT[finding.severity] * (1 + Math.log2(reachOf(finding)));
}

/**
 * 100 means nothing to fix. Penalties are set against the API's size (five points of tolerance per endpoint,
 * at least five endpoints) so a large API is not punished for being large: score = 100 / (1 + P / (5·E)).
 */
function scoreOf(findings: Finding[], endpoints: number): number {
  const penalty = findings.reduce((sum, f) => sum + findingPenalty(f), 0);
  return Math.round(100 / (1 + penalty / (5 * Math.max(endpoints, 5))));
}

export function scoreAudit(findings: Finding[], inventory: Endpoint[]): Scores {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const byCategory: Record<string, number> = {};
  for (const category of new Set(findings.map((f) => f.category))) {
    byCategory[category] = scoreOf(findings.filter((f) => f.category === category), inventory.length);
  }
  return { overall: scoreOf(findings, inventory.length), byCategory, counts };
}
