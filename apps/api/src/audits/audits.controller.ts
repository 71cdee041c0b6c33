import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId, parseAuditJobPayload } from '@apiaudit/domain';
import { AuditRepository, SourceRepository, type AuditEntity } from '@apiaudit/db';
import { Access } from '../auth/access';
import { PageQueryDto } from '../http/page';
import { CatalogPagesService } from '../clients/catalog-pages.service';
import { ConditionalGet } from '../http/etag';
import { accepted, type Answer } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { notFound, Problem } from '../http/problem';
import { WorkerPresenceService, type WaitingFor } from '../status/worker-presence.service';
import { InventoryPageDto } from './inventory.dto';
import { InventoryService } from './inventory.service';

/** `waitingFor: 'worker'` says an unfinished audit has no worker to run it (see WorkerPresenceService). */
export function auditResource(audit: AuditEntity, waitingFor?: WaitingFor) {
  const links = {
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

@ApiTags('audits')
@Controller('v1')
export class AuditsController {
  constructor(
    private readonly sources: SourceRepository,
    private readonly audits: AuditRepository,
    private readonly workers: WorkerPresenceService,
    private readonly inventories: InventoryService,
    private readonly pages: CatalogPagesService,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  @Post('projects/:id/audits')
  @Access.to('write', 'project')
  @Idempotent()
  async start(@Param('id', ParseUUIDPipe) projectId: string): Promise<Answer<ReturnType<typeof auditResource>>> {
    if ((await this.sources.countOfProject(projectId)) === 0) {
      throw new Problem(409, 'no-sources', 'Nothing to audit', 'Add a spec, a trace export or a repository to the project first.');
    }
    const audit = await this.audits.create(projectId);
    const payload = parseAuditJobPayload({ auditId: audit.id });
    await this.queue.add(AuditJob.ingest, payload, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(audit.id, AuditJob.ingest) });
    return accepted(auditResource(audit), `/v1/audits/${audit.id}`);
  }

  /** The project's audits, newest first. */
  @Get('projects/:id/audits')
  @Access.to('read', 'project')
  async list(@Param('id', ParseUUIDPipe) projectId: string, @Query() page: PageQueryDto): Promise<{ items: ReturnType<typeof auditResource>[]; next: string | null }> {
    const { items, next } = await this.pages.audits(projectId, page);
    return { items: items.map((audit) => auditResource(audit)), next };
  }

  @Get('audits/:id')
  @Access.to('read', 'audit')
  @ConditionalGet()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ReturnType<typeof auditResource>> {
    const audit = await this.audits.findById(id);
    if (!audit) throw notFound('Audit', id);
    return auditResource(audit, await this.workers.waitingFor(audit));
  }

  /** Every endpoint the audit saw across spec, code and traffic, each with its drift, a page at a time; and the drift counts. */
  @Get('audits/:id/inventory')
  @Access.to('read', 'audit')
  @ApiOkResponse({ type: InventoryPageDto })
  @ApiResponse({ status: 409, description: 'The audit has not succeeded yet.' })
  inventory(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQueryDto): Promise<InventoryPageDto> {
    return this.inventories.page(id, page);
  }
}
