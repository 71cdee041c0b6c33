import type { Endpoint } from './endpoint';
import type { Finding } from './finding';
import type { Severity } from './severity';

export const FINDINGS_SCHEMA_VERSION = 1;

export type AuditStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface AuditProgress {
  step: 'ingest' | 'analyze' | 'plan' | 'render' | 'done';
  percent: number;
}

/**
 * One of a project's sources as an audit took it: read, missing (the project has none of that kind) or failed (it
 * could not be fetched or read). An audit completes with what it could read and says what it lacks.
 */
export interface AuditSourceReport {
  kind: 'spec' | 'traces' | 'repository';
  status: 'read' | 'missing' | 'failed';
  /** The source read (or tried): its id, version and name; absent for a missing kind. */
  sourceId?: string;
  version?: number;
  label?: string;
  /** What was read (a commit), what the audit does without it, or why it failed. */
  detail?: string;
}

export interface AuditRun {
  id: string;
  projectId: string;
  status: AuditStatus;
  progress: AuditProgress;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface Scores {
  /** 0–100, 100 is best. */
  overall: number;
  byCategory: Record<string, number>;
  counts: Record<Severity, number>;
}

/** The content of findings.json; its JSON Schema is docs/schemas/findings.schema.json. */
export interface AuditResult {
  schemaVersion: typeof FINDINGS_SCHEMA_VERSION;
  findings: Finding[];
  scores: Scores;
  inventory: Endpoint[];
}
