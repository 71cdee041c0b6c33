import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testQueuePrefix } from '../setup/test-env';
import { postJson, send, startListeningApi, type ListeningApi } from './listening-api';
import { waitUntil, WorkerProcess } from './worker-process';

// Real processes on a shared machine: generous bounds.
jest.setTimeout(120_000);

const shop = resolve(__dirname, '../../examples/shop');
/** Short beats so a killed worker's key expires in 0.9 s; the production default is 5 s (15 s of life). */
const HEARTBEAT_MS = 300;

/**
 * Worker presence on the real Redis: workers write heartbeat keys under the queue prefix, GET /v1/status counts
 * them with the queue's depth, and an audit with no worker to run it says so. /readyz stays about the api.
 */
describe('worker presence and queue depth (api and real worker processes on PostgreSQL and Redis)', () => {
  let api: ListeningApi;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // A prefix of its own: workers of other test files in this run (in-process, or killed and not yet expired) must not count.
    api = await startListeningApi({ APIAUDIT_QUEUE_PREFIX: `${testQueuePrefix()}-presence`, APIAUDIT_WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS) });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await api?.close();
  });

  const status = async () => {
    const answer = await send(api.base, 'GET', '/v1/status');
    expect(answer.status).toBe(200);
    return answer.json as { workers: { alive: number; lastHeartbeat: string | null; heartbeatMs: number; items: Array<{ pid: number }> }; queue: Record<string, number> };
  };

  it('reports no worker, a waiting job and an audit waiting for a worker; a started worker is seen and runs it; a killed one expires', async () => {
    const before = await status();
    expect(before.workers).toEqual({ alive: 0, lastHeartbeat: null, heartbeatMs: HEARTBEAT_MS, items: [] });
    // Readiness is about the api: green without any worker.
    expect((await send(api.base, 'GET', '/readyz')).status).toBe(200);

    const client = await postJson(api.base, '/v1/clients', { name: 'Presence' });
    const projectId = (await postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Shop' })).json.id as string;
    const spec = await send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: readFileSync(join(shop, 'openapi.yaml')), headers: { 'content-type': 'application/yaml' } });
    expect(spec.status).toBe(201);
    const started = await postJson(api.base, `/v1/projects/${projectId}/audits`, {});
    expect(started.status).toBe(202);
    const auditId = started.json.id as string;
    // Fresh: not yet long enough without a worker to say so.
    expect((await send(api.base, 'GET', `/v1/audits/${auditId}`)).json.waitingFor).toBeUndefined();
    expect((await status()).queue).toEqual({ waiting: 1, active: 0, delayed: 0, failed: 0 });

    const waiting = await waitUntil('the audit to say it waits for a worker', async () => {
      const audit = (await send(api.base, 'GET', `/v1/audits/${auditId}`)).json;
      return audit.waitingFor === 'worker' ? audit : undefined;
    }, 10_000, 100);
    expect(waiting.status).toBe('queued');

    const worker = new WorkerProcess({ ...api.env, LOG_LEVEL: 'warn' });
    workers.push(worker);
    const seen = await waitUntil('the worker to be seen', async () => {
      const s = await status();
      return s.workers.alive === 1 ? s : undefined;
    }, 30_000, 100);
    expect(seen.workers.items.map((w) => w.pid)).toEqual([worker.pid]);
    expect(Date.parse(seen.workers.lastHeartbeat!)).toBeGreaterThan(Date.now() - 10_000);

    const done = await waitUntil('the audit to finish', async () => {
      const audit = (await send(api.base, 'GET', `/v1/audits/${auditId}`)).json;
      return audit.status === 'succeeded' || audit.status === 'failed' ? audit : undefined;
    }, 90_000, 200);
    expect({ status: done.status, waitingFor: done.waitingFor }).toEqual({ status: 'succeeded', waitingFor: undefined });
    // Jobs that follow a finished audit (its webhooks) drain too. Delayed jobs are left out: a worker registers
    // every stored re-audit schedule when it starts, and other test files of the run store some.
    const drained = await waitUntil('the queue to drain', async () => {
      const { queue } = await status();
      return queue.waiting + queue.active === 0 ? queue : undefined;
    }, 30_000, 100);
    expect({ waiting: drained.waiting, active: drained.active, failed: drained.failed }).toEqual({ waiting: 0, active: 0, failed: 0 });

    await worker.kill('SIGKILL');
    const killedAt = Date.now();
    const gone = await waitUntil('the killed worker\'s heartbeat to expire', async () => {
      const s = await status();
      return s.workers.alive === 0 ? s : undefined;
    }, 10_000, 50);
    // Its key lived out its TTL (three beats): it expired, nobody removed it. The margin is for a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(3 * HEARTBEAT_MS + 5000);
    // The last heartbeat outlives the worker: how long ago one was seen is what an operator asks next.
    expect(Date.parse(gone.workers.lastHeartbeat!)).toBeGreaterThanOrEqual(Date.parse(seen.workers.lastHeartbeat!));
  });

  it('removes a gracefully stopped worker at once', async () => {
    const worker = new WorkerProcess({ ...api.env, LOG_LEVEL: 'warn', APIAUDIT_WORKER_HEARTBEAT_MS: '60000' });
    workers.push(worker);
    await waitUntil('the worker to be seen', async () => ((await status()).workers.alive === 1 ? true : undefined), 30_000, 100);
    await worker.stop();
    // With a 60 s beat its key would live 3 minutes: only its own removal makes it vanish now.
    expect((await status()).workers.alive).toBe(0);
  });

  it('is for consultants only', async () => {
    const anonymous = await fetch(`${api.base}/v1/status`);
    expect(anonymous.status).toBe(401);
  });
});
