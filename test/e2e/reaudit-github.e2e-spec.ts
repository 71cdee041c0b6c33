import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { githubWebhookSecretContext, openToken } from '@apiaudit/db';
import { buildTarGz } from '../../libs/github/src/__fixtures__/build-archives';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';
import { TEST_TOKEN_KEY } from '../setup/test-env';

jest.setTimeout(120_000);

const recorded = resolve(__dirname, '../../libs/github/src/__fixtures__');
const FIRST_SHA = '4f8a1c2d9e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const SECOND_SHA = '7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b';
const spec = readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml'), 'utf8');

/** GitHub's REST API as the repository source reads it: the repository, its branch head, the tarball. */
function githubStandIn(tarball: Buffer) {
  const state = { head: FIRST_SHA };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url === '/repos/acme/shop-api') return json(200, JSON.parse(readFileSync(join(recorded, 'repos-get.json'), 'utf8')));
    if (url === '/repos/acme/shop-api/commits/main') return json(200, { ...JSON.parse(readFileSync(join(recorded, 'commits-main.json'), 'utf8')), sha: state.head });
    if (/^\/repos\/acme\/shop-api\/tarball\/[0-9a-f]{40}$/.test(url)) {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      return res.end(tarball);
    }
    json(404, { message: 'Not Found' });
  });
  return { server, state };
}

const push = (ref: string, after: string) => JSON.stringify({ ref, before: '0'.repeat(40), after, deleted: false, repository: { full_name: 'Acme/Shop-API', default_branch: 'main' } });
const sign = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * GitHub push webhooks, verified against the secret of each project linked to the pushed repository, re-audit the
 * projects whose repository source reads the pushed branch, once per delivery.
 */
