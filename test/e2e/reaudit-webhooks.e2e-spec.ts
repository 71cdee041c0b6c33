import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { signWebhookBody } from '@apiaudit/domain';
import { openToken, webhookSecretContext } from '@apiaudit/db';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';
import { TEST_TOKEN_KEY } from '../setup/test-env';

jest.setTimeout(120_000);

const spec = readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml'), 'utf8');
const SECRET = 'receiver-shared-secret-0123456789';

/** A receiver on 127.0.0.1 that answers 503 to the first `failures` requests, then 204. */
function flakyReceiver(failures: number) {
  const received: Array<{ headers: IncomingHttpHeaders; body: string; at: number; answered: number }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const answered = received.length < failures ? 503 : 204;
      received.push({ headers: req.headers, body, at: Date.now(), answered });
      res.writeHead(answered).end();
    });
  });
  return { server, received };
}

/** Outbound webhooks: signed, retried with backoff through BullMQ, every attempt in the delivery log. */
describe('outbound webhooks of a project', () => {
  let platform: TestPlatform;
  let receiver: ReturnType<typeof flakyReceiver>;
  let url: string;
  let projectId: string;

  beforeAll(async () => {
    receiver = flakyReceiver(2);
    await new Promise<void>((r) => receiver.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks/apiaudit`;
    platform = await startTestPlatform();
    projectId = await createProject(platform.http, 'Hooks', 'Shop');
  });

  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((r) => receiver.server.close(() => r()));
  });

  it('registers a webhook, never answers its secret back, and refuses what is not a URL or a secret', async () => {
    await platform.http.post(`/v1/projects/${projectId}/webhooks`).send({ url: 'ftp://example.com/x', secret: SECRET }).expect(400);
    await platform.http.post(`/v1/projects/${projectId}/webhooks`).send({ url }).expect(400);
    await platform.http.post(`/v1/projects/${projectId}/webhooks`).send({ url, secret: 'short' }).expect(400);
    const made = await platform.http.post(`/v1/projects/${projectId}/webhooks`).send({ url, secret: SECRET }).expect(201);
    expect(made.body).toMatchObject({ projectId, url, events: ['audit.succeeded', 'audit.failed'] });
    expect(made.text).not.toContain(SECRET);
    // Stored sealed under APIAUDIT_TOKEN_KEY, bound to the webhook: the row holds no trace of the secret.
    const [stored] = await platform.api.get(DataSource).query(`SELECT * FROM project_webhooks WHERE id = $1`, [made.body.id]);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect((stored.secret_sealed as Buffer).toString('latin1')).not.toContain(SECRET);
    expect(openToken(stored.secret_sealed, TEST_TOKEN_KEY, webhookSecretContext(made.body.id))).toBe(SECRET);
    const generated = (await platform.http.post(`/v1/projects/${projectId}/webhooks`).send({ url: 'http://127.0.0.1:9/unused', secret: 'another-secret-0123456789' }).expect(201)).body;
    const listed = (await platform.http.get(`/v1/projects/${projectId}/webhooks`).expect(200)).body;
    expect(listed.items.map((w: { id: string }) => w.id)).toEqual([made.body.id, generated.id]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    await platform.http.delete(`/v1/projects/${projectId}/webhooks/${generated.id}`).expect(204);
    await platform.http.delete(`/v1/projects/${projectId}/webhooks/${generated.id}`).expect(404);
  });

  it('POSTs a signed payload when an audit ends, retried with backoff until the receiver takes it, every attempt logged', async () => {
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    const auditId = (await platform.http.post(`/v1/projects/${projectId}/audits`).expect(202)).body.id as string;
    let delivery: { status: string; attempts: Array<{ status?: number; error?: string; at: string }>; auditId: string; event: string } | undefined;
    for (const deadline = Date.now() + 90_000; delivery?.status !== 'delivered' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      delivery = (await platform.http.get(`/v1/projects/${projectId}/webhook-deliveries`).expect(200)).body.items[0];
    }
    expect(delivery).toMatchObject({ auditId, event: 'audit.succeeded', status: 'delivered' });
    expect(delivery!.attempts.map((a) => a.status)).toEqual([503, 503, 204]);
    expect(receiver.received.map((r) => r.answered)).toEqual([503, 503, 204]);
    // Exponential backoff: about 1 s, then about 2 s between attempts.
    const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1800);

    for (const { headers, body } of receiver.received) {
      const signature = String(headers['x-apiaudit-signature']);
      const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature)?.[1]);
      expect(signWebhookBody(SECRET, body, t)).toBe(signature);
      expect(Math.abs(Date.now() / 1000 - t)).toBeLessThan(120);
      expect(headers['x-apiaudit-event']).toBe('audit.succeeded');
      expect(headers['content-type']).toBe('application/json');
    }
    const payload = JSON.parse(receiver.received[2]!.body);
    expect(payload).toMatchObject({ event: 'audit.succeeded', projectId, audit: { id: auditId, status: 'succeeded', links: { comparison: `/v1/audits/${auditId}/comparison` } }, comparison: null });
    expect(payload.audit.score).toEqual(expect.any(Number));
    // A forged body does not match the signature.
    expect(signWebhookBody(SECRET, receiver.received[2]!.body.replace(auditId, 'x'), 1)).not.toBe(receiver.received[2]!.headers['x-apiaudit-signature']);
  });

  it('pages the delivery log and filters it by webhook', async () => {
    const page = (await platform.http.get(`/v1/projects/${projectId}/webhook-deliveries?limit=1`).expect(200)).body;
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeNull();
    await platform.http.get(`/v1/projects/${projectId}/webhook-deliveries?webhookId=not-a-uuid`).expect(400);
  });

  it("keeps receivers' URLs and answers from the client's own users, who may read the project", async () => {
    const clientId = (await platform.http.get(`/v1/projects/${projectId}`).expect(200)).body.clientId as string;
    for (const role of ['client-admin', 'client-viewer'] as const) {
      const user = await platform.signUp(role, clientId);
      await user.http.get(`/v1/projects/${projectId}`).expect(200);
      await user.http.get(`/v1/projects/${projectId}/webhooks`).expect(403);
      await user.http.get(`/v1/projects/${projectId}/webhook-deliveries`).expect(403);
    }
  });
});
