import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, parseRenderPlanJobPayload, PlanJob, renderPlanJobId, type Plan, type PlanItemChange } from '@apiaudit/domain';
import { AuditLogRepository, AuditRepository, openToken, PlanIssueExportRepository, PlanVersionRepository, ScopeRepository, SourceRepository, tokenContext, type AuditLogEntry, type PlanIssueExportRecord, type ArtifactKind, type AuditEntity, type PlanVersionRecord, type PlatformConfig } from '@apiaudit/db';
import { exportPlanIssues, GithubSourceInputError, parseGithubRef, type PlanIssueExportOptions } from '@apiaudit/github';
import { parsePlanReportInput, PlanInputError, PLAN_FILE_MEDIA_TYPES, renderPlanFiles, type PlanFileName, type PlanReportInput, type PlanVersionInfo } from '@apiaudit/report';
import { applyPlanEdits, mergePlanEdits } from '@apiaudit/scoring';
import type { Principal } from '../auth/principal';
import { Representation } from '../http/answer';
import { ifNoneMatchNames } from '../http/etag';
import { pageByRowId, type PageQueryDto } from '../http/page';
import { notFound, Problem } from '../http/problem';
import { PLATFORM_CONFIG } from '../sources/sources.service';
import type { ExportPlanIssuesDto, PlanIssueExportDto, PlanIssueExportListDto, PlanVersionDto, PlanVersionListDto } from './plans.dto';

/** The ETag of a plan version: what PATCH wants as If-Match. */
export const planEtag = (version: number) => `"plan-v${version}"`;

