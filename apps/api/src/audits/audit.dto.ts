import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditProgress, AuditSourceReport, AuditStatus, AuditTrigger, Endpoint, Scores } from '@apiaudit/domain';
import type { AuditEntity } from '@apiaudit/db';
import type { WaitingFor } from '../status/worker-presence.service';

export class AuditLinksDto {
  @ApiProperty() self: string;
  @ApiProperty() findings: string;
  @ApiProperty() inventory: string;
  @ApiPropertyOptional({ description: 'Once the audit has succeeded, as are the other plan and comparison links.' }) plan?: string;
  @ApiPropertyOptional() planHtml?: string;
  @ApiPropertyOptional() planPdf?: string;
  @ApiPropertyOptional() planMarkdown?: string;
  @ApiPropertyOptional() planCsv?: string;
  @ApiPropertyOptional() planVersions?: string;
  @ApiPropertyOptional() comparison?: string;
}

export class AuditDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status: AuditStatus;
  @ApiProperty({ type: 'object', required: ['step', 'percent'], properties: { step: { type: 'string', enum: ['ingest', 'analyze', 'plan', 'render', 'done'] }, percent: { type: 'number' } } })
  progress: AuditProgress;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The API the audit is about (the spec title)' }) subject: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Scores per dimension, once the audit has succeeded' }) scores: Scores | null;
  @ApiProperty({ type: 'array', items: { type: 'object' }, nullable: true, description: 'Every endpoint seen, once the audit has succeeded' }) inventory: Endpoint[] | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The plan as the audit made it; GET links.plan for its latest version' }) plan: unknown | null;
  @ApiProperty({ type: 'array', items: { type: 'object' }, nullable: true, description: 'Each source kind as the audit took it: read, missing or failed' }) sources: AuditSourceReport[] | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What started it other than a POST of an audit: a manual re-audit, a schedule, a GitHub push' }) triggeredBy: AuditTrigger | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
  @ApiPropertyOptional({ enum: ['worker'], description: 'An unfinished audit no worker is running to take up' }) waitingFor?: WaitingFor;
  @ApiProperty({ type: AuditLinksDto }) links: AuditLinksDto;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditDto] }) items: AuditDto[];
  @ApiProperty({ type: String, nullable: true, description: 'URL of the next page; null on the last' }) next: string | null;
}

/** An audit as the API answers it, with the links to what it produced; `waitingFor: 'worker'` when nothing runs it. */
export function auditView(audit: AuditEntity, waitingFor?: WaitingFor): AuditDto {
  const links: AuditLinksDto = {
    self: `/v1/audits/${audit.id}`,
    findings: `/v1/audits/${audit.id}/findings`,
    inventory: `/v1/audits/${audit.id}/inventory`,
    ...(audit.status === 'succeeded'
      ? {
          plan: `/v1/audits/${audit.id}/plan`,
          planHtml: `/v1/audits/${audit.id}/plan.html`,
          planPdf: `/v1/audits/${audit.id}/plan.pdf`,
          planMarkdown: `/v1/audits/${audit.id}/plan.md`,
          planCsv: `/v1/audits/${audit.id}/plan.csv`,
          planVersions: `/v1/audits/${audit.id}/plan/versions`,
          comparison: `/v1/audits/${audit.id}/comparison`,
        }
      : {}),
  };
  return { ...audit, ...(waitingFor ? { waitingFor } : {}), links };
}
