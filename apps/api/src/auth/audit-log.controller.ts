import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from './access';
import { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';
import { AuditLogService } from './audit-log.service';

@ApiTags('audit log')
@Controller('v1')
export class AuditLogController {
  constructor(private readonly log: AuditLogService) {}

  /** Sign-ins (and failed ones), invitations, tokens, exports and status changes, newest first. Consultants only. */
  @Get('audit-log')
  @ApiOperation({ summary: "List the platform's audit log, newest first" })
  @Access.consultant()
  @ApiOkResponse({ type: AuditLogPageDto })
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.log.page(query);
  }
}
