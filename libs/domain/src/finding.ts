import type { Excerpt } from './excerpt';
import { hash } from 'node:crypto';
import type { Severity } from './severity';
import type { ValidationTarget } from './target';

/** Where a finding comes from; also the `source` of the rule that produced it. */
export type FindingSource = 'spec' | 'code' | 'trace' | 'diff';

export type FindingCategory =
  | 'contract'
  | 'errors'
  | 'pagination'
  | 'idempotency'
  | 'versioning'
  | 'security'
  | 'performance'
  | 'naming'
  | 'evolution'
  | 'resilience'
  | 'cost'
  | 'drift'
  | 'ingest';

export type EvidenceKind = 'spec' | 'code' | 'trace';

/**
 * One piece of proof. Spec evidence carries file, line, column and a JSON pointer; code evidence file and
 * line; trace evidence trace and span ids. `file` is relative to the audited input's root.
 */
export interface Evidence {
  kind: EvidenceKind;
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  /**
   * Spec evidence outside the entry file: the node's pointer in the description read as one document, the same
   * however it is split into files (absent when it equals `pointer`).
   */
  logicalPointer?: string;
  traceId?: string;
  spanId?: string;
  /** A short excerpt or measured value that shows the problem (a statement, a header, "p95 = 840 ms"). */
  note?: string;
  /**
   * Code evidence: the lines around `line` as they were when scanned. A repository is not kept after its scan,
   * so this is what a reader of the finding sees of the code.
   */
  excerpt?: Excerpt;
}

export interface EndpointRef {
  method: string;
  path: string;
}

export interface Finding {
  /** Unique within one audit run. */
  id: string;
  /**
   * The defect's identity, stable across re-audits: rule, endpoint, service, key and where in the API it is (a
   * spec node by its logical pointer, a code file by name). Never line numbers, spec file names or key order.
   */
  fingerprint: string;
  ruleId: string;
  category: FindingCategory;
  severity: Severity;
  title: string;
  message: string;
  endpoint: EndpointRef | null;
  service: string | null;
  evidence: Evidence[];
  /** Every endpoint one root cause touches (a shared schema, a global setting). Drives "reach" in scoring. */
  affected?: EndpointRef[];
  /** OWASP API Security Top 10 (2023) id, e.g. "API2:2023", for security rules. */
  owasp?: string;
  /** Measured figures behind a trace or cost finding (p95Ms, callsPerRequest, monthlyCostUsd …). */
  metrics?: Record<string, number>;
}

/** What every rule, diff check and detector declares about itself. Metadata is data; logic lives apart. */
export interface RuleMeta {
  id: string;
  title: string;
  category: FindingCategory;
  source: FindingSource;
  severity: Severity;
  /** One paragraph: why it matters to the API's clients or owners. */
  rationale: string;
  /** How to fix it, one or two sentences. */
  fix: string;
  owasp?: string;
  /** What to measure to prove the fix; the plan and re-audits read it. Every rule in the catalog has one (tested). */
  target?: ValidationTarget;
  /**
   * Ids this rule was known by before, oldest first. Ids are public (config files, suppressions name them), so
   * a renamed rule keeps answering to its old ids (audits map them onto `id` and say so), and its findings keep
   * the fingerprints they had under the oldest one.
   */
  deprecatedIds?: string[];
}

export interface FindingDraft {
  severity?: Severity;
  message: string;
  endpoint?: EndpointRef | null;
  service?: string | null;
  evidence: Evidence[];
  affected?: EndpointRef[];
  metrics?: Record<string, number>;
  /** Extra identity for the fingerprint when rule + endpoint + pointer do not tell two findings apart. */
  key?: string;
  /**
   * Where the defect is, when it is not the primary evidence's place: a cause shared by many operations is the
   * same defect whichever of them is listed first. Replaces endpoint and evidence in the fingerprint.
   */
  subject?: string;
}

/**
 * The part of a finding's identity that says where it is. A spec node is named by its logical pointer, never by
 * file, line or column: splitting, reformatting or moving the spec does not change the defect. A code file is
 * named by its path in the repository.
 */
function placeOf(primary: Evidence | undefined): string {
  if (!primary) return '';
  if (primary.kind === 'spec') return primary.logicalPointer ?? primary.pointer ?? '';
  return `${primary.file ?? ''}#${primary.pointer ?? ''}`;
}

/** Builds a finding from a rule's metadata and what its check found; id and fingerprint are derived. */
export function createFinding(meta: RuleMeta, draft: FindingDraft): Finding {
  const endpoint = draft.endpoint ?? null;
  // A renamed rule keeps the fingerprints its findings had under its oldest id.
  const ruleId = meta.deprecatedIds?.[0] ?? meta.id;
  const identity =
    draft.subject !== undefined
      ? [ruleId, draft.service ?? '', draft.subject, draft.key ?? ''].join('\u0000')
      : [ruleId, endpoint ? `${endpoint.method.toUpperCase()} ${endpoint.path}` : '', draft.service ?? '', placeOf(draft.evidence[0]), draft.key ?? ''].join('\u0000');
  // The one-shot hash: a lint fingerprints hundreds of findings, and a Hash object per finding cost about 4x more.
  const fingerprint = hash('sha256', identity, 'hex').slice(0, 24);
  return {
    id: `${meta.id}:${fingerprint.slice(0, 10)}`,
    fingerprint,
    ruleId: meta.id,
    category: meta.category,
    severity: draft.severity ?? meta.severity,
    title: meta.title,
    message: draft.message,
    endpoint: endpoint && { method: endpoint.method.toUpperCase(), path: endpoint.path },
    service: draft.service ?? null,
    evidence: draft.evidence,
    ...(draft.affected?.length ? { affected: draft.affected } : {}),
    ...(meta.owasp ? { owasp: meta.owasp } : {}),
    ...(draft.metrics ? { metrics: draft.metrics } : {}),
  };
}
