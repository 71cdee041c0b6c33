import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { buildTarGz } from '../../libs/github/src/__fixtures__/build-archives';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';

jest.setTimeout(120_000);

const SECRET = 'push-webhook-secret-for-tests';
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
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** GitHub push webhooks re-audit the projects whose repository source reads the pushed branch, once per delivery. */
describe('GitHub push webhooks (signed with @octokit/webhooks, on the real api, worker, PostgreSQL and Redis)', () => {
  let platform: TestPlatform;
  let stand: ReturnType<typeof githubStandIn>;
  let projectId: string;

  const deliver = (body: string, delivery: string, headers: Record<string, string> = { 'X-Hub-Signature-256': sign(body) }, event = 'push') =>
    platform.anonymous.post('/v1/webhooks/github').set('content-type', 'application/json').set('X-GitHub-Event', event).set('X-GitHub-Delivery', delivery).set(headers).send(body);
  const githubAudits = async () =>
    ((await platform.http.get(`/v1/projects/${projectId}/audits`).expect(200)).body.items as Array<{ id: string; triggeredBy: { kind: string } | null }>).filter((a) => a.triggeredBy?.kind === 'github');

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
    platform = await startTestPlatform({ GITHUB_API_URL: `http://127.0.0.1:${(stand.server.address() as AddressInfo).port}`, APIAUDIT_GITHUB_WEBHOOK_SECRET: SECRET });
    projectId = await createProject(platform.http, 'Pushes', 'Shop');
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    await platform.http.post(`/v1/projects/${projectId}/sources/github`).send({ repository: 'acme/shop-api', ref: 'main' }).expect(201);
  });

  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((r) => stand.server.close(() => r()));
  });

  it('answers 401 problem+json to an unsigned or wrongly signed delivery and enqueues nothing', async () => {
    const body = push('refs/heads/main', FIRST_SHA);
    for (const headers of [{} as Record<string, string>, { 'X-Hub-Signature-256': sign(body, 'another-secret-of-someone') }, { 'X-Hub-Signature-256': 'sha256=zz' }, { 'X-Hub-Signature-256': sign(`${body} `) }]) {
      const res = await deliver(body, 'd-unsigned', headers).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await githubAudits()).toEqual([]);
  });

  it('re-audits on a push to the branch the source reads, once per delivery, and not for other branches or the same commit', async () => {
    // Other test files of this run may link the same repository to their projects: look at this project's part only.
    const mine = <T extends { projectId: string }>(list: T[]) => list.filter((entry) => entry.projectId === projectId);
    const other = await deliver(push('refs/heads/feature', FIRST_SHA), 'd-feature').expect(202);
    expect(mine(other.body.audits)).toEqual([]);
    expect(mine(other.body.skipped)).toEqual([{ projectId, reason: expect.stringMatching(/reads main/) }]);
    await deliver('{}', 'd-ping', undefined, 'ping').expect(202);

    const body = push('refs/heads/main', FIRST_SHA);
    const first = await deliver(body, 'd-1').expect(202);
    const [started] = mine(first.body.audits as Array<{ projectId: string; auditId: string }>);
    expect(mine(first.body.audits)).toEqual([{ projectId, auditId: expect.any(String), created: true }]);
    const redelivered = await deliver(body, 'd-1').expect(202);
    expect(mine(redelivered.body.audits)).toEqual([{ projectId, auditId: started!.auditId, created: false }]);
    const audit = await finished(started!.auditId);
    expect(audit).toMatchObject({ status: 'succeeded', error: null, triggeredBy: { kind: 'github', delivery: 'd-1', repository: 'Acme/Shop-API', ref: 'refs/heads/main', commit: FIRST_SHA } });

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
});
