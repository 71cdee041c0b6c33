import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Request, Response } from 'express';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId, parseAuditJobPayload } from '@apiaudit/domain';
import { AuditRepository, CatalogRepository, SourceRepository, type AuditEntity, type ArtifactKind } from '@apiaudit/db';
import { sendBytesWithEtag, sendWithEtag } from '../http/etag';
import { IdempotencyService } from '../http/idempotency';
import { notFound, Problem } from '../http/problem';

const MAX_LIMIT = 200;

function auditResource(audit: AuditEntity) {
  const links = {
    self: `/v1/audits/${audit.id}`,
    findings: `/v1/audits/${audit.id}/findings`,
    ...(audit.status === 'succeeded' ? { planHtml: `/v1/audits/${audit.id}/plan.html`, planPdf: `/v1/audits/${audit.id}/plan.pdf` } : {}),
  };
  return { ...audit, links };
}

@ApiTags('audits')
@Controller('v1')
export class AuditsController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly sources: SourceRepository,
    private readonly audits: AuditRepository,
    private readonly idempotency: IdempotencyService,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  @Post('projects/:id/audits')
  async start(@Param('id', ParseUUIDPipe) projectId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
    if ((await this.sources.countOfProject(projectId)) === 0) {
      throw new Problem(409, 'no-sources', 'Nothing to audit', 'Upload a spec or a trace export to the project first.');
    }
    await this.idempotency.run(req, res, projectId, async () => {
      const audit = await this.audits.create(projectId);
      const payload = parseAuditJobPayload({ auditId: audit.id });
      await this.queue.add(AuditJob.ingest, payload, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(audit.id, AuditJob.ingest) });
      return { status: 202, headers: { Location: `/v1/audits/${audit.id}` }, body: auditResource(audit) };
    });
  }

  @Get('audits/:id')
  async get(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const audit = await this.audits.findById(id);
    if (!audit) throw notFound('Audit', id);
    sendWithEtag(req, res, auditResource(audit));
  }

  @Get('audits/:id/findings')
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${MAX_LIMIT}, default 50` })
  @ApiQuery({ name: 'cursor', required: false, description: 'the `next` cursor of the previous page' })
  async findings(@Param('id', ParseUUIDPipe) id: string, @Query('limit') limitText: string | undefined, @Query('cursor') cursor: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new Problem(400, 'invalid-request', 'Invalid request', `limit must be an integer from 1 to ${MAX_LIMIT}`, { field: 'limit' });
    let after: number | undefined;
    if (cursor !== undefined) {
      after = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^p:/, ''));
      if (!Number.isInteger(after) || after < 0) throw new Problem(400, 'invalid-request', 'Invalid request', 'cursor is not one this API issued', { field: 'cursor' });
    }
    if (!(await this.audits.findById(id))) throw notFound('Audit', id);
    const page = await this.audits.findingsPage(id, after, limit);
    const next = page.next === undefined ? undefined : Buffer.from(`p:${page.next}`).toString('base64url');
    const items = page.items.map(({ findingId, auditId: _a, position: _p, id: _i, ...f }) => ({ id: findingId, ...f }));
    if (next) res.setHeader('Link', `</v1/audits/${id}/findings?limit=${limit}&cursor=${next}>; rel="next"`);
    sendWithEtag(req, res, { items, next: next ? `/v1/audits/${id}/findings?limit=${limit}&cursor=${next}` : null });
  }

  @Get('audits/:id/plan.html')
  planHtml(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.artifact(id, 'plan.html', req, res);
  }

  @Get('audits/:id/plan.pdf')
  planPdf(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.artifact(id, 'plan.pdf', req, res);
  }

  private async artifact(id: string, kind: ArtifactKind, req: Request, res: Response): Promise<void> {
    const audit = await this.audits.findById(id);
    if (!audit) throw notFound('Audit', id);
    const info = await this.audits.artifactInfo(id, kind);
    if (!info) {
      if (audit.status === 'succeeded') throw new Problem(404, 'not-found', 'Plan not available', `This audit has no ${kind} (no Chromium on the worker for PDFs).`);
      throw new Problem(409, 'audit-not-finished', 'Audit not finished', `The audit is ${audit.status}; the plan is ready when it has succeeded.`);
    }
    const content = (await this.audits.artifactContent(id, kind))!;
    sendBytesWithEtag(req, res, content, info.etag, info.mediaType);
  }
}
