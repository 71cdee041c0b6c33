import type { EndpointRef, FindingCategory } from './finding';
import type { Scores } from './audit';
import type { Severity } from './severity';
import type { PlanTarget } from './target';

export type Horizon = 'now' | 'next' | 'later';

export const HORIZONS: readonly Horizon[] = ['now', 'next', 'later'];

/** One action in the audit plan: a change, why, what to measure, how to know it worked. */
export interface PlanItem {
  rank: number;
  horizon: Horizon;
  title: string;
  ruleId: string;
  category: FindingCategory;
  severity: Severity;
  findingIds: string[];
  /** Fingerprints of the item's findings: what carries a consultant's edits over to the next audit's plan. */
  fingerprints: string[];
  endpoints: EndpointRef[];
  why: string;
  change: string;
  /** The sentence form of `target`, rendered from it. */
  measure: string;
  /** The figure that proves the fix, with the value this audit measured; re-audits check it. */
  target: PlanTarget;
  validate: string;
  impact: number;
  effort: 'S' | 'M' | 'L';
  /** Estimated monthly saving of the fix at current traffic, when trace analysis priced it. */
  monthlySavingUsd?: number;
  /** A consultant's note for the client, set through plan edits. */
  notes?: string;
  /** Hidden by a consultant: kept in plan.json, left out of the rendered plan and exports. */
  hidden?: boolean;
}

/** One finding's share of a category's penalty: points = weight(severity) × (1 + log2(reach)). */
export interface ScoredFinding {
  findingId: string;
  ruleId: string;
  severity: Severity;
  reach: number;
  points: number;
}

/** How one score came about, so a reader can recompute it: score = round(100 / (1 + penalty / (5 × endpoints))). */
export interface ScoreBreakdown {
  category: string;
  score: number;
  penalty: number;
  /** Endpoints the penalty is set against (the inventory size, at least 5). */
  endpoints: number;
  findings: ScoredFinding[];
}

export interface ScoreExplanation {
  formula: string;
  weights: Record<Severity, number>;
  overall: ScoreBreakdown;
  categories: ScoreBreakdown[];
}

export interface Plan {
  title: string;
  subject: string;
  generatedAt: string;
  summary: string;
  items: PlanItem[];
  /** Per category, which findings took how many points; absent in plans stored before it existed. */
  scoring?: ScoreExplanation;
}

export const PLAN_SCHEMA_VERSION = 1;

/** What the plan's fixes are worth in money, from trace analysis (absent without traces). */
export interface PlanCostSummary {
  /** Estimated monthly cost of the audited traffic. */
  totalMonthlyUsd: number;
  /** What the items with a priced saving would save a month, all together. */
  savingMonthlyUsd: number;
  /** The same for the "now" items only. */
  nowSavingMonthlyUsd: number;
}

/** The content of plan.json; its JSON Schema is docs/schemas/plan.schema.json. */
export interface PlanDocument extends Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  scores: Scores;
  /** Visible items per horizon. */
  horizons: Record<Horizon, number>;
  cost?: PlanCostSummary;
}
