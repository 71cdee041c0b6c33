import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '../setup/test-env';
import { postJson, send, startListeningApi, type ListeningApi } from './listening-api';
import { waitUntil, WorkerProcess } from './worker-process';

jest.setTimeout(240_000);

const v1 = readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml'));
const v2 = readFileSync(resolve(__dirname, '../fixtures/reaudit/openapi.v2.yaml'));
const LOCK_MS = 5000;

/**
 * A scheduled re-audit whose workers are killed with SIGKILL: right after the scheduler's job created the audit
 * (before the job was marked done), then right after the analysis stored its findings. Another worker takes each job
 * over; the re-audit completes once, with no duplicate findings, one stored comparison (never visible before the
 * audit succeeded) and one webhook delivery.
 */
describe('SIGKILL during a scheduled re-audit (real worker processes on PostgreSQL and Redis)', () => {
  let api: ListeningApi;
  let db: Client;
  let receiver: Server;
  let hookUrl: string;
  const received: string[] = [];
  const workers: WorkerProcess[] = [];

  const startWorker = (fault?: string) => {
    const worker = new WorkerProcess({ ...api.env, LOG_LEVEL: 'warn', APIAUDIT_JOB_LOCK_MS: String(LOCK_MS), PUPPETEER_EXECUTABLE_PATH: '', ...(fault ? { APIAUDIT_WORKER_FAULT: fault } : {}) });
    workers.push(worker);
    return worker;
  };
  const rows = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows;

  beforeAll(async () => {
    api = await startListeningApi();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
    await db?.end();
    await api?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('completes the re-audit once, compared and notified once, after two SIGKILLs', async () => {
    const client = await postJson(api.base, '/v1/clients', { name: 'Crash re-audits' });
    const projectId = (await postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Shop' })).json.id as string;
    const upload = (bytes: Buffer) => send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: bytes, headers: { 'content-type': 'application/yaml' } });
    expect((await upload(v1)).status).toBe(201);

    const steady = startWorker();
    const baselineId = (await postJson(api.base, `/v1/projects/${projectId}/audits`, {})).json.id as string;
    await waitUntil('the baseline audit', async () => ((await send(api.base, 'GET', `/v1/audits/${baselineId}`)).json.status === 'succeeded' ? true : undefined), 90_000, 200);
    await steady.stop();

    expect((await upload(v2)).status).toBe(201);
    expect((await postJson(api.base, `/v1/projects/${projectId}/webhooks`, { url: hookUrl, secret: 'crash-test-secret-0123' })).status).toBe(201);
    // The first worker freezes right after the scheduler's job created the audit and enqueued its ingest.
    let victim = startWorker('reaudit:after');
    const schedule = await send(api.base, 'PUT', `/v1/projects/${projectId}/schedule`, { body: JSON.stringify({ cron: '* * * * * *' }), headers: { 'content-type': 'application/json' } });
    expect(schedule.status).toBe(200);
    await victim.waitFor(/froze in reaudit \S+ after/, 60_000);
    // One firing is enough: no new audit starts from here on (a firing taken over after the crash still finds its own).
    expect((await send(api.base, 'DELETE', `/v1/projects/${projectId}/schedule`)).status).toBe(204);
    const [reaudit] = await rows(`SELECT id FROM audits WHERE project_id = $1 AND triggered_by->>'kind' = 'schedule'`, [projectId]);
    const reauditId = reaudit.id as string;

    // The next worker takes the stalled job over, then freezes right after the analysis stored the findings.
    const second = startWorker('analyze:after');
    await victim.kill('SIGKILL');
    await second.waitFor(/froze in analyze \S+ after/, 90_000);
    const midway = await send(api.base, 'GET', `/v1/audits/${reauditId}/comparison`);
    expect([midway.status, midway.json.type]).toEqual([409, 'https://apiaudit.dev/problems/audit-not-finished']);
    expect(await rows('SELECT 1 FROM audit_comparisons WHERE audit_id = $1', [reauditId])).toEqual([]);
    victim = second;
    const last = startWorker();
    await victim.kill('SIGKILL');

    const audit = await waitUntil(
      're-audit to finish',
      async () => {
        const body = (await send(api.base, 'GET', `/v1/audits/${reauditId}`)).json;
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      120_000,
      200,
    );
    expect({ status: audit.status, error: audit.error, kind: audit.triggeredBy.kind }).toEqual({ status: 'succeeded', error: null, kind: 'schedule' });
    expect(await rows(`SELECT id FROM audits WHERE project_id = $1 AND triggered_by->>'kind' = 'schedule'`, [projectId])).toEqual([{ id: reauditId }]);
    const [counts] = await rows('SELECT count(*)::int AS n, count(DISTINCT fingerprint)::int AS distinct FROM findings WHERE audit_id = $1', [reauditId]);
    expect(counts.n).toBeGreaterThan(5);
    expect(counts.distinct).toBe(counts.n);
    expect(await rows('SELECT baseline_audit_id FROM audit_comparisons WHERE audit_id = $1', [reauditId])).toEqual([{ baseline_audit_id: baselineId }]);
    const comparison = (await send(api.base, 'GET', `/v1/audits/${reauditId}/comparison`)).json;
    expect(comparison.resolved.map((f: { ruleId: string }) => f.ruleId)).toContain('api-key-in-query');

    // The attempt is logged once the receiver has answered: wait for the log, not for the receiver.
    const deliveries = await waitUntil(
      'the webhook delivery to be logged',
      async () => {
        const found = await rows(`SELECT status FROM webhook_deliveries WHERE audit_id = $1`, [reauditId]);
        return found.some((d) => d.status !== 'pending') ? found : undefined;
      },
      30_000,
      100,
    );
    expect(deliveries).toEqual([{ status: 'delivered' }]);
    expect(received.filter((b) => b.includes(`"id":"${reauditId}"`))).toHaveLength(1);
    await last.stop();
  });
});
