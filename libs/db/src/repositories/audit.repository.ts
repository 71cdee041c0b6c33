import type { AuditProgress, AuditSourceReport, AuditTrigger, DriftStatus, Endpoint, InventorySource, Finding, Plan, Scores, TraceAnalysis } from '@apiaudit/domain';
import { In, type DataSource } from 'typeorm';
import { ArtifactEntity, type ArtifactKind } from '../entities/artifact.entity';
import { AuditEntity } from '../entities/audit.entity';
import { FindingEntity } from '../entities/finding.entity';
import { createHash } from 'node:crypto';

export interface FindingPage {
  items: FindingEntity[];
  /** Position of the last item, to pass as `after` for the next page; undefined on the last page. */
  next?: number;
}

/** A page of an audit's inventory: each endpoint with its 1-based position, and drift counted over the whole inventory. */
export interface InventoryPage {
  items: Array<{ endpoint: Endpoint; position: number }>;
  drift: Record<DriftStatus, number>;
}

/** One row of the inventory page query: an element of the stored `inventory` jsonb array, as PostgreSQL returns it. */
interface InventoryRow {
  item: unknown;
  position: number | null;
  has_inventory: boolean;
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const INVENTORY_SOURCES: ReadonlySet<string> = new Set<InventorySource>(['spec', 'code', 'trace']);
const DRIFT_STATUSES: ReadonlySet<string> = new Set<DriftStatus>(['undocumented', 'zombie', 'shadow', 'unused']);

/**
 * An endpoint of a stored inventory, read field by field rather than cast: the jsonb was written by an older worker
 * maybe, so a field of the wrong type is dropped, and an element without method and path is no endpoint at all.
 */
export function endpointOfInventoryItem(item: unknown): Endpoint | null {
  if (!isJsonObject(item) || typeof item['method'] !== 'string' || typeof item['path'] !== 'string') return null;
  const seenIn = Array.isArray(item['seenIn']) ? item['seenIn'].filter((s): s is InventorySource => typeof s === 'string' && INVENTORY_SOURCES.has(s)) : [];
  const endpoint: Endpoint = { method: item['method'], path: item['path'], seenIn };
  if (typeof item['operationId'] === 'string') endpoint.operationId = item['operationId'];
  if (typeof item['service'] === 'string') endpoint.service = item['service'];
  if (typeof item['deprecated'] === 'boolean') endpoint.deprecated = item['deprecated'];
  if (typeof item['drift'] === 'string' && DRIFT_STATUSES.has(item['drift'])) endpoint.drift = item['drift'] as DriftStatus;
  const traffic = item['traffic'];
  if (isJsonObject(traffic) && (['requests', 'errorRate', 'p50Ms', 'p95Ms', 'p99Ms'] as const).every((k) => typeof traffic[k] === 'number')) {
    endpoint.traffic = { requests: traffic['requests'] as number, errorRate: traffic['errorRate'] as number, p50Ms: traffic['p50Ms'] as number, p95Ms: traffic['p95Ms'] as number, p99Ms: traffic['p99Ms'] as number };
  }
  return endpoint;
}

export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  create(projectId: string): Promise<AuditEntity> {
    return this.db.getRepository(AuditEntity).save({ projectId, status: 'queued', progress: { step: 'ingest', percent: 0 } });
  }