/** The version an If-Match header names, or undefined when it names none of ours. */
export function versionOfPlanIfMatch(header: string): number | undefined {
  for (const tag of header.split(',')) {
    const match = /^\s*(?:W\/)?"plan-v(\d{1,9})"\s*$/.exec(tag);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** How long a PDF download waits for the worker to print a just-edited plan before it answers 409 with Retry-After. */
const PDF_WAIT_MS = 15_000;
const PDF_POLL_MS = 250;

export interface PlanFile {
  content: Buffer;
  etag: string;
  mediaType: string;
  version: number;
}

// Unreferenced: a wait that lost its race must not keep the process alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The plan of an audit as a versioned artefact: version 1 as the audit made it, one version per consultant edit.
 * Every form (JSON, Markdown, CSV, HTML, PDF) is rendered from the latest version; the text forms here, at once,
 * the PDF by the worker (render-plan job). Tenant access was settled by the AuthGuard before any method runs.
 */
@Injectable()
export class PlansService implements OnModuleDestroy {
  constructor(
    private readonly audits: AuditRepository,
    private readonly versions: PlanVersionRepository,
    private readonly log: AuditLogRepository,
    private readonly scope: ScopeRepository,
    private readonly sources: SourceRepository,
    private readonly exports: PlanIssueExportRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  private async finishedAudit(auditId: string): Promise<AuditEntity & { plan: Plan }> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw notFound('Audit', auditId);
    if (audit.status !== 'succeeded' || !audit.plan) {
      throw new Problem(409, 'audit-not-finished', 'Audit not finished', `The audit is ${audit.status}; the plan is ready when it has succeeded.`);
    }
    return audit as AuditEntity & { plan: Plan };
  }

  /** The latest version; an audit finished before plan versions existed has an implicit version 1. */
  private async latest(auditId: string): Promise<PlanVersionRecord> {
    return (await this.versions.latest(auditId)) ?? { id: auditId, auditId, version: 1, edits: {}, changes: [], carriedFrom: null, author: null, createdAt: new Date(0) };
  }

  /** Renders the text forms of `version` and stores them (an older version's files never overwrite it), then asks for its PDF. */
  private async render(auditId: string, version: PlanVersionRecord, input?: PlanReportInput): Promise<void> {
    input ??= await this.planInput(auditId);
    const info: PlanVersionInfo = {
      number: version.version,
      ...(version.version > 1 ? { editedAt: new Date(version.createdAt).toISOString() } : {}),
      ...(version.author ? { editedBy: version.author } : {}),
    };
    const files = renderPlanFiles({ ...input, plan: applyPlanEdits(input.plan, version.edits), version: info });
    for (const [name, text] of Object.entries(files) as Array<[PlanFileName, string]>) {
      await this.audits.saveArtifact(auditId, name, PLAN_FILE_MEDIA_TYPES[name], Buffer.from(text), version.version);
    }
    await this.requestPdf(auditId, version.version);
  }

  /** What the audit's plan is rendered from; a plan that cannot be rendered again is a 409 saying why. */
  private async planInput(auditId: string): Promise<PlanReportInput> {
    const stored = await this.audits.artifactContent(auditId, 'plan-input.json');
    if (!stored) throw new Problem(409, 'plan-not-editable', 'Plan cannot be rendered again', 'This audit was made before plans kept what they are rendered from; run the audit again to edit its plan.');
    return readPlanInput(stored);
  }

  private async requestPdf(auditId: string, version: number): Promise<void> {
    const payload = parseRenderPlanJobPayload({ auditId, version });
    await this.queue.add(PlanJob.render, payload, { ...AUDIT_JOB_OPTIONS, jobId: renderPlanJobId(payload) });
  }

  /**
   * One form of the latest plan version. Text forms older than the latest version (an edit cut short between storing
   * its version and its files) are rendered again here; a PDF still being printed is waited for, up to PDF_WAIT_MS.
   */
  /**
   * The latest version of one form of the plan, to send. Each download is an export in the audit log, logged before
   * the bytes leave so the log never misses one the caller has; a revalidation that will be a 304 is not one.
   */
  async download(auditId: string, kind: ArtifactKind, principal: Principal, address: string | null, ifNoneMatch: string | undefined): Promise<Representation> {
    const file = await this.file(auditId, kind);
    if (!ifNoneMatchNames(ifNoneMatch, file.etag)) {
      await this.log.record({ action: 'export', actorId: principal.userId, actorEmail: principal.email, clientId: principal.clientId, subject: auditId, address, detail: { kind, version: file.version } });
    }
    return new Representation(file.content, file.mediaType, file.etag);
  }

  async file(auditId: string, kind: ArtifactKind): Promise<PlanFile> {
    const audit = await this.audits.findById(auditId);
    if (!audit) throw notFound('Audit', auditId);
    if (audit.status !== 'succeeded') throw new Problem(409, 'audit-not-finished', 'Audit not finished', `The audit is ${audit.status}; the plan is ready when it has succeeded.`);
    const latest = await this.latest(auditId);
    let info = await this.audits.artifactInfo(auditId, kind);
    if (!info) throw new Problem(404, 'not-found', 'Plan not available', `This audit has no ${kind} (no Chromium on the worker for PDFs).`);
    if (info.planVersion < latest.version && kind !== 'plan.pdf') {
      await this.render(auditId, latest);
    } else if (info.planVersion < latest.version) {
      await this.requestPdf(auditId, latest.version);
      for (const deadline = Date.now() + PDF_WAIT_MS; info!.planVersion < latest.version && Date.now() < deadline; ) {
        await sleep(PDF_POLL_MS);
        info = await this.audits.artifactInfo(auditId, kind);
      }
      if (info!.planVersion < latest.version) {
        throw new Problem(409, 'plan-rendering', 'Plan being printed', `The PDF of plan version ${latest.version} is being printed; retry shortly.`, { retryAfter: 2 }, { 'Retry-After': '2' });
      }
    }
    const file = (await this.audits.artifact(auditId, kind))!;
    // plan.json is the version itself: its ETag names the version, which is what PATCH takes as If-Match.
    return { content: file.content, etag: kind === 'plan.json' ? planEtag(file.planVersion) : file.etag, mediaType: file.mediaType, version: file.planVersion };
  }

  /**
   * A consultant's edit: a new version holding every edit in force, when `ifMatch` names the latest version (412
   * when someone edited it since, 428 without If-Match). Nothing is stored on any refusal.
   */
  async edit(auditId: string, changes: PlanItemChange[], ifMatch: string | undefined, principal: Principal, address: string | null): Promise<PlanFile> {
    if (ifMatch === undefined) {
      throw new Problem(428, 'precondition-required', 'If-Match required', 'Send the ETag of the plan you read (GET /v1/audits/{id}/plan) as If-Match, so a concurrent edit is not overwritten.');
    }
    const audit = await this.finishedAudit(auditId);
    const ruleIds = new Set(audit.plan.items.map((i) => i.ruleId));
    const seen = new Set<string>();
    changes.forEach((change, index) => {
      if (!ruleIds.has(change.ruleId)) throw new Problem(400, 'invalid-request', 'Invalid request', `The plan has no item for rule ${change.ruleId}.`, { field: `items.${index}.ruleId` });
      if (seen.has(change.ruleId)) throw new Problem(400, 'invalid-request', 'Invalid request', `Rule ${change.ruleId} is changed twice; send one change per item.`, { field: `items.${index}.ruleId` });
      seen.add(change.ruleId);
      if (typeof change.rank === 'number' && change.rank > audit.plan.items.length) {
        throw new Problem(400, 'invalid-request', 'Invalid request', `rank must be from 1 to ${audit.plan.items.length}, the number of items.`, { field: `items.${index}.rank` });
      }
      if (![change.rank, change.horizon, change.title, change.notes, change.hidden].some((v) => v !== undefined)) {
        throw new Problem(400, 'invalid-request', 'Invalid request', 'Each change sets at least one of rank, horizon, title, notes, hidden.', { field: `items.${index}` });
      }
    });
    // Read before a version is stored: an edit of a plan that cannot be rendered again leaves no version behind.
    const input = await this.planInput(auditId);
    const stale = () => new Problem(412, 'stale-plan', 'Plan changed meanwhile', 'The plan was edited after you read it; read it again (GET /v1/audits/{id}/plan) and reapply your change.');
    const current = await this.latest(auditId);
    if (versionOfPlanIfMatch(ifMatch) !== current.version) throw stale();
    const next = current.version + 1;
    const version = await this.versions.append(auditId, next, mergePlanEdits(current.edits, changes, next), changes, principal.userId);
    if (!version) throw stale();
    await this.log.record({
      action: 'plan-edited',
      actorId: principal.userId,
      actorEmail: principal.email,
      clientId: await this.clientOf(audit),
      subject: auditId,
      address,
      detail: { version: next, changes },
    });
    await this.render(auditId, version, input);
    return this.file(auditId, 'plan.json');
  }

  private clientOf(audit: AuditEntity): Promise<string | null> {
    return this.scope.ownerOf('audit', audit.id);
  }

  /** The token stored with the project's repository source for the same repository, when the platform can open it. */
  private async projectToken(projectId: string, repository: string): Promise<string | undefined> {
    if (!this.config.tokenKey) return undefined;
    const { repositories } = await this.sources.inputsOfProject(projectId);
    for (const source of repositories.filter((r) => r.repository?.toLowerCase() === repository.toLowerCase()).reverse()) {
      const sealed = await this.sources.sealedTokenOf(source.id);
      if (!sealed) continue;
      try {
        return openToken(sealed, this.config.tokenKey, tokenContext(projectId, source.repository!));
      } catch {
        // Sealed under another key (APIAUDIT_TOKEN_KEY changed): the next candidate, or the platform's token.
      }
    }
    return undefined;
  }

  async versionList(auditId: string, page: PageQueryDto): Promise<PlanVersionListDto> {
    await this.finishedAudit(auditId);
    return pageByRowId(page, { path: `/v1/audits/${auditId}/plan/versions` }, async (limit, afterId) => (await this.versions.list(auditId, limit, afterId)).map(versionView));
  }

  /**
   * Files the latest plan version as GitHub issues through the same function as `apiaudit export-issues`, so the
   * CLI and the platform update the same issues (found by the marker naming the API and the rule). GitHub wants a
   * second between writes, so the export goes on after the answer: this returns once GitHub has listed the
   * repository's earlier issues (a wrong repository or token is a 422 here), and each issue is recorded as filed.
   */
  async exportToGithub(auditId: string, request: ExportPlanIssuesDto, principal: Principal, address: string | null): Promise<PlanIssueExportDto> {
    const audit = await this.finishedAudit(auditId);
    const stored = request.token ? undefined : await this.projectToken(audit.projectId, request.repository);
    const token = request.token ?? stored ?? this.config.githubToken;
    const tokenFrom = request.token ? 'request' : stored ? 'project' : 'platform';
    if (!token) {
      throw new Problem(400, 'invalid-request', 'Invalid request', 'Send a GitHub token with issues:write on the repository (the project stores none for it and the platform has no GITHUB_TOKEN).', { field: 'token' });
    }
    const repo = parseGithubRef(`github:${request.repository}`);
    const latest = await this.latest(auditId);
    const plan = applyPlanEdits(audit.plan, latest.edits);
    const record = await this.exports.start(auditId, request.repository, latest.version, principal.userId);
    let listed: () => void = () => undefined;
    const ready = new Promise<null>((resolve) => (listed = () => resolve(null)));
    const run = this.runExport(record.id, plan, { owner: repo.owner, repo: repo.name, baseUrl: this.config.githubApiUrl, token, subject: plan.subject, ...(request.planUrl ? { planUrl: request.planUrl } : {}) }, listed, {
      actorId: principal.userId,
      actorEmail: principal.email,
      clientId: await this.clientOf(audit),
      subject: auditId,
      address,
      detail: { exportId: record.id, repository: request.repository, version: latest.version, tokenFrom },
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    const failed = await Promise.race([ready, run]);
    if (failed && !failed.ok) {
      if (failed.error instanceof GithubSourceInputError) throw new Problem(422, 'github-export-failed', 'GitHub refused the export', failed.message, { field: 'repository' });
      throw new Problem(502, 'github-unavailable', 'GitHub did not answer', `${failed.message}; retry later.`);
    }
    return exportView((await this.exports.find(auditId, record.id))!);
  }

  private readonly running = new Set<Promise<unknown>>();

  /** Runs one export to its end and records it; never rejects (a failure is recorded and returned). */
  private async runExport(
    id: string,
    plan: Plan,
    options: Omit<PlanIssueExportOptions, 'onProgress'>,
    listed: () => void,
    entry: Omit<AuditLogEntry, 'action'> & { detail: Record<string, unknown> },
  ): Promise<{ ok: true } | { ok: false; error: unknown; message: string }> {
    let outcome: { ok: true } | { ok: false; error: unknown; message: string };
    try {
      const issues = await exportPlanIssues(plan.items, {
        ...options,
        onProgress: async (event) => {
          if (event.kind === 'listed') {
            await this.exports.recordTotal(id, event.total);
            listed();
          } else await this.exports.recordIssue(id, event.issue);
        },
      });
      await this.exports.finish(id, { status: 'succeeded' });
      const count = (action: string) => issues.filter((i) => i.action === action).length;
      entry.detail = { ...entry.detail, status: 'succeeded', created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
      outcome = { ok: true };
    } catch (error) {
      const message = error instanceof GithubSourceInputError ? error.message : `GitHub could not be reached or failed (${(error as { status?: number }).status ?? 'no answer'})`;
      await this.exports.finish(id, { status: 'failed', error: message }).catch(() => undefined);
      entry.detail = { ...entry.detail, status: 'failed', error: message };
      outcome = { ok: false, error, message };
    }
    await this.log.record({ action: 'plan-exported-to-github', ...entry }).catch(() => undefined);
    return outcome;
  }

  async exportList(auditId: string, page: PageQueryDto): Promise<PlanIssueExportListDto> {
    await this.finishedAudit(auditId);
    return pageByRowId(page, { path: `/v1/audits/${auditId}/plan/github-issues` }, async (limit, afterId) => (await this.exports.list(auditId, limit, afterId)).map(exportView));
  }

  async exportOf(auditId: string, exportId: string): Promise<PlanIssueExportDto> {
    const found = await this.exports.find(auditId, exportId);
    if (!found) throw new Problem(404, 'not-found', 'Export not found', `Audit ${auditId} has no GitHub export ${exportId}.`);
    return exportView(found);
  }

  /** Exports still filing issues finish (or are cut off after 10 s) before the api stops. */
  async onModuleDestroy(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.running]), sleep(10_000)]);
  }
}

/** The stored report input of an audit's plan; a file this version cannot read is the audit's problem, not a 500. */
function readPlanInput(stored: Buffer): PlanReportInput {
  try {
    return parsePlanReportInput(stored.toString('utf8'));
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    throw new Problem(409, 'plan-not-editable', 'Plan cannot be rendered again', `${error.message}. Run the audit again to edit its plan.`);
  }
}

function exportView(e: PlanIssueExportRecord): PlanIssueExportDto {
  return { id: e.id, repository: e.repository, version: e.planVersion, status: e.status, total: e.total, issues: e.issues, failure: e.error, createdAt: e.createdAt, finishedAt: e.finishedAt };
}

function versionView(v: PlanVersionRecord): PlanVersionDto {
  return { id: v.id, version: v.version, etag: planEtag(v.version), author: v.author, createdAt: v.createdAt, changes: v.changes, carriedFrom: v.carriedFrom, edits: v.edits };
}