describe('GitHub push webhooks (per-project secrets, @octokit/webhooks, on the real api, worker, PostgreSQL and Redis)', () => {
  let platform: TestPlatform;
  let stand: ReturnType<typeof githubStandIn>;
  let projectId: string;
  /** Another client's project linked to the same repository and branch, with its own secret. */
  let otherId: string;
  let secret: string;
  let otherSecret: string;

  const deliver = (body: string, delivery: string, headers: Record<string, string> = { 'X-Hub-Signature-256': sign(body, secret) }, event = 'push') =>
    platform.anonymous.post('/v1/webhooks/github').set('content-type', 'application/json').set('X-GitHub-Event', event).set('X-GitHub-Delivery', delivery).set(headers).send(body);
  const githubAudits = async (id = projectId) =>
    ((await platform.http.get(`/v1/projects/${id}/audits`).expect(200)).body.items as Array<{ id: string; triggeredBy: { kind: string } | null }>).filter((a) => a.triggeredBy?.kind === 'github');
  // Other test files of this run may link the same repository to their projects: look at these projects' part only.
  const mine = <T extends { projectId: string }>(list: T[], id = projectId) => list.filter((entry) => entry.projectId === id);

  async function finished(auditId: string) {
    let audit = { status: 'queued', error: null as string | null, triggeredBy: null as unknown };
    for (const deadline = Date.now() + 90_000; audit.status !== 'succeeded' && audit.status !== 'failed' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      audit = (await platform.http.get(`/v1/audits/${auditId}`).expect(200)).body;
    }
    return audit;
  }

  beforeAll(async () => {
    const tarball = await buildTarGz([{ name: 'acme-shop-api-4f8a1c2/src/app.ts', body: "import express from 'express';\nconst app = express();\napp.get('/v1/products', (req, res) => res.json([]));\n" }]);
    stand = githubStandIn(tarball);
    await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
    platform = await startTestPlatform({ GITHUB_API_URL: `http://127.0.0.1:${(stand.server.address() as AddressInfo).port}` });
    projectId = await createProject(platform.http, 'Pushes', 'Shop');
    otherId = await createProject(platform.http, 'Pushes elsewhere', 'Shop too');
    for (const id of [projectId, otherId]) {
      await platform.http.post(`/v1/projects/${id}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
      await platform.http.post(`/v1/projects/${id}/sources/github`).send({ repository: 'acme/shop-api', ref: 'main' }).expect(201);
    }
  });

  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((r) => stand.server.close(() => r()));
  });

  it('refuses every push to a project without a secret', async () => {
    const body = push('refs/heads/main', FIRST_SHA);
    await platform.http.get(`/v1/projects/${projectId}/github-webhook-secret`).expect(404);
    const res = await deliver(body, 'd-no-secret', { 'X-Hub-Signature-256': sign(body, 'a-secret-nobody-set-up') }).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await githubAudits()).toEqual([]);
  });

  it('sets a secret, stored sealed and never answered back; setting another rotates it', async () => {
    const url = `/v1/projects/${projectId}/github-webhook-secret`;
    for (const body of [{}, { secret: 'too-short' }, { secret: 'x'.repeat(201) }]) {
      const res = await platform.http.put(url).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const before = 'the-secret-before-rotation-0123456789';
    const first = await platform.http.put(url).send({ secret: before }).expect(200);
    expect(first.body).toEqual({ projectId, webhookUrl: '/v1/webhooks/github', setAt: expect.any(String) });
    secret = 'the-secret-after-rotation-9876543210';
    const rotated = await platform.http.put(url).send({ secret }).expect(200);
    expect(rotated.text).not.toContain(secret);
    expect((await platform.http.get(url).expect(200)).body).toEqual(rotated.body);
    const [stored] = await platform.api.get(DataSource).query(`SELECT * FROM github_webhook_secrets WHERE project_id = $1`, [projectId]);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect((stored.secret_sealed as Buffer).toString('latin1')).not.toContain(secret);
    expect(openToken(stored.secret_sealed, TEST_TOKEN_KEY, githubWebhookSecretContext(projectId))).toBe(secret);

    // The secret before the rotation no longer verifies.
    const body = push('refs/heads/main', FIRST_SHA);
    await deliver(body, 'd-old-secret', { 'X-Hub-Signature-256': sign(body, before) }).expect(401);
    otherSecret = 'the-other-clients-secret-0123456789';
    await platform.http.put(`/v1/projects/${otherId}/github-webhook-secret`).send({ secret: otherSecret }).expect(200);
    expect(await githubAudits()).toEqual([]);
  });

  it('answers 401 problem+json to an unsigned or wrongly signed delivery and enqueues nothing', async () => {
    const body = push('refs/heads/main', FIRST_SHA);
    for (const headers of [{} as Record<string, string>, { 'X-Hub-Signature-256': sign(body, 'another-secret-of-someone') }, { 'X-Hub-Signature-256': 'sha256=zz' }, { 'X-Hub-Signature-256': sign(`${body} `, secret) }]) {
      const res = await deliver(body, 'd-unsigned', headers).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    // Signed right, but for a repository the project is not linked to.
    const elsewhere = body.replace('Acme/Shop-API', 'acme/unrelated');
    await deliver(elsewhere, 'd-elsewhere', { 'X-Hub-Signature-256': sign(elsewhere, secret) }).expect(401);
    expect(await githubAudits()).toEqual([]);
    expect(await githubAudits(otherId)).toEqual([]);
  });

  it('re-audits on a push to the branch the source reads, once per delivery, and not for other branches or the same commit', async () => {
    const other = await deliver(push('refs/heads/feature', FIRST_SHA), 'd-feature').expect(202);
    expect(mine(other.body.audits)).toEqual([]);
    expect(mine(other.body.skipped)).toEqual([{ projectId, reason: expect.stringMatching(/reads main/) }]);
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.', repository: { full_name: 'acme/shop-api' } });
    await deliver(ping, 'd-ping', { 'X-Hub-Signature-256': sign(ping, secret) }, 'ping').expect(202);

    const body = push('refs/heads/main', FIRST_SHA);
    const first = await deliver(body, 'd-1').expect(202);
    const [started] = mine(first.body.audits as Array<{ projectId: string; auditId: string }>);
    expect(first.body.audits).toEqual([{ projectId, auditId: expect.any(String), created: true }]);
    // The other client's project reads the same branch, but its secret did not sign this delivery: not started, not named.
    expect(JSON.stringify(first.body)).not.toContain(otherId);
    const redelivered = await deliver(body, 'd-1').expect(202);
    expect(mine(redelivered.body.audits)).toEqual([{ projectId, auditId: started!.auditId, created: false }]);
    const audit = await finished(started!.auditId);
    expect(audit).toMatchObject({ status: 'succeeded', error: null, triggeredBy: { kind: 'github', delivery: 'd-1', repository: 'Acme/Shop-API', ref: 'refs/heads/main', commit: FIRST_SHA } });
    expect(await githubAudits(otherId)).toEqual([]);

    // The scanned commit pushed again (another delivery): nothing new to audit.
    const same = await deliver(push('refs/heads/main', FIRST_SHA), 'd-2').expect(202);
    expect(mine(same.body.audits)).toEqual([]);
    expect(mine(same.body.skipped)).toEqual([{ projectId, reason: expect.stringMatching(/last audited/) }]);

    stand.state.head = SECOND_SHA;
    const moved = await deliver(push('refs/heads/main', SECOND_SHA), 'd-3').expect(202);
    const [next] = mine(moved.body.audits as Array<{ projectId: string; auditId: string }>);
    expect(await finished(next!.auditId)).toMatchObject({ status: 'succeeded' });
    expect((await githubAudits()).length).toBe(2);
    // The second re-audit is compared with the first.
    expect((await platform.http.get(`/v1/audits/${next!.auditId}/comparison`).expect(200)).body.baselineAuditId).toBe(started!.auditId);
  });

  it("re-audits the other project with its own secret only, and nothing once a project's secret is removed", async () => {
    const body = push('refs/heads/main', SECOND_SHA);
    const res = await deliver(body, 'd-other', { 'X-Hub-Signature-256': sign(body, otherSecret) }).expect(202);
    expect(res.body.audits).toEqual([{ projectId: otherId, auditId: expect.any(String), created: true }]);
    expect(JSON.stringify(res.body)).not.toContain(projectId);
    expect(await finished(res.body.audits[0].auditId)).toMatchObject({ status: 'succeeded' });

    await platform.http.delete(`/v1/projects/${otherId}/github-webhook-secret`).expect(204);
    await platform.http.delete(`/v1/projects/${otherId}/github-webhook-secret`).expect(404);
    await platform.http.get(`/v1/projects/${otherId}/github-webhook-secret`).expect(404);
    await deliver(body, 'd-other-2', { 'X-Hub-Signature-256': sign(body, otherSecret) }).expect(401);
    expect((await githubAudits(otherId)).length).toBe(1);
  });
});
