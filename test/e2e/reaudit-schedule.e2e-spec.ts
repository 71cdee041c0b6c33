import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AUDIT_QUEUE, REAUDIT_SCHEDULER_PREFIX, reauditSchedulerId } from '@apiaudit/domain';
import { startWorker } from '../../apps/worker/src/main';
import { startTestPlatform, type TestPlatform } from '../setup/platform';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

jest.setTimeout(120_000);

const spec = readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml'), 'utf8');

/** Schedules are stored in PostgreSQL and run as one BullMQ job scheduler per project, registered again by every starting worker. */
describe('re-audit schedules and re-audits on request', () => {
  let platform: TestPlatform;
  let queue: Queue;
  let projectId: string;
  const extraWorkers: INestApplicationContext[] = [];

  const schedulersOf = async (id: string) => (await queue.getJobSchedulers()).filter((s) => s.key === reauditSchedulerId(id));

  beforeAll(async () => {
    platform = await startTestPlatform();
    queue = platform.api.get<Queue>(getQueueToken(AUDIT_QUEUE));
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Schedules Co' }).expect(201)).body.id;
    projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Shop' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await Promise.all(extraWorkers.map((w) => w.close()));
    await platform?.close();
  });

  it('refuses what is not a schedule, as problem+json naming the field', async () => {
    const url = `/v1/projects/${projectId}/schedule`;
    for (const [body, field] of [
      [{ cron: '61 * * * *' }, 'cron'],
      [{ cron: 'every monday' }, 'cron'],
      [{ cron: '0 6 * * 1', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ cron: '0 6 * * 1', everyDays: 7 }, 'cron'],
      [{}, 'cron'],
    ] as const) {
      const res = await platform.http.put(url).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.field).toBe(field);
    }
    await platform.http.put(url).send({ everyDays: 0 }).expect(400);
    await platform.http.get(url).expect(404);
    expect(await schedulersOf(projectId)).toEqual([]);
  });

  it('stores a cron schedule with its time zone, shows the next run, and keeps one scheduler per project when replaced', async () => {
    const url = `/v1/projects/${projectId}/schedule`;
    const put = (await platform.http.put(url).send({ cron: '0 6 * * 1', timezone: 'Europe/Paris' }).expect(200)).body;
    expect(put).toMatchObject({ projectId, cron: '0 6 * * 1', timezone: 'Europe/Paris' });
    const next = new Date(put.nextRunAt);
    // 06:00 in Paris on a Monday is 05:00 UTC (04:00 in summer time).
    expect([next.getUTCDay(), [4, 5].includes(next.getUTCHours()), next.getUTCMinutes()]).toEqual([1, true, 0]);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect((await platform.http.get(url).expect(200)).body).toEqual(put);
    expect(await schedulersOf(projectId)).toEqual([expect.objectContaining({ pattern: '0 6 * * 1', tz: 'Europe/Paris', name: 'reaudit' })]);

    const weekly = (await platform.http.put(url).send({ everyDays: 7 }).expect(200)).body;
    expect(weekly).toMatchObject({ projectId, everyDays: 7 });
    expect(weekly.cron).toBeUndefined();
    expect(await schedulersOf(projectId)).toEqual([expect.objectContaining({ every: 7 * 86_400_000 })]);
  });

  it('is registered again from PostgreSQL when Redis lost its keys, once however many workers start together', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${testQueuePrefix()}:${AUDIT_QUEUE}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    expect(await schedulersOf(projectId)).toEqual([]);
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), APIAUDIT_QUEUE_PREFIX: testQueuePrefix(), LOG_LEVEL: 'warn' };
    extraWorkers.push(...(await Promise.all([startWorker(env), startWorker(env), startWorker(env)])));
    expect(await schedulersOf(projectId)).toEqual([expect.objectContaining({ every: 7 * 86_400_000 })]);
    // Every stored schedule (other test files of this run store theirs in the same database) once, this one among them.
    const schedulers = (await queue.getJobSchedulers()).filter((s) => s.key.startsWith(REAUDIT_SCHEDULER_PREFIX)).map((s) => s.key);
    expect(new Set(schedulers).size).toBe(schedulers.length);
    expect(schedulers).toContain(reauditSchedulerId(projectId));
    // The next run is one delayed job, not one per worker.
    const delayed = (await queue.getDelayed()).filter((job) => job.name === 'reaudit' && (job.data as { projectId: string }).projectId === projectId);
    expect(delayed).toHaveLength(1);
  });

  it('removes the schedule and its scheduler', async () => {
    const url = `/v1/projects/${projectId}/schedule`;
    await platform.http.delete(url).expect(204);
    await platform.http.get(url).expect(404);
    await platform.http.delete(url).expect(404);
    expect(await schedulersOf(projectId)).toEqual([]);
  });

  it('re-audits now on POST /reaudits, once per Idempotency-Key, recording who asked', async () => {
    await platform.http.post(`/v1/projects/${projectId}/reaudits`).expect(409);
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    const first = await platform.http.post(`/v1/projects/${projectId}/reaudits`).set('Idempotency-Key', 'reaudit-1').expect(202);
    const again = await platform.http.post(`/v1/projects/${projectId}/reaudits`).set('Idempotency-Key', 'reaudit-1').expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(first.headers.location).toBe(`/v1/audits/${first.body.id}`);
    let audit = first.body;
    for (const deadline = Date.now() + 90_000; audit.status !== 'succeeded' && audit.status !== 'failed' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      audit = (await platform.http.get(`/v1/audits/${first.body.id}`).expect(200)).body;
    }
    expect(audit).toMatchObject({ status: 'succeeded', triggeredBy: { kind: 'manual', userId: platform.consultant.user.id } });
    expect(audit.links.comparison).toBe(`/v1/audits/${audit.id}/comparison`);
    const audits = (await platform.http.get(`/v1/projects/${projectId}/audits`).expect(200)).body.items;
    expect(audits).toHaveLength(1);
  });
});
