import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { githubStandIn } from '../../libs/github/src/__fixtures__/github-stand-in';
import { planItem, smallPlan } from '../../libs/report/src/__fixtures__/small-plan';
import { testDatabaseUrl } from '../setup/test-env';
import { postJson, send, startListeningApi, type Answer, type ListeningApi } from './listening-api';

// Real servers on a shared machine: generous per-test bound (Jest's project config cannot set it).
jest.setTimeout(60_000);

const shop = resolve(__dirname, '../../examples/shop');
const PARALLEL = 10;
const REPOSITORY = 'acme/shop-api';

/** Ten requests sent at once with one Idempotency-Key: exactly one effect, and every caller gets the same answer. */
describe('Idempotency-Key under real concurrency (api on PostgreSQL)', () => {
  let api: ListeningApi;
  let db: Client;
  // GitHub for the repository source and the plan export; its `requests` show what GitHub was asked.
  const github = githubStandIn(REPOSITORY);

  beforeAll(async () => {
    await new Promise<void>((done) => github.server.listen(0, '127.0.0.1', done));
    const githubApiUrl = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
    api = await startListeningApi({ GITHUB_API_URL: githubApiUrl, GITHUB_TOKEN: 'platform-token' });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  }, 60000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await new Promise<void>((done) => github.server.close(() => done()));
  });

  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].n);
  const key = () => `k-${Math.random().toString(36).slice(2)}`;
  const all = (make: () => Promise<Answer>) => Promise.all(Array.from({ length: PARALLEL }, make));

  function expectOneAnswer(answers: Answer[], status: number): string {
    for (const a of answers) expect(a.status).toBe(status);
    const ids = new Set(answers.map((a) => a.json.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(PARALLEL - 1);
    return [...ids][0] as string;
  }

  async function newProject(): Promise<string> {
    const client = await postJson(api.base, '/v1/clients', { name: `Client ${key()}` });
    const project = await postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Shop' });
    return project.json.id;
  }

  /** A finding of an audit of the project, stored directly (comments need a fingerprint some audit reported); its fingerprint. */
  async function newFinding(projectId: string): Promise<string> {
    const fingerprint = `fp-${key()}`;
    const audit = (await db.query('INSERT INTO audits (project_id, status) VALUES ($1, $2) RETURNING id', [projectId, 'succeeded'])).rows[0].id;
    await db.query(
      `INSERT INTO findings (audit_id, position, fingerprint, finding_id, rule_id, category, severity, title, message, evidence)
       VALUES ($1, 0, $2, 'f1', 'operation-missing-summary', 'contract', 'low', 'No summary', 'No summary', '[]')`,
      [audit, fingerprint],
    );
    return fingerprint;
  }

  /** A succeeded audit of the project with a two-item plan, stored directly (the api alone runs no audit); its id. */
  async function newFinishedAudit(projectId: string): Promise<string> {
    // A subject of its own: an export finds earlier issues by a marker naming subject and rule, and would update them.
    const plan = { ...smallPlan([planItem(1, { ruleId: 'rule-a' }), planItem(2, { ruleId: 'rule-b' })]), subject: `Shop ${key()}` };
    const audit = await db.query('INSERT INTO audits (project_id, status, subject, plan) VALUES ($1, $2, $3, $4) RETURNING id', [projectId, 'succeeded', plan.subject, plan]);
    return audit.rows[0].id;
  }

  /** The export as the api shows it once it has stopped running (GitHub wants a second between writes). */
  async function endedExport(auditId: string, exportId: string): Promise<{ status: string; issues: Array<{ ruleId: string; action: string }> }> {
    let view = (await send(api.base, 'GET', `/v1/audits/${auditId}/plan/github-issues/${exportId}`)).json;
    for (const deadline = Date.now() + 30_000; view.status === 'running' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 200));
      view = (await send(api.base, 'GET', `/v1/audits/${auditId}/plan/github-issues/${exportId}`)).json;
    }
    return view;
  }

  it('creates one client for ten parallel POST /v1/clients with one key', async () => {
    const name = `Parallel ${key()}`;
    const k = key();
    const answers = await all(() => postJson(api.base, '/v1/clients', { name }, { 'idempotency-key': k }));
    expectOneAnswer(answers, 201);
    expect(await count('SELECT count(*) AS n FROM clients WHERE name = $1', [name])).toBe(1);
  });

  it('creates one project for ten parallel POST /v1/clients/{id}/projects with one key', async () => {
    const client = await postJson(api.base, '/v1/clients', { name: `Client ${key()}` });
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Shop' }, { 'idempotency-key': k }));
    expectOneAnswer(answers, 201);
    expect(await count('SELECT count(*) AS n FROM projects WHERE client_id = $1', [client.json.id])).toBe(1);
  });

  it('starts one audit for ten parallel POST /v1/projects/{id}/audits with one key', async () => {
    const projectId = await newProject();
    await send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: readFileSync(join(shop, 'openapi.yaml')), headers: { 'content-type': 'application/yaml' } });
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/projects/${projectId}/audits`, {}, { 'idempotency-key': k }));
    expectOneAnswer(answers, 202);
    expect(await count('SELECT count(*) AS n FROM audits WHERE project_id = $1', [projectId])).toBe(1);
  });

  it('stores one trace source for ten parallel streamed uploads with one key', async () => {
    const projectId = await newProject();
    const traces = readFileSync(join(shop, 'traces/shop.otlp.jsonl'));
    const k = key();
    const answers = await all(() =>
      send(api.base, 'POST', `/v1/projects/${projectId}/sources?kind=traces&filename=shop.otlp.jsonl`, { body: traces, headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': k } }),
    );
    expectOneAnswer(answers, 201);
    expect(await count("SELECT count(*) AS n FROM sources WHERE project_id = $1 AND kind = 'traces'", [projectId])).toBe(1);
  });

  it('stores one spec source for ten parallel uploads with one key', async () => {
    const projectId = await newProject();
    const k = key();
    // Another spec each time would be 422: the same bytes make the key, not the content hash, the thing under test.
    const spec = Buffer.concat([readFileSync(join(shop, 'openapi.yaml')), Buffer.from(`\n# ${k}\n`)]);
    const answers = await all(() => send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: spec, headers: { 'content-type': 'application/yaml', 'idempotency-key': k } }));
    expectOneAnswer(answers, 201);
    expect(await count("SELECT count(*) AS n FROM sources WHERE project_id = $1 AND kind = 'spec'", [projectId])).toBe(1);
  });

  it('makes one API token for ten parallel POST /v1/auth/tokens with one key', async () => {
    const k = key();
    const name = `token ${k}`;
    const answers = await all(() => postJson(api.base, '/v1/auth/tokens', { name }, { 'idempotency-key': k }));
    expectOneAnswer(answers, 201);
    // Every caller got the one token, which works.
    expect(new Set(answers.map((a) => a.json.token)).size).toBe(1);
    expect(await count('SELECT count(*) AS n FROM api_tokens WHERE name = $1', [name])).toBe(1);
    expect((await send(api.base, 'GET', '/v1/auth/me', { headers: { authorization: `Bearer ${answers[0]!.json.token}` } })).status).toBe(200);
  });

  it('makes one invitation for ten parallel POST /v1/clients/{id}/invitations with one key', async () => {
    const client = await postJson(api.base, '/v1/clients', { name: `Client ${key()}` });
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/clients/${client.json.id}/invitations`, { email: `grace-${k}@client.example`, role: 'client-viewer' }, { 'idempotency-key': k }));
    for (const a of answers) expect(a.status).toBe(201);
    expect(new Set(answers.map((a) => a.json.token)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(PARALLEL - 1);
    expect(await count('SELECT count(*) AS n FROM invitations WHERE client_id = $1', [client.json.id])).toBe(1);
  });

  it('adds one comment for ten parallel POST .../findings/{fingerprint}/comments with one key', async () => {
    const projectId = await newProject();
    const fingerprint = await newFinding(projectId);
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/projects/${projectId}/findings/${fingerprint}/comments`, { body: 'Seen, fixing it.' }, { 'idempotency-key': k }));
    expectOneAnswer(answers, 201);
    expect(await count('SELECT count(*) AS n FROM finding_comments WHERE project_id = $1 AND fingerprint = $2', [projectId, fingerprint])).toBe(1);
  });

  it('adds one repository source for ten parallel POST .../sources/github with one key, asking GitHub once', async () => {
    const projectId = await newProject();
    const lookups = () => github.requests.filter((r) => r === `GET /repos/${REPOSITORY}/commits/main`).length;
    const before = lookups();
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/projects/${projectId}/sources/github`, { repository: REPOSITORY, ref: 'main' }, { 'idempotency-key': k }));
    // All 201: without the key the source's own dedup would answer 200 to the later ones.
    expectOneAnswer(answers, 201);
    expect(await count("SELECT count(*) AS n FROM sources WHERE project_id = $1 AND kind = 'repository'", [projectId])).toBe(1);
    expect(lookups() - before).toBe(1);
  });

  it('exports a plan once for ten parallel POST .../plan/github-issues with one key: each issue created once', async () => {
    const auditId = await newFinishedAudit(await newProject());
    const created = () => github.requests.filter((r) => r === `POST /repos/${REPOSITORY}/issues`).length;
    const before = created();
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/audits/${auditId}/plan/github-issues`, { repository: REPOSITORY }, { 'idempotency-key': k }));
    const exportId = expectOneAnswer(answers, 202);
    expect(await count('SELECT count(*) AS n FROM plan_issue_exports WHERE audit_id = $1', [auditId])).toBe(1);
    const ended = await endedExport(auditId, exportId);
    expect(ended.status).toBe('succeeded');
    expect(ended.issues.map((i) => [i.ruleId, i.action])).toEqual([['rule-a', 'created'], ['rule-b', 'created']]);
    expect(created() - before).toBe(2);
  });

  it('registers one webhook for ten parallel POST /v1/projects/{id}/webhooks with one key', async () => {
    const projectId = await newProject();
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/projects/${projectId}/webhooks`, { url: 'https://ci.example.com/hooks/apiaudit', secret: 'sixteen-or-more-chars' }, { 'idempotency-key': k }));
    expectOneAnswer(answers, 201);
    expect(await count('SELECT count(*) AS n FROM project_webhooks WHERE project_id = $1', [projectId])).toBe(1);
  });

  it('starts one re-audit for ten parallel POST /v1/projects/{id}/reaudits with one key', async () => {
    const projectId = await newProject();
    await send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: readFileSync(join(shop, 'openapi.yaml')), headers: { 'content-type': 'application/yaml' } });
    const k = key();
    const answers = await all(() => postJson(api.base, `/v1/projects/${projectId}/reaudits`, {}, { 'idempotency-key': k }));
    expectOneAnswer(answers, 202);
    expect(await count('SELECT count(*) AS n FROM audits WHERE project_id = $1', [projectId])).toBe(1);
  });

  it('refuses the same key with another body with 422 on every POST route', async () => {
    const projectId = await newProject();
    const spec = readFileSync(join(shop, 'openapi.yaml'));
    const traces = readFileSync(join(shop, 'traces/shop.otlp.jsonl'));
    const client = (await postJson(api.base, '/v1/clients', { name: 'Reuse' })).json.id;
    const fingerprint = await newFinding(projectId);
    const finishedAudit = await newFinishedAudit(projectId);
    // Each case has its own key: the spec and trace uploads share a route, where one key is one request.
    const cases: Array<[string, (k: string) => Promise<Answer>, (k: string) => Promise<Answer>]> = [
      ['clients', (k) => postJson(api.base, '/v1/clients', { name: 'A' }, { 'idempotency-key': k }), (k) => postJson(api.base, '/v1/clients', { name: 'B' }, { 'idempotency-key': k })],
      ['projects', (k) => postJson(api.base, `/v1/clients/${client}/projects`, { name: 'A' }, { 'idempotency-key': k }), (k) => postJson(api.base, `/v1/clients/${client}/projects`, { name: 'B' }, { 'idempotency-key': k })],
      [
        'spec upload',
        (k) => send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: spec, headers: { 'content-type': 'application/yaml', 'idempotency-key': k } }),
        (k) => send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: Buffer.concat([spec, Buffer.from('\n# changed\n')]), headers: { 'content-type': 'application/yaml', 'idempotency-key': k } }),
      ],
      [
        'streamed traces',
        (k) => send(api.base, 'POST', `/v1/projects/${projectId}/sources?kind=traces`, { body: traces, headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': k } }),
        (k) => send(api.base, 'POST', `/v1/projects/${projectId}/sources?kind=traces`, { body: traces.subarray(0, traces.lastIndexOf('\n', traces.length - 2) + 1), headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': k } }),
      ],
      ['audits', (k) => postJson(api.base, `/v1/projects/${projectId}/audits`, {}, { 'idempotency-key': k }), (k) => postJson(api.base, `/v1/projects/${projectId}/audits`, { note: 'another' }, { 'idempotency-key': k })],
      ['tokens', (k) => postJson(api.base, '/v1/auth/tokens', { name: 'A' }, { 'idempotency-key': k }), (k) => postJson(api.base, '/v1/auth/tokens', { name: 'B' }, { 'idempotency-key': k })],
      [
        'invitations',
        (k) => postJson(api.base, `/v1/clients/${client}/invitations`, { email: 'a@client.example', role: 'client-viewer' }, { 'idempotency-key': k }),
        (k) => postJson(api.base, `/v1/clients/${client}/invitations`, { email: 'b@client.example', role: 'client-viewer' }, { 'idempotency-key': k }),
      ],
      [
        'comments',
        (k) => postJson(api.base, `/v1/projects/${projectId}/findings/${fingerprint}/comments`, { body: 'A' }, { 'idempotency-key': k }),
        (k) => postJson(api.base, `/v1/projects/${projectId}/findings/${fingerprint}/comments`, { body: 'B' }, { 'idempotency-key': k }),
      ],
      [
        'github source',
        (k) => postJson(api.base, `/v1/projects/${projectId}/sources/github`, { repository: REPOSITORY, ref: 'main' }, { 'idempotency-key': k }),
        (k) => postJson(api.base, `/v1/projects/${projectId}/sources/github`, { repository: REPOSITORY, ref: 'v2' }, { 'idempotency-key': k }),
      ],
      [
        'plan export',
        (k) => postJson(api.base, `/v1/audits/${finishedAudit}/plan/github-issues`, { repository: REPOSITORY }, { 'idempotency-key': k }),
        (k) => postJson(api.base, `/v1/audits/${finishedAudit}/plan/github-issues`, { repository: REPOSITORY, planUrl: 'https://audits.example/plan' }, { 'idempotency-key': k }),
      ],
      [
        'webhooks',
        (k) => postJson(api.base, `/v1/projects/${projectId}/webhooks`, { url: 'https://a.example/hook', secret: 'sixteen-or-more-chars' }, { 'idempotency-key': k }),
        (k) => postJson(api.base, `/v1/projects/${projectId}/webhooks`, { url: 'https://b.example/hook', secret: 'sixteen-or-more-chars' }, { 'idempotency-key': k }),
      ],
      ['reaudits', (k) => postJson(api.base, `/v1/projects/${projectId}/reaudits`, {}, { 'idempotency-key': k }), (k) => postJson(api.base, `/v1/projects/${projectId}/reaudits`, { note: 'another' }, { 'idempotency-key': k })],
    ];
    for (const [route, first, second] of cases) {
      const k = `reuse-${route}`;
      const a = await first(k);
      expect({ route, ok: a.status < 300, problem: a.status < 300 ? undefined : a.json }).toEqual({ route, ok: true, problem: undefined });
      const again = await first(k);
      expect({ route, status: again.status, replayed: again.headers.get('idempotent-replayed') }).toEqual({ route, status: a.status, replayed: 'true' });
      const b = await second(k);
      expect({ route, status: b.status, type: b.json?.type }).toEqual({ route, status: 422, type: 'https://apiaudit.dev/problems/idempotency-key-reused' });
    }
    // The one audit started through each of /audits and /reaudits, beside the stored ones (finding, plan).
    expect(await count("SELECT count(*) AS n FROM audits WHERE project_id = $1 AND status = 'queued'", [projectId])).toBe(2);
  });

  it('scopes a key by caller: another user with the same key and body gets their own client', async () => {
    const k = key();
    const name = `Caller ${k}`;
    const mine = await postJson(api.base, '/v1/clients', { name }, { 'idempotency-key': k });
    const theirs = await postJson(api.base, '/v1/clients', { name }, { 'idempotency-key': k, authorization: `Bearer ${await api.newToken()}` });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.json.id).not.toBe(mine.json.id);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('scopes a key by route, and gives it up when the request fails so a corrected retry runs', async () => {
    const k = key();
    const client = await postJson(api.base, '/v1/clients', { name: 'Scoped' }, { 'idempotency-key': k });
    const project = await postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Scoped' }, { 'idempotency-key': k });
    expect([client.status, project.status]).toEqual([201, 201]);
    expect(project.headers.get('idempotent-replayed')).toBeNull();

    const projectId = project.json.id;
    const bad = await send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: 'openapi: [', headers: { 'content-type': 'application/yaml', 'idempotency-key': k } });
    expect(bad.status).toBe(422);
    const good = await send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: readFileSync(join(shop, 'openapi.yaml')), headers: { 'content-type': 'application/yaml', 'idempotency-key': k } });
    expect(good.status).toBe(201);
  });
});