  /**
   * An audit started by a trigger. With a `key` (one firing: a scheduler's job, a webhook delivery) the first call
   * creates it and every later one finds it (`created` false), so a retried job or a redelivery starts nothing new.
   */
  async createTriggered(projectId: string, trigger: AuditTrigger, key: string | null): Promise<{ audit: AuditEntity; created: boolean }> {
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO audits (project_id, status, triggered_by, trigger_key) VALUES ($1, 'queued', $2, $3)
       ON CONFLICT (trigger_key) WHERE trigger_key IS NOT NULL DO NOTHING RETURNING id`,
      [projectId, JSON.stringify(trigger), key],
    );
    if (inserted[0]) return { audit: (await this.findById(inserted[0].id))!, created: true };
    const existing = await this.db.getRepository(AuditEntity).findOneByOrFail({ triggerKey: key! });
    return { audit: existing, created: false };
  }

  /**
   * The audit of one schedule firing (`key`): the one it started already, else a new one unless an audit of the
   * project still waits or runs (then null). Serialised per project, so two firings taken at once start one audit.
   */
  async startScheduled(projectId: string, trigger: AuditTrigger, key: string): Promise<AuditEntity | null> {
    const id = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reaudit:${projectId}`]);
      const [existing] = (await tx.query(`SELECT id FROM audits WHERE trigger_key = $1`, [key])) as { id: string }[];
      if (existing) return existing.id;
      const [busy] = await tx.query(`SELECT 1 FROM audits WHERE project_id = $1 AND status IN ('queued', 'running') LIMIT 1`, [projectId]);
      if (busy) return null;
      const [created] = (await tx.query(`INSERT INTO audits (project_id, status, triggered_by, trigger_key) VALUES ($1, 'queued', $2, $3) RETURNING id`, [projectId, JSON.stringify(trigger), key])) as { id: string }[];
      return created!.id;
    });
    return id ? this.findById(id) : null;
  }

  /** The audit a firing started, if it did. */
  findByTriggerKey(key: string): Promise<AuditEntity | null> {
    return this.db.getRepository(AuditEntity).findOneBy({ triggerKey: key });
  }

  findById(id: string): Promise<AuditEntity | null> {
    return this.db.getRepository(AuditEntity).findOneBy({ id });
  }

  /** Status and progress only: what a progress stream polls, without reading the plan or scores. */
  async progressOf(id: string): Promise<Pick<AuditEntity, 'projectId' | 'status' | 'progress' | 'error'> | null> {
    return this.db.getRepository(AuditEntity).findOne({ where: { id }, select: { id: true, projectId: true, status: true, progress: true, error: true } });
  }

  /**
   * One page of a finished audit's endpoint inventory, in its stored order (path, then method), after the entry at
   * `afterPosition` (1-based; 0 for the first page), with the drift counts of the whole inventory; null while the
   * audit has no inventory. The inventory of a finished audit never changes, so a position is a stable cursor.
   */
  async inventoryPage(auditId: string, afterPosition: number, limit: number): Promise<InventoryPage | null> {
    const rows = (await this.db.query(
      `SELECT e.item, e.position::int AS position, a.has_inventory
         FROM (SELECT inventory, inventory IS NOT NULL AS has_inventory FROM audits WHERE id = $1) a
         LEFT JOIN LATERAL jsonb_array_elements(COALESCE(a.inventory, '[]'::jsonb)) WITH ORDINALITY AS e(item, position) ON e.position > $2
        ORDER BY e.position
        LIMIT $3`,
      [auditId, afterPosition, limit],
    )) as InventoryRow[];
    if (!rows[0]?.has_inventory) return null;
    const drift = (await this.db.query(
      `SELECT e.item->>'drift' AS status, count(*)::int AS n FROM audits a, jsonb_array_elements(a.inventory) e(item) WHERE a.id = $1 AND e.item ? 'drift' GROUP BY 1`,
      [auditId],
    )) as Array<{ status: DriftStatus; n: number }>;
    const counts: Record<DriftStatus, number> = { undocumented: 0, zombie: 0, shadow: 0, unused: 0 };
    for (const { status, n } of drift) if (status in counts) counts[status] = n;
    const items: InventoryPage['items'] = [];
    for (const row of rows) {
      const endpoint = endpointOfInventoryItem(row.item);
      if (endpoint && row.position !== null) items.push({ endpoint, position: row.position });
    }
    return { items, drift: counts };
  }

  /** One finding of an audit by the id the findings listing shows. */
  findFinding(auditId: string, findingId: string): Promise<FindingEntity | null> {
    return this.db.getRepository(FindingEntity).findOneBy({ auditId, findingId });
  }

  // A step run again after the audit ended (a stalled job taken over late) never moves a finished audit back.
  async markRunning(id: string, progress: AuditProgress): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id, status: In(['queued', 'running']) }, { status: 'running', progress, startedAt: () => 'COALESCE(started_at, now())' } as never);
  }

  async recordProgress(id: string, progress: AuditProgress): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id, status: In(['queued', 'running']) }, { progress });
  }

  async saveOutcome(id: string, outcome: { subject: string; scores: Scores; inventory: Endpoint[]; plan: Plan }): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id }, outcome as never);
  }

  async markSucceeded(id: string, outcome?: { subject: string; scores: Scores; inventory: Endpoint[]; plan: Plan }): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id }, { ...(outcome ?? {}), status: 'succeeded', error: null, progress: { step: 'done', percent: 100 }, finishedAt: new Date() } as never);
  }

  async saveTraceAnalysis(id: string, analysis: TraceAnalysis): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id }, { traceAnalysis: analysis });
  }

  async traceAnalysisOf(id: string): Promise<TraceAnalysis | undefined> {
    const row = await this.db.getRepository(AuditEntity).createQueryBuilder('a').addSelect('a.traceAnalysis').where('a.id = :id', { id }).getOne();
    return row?.traceAnalysis ?? undefined;
  }

  /** Replaces the audit's account of its sources (each step that learns more writes it again). */
  async saveSources(id: string, sources: AuditSourceReport[]): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id }, { sources });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.getRepository(AuditEntity).update({ id, status: In(['queued', 'running']) }, { status: 'failed', error, finishedAt: new Date() });
  }

  /** Upserts on (audit, fingerprint): running the same analysis twice leaves one row per finding. */
  async saveFindings(auditId: string, findings: Finding[]): Promise<void> {
    const rows = findings.map((f, position) => ({
      auditId,
      position,
      fingerprint: f.fingerprint,
      findingId: f.id,
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      title: f.title,
      message: f.message,
      endpoint: f.endpoint,
      service: f.service,
      evidence: f.evidence,
      affected: f.affected ?? null,
      owasp: f.owasp ?? null,
      metrics: f.metrics ?? null,
    }));
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await tx.getRepository(FindingEntity).upsert(rows.slice(i, i + 500), { conflictPaths: ['auditId', 'fingerprint'] });
      }
    });
  }

  async findingsPage(auditId: string, after: number | undefined, limit: number): Promise<FindingPage> {
    const query = this.db.getRepository(FindingEntity).createQueryBuilder('f').where('f.audit_id = :auditId', { auditId });
    if (after !== undefined) query.andWhere('f.position > :after', { after });
    const items = await query.orderBy('f.position', 'ASC').take(limit + 1).getMany();
    const hasMore = items.length > limit;
    const page = items.slice(0, limit);
    return { items: page, ...(hasMore ? { next: page[page.length - 1].position } : {}) };
  }

  countFindings(auditId: string): Promise<number> {
    return this.db.getRepository(FindingEntity).countBy({ auditId });
  }

  /**
   * Stores a plan file rendered from plan version `planVersion`. A file of an older version never replaces a newer
   * one, so two edits rendered out of order leave the files of the later edit; false when it was not stored.
   */
  async saveArtifact(auditId: string, kind: ArtifactKind, mediaType: string, content: Buffer, planVersion = 1): Promise<boolean> {
    const etag = `"${createHash('sha256').update(content).digest('hex').slice(0, 32)}"`;
    const stored: unknown[] = await this.db.query(
      `INSERT INTO artifacts (audit_id, kind, media_type, etag, content, plan_version) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (audit_id, kind) DO UPDATE SET media_type = EXCLUDED.media_type, etag = EXCLUDED.etag, content = EXCLUDED.content, plan_version = EXCLUDED.plan_version
       WHERE artifacts.plan_version <= EXCLUDED.plan_version RETURNING kind`,
      [auditId, kind, mediaType, etag, content, planVersion],
    );
    return stored.length > 0;
  }

  artifactInfo(auditId: string, kind: ArtifactKind): Promise<ArtifactEntity | null> {
    return this.db.getRepository(ArtifactEntity).findOneBy({ auditId, kind });
  }

  /** A stored file with its content and the plan version it was rendered from, read together. */
  async artifact(auditId: string, kind: ArtifactKind): Promise<{ content: Buffer; planVersion: number; etag: string; mediaType: string } | undefined> {
    const row = await this.db.getRepository(ArtifactEntity).createQueryBuilder('a').addSelect('a.content').where('a.audit_id = :auditId AND a.kind = :kind', { auditId, kind }).getOne();
    return row ? { content: row.content, planVersion: row.planVersion, etag: row.etag, mediaType: row.mediaType } : undefined;
  }

  async artifactContent(auditId: string, kind: ArtifactKind): Promise<Buffer | undefined> {
    const row = await this.db.getRepository(ArtifactEntity).createQueryBuilder('a').addSelect('a.content').where('a.audit_id = :auditId AND a.kind = :kind', { auditId, kind }).getOne();
    return row?.content;
  }
}
