import type { AuditComparison, Endpoint, Finding, Plan, Scores } from '@apiaudit/domain';
import type { DataSource } from 'typeorm';
import { AuditEntity } from '../entities/audit.entity';

/** An audit as a comparison reads it (the shape `compareAudits` of libs/scoring takes). */
export interface ComparedAudit {
  findings: Finding[];
  scores: Scores;
  inventory: Endpoint[];
  plan?: Plan;
}

/** Everything `compareAudits` needs for one (audit, baseline) pair, read from the database. */
export interface ComparisonInputs {
  baseline: ComparedAudit;
  current: ComparedAudit;
  /** Fingerprints reported by the project's succeeded audits before the baseline: what comes back is a regression. */
  earlier: string[];
}

export interface StoredComparison {
  auditId: string;
  baselineAuditId: string;
  comparison: AuditComparison;
  createdAt: Date;
}

const FINDING_COLUMNS = `finding_id AS id, fingerprint, rule_id AS "ruleId", category, severity, title, message, endpoint, service, evidence, affected, owasp, metrics`;

/** Re-audit comparisons: which audit a comparison starts from, what it reads, and the stored results. */
export class ComparisonRepository {
  constructor(private readonly db: DataSource) {}

  /** The newest succeeded audit with results of the same project created before `auditId`: the default baseline. */
  async previousSucceeded(auditId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT b.id FROM audits a
       JOIN audits b ON b.project_id = a.project_id AND b.status = 'succeeded' AND b.scores IS NOT NULL
         AND (b.created_at, b.id) < (a.created_at, a.id)
       WHERE a.id = $1 ORDER BY b.created_at DESC, b.id DESC LIMIT 1`,
      [auditId],
    );
    return rows[0]?.id ?? null;
  }

  /** The audit `baselineId` as another audit's baseline sees it: its project, status, and whether it is older. */
  async baselineCandidate(auditId: string, baselineId: string): Promise<{ sameProject: boolean; status: string; older: boolean } | null> {
    const rows: { sameProject: boolean; status: string; older: boolean }[] = await this.db.query(
      `SELECT b.project_id = a.project_id AS "sameProject", b.status, (b.created_at, b.id) < (a.created_at, a.id) AS older
       FROM audits a, audits b WHERE a.id = $1 AND b.id = $2`,
      [auditId, baselineId],
    );
    return rows[0] ?? null;
  }

  private async comparedAudit(auditId: string, withPlan: boolean): Promise<ComparedAudit> {
    // Through the entity, whose jsonb columns carry their domain types, rather than a raw row cast to them.
    const audit = await this.db.getRepository(AuditEntity).findOne({ where: { id: auditId }, select: { id: true, scores: true, inventory: true, plan: true } });
    if (!audit?.scores) throw new Error(`audit ${auditId} has no results to compare`);
    const rows: Array<Finding & { affected: Finding['affected'] | null; owasp: string | null; metrics: Finding['metrics'] | null }> = await this.db.query(
      `SELECT ${FINDING_COLUMNS} FROM findings WHERE audit_id = $1 ORDER BY position`,
      [auditId],
    );
    const findings = rows.map(({ affected, owasp, metrics, ...f }) => ({ ...f, ...(affected ? { affected } : {}), ...(owasp ? { owasp } : {}), ...(metrics ? { metrics } : {}) }));
    return { findings, scores: audit.scores, inventory: audit.inventory ?? [], ...(withPlan && audit.plan ? { plan: audit.plan } : {}) };
  }

  async inputs(auditId: string, baselineId: string): Promise<ComparisonInputs> {
    const earlier: { fingerprint: string }[] = await this.db.query(
      `SELECT DISTINCT f.fingerprint FROM audits b
       JOIN audits e ON e.project_id = b.project_id AND e.status = 'succeeded' AND (e.created_at, e.id) < (b.created_at, b.id)
       JOIN findings f ON f.audit_id = e.id
       WHERE b.id = $1`,
      [baselineId],
    );
    return { baseline: await this.comparedAudit(baselineId, true), current: await this.comparedAudit(auditId, false), earlier: earlier.map((r) => r.fingerprint) };
  }

  /** The audit's own results, for an audit with nothing to compare with (the project's first). */
  current(auditId: string): Promise<ComparedAudit> {
    return this.comparedAudit(auditId, false);
  }

  async find(auditId: string, baselineAuditId: string): Promise<StoredComparison | null> {
    const rows: StoredComparison[] = await this.db.query(
      `SELECT audit_id AS "auditId", baseline_audit_id AS "baselineAuditId", comparison, created_at AS "createdAt" FROM audit_comparisons WHERE audit_id = $1 AND baseline_audit_id = $2`,
      [auditId, baselineAuditId],
    );
    return rows[0] ?? null;
  }

  /** The comparison the worker stored when the audit succeeded (the first stored for it), if any. */
  async firstStored(auditId: string): Promise<StoredComparison | null> {
    const rows: StoredComparison[] = await this.db.query(
      `SELECT audit_id AS "auditId", baseline_audit_id AS "baselineAuditId", comparison, created_at AS "createdAt" FROM audit_comparisons WHERE audit_id = $1 ORDER BY created_at LIMIT 1`,
      [auditId],
    );
    return rows[0] ?? null;
  }

  /** Stores a comparison unless one is stored for the pair already (a retried step, two readers at once); returns the stored one. */
  async save(auditId: string, baselineAuditId: string, comparison: AuditComparison): Promise<StoredComparison> {
    await this.db.query(
      `INSERT INTO audit_comparisons (audit_id, baseline_audit_id, comparison) VALUES ($1, $2, $3) ON CONFLICT (audit_id, baseline_audit_id) DO NOTHING`,
      [auditId, baselineAuditId, JSON.stringify(comparison)],
    );
    return (await this.find(auditId, baselineAuditId))!;
  }
}
