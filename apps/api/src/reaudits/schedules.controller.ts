import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditRepository, SourceRepository } from '@apiaudit/db';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId } from '@apiaudit/domain';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Access } from '../auth/access';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { accepted, type Answer } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { Problem } from '../http/problem';
import { auditResource } from '../audits/audits.controller';
import { PutScheduleDto, ScheduleDto } from './schedule.dto';
import { SchedulesService } from './schedules.service';

@ApiTags('re-audits')
@Controller('v1/projects/:id')
export class SchedulesController {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly sources: SourceRepository,
    private readonly audits: AuditRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  /** Sets the project's re-audit schedule (replacing any): `{cron, timezone}` or `{everyDays}`. */
  @Put('schedule')
  @Access.to('write', 'project')
  @ApiOkResponse({ type: ScheduleDto })
  @ApiResponse({ status: 400, description: 'Not a cron expression or time zone, or both cron and everyDays.' })
  put(@Param('id', ParseUUIDPipe) projectId: string, @Body() dto: PutScheduleDto): Promise<ScheduleDto> {
    return this.schedules.put(projectId, dto);
  }

  @Get('schedule')
  @Access.to('read', 'project')
  @ApiOkResponse({ type: ScheduleDto, description: 'The schedule and when it next runs.' })
  get(@Param('id', ParseUUIDPipe) projectId: string): Promise<ScheduleDto> {
    return this.schedules.get(projectId);
  }

  @Delete('schedule')
  @Access.to('write', 'project')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Removed; no more scheduled re-audits.' })
  async remove(@Param('id', ParseUUIDPipe) projectId: string): Promise<void> {
    await this.schedules.remove(projectId);
  }

  /** Re-audits the project now with its latest sources (newest spec version, every trace upload); compared with the previous audit when it succeeds. */
  @Post('reaudits')
  @Access.to('write', 'project')
  @Idempotent()
  @ApiResponse({ status: 202, description: 'The audit, queued; `Location` names it, `links.comparison` serves the comparison once it has succeeded.' })
  @ApiResponse({ status: 409, description: 'The project has no sources.' })
  async reaudit(@Param('id', ParseUUIDPipe) projectId: string, @CurrentPrincipal() principal: Principal): Promise<Answer<ReturnType<typeof auditResource>>> {
    if ((await this.sources.countOfProject(projectId)) === 0) {
      throw new Problem(409, 'no-sources', 'Nothing to audit', 'Upload a spec or a trace export to the project first.');
    }
    const { audit } = await this.audits.createTriggered(projectId, { kind: 'manual', userId: principal.userId }, null);
    await this.queue.add(AuditJob.ingest, { auditId: audit.id }, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(audit.id, AuditJob.ingest) });
    return accepted(auditResource(audit), `/v1/audits/${audit.id}`);
  }
}
