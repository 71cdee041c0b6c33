import { SEVERITIES, type Endpoint, type Finding, type ScoreBreakdown, type ScoreExplanation, type Scores, type Severity } from '@apiaudit/domain';

/** Penalty points per finding by severity: a critical costs as much as fifteen lows. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 3, high: 8, critical: 15 };

export const SCORE_FORMULA =
  'points per finding = weight(severity) × (1 + log2(endpoints it reaches)); score = round(100 / (1 + sum of points / (5 × max(endpoints, 5))))';

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
function breakdownOf(category: string, findings: Finding[], endpoints: number): ScoreBreakdown {
  const scored = findings.map((f) => ({ findingId: f.id, ruleId: f.ruleId, severity: f.severity, reach: reachOf(f), points: findingPenalty(f) }));
  const penalty = scored.reduce((sum, f) => sum + f.points, 0);
  const size = Math.max(endpoints, 5);
  return {
    category,
    score: Math.round(100 / (1 + penalty / (5 * size))),
    penalty: Math.round(penalty * 100) / 100,
    endpoints: size,
    findings: scored.map((f) => ({ ...f, points: Math.round(f.points * 100) / 100 })).sort((a, b) => b.points - a.points || a.findingId.localeCompare(b.findingId)),
  };
}

/** Every score with the findings behind it, worst first: the plan's appendix and the API show it. */
export function explainScores(findings: Finding[], inventory: Endpoint[]): ScoreExplanation {
  const categories = [...new Set(findings.map((f) => f.category))].sort();
  return {
    formula: SCORE_FORMULA,
    weights: { ...SEVERITY_WEIGHT },
    overall: breakdownOf('overall', findings, inventory.length),
    categories: categories.map((c) => breakdownOf(c, findings.filter((f) => f.category === c), inventory.length)).sort((a, b) => a.score - b.score || a.category.localeCompare(b.category)),
  };
}

export function scoreAudit(findings: Finding[], inventory: Endpoint[]): Scores {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const byCategory: Record<string, number> = {};
  for (const category of new Set(findings.map((f) => f.category))) {
    byCategory[category] = breakdownOf(category, findings.filter((f) => f.category === category), inventory.length).score;
  }
  return { overall: breakdownOf('overall', findings, inventory.length).score, byCategory, counts };
}
