import type { AuditComparison, AuditResult, EndpointRef, Finding, Plan } from '@apiaudit/domain';

/** Cost and SLO figures from trace analysis, in the shape the plan needs (the traces lib produces them). */
export interface CostDriverRow {
  method: string;
  path: string;
  service: string;
  monthlyCostUsd: number;
  shareOfTotal: number;
  breakdown: Record<string, number>;
  fixes: Array<{ ruleId: string; monthlySavingUsd: number }>;
}

export interface SloRow {
  method: string;
  path: string;
  service: string;
  requestsPerDay: number;
  availability: { objective: number; observed: number; errorBudgetBurn: number };
  latency: { thresholdMs: number; objective: number; observed: number; errorBudgetBurn: number };
}

export interface TraceSummary {
  spanCount: number;
  traceCount: number;
  requestCount: number;
  window: { start: string; end: string; durationMs: number } | null;
  totalMonthlyCostUsd: number;
  costDrivers: CostDriverRow[];
  slos: SloRow[];
}


/** One audit's overall score, for the score-over-time chart. */
export interface ScorePoint {
  label: string;
  score: number;
}

/** Who the plan is for: the running header of every PDF page. */
export interface ReportParty {
  client?: string;
  project?: string;
}

export interface PlanReportInput {
  plan: Plan;
  result: AuditResult;
  sources?: Array<{ kind: 'spec' | 'traces' | 'repo'; label: string; detail?: string }>;
  /** Sources the audit lacks: a kind the project has none of (missing), or one that could not be fetched (failed). */
  unread?: Array<{ kind: 'spec' | 'traces' | 'repo'; label?: string; status: 'missing' | 'failed'; reason: string }>;
  traces?: TraceSummary;
  /** This audit against a baseline (compareAudits): regressions, new, fixed, targets, score deltas. */
  comparison?: AuditComparison;
  /** Breaking changes against the previous spec version, already findings of category evolution. */
  evolution?: Finding[];
  /** Overall scores of earlier audits of the same project and this one, oldest first. */
  history?: ScorePoint[];
  party?: ReportParty;
  /** Which plan version this is on the platform, and who made it; written into plan.json. */
  version?: PlanVersionInfo;
}

export interface PlanVersionInfo {
  number: number;
  editedAt?: string;
  editedBy?: { id: string; email: string; name: string };
}

export type { EndpointRef };
