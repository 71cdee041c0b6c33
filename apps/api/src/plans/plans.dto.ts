import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { HORIZONS, type Horizon } from '@apiaudit/domain';
import { MAX_PAGE_SIZE } from '../http/page';
import { PersonDto } from '../findings/findings.dto';

/** One item's change; a field left out stays as it is, a field set to null goes back to what the audit generated. */
export class PlanItemChangeDto {
  @ApiProperty({ description: "the item's rule id (a plan has one item per rule)", example: 'trace-n-plus-one-query', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  ruleId: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10000, description: 'the place the item moves to; the other items keep their order around it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  rank?: number | null;

  @ApiPropertyOptional({ enum: HORIZONS, nullable: true })
  @IsOptional()
  @IsIn(HORIZONS, { message: `horizon must be one of ${HORIZONS.join(', ')}` })
  horizon?: Horizon | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, description: 'a note for the client, shown on the item in every form of the plan' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'hidden items stay in plan.json and leave the rendered plan and exports' })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean | null;
}

export class UpdatePlanDto {
  @ApiProperty({ type: [PlanItemChangeDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PlanItemChangeDto)
  items: PlanItemChangeDto[];
}

export class PlanVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ minimum: 1, description: '1 as the audit made it, +1 per edit' }) version: number;
  @ApiProperty({ example: '"plan-v2"', description: 'the ETag of the plan at this version' }) etag: string;
  @ApiProperty({ type: PersonDto, nullable: true, description: 'who made it; null on version 1' }) author: PersonDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: [PlanItemChangeDto], description: 'what this version changed' }) changes: PlanItemChangeDto[];
  @ApiProperty({ type: Object, nullable: true, description: 'on version 1: the earlier audit and version whose edits were carried over', example: { auditId: '00000000-0000-4000-8000-000000000000', version: 3 } })
  carriedFrom: { auditId: string; version: number } | null;
  @ApiProperty({ type: Object, description: 'every edit in force, by rule id' }) edits: Record<string, unknown>;
}

export class PlanVersionListDto {
  @ApiProperty({ type: [PlanVersionDto], maxItems: MAX_PAGE_SIZE }) items: PlanVersionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page (older versions), or null on the last one.' }) next: string | null;
}

export class ExportPlanIssuesDto {
  @ApiProperty({ description: 'the GitHub repository to file the issues in', example: 'acme/shop-api', maxLength: 140 })
  @IsString()
  @MaxLength(140)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, { message: 'repository must be owner/name' })
  repository: string;

  @ApiPropertyOptional({ description: 'a GitHub token with issues:write on the repository; without it, the token stored with the project\'s repository source for the same repository, else the platform\'s GITHUB_TOKEN. Never stored.', maxLength: 500, writeOnly: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  token?: string;

  @ApiPropertyOptional({ description: 'where readers find the whole plan (the portal or the PDF), linked from every issue', format: 'uri', maxLength: 2000, example: 'https://audits.example/app/audits/3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c/plan' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'planUrl must be an http(s) URL' })
  @MaxLength(2000)
  planUrl?: string;
}

export class ExportedIssueDto {
  @ApiProperty() rank: number;
  @ApiProperty() ruleId: string;
  @ApiProperty() number: number;
  @ApiProperty({ format: 'uri' }) url: string;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] }) action: 'created' | 'updated' | 'unchanged';
}

export class PlanIssueExportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'acme/shop-api' }) repository: string;
  @ApiProperty({ description: 'the plan version exported' }) version: number;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'], description: 'GitHub wants a second between writes: an export of n new issues runs about n seconds' }) status: 'running' | 'succeeded' | 'failed';
  @ApiProperty({ description: 'issues to file: one per visible item' }) total: number;
  @ApiProperty({ type: [ExportedIssueDto], description: 'the issues filed so far' }) issues: ExportedIssueDto[];
  @ApiProperty({ type: String, nullable: true, description: 'why a failed export stopped (the export\'s result, not an error of this request)' }) failure: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: Date, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export class PlanIssueExportListDto {
  @ApiProperty({ type: [PlanIssueExportDto], maxItems: MAX_PAGE_SIZE }) items: PlanIssueExportDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page (older exports), or null on the last one.' }) next: string | null;
}
