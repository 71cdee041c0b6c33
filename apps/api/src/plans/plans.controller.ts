import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ConditionalGet } from '../http/etag';
import { accepted, type Answer, Representation } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { SendsEtag, SendsLocation } from '../http/response-headers';
import { ExportPlanIssuesDto, PlanIssueExportDto, PlanIssueExportListDto, PlanVersionListDto, UpdatePlanDto } from './plans.dto';
import { PlansService } from './plans.service';

const PLAN_DOCUMENT = {
  description: 'plan.json of the latest plan version (docs/schemas/plan.schema.json); the ETag names the version.',
  schema: { type: 'object', description: 'docs/schemas/plan.schema.json', required: ['schemaVersion', 'title', 'subject', 'generatedAt', 'summary', 'items', 'scores', 'horizons'] },
};

@ApiTags('plans')
@Controller('v1')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  /** The plan as data: items with their targets, scores with the points behind them, cost; the latest version. */
  @Get('audits/:id/plan')
  @ApiOperation({ summary: 'Get the latest plan version as plan.json' })
  @Access.to('read', 'audit')
  @ApiProduces('application/json')
  @ApiOkResponse(PLAN_DOCUMENT)
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  @ConditionalGet()
  planJson(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Representation> {
    return this.plans.download(id, 'plan.json', principal, req.ip ?? null, req.headers['if-none-match']);
  }

  /**
   * A consultant's edit of plan items (rank, horizon, title, notes for the client, hidden), stored as a new plan
   * version; every form of the plan is rendered from it, and the next audit of the project carries it over to
   * the items whose findings are still reported.
   */
  @Patch('audits/:id/plan')
  @ApiOperation({ summary: 'Edit plan items as a new plan version' })
  @Access.to('write', 'audit')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag of the plan you read ("plan-vN")' })
  @ApiOkResponse(PLAN_DOCUMENT)
  @SendsEtag()
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
  ): Promise<Representation> {
    const file = await this.plans.edit(id, change.items, ifMatch, principal, req.ip ?? null);
    return new Representation(file.content, file.mediaType, file.etag);
  }

  /** Every version of the plan, newest first: who made it, when, and what it changed. */
  @Get('audits/:id/plan/versions')
  @ApiOperation({ summary: "List the plan's versions, newest first" })
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
  @ApiOperation({ summary: 'Export the plan to GitHub issues' })
  @Access.to('write', 'audit')
  @Idempotent()
  @ApiResponse({ status: 202, type: PlanIssueExportDto, description: 'The export, running; Location is where it is read.' })
  @SendsLocation(202)
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
  @ApiOperation({ summary: "List the plan's GitHub exports, newest first" })
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: PlanIssueExportListDto })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  exports(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto): Promise<PlanIssueExportListDto> {
    return this.plans.exportList(id, page);
  }

  /** One GitHub export: running, succeeded or failed, with the issues filed so far. */
  @Get('audits/:id/plan/github-issues/:exportId')
  @ApiOperation({ summary: 'Get one GitHub export and the issues it filed' })
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: PlanIssueExportDto })
  @ApiResponse({ status: 404, description: 'No such export of this audit.' })
  exportOf(@Param('id', ParseUUIDPipe) id: string, @Param('exportId', ParseUUIDPipe) exportId: string): Promise<PlanIssueExportDto> {
    return this.plans.exportOf(id, exportId);
  }

  @Get('audits/:id/plan.html')
  @ApiOperation({ summary: 'Get the plan as HTML' })
  @Access.to('read', 'audit')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The plan as HTML, the page the PDF is printed from.', schema: { type: 'string' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  @ConditionalGet()
  planHtml(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Representation> {
    return this.plans.download(id, 'plan.html', principal, req.ip ?? null, req.headers['if-none-match']);
  }

  @Get('audits/:id/plan.md')
  @ApiOperation({ summary: 'Get the plan as Markdown' })
  @Access.to('read', 'audit')
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'The plan as Markdown, for wikis and pull requests.', schema: { type: 'string' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  @ConditionalGet()
  planMarkdown(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Representation> {
    return this.plans.download(id, 'plan.md', principal, req.ip ?? null, req.headers['if-none-match']);
  }

  @Get('audits/:id/plan.csv')
  @ApiOperation({ summary: 'Get the plan as CSV' })
  @Access.to('read', 'audit')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per visible item.', schema: { type: 'string' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished.' })
  @ConditionalGet()
  planCsv(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Representation> {
    return this.plans.download(id, 'plan.csv', principal, req.ip ?? null, req.headers['if-none-match']);
  }

  @Get('audits/:id/plan.pdf')
  @ApiOperation({ summary: 'Get the plan as a PDF' })
  @Access.to('read', 'audit')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The plan as a PDF.', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 409, description: 'The audit has not finished, or the PDF of a just-edited plan is still being printed (Retry-After).' })
  @ConditionalGet()
  planPdf(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Representation> {
    return this.plans.download(id, 'plan.pdf', principal, req.ip ?? null, req.headers['if-none-match']);
  }
}
