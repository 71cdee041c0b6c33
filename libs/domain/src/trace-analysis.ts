import type { Finding } from './finding';

// What a trace analysis hands over: libs/traces computes it, the platform stores it between its trace job and its
// analyze job, and the audit pipeline reads it. Shapes only; the logic stays in libs/traces.

/** The service that owns a span and where it runs. */
export interface Workload {
  service: string;
  environment?: string;
  namespace?: string;
  /** Deployment, stateful set or other k8s workload name. */
  k8sWorkload?: string;
}

/** Traffic figures of one endpoint as served by one workload. Times in milliseconds, per request unless total. */
export interface EndpointStats {
  method: string;
  path: string;
  service: string;
  workload: Workload;
  workloadKey: string;
  requests: number;
  errors: number;
  errorRate: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  selfTimeMs: number;
  downstreamTimeMs: number;
  dbCallsPerRequest: number;
  dbTimeMs: number;
  outboundCallsPerRequest: number;
  requestBytes?: number;
  responseBytes?: number;
}

export interface CostBreakdown {
  compute: number;
  db: number;
  egress: number;
  requests: number;
}

export interface CostFix {
  ruleId: string;
  findingId: string;
  monthlySavingUsd: number;
  /** Share of this driver's cost the fix would remove. */
  shareOfDriver: number;
}

/** Estimated monthly cost of one endpoint in one workload. */
export interface CostDriver {
  method: string;
  path: string;
  service: string;
  workload: string;
  monthlyCostUsd: number;
  breakdown: CostBreakdown;
  shareOfTotal: number;
  monthlyRequests: number;
  fixes: CostFix[];
}

export interface SloProposal {
  method: string;
  path: string;
  service: string;
  requestsPerDay: number;
  availability: {
    /** e.g. 0.999: share of requests that must succeed over 30 days. */
    objective: number;
    observed: number;
    /** Observed failure rate over the budget (1 - objective): above 1 the data already breaks the SLO. */
    errorBudgetBurn: number;
  };
  latency: {
    thresholdMs: number;
    /** Share of requests that must finish under the threshold. */
    objective: number;
    observed: number;
    errorBudgetBurn: number;
  };
}

export interface TraceAnalysis<State extends object = object> {
  findings: Finding[];
  endpoints: EndpointStats[];
  costDrivers: CostDriver[];
  totalMonthlyCostUsd: number;
  slos: SloProposal[];
  spanCount: number;
  traceCount: number;
  requestCount: number;
  orphanSpans: number;
  skewAdjustedSpans: number;
  window: { start: string; end: string; durationMs: number } | null;
  /** The sampling rate the cost figures were extrapolated with. */
  samplingRate: number;
  generatedAt: string;
  /** What the analysis can be merged or finished again from; its shape belongs to libs/traces. */
  state: State;
}
