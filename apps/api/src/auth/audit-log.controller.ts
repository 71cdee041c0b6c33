import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AUDIT_LOG_ACTIONS, AuditLogRepository, type AuditLogAction } from '@apiaudit/db';
import { decodeCursor, encodeCursor, nextLink, PageQueryDto } from '../http/page';
import { Access } from './access';

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_LOG_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_LOG_ACTIONS)
  action?: AuditLogAction;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clientId?: string;
}

export class AuditLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ enum: AUDIT_LOG_ACTIONS }) action: AuditLogAction;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) clientId: string | null;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: Object }) detail: Record<string, unknown>;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items: AuditLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}

// Entry ids are PostgreSQL bigint: 19 digits can still be beyond it.
const isEntryId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n;

@ApiTags('audit log')
@Controller('v1')
export class AuditLogController {
  constructor(private readonly log: AuditLogRepository) {}

  /** Sign-ins (and failed ones), invitations, tokens, exports and status changes, newest first. Consultants only. */
  @Get('audit-log')
  @Access.consultant()
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const limit = query.limit ?? 50;
    const page = await this.log.page({ action: query.action, clientId: query.clientId, before: decodeCursor(query.cursor, isEntryId) }, limit);
    return { items: page.items, next: nextLink('/v1/audit-log', { limit, action: query.action, clientId: query.clientId }, page.next && encodeCursor(page.next)) };
  }
}
