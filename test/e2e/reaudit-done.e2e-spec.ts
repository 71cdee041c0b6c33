import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { signWebhookBody } from '@apiaudit/domain';
import { tracesWithoutNPlusOne } from '../fixtures/reaudit/traces';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';

jest.setTimeout(180_000);

const shop = resolve(__dirname, '../../examples/shop');
const specV1 = readFileSync(resolve(shop, 'openapi.yaml'), 'utf8');
/** Fixes the API key in the query string of POST /v1/payments; adds DELETE /v1/products (a delete on a collection). */
const specV2 = readFileSync(resolve(__dirname, '../fixtures/reaudit/openapi.v2.yaml'), 'utf8');
const tracesV1 = readFileSync(resolve(shop, 'traces/shop.otlp.jsonl'), 'utf8');
const SECRET = 'done-means-webhook-secret';

/**
 * Done means: a baseline audit of the sample project; a new spec version and new traces that fix two problems and
 * introduce one; a re-audit fired by a fast cron schedule (every second); then what it resolved, what is new, that
 * nothing regressed, the baseline plan's targets, the score deltas, and the signed webhook delivery that reported it.
 */
describe('done means: a scheduled re-audit proves the fixes (PostgreSQL, Redis, api and worker)', () => {
  let platform: TestPlatform;
  let receiver: Server;
  const received: Array<{ signature: string; body: string }> = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ signature: String(req.headers['x-apiaudit-signature']), body });
        res.writeHead(204, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const value = await probe();
      if (value !== undefined) return value;
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('resolves the two fixed problems, reports the new one, validates the targets and notifies the webhook', async () => {
    const http = platform.http;
    const projectId = await createProject(http, 'Acme Retail', 'Storefront API');
    const upload = (query: string, type: string, body: string) => http.post(`/v1/projects/${projectId}/sources?${query}`).set('content-type', type).send(body).expect(201);
    await upload('filename=openapi.yaml', 'application/yaml', specV1);
    await upload('kind=traces&filename=shop.otlp.jsonl', 'application/x-ndjson', tracesV1);
    const baselineId = (await http.post(`/v1/projects/${projectId}/audits`).expect(202)).body.id as string;
    const baseline = await until('the baseline audit', async () => {
      const audit = (await http.get(`/v1/audits/${baselineId}`).expect(200)).body;
      return audit.status === 'succeeded' || audit.status === 'failed' ? audit : undefined;
    });
    expect(baseline.status).toBe('succeeded');
    const baselineRules = ((await http.get(`/v1/audits/${baselineId}/comparison`).expect(200)).body.new as Array<{ ruleId: string }>).map((f) => f.ruleId);
    expect(baselineRules).toEqual(expect.arrayContaining(['api-key-in-query', 'trace-n-plus-one-query']));

    // The client ships: a new spec version and a new recording of the traffic.
    await upload('filename=openapi.yaml', 'application/yaml', specV2);
    await upload('kind=traces&filename=shop-after-fix.otlp.jsonl', 'application/x-ndjson', tracesWithoutNPlusOne(tracesV1));
    await http.post(`/v1/projects/${projectId}/webhooks`).send({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/apiaudit`, secret: SECRET }).expect(201);

    const schedule = (await http.put(`/v1/projects/${projectId}/schedule`).send({ cron: '* * * * * *', timezone: 'Europe/Paris' }).expect(200)).body;
    expect(new Date(schedule.nextRunAt).getTime() - Date.now()).toBeLessThanOrEqual(1500);
    const reaudit = await until('the scheduled re-audit to start', async () =>
      ((await http.get(`/v1/projects/${projectId}/audits?limit=5`).expect(200)).body.items as Array<{ id: string; triggeredBy: { kind: string } | null }>).find((a) => a.triggeredBy?.kind === 'schedule'),
    );
    await http.delete(`/v1/projects/${projectId}/schedule`).expect(204);
    const done = await until('the re-audit to finish', async () => {
      const audit = (await http.get(`/v1/audits/${reaudit.id}`).expect(200)).body;
      return audit.status === 'succeeded' || audit.status === 'failed' ? audit : undefined;
    });
    expect({ status: done.status, error: done.error }).toEqual({ status: 'succeeded', error: null });

    const comparison = (await http.get(`/v1/audits/${reaudit.id}/comparison`).expect(200)).body;
    const rules = (list: Array<{ ruleId: string }>) => list.map((f) => f.ruleId);
    expect(comparison.baselineAuditId).toBe(baselineId);
    expect(rules(comparison.resolved)).toEqual(expect.arrayContaining(['api-key-in-query', 'trace-n-plus-one-query']));
    expect(rules(comparison.new)).toContain('delete-on-collection');
    expect(comparison.regressed).toEqual([]);
    const target = (ruleId: string) => comparison.validation.find((v: { item: { ruleId: string } }) => v.item.ruleId === ruleId);
    expect(target('api-key-in-query')).toMatchObject({ metric: 'findings.count', before: 1, after: 0, met: true });
    expect(target('trace-n-plus-one-query')).toMatchObject({ met: true });
    expect(target('trace-n-plus-one-query').before).toBeGreaterThan(target('trace-n-plus-one-query').target.value);
    expect(comparison.scores.delta).toBe(comparison.scores.after - comparison.scores.before);
    expect(comparison.scores.byCategory.security.after).toBeGreaterThan(comparison.scores.byCategory.security.before);
    expect(comparison.scores.byCategory.performance.after).toBeGreaterThanOrEqual(comparison.scores.byCategory.performance.before);

    // The re-audit's plan opens with the same comparison.
    const html = (await http.get(`/v1/audits/${reaudit.id}/plan.html`).expect(200)).text;
    expect(html).toContain('<h3>Targets of the baseline plan</h3>');

    // The webhook got the same comparison, regressions first, signed.
    const delivery = await until('the webhook delivery', async () => received.find((r) => r.body.includes(reaudit.id)));
    const t = Number(/^t=(\d+),/.exec(delivery.signature)?.[1]);
    expect(signWebhookBody(SECRET, delivery.body, t)).toBe(delivery.signature);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({ event: 'audit.succeeded', projectId, audit: { id: reaudit.id, triggeredBy: { kind: 'schedule' } }, comparison: { baselineAuditId: baselineId, regressed: [] } });
    expect(Object.keys(payload.comparison).slice(0, 3)).toEqual(['baselineAuditId', 'regressed', 'new']);
    expect(rules(payload.comparison.resolved)).toEqual(rules(comparison.resolved));
    // The attempt is logged once the receiver has answered: wait for the log, not for the receiver.
    const logged = await until('the delivery to be logged', async () => {
      const items = (await http.get(`/v1/projects/${projectId}/webhook-deliveries`).expect(200)).body.items as Array<{ auditId: string; status: string }>;
      return items.find((d) => d.auditId === reaudit.id && d.status !== 'pending');
    });
    expect(logged).toMatchObject({ status: 'delivered', attempts: [{ status: 204 }] });
    // One firing, one re-audit: the schedule started nothing else.
    const audits = (await http.get(`/v1/projects/${projectId}/audits`).expect(200)).body.items as Array<{ id: string }>;
    expect(audits.map((a) => a.id).sort()).toEqual([baselineId, reaudit.id].sort());
  });
});
