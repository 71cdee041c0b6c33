import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Idempotent } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { CommentDto, CommentListDto, CreateCommentDto, FindingDetailDto, FindingListQueryDto, FindingPageDto, ProjectFindingStateDto, UpdateFindingDto } from './findings.dto';
import { FindingsService } from './findings.service';

@ApiTags('findings')
@Controller('v1')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  /** An audit's findings with their status in the project: filtered, searched, sorted, cursor-paginated. */
  @Get('audits/:id/findings')
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: FindingPageDto })
  async list(@Param('id', ParseUUIDPipe) auditId: string, @Query() query: FindingListQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    // The page comes serialized (a FindingPageDto as JSON): the busiest route of the portal is mostly a cache hit.
    res.type('application/json');
    return this.findings.list(auditId, query);
  }

  /** One finding of the audit with its evidence, state and status history. */
  @Get('audits/:id/findings/:findingId')
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: FindingDetailDto })
  async detail(@Param('id', ParseUUIDPipe) auditId: string, @Param('findingId') findingId: string, @Res({ passthrough: true }) res: Response): Promise<FindingDetailDto> {
    const finding = await this.findings.detail(auditId, findingId);
    res.setHeader('ETag', finding.etag);
    return finding;
  }

  /** A finding's state in the project (the same across its audits); the ETag is what PATCH wants as If-Match. */
  @Get('projects/:projectId/findings/:fingerprint')
  @Access.to('read', 'project', 'projectId')
  @ApiOkResponse({ type: ProjectFindingStateDto })
  async state(@Param('projectId', ParseUUIDPipe) projectId: string, @Param('fingerprint') fingerprint: string, @Res({ passthrough: true }) res: Response): Promise<ProjectFindingStateDto> {
    const state = await this.findings.state(projectId, fingerprint);
    res.setHeader('ETag', state.etag);
    return state;
  }

  @Patch('projects/:projectId/findings/:fingerprint')
  @Access.to('triage', 'project', 'projectId')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag of the state you read' })
  @ApiOkResponse({ type: ProjectFindingStateDto })
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
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProjectFindingStateDto> {
    const state = await this.findings.update(projectId, fingerprint, change, ifMatch, principal, req.ip ?? null);
    res.setHeader('ETag', state.etag);
    return state;
  }

  @Get('projects/:projectId/findings/:fingerprint/comments')
  @Access.to('read', 'project', 'projectId')
  @ApiOkResponse({ type: CommentListDto })
  comments(@Param('projectId', ParseUUIDPipe) projectId: string, @Param('fingerprint') fingerprint: string, @Query() page: PageQueryDto): Promise<CommentListDto> {
    return this.findings.comments(projectId, fingerprint, page);
  }

  @Post('projects/:projectId/findings/:fingerprint/comments')
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
