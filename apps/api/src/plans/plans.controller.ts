import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditLogRepository, type ArtifactKind } from '@apiaudit/db';
import { Access } from '../auth/access';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { isNotModified, sendBytesWithEtag } from '../http/etag';
import { accepted, type Answer } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { Problem } from '../http/problem';
import { ExportPlanIssuesDto, PlanIssueExportDto, PlanIssueExportListDto, PlanVersionListDto, UpdatePlanDto } from './plans.dto';
import { PlansService } from './plans.service';

const PLAN_DOCUMENT = {
  description: 'plan.json of the latest plan version (docs/schemas/plan.schema.json); the ETag names the version.',
  schema: { type: 'object', description: 'docs/schemas/plan.schema.json', required: ['schemaVersion', 'title', 'subject', 'generatedAt', 'summary', 'items', 'scores', 'horizons'] },
};

@ApiTags('plans')
@Controller('v1')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly log: AuditLogRepository,
  ) {}

  /** The plan as data: items with their targets, scores with the points behind them, cost; the latest version. */
  @Get('audits/:id/plan')
  @Access.to('read', 'audit')
  @ApiProduces('application/json')
  @ApiOkResponse(PLAN_DOCUMENT)
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  planJson(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(id, 'plan.json', principal, req, res);
  }

  /**
   * A consultant's edit of plan items (rank, horizon, title, notes for the client, hidden), stored as a new plan
   * version; every form of the plan is rendered from it, and the next audit of the project carries it over to
   * the items whose findings are still reported.
   */
  @Patch('audits/:id/plan')
  @Access.to('write', 'audit')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag of the plan you read ("plan-vN")' })
  @ApiOkResponse(PLAN_DOCUMENT)
  @ApiResponse({ status: 400, description: 'An unknown item, a rank beyond the plan, a field out of bounds.' })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  @ApiResponse({ status: 412, description: 'The plan was edited since it was read.' })
  @ApiResponse({ status: 428, description: 'If-Match is missing.' })
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() change: UpdatePlanDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.plans.edit(id, change.items, ifMatch, principal, req.ip ?? null);
    res.setHeader('ETag', file.etag);
    res.status(200).type(file.mediaType).send(file.content);
  }

  /** Every version of the plan, newest first: who made it, when, and what it changed. */
  @Get('audits/:id/plan/versions')
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: PlanVersionListDto })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  versions(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto): Promise<PlanVersionListDto> {
    return this.plans.versionList(id, page);
  }

  /**
   * Files the latest plan version as GitHub issues, one per visible item, exactly as `apiaudit export-issues` does:
   * exporting again updates (and reopens) the same issues, found by a marker in their body. Answers 202 once GitHub
   * has listed the repository's issues; the export goes on (about a second per new issue) and is read at Location.
   */
  @Post('audits/:id/plan/github-issues')
  @Access.to('write', 'audit')
  @Idempotent()
  @ApiResponse({ status: 202, type: PlanIssueExportDto, description: 'The export, running; Location is where it is read.' })
  @ApiResponse({ status: 400, description: 'No repository, or no token in the request, the project or the platform.' })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  @ApiResponse({ status: 422, description: 'GitHub refused: no such repository, a bad token, no permission or a rate limit.' })
  @ApiResponse({ status: 502, description: 'GitHub could not be reached.' })
  async exportIssues(@Param('id', ParseUUIDPipe) id: string, @Body() request: ExportPlanIssuesDto, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Answer<PlanIssueExportDto>> {
    const started = await this.plans.exportToGithub(id, request, principal, req.ip ?? null);
    return accepted(started, `/v1/audits/${id}/plan/github-issues/${started.id}`);
  }

  /** The plan's GitHub exports, newest first. */
  @Get('audits/:id/plan/github-issues')
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: PlanIssueExportListDto })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  exports(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto): Promise<PlanIssueExportListDto> {
    return this.plans.exportList(id, page);
  }

  /** One GitHub export: running, succeeded or failed, with the issues filed so far. */
  @Get('audits/:id/plan/github-issues/:exportId')
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: PlanIssueExportDto })
  @ApiResponse({ status: 404, description: 'No such export of this audit.' })
  exportOf(@Param('id', ParseUUIDPipe) id: string, @Param('exportId', ParseUUIDPipe) exportId: string): Promise<PlanIssueExportDto> {
    return this.plans.exportOf(id, exportId);
  }

  @Get('audits/:id/plan.html')
  @Access.to('read', 'audit')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The plan as HTML, the page the PDF is printed from.', schema: { type: 'string' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  planHtml(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(id, 'plan.html', principal, req, res);
  }

  @Get('audits/:id/plan.md')
  @Access.to('read', 'audit')
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'The plan as Markdown, for wikis and pull requests.', schema: { type: 'string' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  planMarkdown(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(id, 'plan.md', principal, req, res);
  }

  @Get('audits/:id/plan.csv')
  @Access.to('read', 'audit')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per visible item.', schema: { type: 'string' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  planCsv(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(id, 'plan.csv', principal, req, res);
  }

  @Get('audits/:id/plan.pdf')
  @Access.to('read', 'audit')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The plan as a PDF.', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished, or the PDF of a just-edited plan is still being printed (Retry-After).' })
  planPdf(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(id, 'plan.pdf', principal, req, res);
  }

  /** Sends the latest version of one form of the plan; each download (not a 304) is an export in the audit log. */
  private async send(id: string, kind: ArtifactKind, principal: Principal, req: Request, res: Response): Promise<void> {
    let file;
    try {
      file = await this.plans.file(id, kind);
    } catch (error) {
      if (error instanceof Problem && error.slug === 'plan-rendering') res.setHeader('Retry-After', String(error.extra.retryAfter ?? 2));
      throw error;
    }
    // Logged before the bytes leave, so the log never misses a download the caller already has.
    if (!isNotModified(req, file.etag)) {
      await this.log.record({ action: 'export', actorId: principal.userId, actorEmail: principal.email, clientId: principal.clientId, subject: id, address: req.ip ?? null, detail: { kind, version: file.version } });
    }
    sendBytesWithEtag(req, res, file.content, file.etag, file.mediaType);
  }
}
