// A small plan and audit result for the report's own tests: enough fields for every format to have something to show.
import type { AuditResult, Plan, PlanItem } from '@apiaudit/domain';

/** A plan item of rule-a on GET /a whose target is that the rule reports nothing; `patch` changes what a test needs. */
export const planItem = (rank: number, patch: Partial<PlanItem> = {}): PlanItem => ({
  rank,
  horizon: 'now',
  title: `Action ${rank}`,
  ruleId: 'rule-a',
  category: 'contract',
  severity: 'high',
  findingIds: [],
  fingerprints: [],
  endpoints: [{ method: 'GET', path: '/a' }],
  why: 'w',
  change: 'c',
  measure: 'm',
  target: { metric: 'findings.count', comparator: '==', value: 0, current: 2 },
  validate: 'v',
  impact: 1,
  effort: 'S',
  ...patch,
});

export const smallPlan = (items: PlanItem[]): Plan => ({ title: 'API audit plan: S', subject: 'S', generatedAt: '2026-12-01T00:00:00.000Z', summary: 's', items });

export const smallResult: AuditResult = { schemaVersion: 1, findings: [], inventory: [], scores: { overall: 70, byCategory: {}, counts: { info: 0, low: 1, medium: 0, high: 2, critical: 0 } } };
