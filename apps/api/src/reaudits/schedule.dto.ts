import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** `{cron, timezone}` or `{everyDays}`. */
export class PutScheduleDto {
  @ApiPropertyOptional({ description: 'a cron expression (5 fields, or 6 with seconds first)', example: '0 6 * * 1', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  cron?: string;

  @ApiPropertyOptional({ description: 'IANA time zone the cron expression is read in', example: 'Europe/Paris', default: 'UTC', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timezone?: string;

  @ApiPropertyOptional({ description: 'instead of cron: a re-audit every n days', minimum: 1, maximum: 366 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  everyDays?: number;
}

export class ScheduleDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiPropertyOptional({ example: '0 6 * * 1' }) cron?: string;
  @ApiPropertyOptional({ example: 'Europe/Paris' }) timezone?: string;
  @ApiPropertyOptional({ example: 7 }) everyDays?: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the next re-audit starts' }) nextRunAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}
