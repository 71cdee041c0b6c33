import type { EndpointRef, FindingCategory } from './finding';
import type { Severity } from './severity';

export type Horizon = 'now' | 'next' | 'later';

/** One action in the audit plan: a change, why, what to measure, how to know it worked. */
export interface PlanItem {
  rank: number;
  horizon: Horizon;
  title: string;
  ruleId: string;
  category: FindingCategory;
  severity: Severity;
  findingIds: string[];
  endpoints: EndpointRef[];
  why: string;
  change: string;
  measure: string;
  validate: string;
  impact: number;
  effort: 'S' | 'M' | 'L';
}

export interface Plan {
  title: string;
  subject: string;
  generatedAt: string;
  summary: string;
  items: PlanItem[];
}
