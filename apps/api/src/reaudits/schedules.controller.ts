import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { accepted, type Answer } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { SendsLocation } from '../http/response-headers';
import { AuditDto } from '../audits/audit.dto';
import { AuditsService } from '../audits/audits.service';
import { PutScheduleDto, ScheduleDto } from './schedule.dto';
import { SchedulesService } from './schedules.service';

@ApiTags('re-audits')
@Controller('v1/projects/:id')
export class SchedulesController {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly audits: AuditsService,
  ) {}

  /** Sets the project's re-audit schedule (replacing any): `{cron, timezone}` or `{everyDays}`. */
  @Put('schedule')
  @ApiOperation({ summary: "Set the project's re-audit schedule" })
  @Access.to('write', 'project')
  @ApiOkResponse({ type: ScheduleDto })
  @ApiResponse({ status: 400, description: 'Not a cron expression or time zone, or both cron and everyDays.' })
  put(@Param('id', ParseUUIDPipe) projectId: string, @Body() dto: PutScheduleDto): Promise<ScheduleDto> {
    return this.schedules.put(projectId, dto);
  }

  @Get('schedule')
  @ApiOperation({ summary: "Get the project's re-audit schedule and next run" })
  @Access.to('read', 'project')
  @ApiOkResponse({ type: ScheduleDto, description: 'The schedule and when it next runs.' })
  get(@Param('id', ParseUUIDPipe) projectId: string): Promise<ScheduleDto> {
    return this.schedules.get(projectId);
  }

  @Delete('schedule')
  @ApiOperation({ summary: "Remove the project's re-audit schedule" })
  @Access.to('write', 'project')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Removed; no more scheduled re-audits.' })
  async remove(@Param('id', ParseUUIDPipe) projectId: string): Promise<void> {
    await this.schedules.remove(projectId);
  }

  /** Re-audits the project now with its latest sources (newest spec version, every trace upload); compared with the previous audit when it succeeds. */
  @Post('reaudits')
  @ApiOperation({ summary: 'Re-audit the project now' })
  @Access.to('write', 'project')
  @Idempotent()
  @ApiResponse({ status: 202, type: AuditDto, description: 'The audit, queued; `Location` names it, `links.comparison` serves the comparison once it has succeeded.' })
  @SendsLocation(202)
  @ApiResponse({ status: 409, description: 'The project has no sources.' })
  async reaudit(@Param('id', ParseUUIDPipe) projectId: string, @CurrentPrincipal() principal: Principal): Promise<Answer<AuditDto>> {
    const audit = await this.audits.reaudit(projectId, principal);
    return accepted(audit, audit.links.self);
  }
}
