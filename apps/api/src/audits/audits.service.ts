import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId, parseAuditJobPayload } from '@apiaudit/domain';
import { AuditRepository, SourceRepository, type AuditEntity } from '@apiaudit/db';
import type { Principal } from '../auth/principal';
import { CatalogPagesService } from '../clients/catalog-pages.service';
import type { PageQueryDto } from '../http/page';
import { notFound, Problem } from '../http/problem';
import { WorkerPresenceService } from '../status/worker-presence.service';
import { auditView, type AuditDto, type AuditPageDto } from './audit.dto';

/** Audits of a project: started by a POST or a manual re-audit, queued for the worker, read back with their links. */
@Injectable()
export class AuditsService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly audits: AuditRepository,
    private readonly workers: WorkerPresenceService,
    private readonly pages: CatalogPagesService,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  async start(projectId: string): Promise<AuditDto> {
    await this.requireSources(projectId, 'Add a spec, a trace export or a repository to the project first.');
    return this.enqueue(await this.audits.create(projectId));
  }

  /** Re-audits the project now with its latest sources, recording who asked. */
  async reaudit(projectId: string, principal: Principal): Promise<AuditDto> {
    await this.requireSources(projectId, 'Upload a spec or a trace export to the project first.');
    const { audit } = await this.audits.createTriggered(projectId, { kind: 'manual', userId: principal.userId }, null);
    return this.enqueue(audit);
  }

  async get(id: string): Promise<AuditDto> {
    const audit = await this.audits.findById(id);
    if (!audit) throw notFound('Audit', id);
    return auditView(audit, await this.workers.waitingFor(audit));
  }

  /** The project's audits, newest first. */
  async page(projectId: string, page: PageQueryDto): Promise<AuditPageDto> {
    const { items, next } = await this.pages.audits(projectId, page);
    return { items: items.map((audit) => auditView(audit)), next };
  }

  private async requireSources(projectId: string, hint: string): Promise<void> {
    if ((await this.sources.countOfProject(projectId)) === 0) throw new Problem(409, 'no-sources', 'Nothing to audit', hint);
  }

  private async enqueue(audit: AuditEntity): Promise<AuditDto> {
    const payload = parseAuditJobPayload({ auditId: audit.id });
    await this.queue.add(AuditJob.ingest, payload, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(audit.id, AuditJob.ingest) });
    return auditView(audit);
  }
}
