import type { AuditResult, Finding } from '@apiaudit/domain';

export interface BaselineComparison {
  fixed: Finding[];
  open: Finding[];
  introduced: Finding[];
  baselineScore: number;
  currentScore: number;
}

/** Matches findings by fingerprint: gone since the baseline = fixed, in both = still open, only now = new. */
export function compareWithBaseline(current: AuditResult, baseline: AuditResult): BaselineComparison {
  const before = new Set(baseline.findings.map((f) => f.fingerprint));
  const now = new Set(current.findings.map((f) => f.fingerprint));
  return {
    fixed: baseline.findings.filter((f) => !now.has(f.fingerprint)),
    open: current.findings.filter((f) => before.has(f.fingerprint)),
    introduced: current.findings.filter((f) => !before.has(f.fingerprint)),
    baselineScore: baseline.scores.overall,
    currentScore: current.scores.overall,
  };
}
