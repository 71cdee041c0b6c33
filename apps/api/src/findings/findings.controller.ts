import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { type Answer, Representation, withEtag } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { SendsEtag } from '../http/response-headers';
import { CommentDto, CommentListDto, CreateCommentDto, FindingDetailDto, FindingListQueryDto, FindingPageDto, ProjectFindingStateDto, UpdateFindingDto } from './findings.dto';
import { FindingsService } from './findings.service';

@ApiTags('findings')
@Controller('v1')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  /** An audit's findings with their status in the project: filtered, searched, sorted, cursor-paginated. */
  @Get('audits/:id/findings')
  @ApiOperation({ summary: "List an audit's findings: filtered, searched, sorted, paginated" })
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: FindingPageDto })
  async list(@Param('id', ParseUUIDPipe) auditId: string, @Query() query: FindingListQueryDto): Promise<Representation> {
    // The page comes serialized (a FindingPageDto as JSON): the busiest route of the portal is mostly a cache hit.
    return new Representation(await this.findings.list(auditId, query), 'application/json');
  }

  /** One finding of the audit with its evidence, state and status history. */
  @Get('audits/:id/findings/:findingId')
  @ApiOperation({ summary: 'Get one finding with its evidence, state and history' })
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: FindingDetailDto })
  @SendsEtag()
  async detail(@Param('id', ParseUUIDPipe) auditId: string, @Param('findingId') findingId: string): Promise<Answer<FindingDetailDto>> {
    const finding = await this.findings.detail(auditId, findingId);
    return withEtag(finding, finding.etag);
  }

  /** A finding's state in the project (the same across its audits); the ETag is what PATCH wants as If-Match. */
  @Get('projects/:projectId/findings/:fingerprint')
  @ApiOperation({ summary: "Get a finding's state in the project" })
  @Access.to('read', 'project', 'projectId')
  @ApiOkResponse({ type: ProjectFindingStateDto })
  @SendsEtag()
  async state(@Param('projectId', ParseUUIDPipe) projectId: string, @Param('fingerprint') fingerprint: string): Promise<Answer<ProjectFindingStateDto>> {
    const state = await this.findings.state(projectId, fingerprint);
    return withEtag(state, state.etag);
  }

  @Patch('projects/:projectId/findings/:fingerprint')
  @ApiOperation({ summary: "Change a finding's state (status, assignee, reason)" })
  @Access.to('triage', 'project', 'projectId')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag of the state you read' })
  @ApiOkResponse({ type: ProjectFindingStateDto })
  @SendsEtag()
  @ApiResponse({ status: 400, description: 'A status outside the list, a missing reason, an unknown assignee.' })
  @ApiResponse({ status: 412, description: 'The state changed since it was read.' })
  @ApiResponse({ status: 428, description: 'If-Match is missing.' })
  async update(
    @Param('projectId', ParseUUIDPipe) projectId: string,
    @Param('fingerprint') fingerprint: string,
    @Body() change: UpdateFindingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<Answer<ProjectFindingStateDto>> {
    const state = await this.findings.update(projectId, fingerprint, change, ifMatch, principal, req.ip ?? null);
    return withEtag(state, state.etag);
  }

  @Get('projects/:projectId/findings/:fingerprint/comments')
  @ApiOperation({ summary: 'List the comments on a finding' })
  @Access.to('read', 'project', 'projectId')
  @ApiOkResponse({ type: CommentListDto })
  comments(@Param('projectId', ParseUUIDPipe) projectId: string, @Param('fingerprint') fingerprint: string, @Query() page: PageQueryDto): Promise<CommentListDto> {
    return this.findings.comments(projectId, fingerprint, page);
  }

  @Post('projects/:projectId/findings/:fingerprint/comments')
  @ApiOperation({ summary: 'Comment on a finding' })
  @Access.to('comment', 'project', 'projectId')
  @Idempotent()
  @ApiResponse({ status: 201, type: CommentDto })
  addComment(
    @Param('projectId', ParseUUIDPipe) projectId: string,
    @Param('fingerprint') fingerprint: string,
    @Body() dto: CreateCommentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CommentDto> {
    return this.findings.addComment(projectId, fingerprint, dto.body, principal);
  }
}
