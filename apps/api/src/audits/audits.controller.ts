import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { accepted, type Answer } from '../http/answer';
import { ConditionalGet } from '../http/etag';
import { SendsLocation } from '../http/response-headers';
import { Idempotent } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { AuditDto, AuditPageDto } from './audit.dto';
import { AuditsService } from './audits.service';
import { InventoryPageDto } from './inventory.dto';
import { InventoryService } from './inventory.service';

@ApiTags('audits')
@Controller('v1')
export class AuditsController {
  constructor(
    private readonly audits: AuditsService,
    private readonly inventories: InventoryService,
  ) {}

  @Post('projects/:id/audits')
  @ApiOperation({ summary: 'Start an audit of the project' })
  @Access.to('write', 'project')
  @Idempotent()
  @ApiResponse({ status: 202, type: AuditDto, description: 'The audit, queued; Location names it.' })
  @SendsLocation(202)
  @ApiResponse({ status: 409, description: 'The project has no sources.' })
  async start(@Param('id', ParseUUIDPipe) projectId: string): Promise<Answer<AuditDto>> {
    const audit = await this.audits.start(projectId);
    return accepted(audit, audit.links.self);
  }

  /** The project's audits, newest first. */
  @Get('projects/:id/audits')
  @ApiOperation({ summary: "List the project's audits, newest first" })
  @Access.to('read', 'project')
  @ApiOkResponse({ type: AuditPageDto })
  list(@Param('id', ParseUUIDPipe) projectId: string, @Query() page: PageQueryDto): Promise<AuditPageDto> {
    return this.audits.page(projectId, page);
  }

  @Get('audits/:id')
  @ApiOperation({ summary: 'Get an audit and the links to what it produced' })
  @Access.to('read', 'audit')
  @ConditionalGet()
  @ApiOkResponse({ type: AuditDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AuditDto> {
    return this.audits.get(id);
  }

  /** Every endpoint the audit saw across spec, code and traffic, each with its drift, a page at a time; and the drift counts. */
  @Get('audits/:id/inventory')
  @ApiOperation({ summary: 'Page through every endpoint the audit saw, with its drift' })
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: InventoryPageDto })
  @ApiResponse({ status: 409, description: 'The audit has not succeeded yet.' })
  inventory(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto): Promise<InventoryPageDto> {
    return this.inventories.page(id, page);
  }
}
