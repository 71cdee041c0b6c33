import { Injectable } from '@nestjs/common';
import type { AuditComparison, ScoreDelta } from '@apiaudit/domain';
import { AuditRepository, ComparisonRepository } from '@apiaudit/db';
import { compareAudits } from '@apiaudit/scoring';
import { notFound, Problem } from '../http/problem';

/** A comparison as the api serves it: which audits, then what changed (libs/scoring's AuditComparison). */
export interface ComparisonView extends Omit<AuditComparison, 'scores'> {
  auditId: string;
  /** Null for a project's first audit: nothing to compare with, every finding is new. */
  baselineAuditId: string | null;
  scores: { before: number | null; after: number; delta: number | null; byCategory: Record<string, ScoreDelta | { before: null; after: number; delta: null }> };
}

/**
 * Comparisons of an audit with a baseline: the project's previous succeeded audit by default, whose comparison the
 * worker stored when the audit succeeded; any other baseline is computed on first request and stored.
 */
@Injectable()
export class ComparisonsService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly comparisons: ComparisonRepository,
  ) {}

  async compare(auditId: string, baselineId: string | undefined): Promise<ComparisonView> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw notFound('Audit', auditId);
    if (audit.status !== 'succeeded') throw new Problem(409, 'audit-not-finished', 'Audit not finished', `The audit is ${audit.status}; its comparison is ready when it has succeeded.`);
    if (baselineId !== undefined) await this.requireBaseline(auditId, baselineId);
    const baseline = baselineId ?? (await this.comparisons.previousSucceeded(auditId));
    if (!baseline) return this.firstAudit(auditId);
    const stored = (await this.comparisons.find(auditId, baseline)) ?? (await this.comparisons.save(auditId, baseline, compareAudits(await this.comparisons.inputs(auditId, baseline))));
    return { auditId, baselineAuditId: baseline, ...stored.comparison };
  }

  private async requireBaseline(auditId: string, baselineId: string): Promise<void> {
    if (baselineId === auditId) throw new Problem(400, 'invalid-request', 'Invalid request', 'baseline must be another audit of the project', { field: 'baseline' });
    const candidate = await this.comparisons.baselineCandidate(auditId, baselineId);
    // Another project's audit (another client's above all) is answered as one that does not exist.
    if (!candidate || !candidate.sameProject) throw new Problem(404, 'not-found', 'Baseline not found', `The project has no audit ${baselineId}.`, { field: 'baseline' });
    if (candidate.status !== 'succeeded') throw new Problem(409, 'baseline-not-finished', 'Baseline not finished', `The baseline audit is ${candidate.status}; only a succeeded audit can be a baseline.`);
    if (!candidate.older) throw new Problem(400, 'invalid-request', 'Invalid request', 'baseline must be an audit made before this one', { field: 'baseline' });
  }

  private async firstAudit(auditId: string): Promise<ComparisonView> {
    const current = await this.comparisons.current(auditId);
    const all = compareAudits({ baseline: { findings: [], scores: current.scores, inventory: [] }, current });
    const byCategory = Object.fromEntries(Object.entries(current.scores.byCategory).map(([category, after]) => [category, { before: null, after, delta: null }]));
    return { auditId, baselineAuditId: null, resolved: [], new: all.new, regressed: [], open: [], scores: { before: null, after: current.scores.overall, delta: null, byCategory }, validation: [] };
  }
}
