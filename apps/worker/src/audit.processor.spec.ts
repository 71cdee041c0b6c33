import { UnrecoverableError, type Job } from 'bullmq';
import type { PlatformConfig } from '@apiaudit/db';
import { AuditJob, PlanJob, ReauditJob, SourceJob, WebhookJob } from '@apiaudit/domain';
import { AuditProcessor, isKnownJob } from './audit.processor';
import type { JobHandlers } from './job-handlers';

describe('the audit processor and job names', () => {
  it('knows every job the api and the worker enqueue', () => {
    for (const name of [...Object.values(AuditJob), ...Object.values(SourceJob), ...Object.values(PlanJob), ...Object.values(ReauditJob), ...Object.values(WebhookJob)]) expect(isKnownJob(name)).toBe(true);
    expect(isKnownJob('render-slides')).toBe(false);
  });

  it('fails an unknown job as unrecoverable before touching any step', async () => {
    const touched: string[] = [];
    const handler = (of: string) => new Proxy({}, { get: (_t, name) => () => touched.push(`${of}.${String(name)}`) });
    const handlers = new Proxy({}, { get: (_t, name) => handler(String(name)) }) as unknown as JobHandlers;
    const processor = new AuditProcessor(handlers, {} as PlatformConfig);
    const job = { name: 'render-slides', data: { auditId: '00000000-0000-4000-8000-000000000000' }, attemptsMade: 0 } as Job;
    const error = await processor.process(job).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toBe("unknown job 'render-slides' on queue audit");
    expect(touched).toEqual([]);
  });
});
