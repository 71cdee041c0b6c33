import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { AUDIT_QUEUE, ReauditJob, reauditSchedulerId } from '@apiaudit/domain';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const spec = readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml'), 'utf8');

/**
 * An every-n-days schedule on the real BullMQ job scheduler. Waiting days is not a test: the scheduler's own delayed
 * job is promoted (run now instead of at its slot) and the real worker takes it, as it would when the slot came; the
 * scheduler then holds the next slot, n days after the one that fired.
 */
describe('every-n-days re-audit schedules (real api, worker, PostgreSQL and Redis)', () => {
  let platform: TestPlatform;
  let queue: Queue;

  const delayedOf = async (projectId: string) => (await queue.getDelayed()).filter((job: Job) => job.name === ReauditJob.reaudit && (job.data as { projectId: string }).projectId === projectId);
  const dueAt = (job: Job) => job.timestamp + (job.opts.delay ?? 0);

  async function scheduledAudit(projectId: string) {
    let audit: { id: string; status: string; error: string | null; triggeredBy: { kind: string; firedAt?: string } | null; sources: unknown } | undefined;
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
      const items = (await platform.http.get(`/v1/projects/${projectId}/audits`).expect(200)).body.items as Array<NonNullable<typeof audit>>;
      audit = items.find((a) => a.triggeredBy?.kind === 'schedule');
      if (audit && (audit.status === 'succeeded' || audit.status === 'failed')) return { audit, all: items };
    }
    throw new Error(`no scheduled audit of ${projectId} finished: ${JSON.stringify(audit)}`);
  }

  beforeAll(async () => {
    platform = await startTestPlatform({ PUPPETEER_EXECUTABLE_PATH: '' });
    queue = platform.api.get<Queue>(getQueueToken(AUDIT_QUEUE));
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('registers every n days from when it was set, fires a re-audit with the latest sources, and holds the next slot n days on', async () => {
    const projectId = await createProject(platform.http, 'Every three days', 'Shop');
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    const put = (await platform.http.put(`/v1/projects/${projectId}/schedule`).send({ everyDays: 3 }).expect(200)).body;
    const setAt = Date.parse(put.updatedAt);
    expect(Date.parse(put.nextRunAt)).toBe(setAt + 3 * DAY);
    expect(await queue.getJobScheduler(reauditSchedulerId(projectId))).toMatchObject({ every: 3 * DAY, next: setAt + 3 * DAY });
    const [slot, ...more] = await delayedOf(projectId);
    expect(more).toEqual([]);
    expect(dueAt(slot!)).toBe(setAt + 3 * DAY);

    await slot!.promote();
    const { audit, all } = await scheduledAudit(projectId);
    expect(audit).toMatchObject({ status: 'succeeded', error: null, triggeredBy: { kind: 'schedule', firedAt: expect.any(String) } });
    expect(audit.sources).toEqual([expect.objectContaining({ kind: 'spec', status: 'read', version: 1 }), expect.objectContaining({ kind: 'traces', status: 'missing' })]);
    expect(all).toHaveLength(1);

    // The slot after the one that fired, three days on: one delayed job, the scheduler and the API agree.
    const [next, ...others] = await delayedOf(projectId);
    expect(others).toEqual([]);
    expect(dueAt(next!)).toBe(setAt + 6 * DAY);
    expect((await queue.getJobScheduler(reauditSchedulerId(projectId)))?.next).toBe(setAt + 6 * DAY);
    expect(Date.parse((await platform.http.get(`/v1/projects/${projectId}/schedule`).expect(200)).body.nextRunAt)).toBe(setAt + 6 * DAY);
  });

  it('ends a firing for a project with no source at all in a failed audit that says why', async () => {
    const projectId = await createProject(platform.http, 'Nothing uploaded', 'Shop');
    await platform.http.put(`/v1/projects/${projectId}/schedule`).send({ everyDays: 1 }).expect(200);
    const [slot] = await delayedOf(projectId);
    await slot!.promote();
    const { audit } = await scheduledAudit(projectId);
    expect(audit).toMatchObject({ status: 'failed', error: 'ingest: the project has no spec, trace or repository source to audit', triggeredBy: { kind: 'schedule' } });
    expect(audit.sources).toEqual([expect.objectContaining({ kind: 'spec', status: 'missing' }), expect.objectContaining({ kind: 'traces', status: 'missing' })]);
  });
});
