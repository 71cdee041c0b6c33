import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AUDIT_LOG_ACTIONS, type AuditLogAction } from '@apiaudit/db';
import { PageQueryDto } from '../http/page';

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
