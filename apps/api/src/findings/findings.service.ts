import { Injectable } from '@nestjs/common';
import { isReasonRequired } from '@apiaudit/domain';
import { AccountRepository, AuditLogRepository, AuditRepository, CatalogRepository, FindingWorkflowRepository, type FindingListItem, type FindingStateRecord, type OccurrenceRecord } from '@apiaudit/db';
import type { Principal } from '../auth/principal';
import { decodeCursor, encodeCursor, nextLink, type PageQueryDto, pageByRowId } from '../http/page';
import { notFound, Problem } from '../http/problem';
import { FindingPageCache } from './finding-page-cache';
import type { CommentDto, CommentListDto, FindingAuditDto, FindingChange, FindingDetailDto, FindingDto, FindingListQueryDto, FindingPageDto, ProjectFindingStateDto, UpdateFindingDto } from './findings.dto';

const FINGERPRINT = /^[\w:.-]{1,200}$/;

/** The ETag of a finding's state: its version, which every change increments. */
export const stateEtag = (version: number) => `"state-${version}"`;

/** The version an If-Match header names, or undefined when it names none of ours. */
export function versionOfIfMatch(header: string): number | undefined {
  for (const tag of header.split(',')) {
    const match = /^\s*(?:W\/)?"state-(\d{1,9})"\s*$/.exec(tag);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * A finding's life across the project's audits, from the first that reported it: each audit says whether it is new,
 * still open, resolved, or back after being resolved (a regression). Statuses set by people are not touched by this.
 */
export function findingTimeline(occurrences: OccurrenceRecord[]): FindingAuditDto[] {
  const timeline: FindingAuditDto[] = [];
  let previous: 'never' | 'reported' | 'resolved' = 'never';
  for (const { auditId, at, reported } of occurrences) {
    if (previous === 'never' && !reported) continue;
    const change: FindingChange = reported ? (previous === 'never' ? 'new' : previous === 'reported' ? 'open' : 'regressed') : 'resolved';
    if (change === 'resolved' && previous === 'resolved') continue;
    timeline.push({ auditId, at, change });
    previous = reported ? 'reported' : 'resolved';
  }
  return timeline;
}

function findingView(row: FindingListItem): FindingDto {
  const { version, sortKey: _sortKey, position: _position, ...rest } = row;
  return { ...rest, etag: stateEtag(version) };
}

/** What a findings cursor holds: the sort it was made for, the last row's sort key (text sorts) and position. */
interface EncodedFindingCursor {
  s: string;
  k?: string;
  p: number;
}

const isFindingCursor = (sort: string) => (value: unknown): value is EncodedFindingCursor => {
  const c = value as { s?: unknown; k?: unknown; p?: unknown } | null;
  // Positions are PostgreSQL int and keys text (no U+0000): a forged cursor outside them is a 400, not a database error.
  return typeof c === 'object' && c !== null && c.s === sort && Number.isInteger(c.p) && (c.p as number) >= 0 && (c.p as number) <= 2_147_483_647 && (c.k === undefined || (typeof c.k === 'string' && !c.k.includes('\u0000')));
};

/**
 * The findings workflow. Tenant access was settled by the AuthGuard before any method here runs (the route's
 * audit or project is the caller's); these methods check what depends on the body or on state.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly catalog: CatalogRepository,
    private readonly workflow: FindingWorkflowRepository,
    private readonly accounts: AccountRepository,
    private readonly log: AuditLogRepository,
    private readonly cache: FindingPageCache,
  ) {}

  private async projectOfAudit(auditId: string): Promise<string> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw notFound('Audit', auditId);
    return audit.projectId;
  }

  /** A page of the audit's findings as JSON (a FindingPageDto). */
  list(auditId: string, query: FindingListQueryDto): Promise<string> {
    return this.cache.page(auditId, query, async () => JSON.stringify(await this.readPage(auditId, query)));
  }

  private async readPage(auditId: string, query: FindingListQueryDto): Promise<FindingPageDto> {
    const sort = query.sort ?? 'priority';
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor, isFindingCursor(sort));
    const filter = { severity: query.severity, category: query.category as never, status: query.status, endpoint: query.endpoint, q: query.q };
    const page = await this.workflow.page(auditId, filter, sort, cursor && { key: cursor.k, position: cursor.p }, limit);
    const last = page.items[page.items.length - 1];
    const next = page.hasMore ? encodeCursor({ s: sort, ...(last.sortKey !== null ? { k: last.sortKey } : {}), p: last.position }) : undefined;
    const links = { limit, sort: query.sort, severity: query.severity?.join(','), category: query.category?.join(','), status: query.status?.join(','), endpoint: query.endpoint, q: query.q };
    return { items: page.items.map(findingView), next: nextLink(`/v1/audits/${auditId}/findings`, links, next) };
  }

  async detail(auditId: string, findingId: string): Promise<FindingDetailDto> {
    const projectId = await this.projectOfAudit(auditId);
    const row = await this.workflow.findInAudit(auditId, projectId, findingId);
    if (!row) throw new Problem(404, 'not-found', 'Finding not found', `Audit ${auditId} has no finding ${findingId}.`);
    return { ...findingView(row), history: await this.workflow.history(projectId, row.fingerprint) };
  }

  private async requireFingerprint(projectId: string, fingerprint: string): Promise<void> {
    if (!FINGERPRINT.test(fingerprint)) throw new Problem(400, 'invalid-request', 'Invalid request', 'fingerprint is not a finding fingerprint', { field: 'fingerprint' });
    if (!(await this.workflow.isKnownFingerprint(projectId, fingerprint))) {
      throw new Problem(404, 'not-found', 'Finding not found', `No audit of project ${projectId} reported a finding with fingerprint ${fingerprint}.`);
    }
  }

  private async stateView(projectId: string, fingerprint: string, state: FindingStateRecord): Promise<ProjectFindingStateDto> {
    const { version, ...rest } = state;
    const history = await this.workflow.history(projectId, fingerprint);
    const audits = findingTimeline(await this.workflow.occurrences(projectId, fingerprint));
    return { projectId, fingerprint, ...rest, etag: stateEtag(version), history, audits };
  }

  async state(projectId: string, fingerprint: string): Promise<ProjectFindingStateDto> {
    await this.requireFingerprint(projectId, fingerprint);
    return this.stateView(projectId, fingerprint, await this.workflow.state(projectId, fingerprint));
  }

  /**
   * Changes status, reason or assignee when `ifMatch` names the current state (412 when someone changed it
   * since, 428 without If-Match). Nothing is written on any refusal.
   */
  async update(projectId: string, fingerprint: string, change: UpdateFindingDto, ifMatch: string | undefined, principal: Principal, address: string | null): Promise<ProjectFindingStateDto> {
    if (ifMatch === undefined) {
      throw new Problem(428, 'precondition-required', 'If-Match required', 'Send the ETag of the finding state you read as If-Match, so a concurrent change is not overwritten.');
    }
    if (change.status === undefined && change.reason === undefined && change.assigneeId === undefined) {
      throw new Problem(400, 'invalid-request', 'Invalid request', 'Send at least one of status, reason, assigneeId.');
    }
    await this.requireFingerprint(projectId, fingerprint);
    const expected = versionOfIfMatch(ifMatch);
    const current = await this.workflow.state(projectId, fingerprint);
    const status = change.status ?? current.status;
    const reason = change.reason !== undefined ? change.reason : change.status ? null : current.reason;
    if (isReasonRequired(status) && !reason) {
      throw new Problem(400, 'reason-required', 'Reason required', `Status ${status} needs a reason.`, { field: 'reason' });
    }
    if (change.assigneeId) {
      const project = (await this.catalog.findProject(projectId))!;
      if (!(await this.accounts.isAssignable(change.assigneeId, project.clientId))) {
        throw new Problem(400, 'invalid-request', 'Invalid request', 'assigneeId must be a user of this client or a consultant', { field: 'assigneeId' });
      }
    }
    const stale = () => new Problem(412, 'stale-state', 'Finding changed meanwhile', 'The finding was changed after you read it; read it again and reapply your change.');
    if (expected === undefined || expected !== current.version) throw stale();
    const outcome = await this.workflow.update(projectId, fingerprint, expected, { ...change, ...(change.status ? { reason } : {}) }, principal.userId);
    if (!outcome.ok) throw stale();
    await this.cache.forgetProject(projectId);
    if (outcome.state.status !== outcome.previous.status) {
      await this.log.record({
        action: 'finding-status-changed',
        actorId: principal.userId,
        actorEmail: principal.email,
        clientId: (await this.catalog.findProject(projectId))?.clientId ?? null,
        subject: `${projectId}/${fingerprint}`,
        address,
        detail: { from: outcome.previous.status, to: outcome.state.status, ...(outcome.state.reason ? { reason: outcome.state.reason } : {}) },
      });
    }
    return this.stateView(projectId, fingerprint, outcome.state);
  }

  async comments(projectId: string, fingerprint: string, page: PageQueryDto): Promise<CommentListDto> {
    await this.requireFingerprint(projectId, fingerprint);
    return pageByRowId(page, { path: `/v1/projects/${projectId}/findings/${encodeURIComponent(fingerprint)}/comments` }, (limit, afterId) =>
      this.workflow.comments(projectId, fingerprint, limit, afterId),
    );
  }

  async addComment(projectId: string, fingerprint: string, body: string, principal: Principal): Promise<CommentDto> {
    await this.requireFingerprint(projectId, fingerprint);
    const comment = await this.workflow.addComment(projectId, fingerprint, principal.userId, body);
    // Pages show each finding's comment count.
    await this.cache.forgetProject(projectId);
    return comment;
  }
}
