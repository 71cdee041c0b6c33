import type { AuditResult, Plan, TraceAnalysis } from '@apiaudit/domain';
import type { CodeScanResult } from '@apiaudit/code-scan';
import type { Change } from '@apiaudit/diff';
import type { PlanReportInput } from '@apiaudit/report';

/** A spec to audit: a file or folder on disk, or files held in memory (an upload, an archive). */
export type SpecSource =
  | { kind: 'path'; path: string; label?: string }
  | { kind: 'files'; files: Map<string, Buffer>; entry?: string; label: string };

/** A trace export on disk (any supported format, optionally gzipped). */
export interface TraceSource {
  path: string;
  label?: string;
}

/**
 * A source tree on disk (a checkout or an unpacked tarball), or the stored scan of one: the worker scans a
 * repository in its own job and keeps the result per commit, so the audit reads it instead of the tree.
 */
export type RepoSource = { path: string; label?: string } | { scan: CodeScanResult; label: string };

export interface AuditInputs {
  subject: string;
  specs: SpecSource[];
  traces: TraceSource[];
  repos: RepoSource[];
  /** The previous version of the (first) spec: when given, breaking changes join the findings. */
  previousSpec?: SpecSource;
  /**
   * The changes from `previousSpec` to the (first) spec, when they were computed already (the platform stores one diff
   * per spec version); the previous spec is then not read again.
   */
  previousChanges?: Change[];
  /** A previous run's result: the plan says which findings were fixed, which remain, which are new. */
  baseline?: AuditResult;
  /** The previous run's plan: its targets are checked against this run's data. */
  baselinePlan?: Plan;
  /** Fingerprints of runs before the baseline: a finding they had, the baseline not, and this run again regressed. */
  earlierFingerprints?: string[];
  /** Traces already analysed (the worker runs that as its own job); when given, `traces` are not read again. */
  traceAnalysis?: TraceAnalysis;
  /** Text of apiaudit.yaml, when the user gave one. */
  configText?: { text: string; file: string };
}

export type AuditStep = 'ingest' | 'analyze' | 'plan';

export interface AuditOptions {
  now: Date;
  onProgress?: (step: AuditStep, done: number, total: number) => void;
}

export interface AuditOutcome {
  result: AuditResult;
  plan: Plan;
  /** Rendered by libs/report; the PDF is made from it by libs/pdf. */
  html: string;
  /** What the plan's files are rendered from (renderPlanFiles); kept so edits can render the plan again. */
  report: PlanReportInput;
  /** What the user should change in their inputs, e.g. a config naming a deprecated rule id; one line each. */
  warnings: string[];
}
