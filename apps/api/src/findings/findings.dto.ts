import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { FINDING_STATUSES, SEVERITIES, type FindingStatus, type Severity } from '@apiaudit/domain';
import { FINDING_SORTS, type FindingSort } from '@apiaudit/db';
import { MAX_PAGE_SIZE, PageQueryDto } from '../http/page';

export const FINDING_CHANGES = ['new', 'open', 'resolved', 'regressed'] as const;
export type FindingChange = (typeof FINDING_CHANGES)[number];

/** `?severity=high,critical` and `?severity=high&severity=critical` alike. */
const toList = ({ value }: { value: unknown }) => (value === undefined ? undefined : ([] as unknown[]).concat(value).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean));

export class FindingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'comma-separated severities', example: 'critical,high', type: String })
  @IsOptional()
  @Transform(toList)
  @IsIn(SEVERITIES, { each: true, message: `severity must be among ${SEVERITIES.join(', ')}` })
  severity?: Severity[];

  @ApiPropertyOptional({ description: 'comma-separated categories', example: 'security,performance', type: String })
  @IsOptional()
  @Transform(toList)
  @Matches(/^[a-z][a-z-]{0,39}$/, { each: true, message: 'category must be a category name such as security' })
  category?: string[];

  @ApiPropertyOptional({ description: 'comma-separated statuses', example: 'open,in-progress', type: String })
  @IsOptional()
  @Transform(toList)
  @IsIn(FINDING_STATUSES, { each: true, message: `status must be among ${FINDING_STATUSES.join(', ')}` })
  status?: FindingStatus[];

  @ApiPropertyOptional({ description: 'the endpoint a finding names, `METHOD /path`', example: 'GET /orders/{id}' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  endpoint?: string;

  @ApiPropertyOptional({ description: 'text searched in title, message and rule id (case-insensitive)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: FINDING_SORTS, default: 'priority', description: 'priority is severity then reach, as the plan ranks them' })
  @IsOptional()
  @IsIn(FINDING_SORTS)
  sort?: FindingSort;
}

export class UpdateFindingDto {
  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOptional()
  @IsIn(FINDING_STATUSES, { message: `status must be one of ${FINDING_STATUSES.join(', ')}` })
  status?: FindingStatus;

  @ApiPropertyOptional({ description: 'required with wont-fix and false-positive', maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null unassigns' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

export class CreateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  body: string;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class FindingStateDto {
  @ApiProperty({ enum: FINDING_STATUSES }) status: FindingStatus;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: PersonDto, nullable: true }) assignee: PersonDto | null;
  @ApiProperty({ description: 'the ETag to send as If-Match when changing this state', example: '"state-3"' }) etag: string;
  @ApiProperty({ type: Date, format: 'date-time', nullable: true }) updatedAt: Date | null;
}

export class FindingDto extends FindingStateDto {
  @ApiProperty({ example: 'api-key-in-query:3f0c9a1e2b' }) id: string;
  @ApiProperty() fingerprint: string;
  @ApiProperty() ruleId: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty() title: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: Object, nullable: true, example: { method: 'GET', path: '/orders' } }) endpoint: { method: string; path: string } | null;
  @ApiProperty({ type: String, nullable: true }) service: string | null;
  @ApiProperty({ type: [Object] }) evidence: unknown[];
  @ApiProperty({ type: [Object], nullable: true }) affected: unknown[] | null;
  @ApiProperty({ type: String, nullable: true }) owasp: string | null;
  @ApiProperty({ type: Object, nullable: true }) metrics: Record<string, number> | null;
  @ApiProperty() commentCount: number;
}

export class FindingPageDto {
  @ApiProperty({ type: [FindingDto] }) items: FindingDto[];
  @ApiProperty({ type: String, nullable: true, description: 'URL of the next page; null on the last' }) next: string | null;
}

export class StatusChangeDto {
  @ApiProperty({ enum: FINDING_STATUSES }) from: FindingStatus;
  @ApiProperty({ enum: FINDING_STATUSES }) to: FindingStatus;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: PersonDto, nullable: true }) actor: PersonDto | null;
  @ApiProperty({ format: 'date-time' }) at: Date;
}

export class FindingDetailDto extends FindingDto {
  @ApiProperty({ type: [StatusChangeDto] }) history: StatusChangeDto[];
}

/** What one succeeded audit of the project said about the finding, against the audit before it. */
export class FindingAuditDto {
  @ApiProperty({ format: 'uuid' }) auditId: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ enum: FINDING_CHANGES, description: 'new: first reported; open: reported again; resolved: not reported after being reported; regressed: reported again after being resolved' })
  change: FindingChange;
}

export class ProjectFindingStateDto extends FindingStateDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() fingerprint: string;
  @ApiProperty({ type: [StatusChangeDto] }) history: StatusChangeDto[];
  @ApiProperty({ type: [FindingAuditDto], description: "the project's succeeded audits (the newest 200), oldest first, from the first that reported the finding" })
  audits: FindingAuditDto[];
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: PersonDto, nullable: true }) author: PersonDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class CommentListDto {
  @ApiProperty({ type: [CommentDto], maxItems: MAX_PAGE_SIZE }) items: CommentDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page, or null on the last one.' })
  next: string | null;
}
