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
  /** Which of the item's fields a consultant set (absent on an item as the audit made it). */
  edited?: PlanEditField[];
}

/** What a consultant may change on a plan item. */
export const PLAN_EDIT_FIELDS = ['rank', 'horizon', 'title', 'notes', 'hidden'] as const;
export type PlanEditField = (typeof PLAN_EDIT_FIELDS)[number];

/** A consultant's edit of one plan item: each field present overrides what the audit generated. */
export interface PlanItemEdit {
  /** Where the item goes (1 = first); other items keep their order around it. */
  rank?: number;
  /** The plan version that set `rank`: when two items ask for the same place, the later edit gets it. */
  rankedIn?: number;
  horizon?: Horizon;
  title?: string;
  notes?: string;
  hidden?: boolean;
}

/** Every edit of one plan version, keyed by the item's rule id (a plan has one item per rule). */
export type PlanEdits = Record<string, PlanItemEdit>;

/** A change asked for in a plan edit: a field set to null goes back to what the audit generated. */
export interface PlanItemChange {
  ruleId: string;
  rank?: number | null;
  horizon?: Horizon | null;
  title?: string | null;
  notes?: string | null;
  hidden?: boolean | null;
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
  /** Plan version on the platform: 1 as the audit made it (with edits carried over), +1 per consultant edit. */
  version?: number;
  /** When and by whom the version was made; absent on version 1 and in the CLI's plan.json. */
  editedAt?: string;
  editedBy?: { id: string; email: string; name: string };
  scores: Scores;
  /** Visible items per horizon. */
  horizons: Record<Horizon, number>;
  cost?: PlanCostSummary;
}
