import type { EndpointRef } from './finding';
import type { Severity } from './severity';
import type { ValidationTarget } from './target';

/** A finding as a comparison lists it: enough to name it and to find it again by fingerprint. */
export interface ComparedFinding {
  /** Its id in the audit it is listed from: the baseline's for a resolved finding, the new audit's otherwise. */
  id: string;
  ruleId: string;
  fingerprint: string;
  endpoint: EndpointRef | null;
  severity: Severity;
  title: string;
  message: string;
}

/** One baseline plan item's target checked against the new audit: "p95 of GET /a: 889 ms -> 190 ms, target < 250 ms: met". */
export interface TargetValidation {
  item: { rank: number; ruleId: string; title: string; endpoints: EndpointRef[] };
  metric: string;
  /** The value the baseline audit measured (the plan item's `target.current`). */
  before: number | null;
  /** The value the new audit measured; null when it did not measure it. */
  after: number | null;
  target: ValidationTarget;
  /** Null when the new audit has no data to judge by (no traces for a latency target, say). */
  met: boolean | null;
  /** Why `met` is what it is, in one sentence. */
  note: string;
}

export interface ScoreDelta {
  before: number;
  after: number;
  delta: number;
}

/**
 * What changed between a baseline audit and a later one, matched by fingerprint. `regressed` are findings the
 * baseline did not have but an earlier audit did: fixed once, back now. `new` are seen for the first time.
 */
export interface AuditComparison {
  resolved: ComparedFinding[];
  new: ComparedFinding[];
  regressed: ComparedFinding[];
  open: ComparedFinding[];
  scores: { before: number; after: number; delta: number; byCategory: Record<string, ScoreDelta> };
  validation: TargetValidation[];
}
