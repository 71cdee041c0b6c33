import { HORIZONS, PLAN_SCHEMA_VERSION, type Horizon, type Plan, type PlanCostSummary, type PlanDocument, type PlanItem } from '@apiaudit/domain';
import type { PlanReportInput } from './report-input';

/** Items a reader sees: hidden ones stay in plan.json for the consultant but leave every rendered form. */
export function visibleItems(plan: Plan): PlanItem[] {
  return plan.items.filter((i) => !i.hidden);
}

export function countHorizons(items: PlanItem[]): Record<Horizon, number> {
  return Object.fromEntries(HORIZONS.map((h) => [h, items.filter((i) => i.horizon === h).length])) as Record<Horizon, number>;
}

function round2(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Monthly cost of the audited traffic and what the plan's priced fixes would save; undefined without trace analysis. */
/**
 * The plan's line on the sources the audit lacks, as plain text (each form escapes it its own way), or undefined when
 * it read them all: "Not in this audit: traces missing (the project has no trace export); repo x failed (…)."
 */
export function unreadSentence({ unread }: Pick<PlanReportInput, 'unread'>): string | undefined {
  if (!unread?.length) return undefined;
  return `Not in this audit: ${unread.map((s) => `${s.kind}${s.label ? ` ${s.label}` : ''} ${s.status === 'missing' ? 'missing' : 'failed'} (${s.reason})`).join('; ')}.`;
}

export function summariseCost(input: PlanReportInput): PlanCostSummary | undefined {
  if (!input.traces) return undefined;
  const total = input.traces.totalMonthlyCostUsd;
  const items = visibleItems(input.plan);
  const saving = (list: PlanItem[]) => list.reduce((sum, i) => sum + (i.monthlySavingUsd ?? 0), 0);
  return { totalMonthlyUsd: round2(total), savingMonthlyUsd: round2(saving(items)), nowSavingMonthlyUsd: round2(saving(items.filter((i) => i.horizon === 'now'))) };
}

/** plan.json: the plan with its scores, horizon counts and cost summary (schema: docs/schemas/plan.schema.json). */
export function buildPlanDocument(input: PlanReportInput): PlanDocument {
  const cost = summariseCost(input);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    ...input.plan,
    scores: input.result.scores,
    horizons: countHorizons(visibleItems(input.plan)),
    ...(cost ? { cost } : {}),
    ...(input.version ? { version: input.version.number, ...(input.version.editedAt ? { editedAt: input.version.editedAt } : {}), ...(input.version.editedBy ? { editedBy: input.version.editedBy } : {}) } : {}),
  };
}
