import { severityRank, type Finding } from '@apiaudit/domain';
import type { ApiModel } from '@apiaudit/openapi';
import { specRules } from './registry';

/** How many endpoints a finding touches: its own, or every one it lists as affected. */
export function reachOf(finding: Finding): number {
  return Math.max(finding.affected?.length ?? 0, finding.endpoint ? 1 : 0, 1);
}

// Code-unit order, not localeCompare: the same on every machine, and without ICU's collator start-up.
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Most severe first, then widest reach, then rule id: the order of tables and plans. */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || reachOf(b) - reachOf(a) || byCodeUnits(a.ruleId, b.ruleId) || byCodeUnits(a.id, b.id);
}

/** Runs every spec rule (or the enabled subset) over one model. Config is applied by the caller with applyConfig. */
export function lintSpec(model: ApiModel, isEnabled: (ruleId: string) => boolean = () => true): Finding[] {
  const findings: Finding[] = [];
  for (const rule of specRules) {
    if (isEnabled(rule.meta.id)) findings.push(...rule.check(model));
  }
  return findings.sort(compareFindings);
}
