import type { Queue } from 'bullmq';
import { AuditJob, type AuditTrigger } from '@apiaudit/domain';
import type { AuditEntity, AuditRepository, SourceRepository } from '@apiaudit/db';
import type { Principal } from '../auth/principal';
import type { CatalogPagesService } from '../clients/catalog-pages.service';
import type { WorkerPresenceService } from '../status/worker-presence.service';
import { AuditsService } from './audits.service';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const AUDIT = '00000000-0000-4000-8000-00000000000a';

function audit(status: AuditEntity['status']): AuditEntity {
  return { id: AUDIT, projectId: PROJECT, status, progress: { step: 'ingest', percent: 0 }, error: null, createdAt: new Date(0) } as AuditEntity;
}

function service(options: { sources: number; stored?: AuditEntity | null; waitingFor?: 'worker' }) {
  const jobs: Array<{ name: string; data: unknown; jobId?: string }> = [];
  const triggers: AuditTrigger[] = [];
  const audits = {
    create: async () => audit('queued'),
    createTriggered: async (_projectId: string, trigger: AuditTrigger) => (triggers.push(trigger), { audit: audit('queued'), created: true }),
    findById: async () => options.stored ?? null,
  } as unknown as AuditRepository;
  const sources = { countOfProject: async () => options.sources } as unknown as SourceRepository;
  const workers = { waitingFor: async () => options.waitingFor } as unknown as WorkerPresenceService;
  const queue = { add: async (name: string, data: unknown, opts: { jobId?: string }) => void jobs.push({ name, data, jobId: opts.jobId }) } as unknown as Queue;
  return { jobs, triggers, audits: new AuditsService(sources, audits, workers, {} as CatalogPagesService, queue) };
}

describe('AuditsService', () => {
  it('refuses to start an audit of a project without sources, and queues nothing', async () => {
    const { audits, jobs } = service({ sources: 0 });
    await expect(audits.start(PROJECT)).rejects.toMatchObject({ status: 409, slug: 'no-sources' });
    expect(jobs).toEqual([]);
  });

  it('queues the ingest job under the audit’s own job id and answers the audit with its links', async () => {
    const { audits, jobs } = service({ sources: 1 });
    const started = await audits.start(PROJECT);
    expect(jobs).toEqual([{ name: AuditJob.ingest, data: { auditId: AUDIT }, jobId: expect.stringContaining(AUDIT) }]);
    expect(started).toMatchObject({ id: AUDIT, status: 'queued', links: { self: `/v1/audits/${AUDIT}` } });
    expect(started.links.plan).toBeUndefined();
  });

  it('records who asked for a re-audit', async () => {
    const { audits, triggers, jobs } = service({ sources: 2 });
    await audits.reaudit(PROJECT, { userId: 'u1' } as Principal);
    expect(triggers).toEqual([{ kind: 'manual', userId: 'u1' }]);
    expect(jobs).toHaveLength(1);
  });

  it('links a succeeded audit to its plan and comparison, and says when no worker runs an unfinished one', async () => {
    expect((await service({ sources: 1, stored: audit('succeeded') }).audits.get(AUDIT)).links).toMatchObject({ plan: `/v1/audits/${AUDIT}/plan`, comparison: `/v1/audits/${AUDIT}/comparison` });
    expect(await service({ sources: 1, stored: audit('queued'), waitingFor: 'worker' }).audits.get(AUDIT)).toMatchObject({ waitingFor: 'worker' });
    await expect(service({ sources: 1, stored: null }).audits.get(AUDIT)).rejects.toMatchObject({ status: 404 });
  });
});
