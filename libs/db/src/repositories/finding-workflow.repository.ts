import type { Finding, FindingCategory, FindingStatus, Severity } from '@apiaudit/domain';
import type { DataSource, EntityManager } from 'typeorm';

export const FINDING_SORTS = ['priority', '-priority', 'category', 'rule', 'endpoint', 'title'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface FindingFilter {
  severity?: Severity[];
  category?: FindingCategory[];
  status?: FindingStatus[];
  /** `METHOD /path`, exactly as findings name their endpoint. */
  endpoint?: string;
  /** Case-insensitive substring of title, message or rule id. */
  q?: string;
}

/** Where the previous page ended: the sort key of its last row (text sorts only) and its position. */
export interface FindingCursor {
  key?: string;
  position: number;
}

export interface PersonRef {
  id: string;
  email: string;
  name: string;
}

export interface FindingStateRecord {
  status: FindingStatus;
  reason: string | null;
  assignee: PersonRef | null;
  /** 0 while nobody has touched the finding; the ETag of its state. */
  version: number;
  updatedAt: Date | null;
}

/** A stored finding as the list shows it: the domain finding's identity and text, plus its workflow state. */
export interface FindingListItem extends FindingStateRecord, Pick<Finding, 'id' | 'fingerprint' | 'ruleId' | 'category' | 'severity' | 'title' | 'message' | 'endpoint' | 'service'> {
  evidence: unknown[];
  affected: unknown[] | null;
  owasp: string | null;
  metrics: Record<string, number> | null;
  position: number;
  commentCount: number;
  sortKey: string | null;
}

export interface StatusChangeRecord {
  from: FindingStatus;
  to: FindingStatus;
  reason: string | null;
  actor: PersonRef | null;
  at: Date;
}

export interface CommentRecord {
  id: string;
  body: string;
  author: PersonRef | null;
  createdAt: Date;
}

export interface StateChange {
  status?: FindingStatus;
  reason?: string | null;
  assigneeId?: string | null;
}

/** Whether one succeeded audit of the project reported a fingerprint. */
export interface OccurrenceRecord {
  auditId: string;
  at: Date;
  reported: boolean;
}

export type UpdateOutcome = { ok: true; state: FindingStateRecord; previous: FindingStateRecord } | { ok: false; current: FindingStateRecord };

const ENDPOINT_EXPR = `((f.endpoint->>'method') || ' ' || (f.endpoint->>'path'))`;
const SEARCH_EXPR = `(f.title || ' ' || f.message || ' ' || f.rule_id)`;
const TEXT_SORTS: Partial<Record<FindingSort, string>> = {
  category: 'f.category',
  rule: 'f.rule_id',
  endpoint: `coalesce(${ENDPOINT_EXPR}, '')`,
  title: 'f.title',
};
const person = (alias: string) => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'email', ${alias}.email, 'name', ${alias}.name) END`;
const STATE_COLUMNS = `coalesce(s.status, 'open') AS status, s.reason, ${person('u')} AS assignee, coalesce(s.version, 0) AS version, s.updated_at AS "updatedAt"`;
const FINDING_COLUMNS = `f.finding_id AS id, f.fingerprint, f.rule_id AS "ruleId", f.category, f.severity, f.title, f.message, f.endpoint, f.service,
  f.evidence, f.affected, f.owasp, f.metrics, f.position`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The findings workflow: each finding's status, assignee and comments per project, keyed by fingerprint so a
 * re-audit of the project finds them again; every status change is kept as history.
 */
export class FindingWorkflowRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One page of an audit's findings with their state. Every filter has an index that walks the audit's
   * findings in position order (see the CreateAccounts migration), so a first page reads about `limit` rows.
   */
  async page(auditId: string, filter: FindingFilter, sort: FindingSort, after: FindingCursor | undefined, limit: number): Promise<{ items: FindingListItem[]; hasMore: boolean }> {
    // The audit's project comes from a join, not a lookup before: one round trip per page.
    const params: unknown[] = [auditId];
    const where = ['f.audit_id = $1'];
    // One value is an equality, so the (audit, severity|category, position) index yields rows already in position
    // order and a first page stops after `limit` of them; `= ANY(array)` would make PostgreSQL sort every match.
    const oneOf = (column: string, values: string[]) => (values.length === 1 ? `${column} = $${params.push(values[0])}` : `${column} = ANY($${params.push(values)})`);
    if (filter.severity?.length) where.push(oneOf('f.severity', filter.severity));
    if (filter.category?.length) where.push(oneOf('f.category', filter.category));
    if (filter.status?.length) {
      // As an (anti-)semi-join rather than a filter on the outer join's coalesce: PostgreSQL estimates these well,
      // and then walks the audit's findings in position order and stops at the page, instead of sorting them all.
      const statuses = `$${params.push(filter.status)}`;
      where.push(
        filter.status.includes('open')
          ? `NOT EXISTS (SELECT 1 FROM finding_states x WHERE x.project_id = a.project_id AND x.fingerprint = f.fingerprint AND x.status <> ALL(${statuses}))`
          : `EXISTS (SELECT 1 FROM finding_states x WHERE x.project_id = a.project_id AND x.fingerprint = f.fingerprint AND x.status = ANY(${statuses}))`,
      );
    }
    if (filter.endpoint) where.push(`${ENDPOINT_EXPR} = $${params.push(filter.endpoint)}`);
    if (filter.q) where.push(`${SEARCH_EXPR} ILIKE $${params.push(`%${escapeLike(filter.q)}%`)}`);
    const textSort = TEXT_SORTS[sort];
    let order: string;
    if (textSort) {
      if (after) where.push(`(${textSort}, f.position) > ($${params.push(after.key ?? '')}, $${params.push(after.position)})`);
      order = `${textSort}, f.position`;
    } else if (sort === '-priority') {
      if (after) where.push(`f.position < $${params.push(after.position)}`);
      order = 'f.position DESC';
    } else {
      if (after) where.push(`f.position > $${params.push(after.position)}`);
      order = 'f.position';
    }
    const rows: FindingListItem[] = await this.db.query(
      `SELECT ${FINDING_COLUMNS}, ${STATE_COLUMNS}, ${textSort ?? 'NULL'} AS "sortKey",
         (SELECT count(*)::int FROM finding_comments c WHERE c.project_id = a.project_id AND c.fingerprint = f.fingerprint) AS "commentCount"
       FROM findings f
       JOIN audits a ON a.id = f.audit_id
       LEFT JOIN finding_states s ON s.project_id = a.project_id AND s.fingerprint = f.fingerprint
       LEFT JOIN users u ON u.id = s.assignee_id
       WHERE ${where.join(' AND ')}
       ORDER BY ${order} LIMIT $${params.push(limit + 1)}`,
      params,
    );
    return { items: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  /** One finding of an audit by its id (`rule:fingerprint-prefix`), with its state in the audit's project. */
  async findInAudit(auditId: string, projectId: string, findingId: string): Promise<FindingListItem | null> {
    const rows = await this.db.query(
      `SELECT ${FINDING_COLUMNS}, ${STATE_COLUMNS}, NULL AS "sortKey",
         (SELECT count(*)::int FROM finding_comments c WHERE c.project_id = $2 AND c.fingerprint = f.fingerprint) AS "commentCount"
       FROM findings f
       LEFT JOIN finding_states s ON s.project_id = $2 AND s.fingerprint = f.fingerprint
       LEFT JOIN users u ON u.id = s.assignee_id
       WHERE f.audit_id = $1 AND f.finding_id = $3`,
      [auditId, projectId, findingId],
    );
    return rows[0] ?? null;
  }

  /** True when some audit of the project reported this fingerprint: only those can be triaged or discussed. */
  async isKnownFingerprint(projectId: string, fingerprint: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM audits a JOIN findings f ON f.audit_id = a.id AND f.fingerprint = $2 WHERE a.project_id = $1 LIMIT 1`,
      [projectId, fingerprint],
    );
    return rows.length > 0;
  }

  /**
   * Every succeeded audit of the project, oldest first, and whether it reported the fingerprint: the finding's life
   * across re-audits (new, resolved, back again), one chain however often it comes and goes. The newest `limit`.
   */
  async occurrences(projectId: string, fingerprint: string, limit = 200): Promise<OccurrenceRecord[]> {
    const rows: OccurrenceRecord[] = await this.db.query(
      `SELECT a.id AS "auditId", a.created_at AS at, EXISTS (SELECT 1 FROM findings f WHERE f.audit_id = a.id AND f.fingerprint = $2) AS reported
       FROM audits a WHERE a.project_id = $1 AND a.status = 'succeeded' ORDER BY a.created_at DESC, a.id DESC LIMIT $3`,
      [projectId, fingerprint, limit],
    );
    return rows.reverse();
  }

  async state(projectId: string, fingerprint: string, tx: EntityManager = this.db.manager): Promise<FindingStateRecord> {
    const rows = await tx.query(
      `SELECT ${STATE_COLUMNS} FROM (SELECT 1) AS one
       LEFT JOIN finding_states s ON s.project_id = $1 AND s.fingerprint = $2
       LEFT JOIN users u ON u.id = s.assignee_id`,
      [projectId, fingerprint],
    );
    return rows[0];
  }

  history(projectId: string, fingerprint: string): Promise<StatusChangeRecord[]> {
    return this.db.query(
      `SELECT h.from_status AS "from", h.to_status AS "to", h.reason, ${person('u')} AS actor, h.changed_at AS at
       FROM finding_status_changes h LEFT JOIN users u ON u.id = h.actor_id
       WHERE h.project_id = $1 AND h.fingerprint = $2 ORDER BY h.id`,
      [projectId, fingerprint],
    );
  }

  /**
   * Applies a change when the state is still at `expectedVersion` (optimistic concurrency: the caller's
   * If-Match). The row is locked for the comparison, so of two writers holding the same version one wins and
   * the other gets the current state back. A status change is recorded in the history in the same transaction.
   */
  update(projectId: string, fingerprint: string, expectedVersion: number, change: StateChange, actorId: string): Promise<UpdateOutcome> {
    return this.db.transaction(async (tx) => {
      // Serialise the first write of a finding too, when there is no row to lock yet.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`finding-state:${projectId}:${fingerprint}`]);
      const previous = await this.state(projectId, fingerprint, tx);
      if (previous.version !== expectedVersion) return { ok: false, current: previous };
      const status = change.status ?? previous.status;
      const reason = change.reason !== undefined ? change.reason : change.status ? null : previous.reason;
      const assigneeId = change.assigneeId !== undefined ? change.assigneeId : (previous.assignee?.id ?? null);
      await tx.query(
        `INSERT INTO finding_states (project_id, fingerprint, status, reason, assignee_id, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, now())
         ON CONFLICT (project_id, fingerprint) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
           assignee_id = EXCLUDED.assignee_id, version = finding_states.version + 1, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [projectId, fingerprint, status, reason, assigneeId, actorId],
      );
      if (status !== previous.status) {
        await tx.query(
          `INSERT INTO finding_status_changes (project_id, fingerprint, from_status, to_status, reason, actor_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [projectId, fingerprint, previous.status, status, reason, actorId],
        );
      }
      return { ok: true, state: await this.state(projectId, fingerprint, tx), previous };
    });
  }

  /** A finding's comments, oldest first, at most `limit`, after the comment `afterId` (a page's last) when given. */
  comments(projectId: string, fingerprint: string, limit: number, afterId?: string): Promise<CommentRecord[]> {
    return this.db.query(
      `SELECT c.id, c.body, ${person('u')} AS author, c.created_at AS "createdAt"
       FROM finding_comments c LEFT JOIN users u ON u.id = c.author_id
       WHERE c.project_id = $1 AND c.fingerprint = $2
         AND ($4::uuid IS NULL OR (c.created_at, c.id) > (SELECT created_at, id FROM finding_comments WHERE id = $4 AND project_id = $1))
       ORDER BY c.created_at, c.id LIMIT $3`,
      [projectId, fingerprint, limit, afterId ?? null],
    );
  }

  async addComment(projectId: string, fingerprint: string, authorId: string, body: string): Promise<CommentRecord> {
    const rows = await this.db.query(
      `WITH c AS (INSERT INTO finding_comments (project_id, fingerprint, author_id, body) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT c.id, c.body, ${person('u')} AS author, c.created_at AS "createdAt" FROM c LEFT JOIN users u ON u.id = c.author_id`,
      [projectId, fingerprint, authorId, body],
    );
    return rows[0];
  }
}
