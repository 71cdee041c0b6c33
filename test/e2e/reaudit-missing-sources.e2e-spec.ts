import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { signWebhookBody } from '@apiaudit/domain';
import { Client } from 'pg';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';
import { testDatabaseUrl } from '../setup/test-env';

jest.setTimeout(180_000);

const shop = resolve(__dirname, '../../examples/shop');
const spec = readFileSync(join(shop, 'openapi.yaml'), 'utf8');
const recorded = resolve(__dirname, '../../libs/github/src/__fixtures__');
const HOOK_SECRET = 'failed-audit-receiver-secret-0123';
/** The shop's trace export cut into parts: each part a valid export of its own, with bytes (so a stored file) of its own. */
const shopTraceLines = readFileSync(join(shop, 'traces/shop.otlp.jsonl'), 'utf8').split('\n').filter(Boolean);
const tracePart = (from: number, to: number) => Buffer.from(`${shopTraceLines.slice(from, to).join('\n')}\n`);

/**
 * GitHub's REST API for three repositories, each answering while the source is added: `acme/gone` then answers 404
 * (deleted, or the token lost access), `acme/down` 503 (GitHub having a bad day), `acme/only` 404.
 */
function githubStandIn() {
  const state = { broken: false };
  const server: Server = createServer((req, res) => {
    const match = /^\/repos\/acme\/(gone|down|only)(\/.*)?$/.exec(req.url ?? '');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (!match) return json(404, { message: 'Not Found' });
    if (state.broken) return match[1] === 'down' ? json(503, { message: 'Service Unavailable' }) : json(404, { message: 'Not Found' });
    if (!match[2]) return json(200, { ...JSON.parse(readFileSync(join(recorded, 'repos-get.json'), 'utf8')), full_name: `acme/${match[1]}` });
    if (match[2] === '/commits/main') return json(200, JSON.parse(readFileSync(join(recorded, 'commits-main.json'), 'utf8')));
    json(404, { message: 'Not Found' });
  });
  return { server, state };
}

interface AuditView {
  id: string;
  status: string;
  error: string | null;
  sources: Array<{ kind: string; status: string; sourceId?: string; version?: number; label?: string; detail?: string }> | null;
}

/** A re-audit takes each source's latest version; a source the project lacks, or cannot fetch, is reported on the audit. */
describe('audits with a source missing or failing (real api, worker, PostgreSQL and Redis)', () => {
  let platform: TestPlatform;
  let stand: ReturnType<typeof githubStandIn>;
  let db: Client;

  async function finished(auditId: string): Promise<AuditView> {
    let audit = (await platform.http.get(`/v1/audits/${auditId}`).expect(200)).body as AuditView;
    for (const deadline = Date.now() + 120_000; audit.status !== 'succeeded' && audit.status !== 'failed' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 300));
      audit = (await platform.http.get(`/v1/audits/${auditId}`).expect(200)).body;
    }
    return audit;
  }
  const reaudit = async (projectId: string) => finished((await platform.http.post(`/v1/projects/${projectId}/reaudits`).expect(202)).body.id);
  const planHtml = async (auditId: string) => (await platform.http.get(`/v1/audits/${auditId}/plan.html`).expect(200)).text;
  const addTraces = async (projectId: string, filename: string, content: Buffer) =>
    (await platform.http.post(`/v1/projects/${projectId}/sources?kind=traces`).attach('file', content, filename).expect(201)).body as { id: string; version: number; filename: string };
  /** Where the platform keeps an uploaded trace export on disk. */
  const storedPath = async (sourceId: string) => ((await db.query('SELECT path FROM sources WHERE id = $1', [sourceId])).rows[0] as { path: string }).path;
  const addGithub = (projectId: string, repository: string) => platform.http.post(`/v1/projects/${projectId}/sources/github`).send({ repository, ref: 'main' }).expect(201);

  beforeAll(async () => {
    stand = githubStandIn();
    await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
    platform = await startTestPlatform({ GITHUB_API_URL: `http://127.0.0.1:${(stand.server.address() as AddressInfo).port}`, PUPPETEER_EXECUTABLE_PATH: '' });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await platform?.close();
    await new Promise<void>((r) => stand.server.close(() => r()));
  });

  it('re-audits a project without traces from its newest spec, and reports the traces missing', async () => {
    const projectId = await createProject(platform.http, 'No traffic', 'Shop');
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    const v2 = (await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec.replace(/version: [\d.]+/, 'version: 9.9.9')).expect(201)).body;
    const audit = await reaudit(projectId);
    expect(audit).toMatchObject({ status: 'succeeded', error: null });
    expect(audit.sources).toEqual([
      { kind: 'spec', status: 'read', sourceId: v2.id, version: 2, label: 'openapi.yaml' },
      { kind: 'traces', status: 'missing', detail: expect.stringMatching(/no trace export/) },
    ]);
    expect(await planHtml(audit.id)).toMatch(/Not in this audit: traces missing \(the project has no trace export/);
  });

  it('audits a project without a spec from its traces, and reports the spec missing', async () => {
    const projectId = await createProject(platform.http, 'No contract', 'Shop');
    const traces = (await platform.http.post(`/v1/projects/${projectId}/sources?kind=traces`).attach('file', join(shop, 'traces/shop.otlp.jsonl')).expect(201)).body;
    const audit = await finished((await platform.http.post(`/v1/projects/${projectId}/audits`).expect(202)).body.id);
    expect(audit).toMatchObject({ status: 'succeeded', error: null });
    expect(audit.sources).toEqual([
      { kind: 'spec', status: 'missing', detail: expect.stringMatching(/no spec/) },
      { kind: 'traces', status: 'read', sourceId: traces.id, version: 1, label: traces.filename },
    ]);
    // The traffic was audited: its findings are there.
    const findings = (await platform.http.get(`/v1/audits/${audit.id}/findings?limit=100`).expect(200)).body.items as Array<{ ruleId: string }>;
    expect(findings.some((f) => f.ruleId.startsWith('trace-'))).toBe(true);
    expect(await planHtml(audit.id)).toMatch(/Not in this audit: spec missing \(the project has no spec/);
  });

  it('completes without a repository GitHub no longer serves (404 at once, 503 after the retries) and reports each failed', async () => {
    const projectId = await createProject(platform.http, 'Lost repositories', 'Shop');
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    const gone = (await addGithub(projectId, 'acme/gone')).body;
    const down = (await addGithub(projectId, 'acme/down')).body;
    stand.state.broken = true;
    try {
      const audit = await reaudit(projectId);
      expect(audit).toMatchObject({ status: 'succeeded', error: null });
      expect(audit.sources).toEqual([
        { kind: 'spec', status: 'read', sourceId: expect.any(String), version: 1, label: 'openapi.yaml' },
        { kind: 'traces', status: 'missing', detail: expect.any(String) },
        { kind: 'repository', status: 'failed', sourceId: gone.id, version: gone.version, label: 'github:acme/gone@main', detail: expect.stringMatching(/could not be fetched.*acme\/gone.*(404|not found)/i) },
        { kind: 'repository', status: 'failed', sourceId: down.id, version: down.version, label: 'github:acme/down@main', detail: expect.stringMatching(/could not be fetched/) },
      ]);
      // The spec was audited; no code was.
      const inventory = (await platform.http.get(`/v1/audits/${audit.id}/inventory?limit=100`).expect(200)).body.items as Array<{ seenIn: string[] }>;
      expect(inventory.length).toBeGreaterThan(0);
      expect(inventory.every((e) => !e.seenIn.includes('code'))).toBe(true);
      const html = await planHtml(audit.id);
      expect(html).toContain('repo github:acme/gone@main failed (could not be fetched');
      expect(html).toContain('repo github:acme/down@main failed (could not be fetched');
    } finally {
      stand.state.broken = false;
    }
  });

  it('completes without a trace export gone from disk or corrupt on disk, reports each failed, and audits the others', async () => {
    const projectId = await createProject(platform.http, 'Lost traffic', 'Shop');
    const specSource = (await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201)).body;
    const kept = await addTraces(projectId, 'monday.otlp.jsonl', tracePart(0, 20));
    const gone = await addTraces(projectId, 'tuesday.otlp.jsonl', tracePart(20, 30));
    const corrupt = await addTraces(projectId, 'wednesday.otlp.jsonl', tracePart(30, 40));
    unlinkSync(await storedPath(gone.id));
    // Readable at first (its first span parses), broken further on: found only by the analysis itself.
    writeFileSync(await storedPath(corrupt.id), `${shopTraceLines[30]}\n{"resourceSpans": [ truncated by a full disk`);
    const audit = await finished((await platform.http.post(`/v1/projects/${projectId}/audits`).expect(202)).body.id);
    expect(audit).toMatchObject({ status: 'succeeded', error: null });
    expect(audit.sources).toEqual([
      { kind: 'spec', status: 'read', sourceId: specSource.id, version: 1, label: 'openapi.yaml' },
      { kind: 'traces', status: 'read', sourceId: kept.id, version: kept.version, label: 'monday.otlp.jsonl' },
      { kind: 'traces', status: 'failed', sourceId: gone.id, version: gone.version, label: 'tuesday.otlp.jsonl', detail: 'could not be read, so its traffic is not in this audit: the stored file is gone' },
      { kind: 'traces', status: 'failed', sourceId: corrupt.id, version: corrupt.version, label: 'wednesday.otlp.jsonl', detail: expect.stringMatching(/^could not be read, so its traffic is not in this audit: it no longer parses: wednesday\.otlp\.jsonl, line 2.*invalid JSON/) },
    ]);
    // The detail names the export, never where the platform keeps it.
    expect(JSON.stringify(audit.sources)).not.toContain(await storedPath(kept.id).then((p) => p.slice(0, p.lastIndexOf('/'))));
    // The readable export's traffic was audited.
    const inventory = (await platform.http.get(`/v1/audits/${audit.id}/inventory?limit=100`).expect(200)).body.items as Array<{ seenIn: string[] }>;
    expect(inventory.some((e) => e.seenIn.includes('trace'))).toBe(true);
    const lacking = 'traces tuesday.otlp.jsonl failed (could not be read, so its traffic is not in this audit: the stored file is gone); traces wednesday.otlp.jsonl failed (';
    expect(await planHtml(audit.id)).toContain(`Not in this audit: ${lacking}`);
    expect((await platform.http.get(`/v1/audits/${audit.id}/plan.md`).expect(200)).text).toContain(`Not in this audit: ${lacking}`);
  });

  it('fails an audit whose only source is a trace export gone from disk, and says why', async () => {
    const projectId = await createProject(platform.http, 'Only lost traffic', 'Shop');
    const gone = await addTraces(projectId, 'thursday.otlp.jsonl', tracePart(40, 45));
    unlinkSync(await storedPath(gone.id));
    const audit = await finished((await platform.http.post(`/v1/projects/${projectId}/audits`).expect(202)).body.id);
    expect(audit.status).toBe('failed');
    expect(audit.error).toBe('analyze-traces: no source could be read: thursday.otlp.jsonl: could not be read, so its traffic is not in this audit: the stored file is gone');
    expect(audit.sources).toEqual([
      { kind: 'spec', status: 'missing', detail: expect.any(String) },
      { kind: 'traces', status: 'failed', sourceId: gone.id, version: gone.version, label: 'thursday.otlp.jsonl', detail: expect.stringMatching(/stored file is gone/) },
    ]);
  });

  it('fails an audit that could read no source at all, says why, and delivers a signed audit.failed', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const projectId = await createProject(platform.http, 'Only code', 'Shop');
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await platform.http.post(`/v1/projects/${projectId}/webhooks`).send({ url, secret: HOOK_SECRET }).expect(201);
      await addGithub(projectId, 'acme/only');
      stand.state.broken = true;
      const audit = await reaudit(projectId);
      stand.state.broken = false;
      expect(audit.status).toBe('failed');
      expect(audit.error).toMatch(/^scan-repositories: no source could be read: github:acme\/only@main: could not be fetched/);
      expect(audit.sources).toEqual([
        { kind: 'spec', status: 'missing', detail: expect.any(String) },
        { kind: 'traces', status: 'missing', detail: expect.any(String) },
        expect.objectContaining({ kind: 'repository', status: 'failed', label: 'github:acme/only@main' }),
      ]);

      let delivery: { status: string; event: string; auditId: string } | undefined;
      for (const deadline = Date.now() + 30_000; delivery?.status !== 'delivered' && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 250));
        delivery = (await platform.http.get(`/v1/projects/${projectId}/webhook-deliveries`).expect(200)).body.items[0];
      }
      expect(delivery).toMatchObject({ auditId: audit.id, event: 'audit.failed', status: 'delivered' });
      expect(received).toHaveLength(1);
      const [{ headers, body }] = received as [{ headers: IncomingHttpHeaders; body: string }];
      const signature = String(headers['x-apiaudit-signature']);
      const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature)?.[1]);
      expect(signWebhookBody(HOOK_SECRET, body, t)).toBe(signature);
      expect(headers['x-apiaudit-event']).toBe('audit.failed');
      const payload = JSON.parse(body);
      expect(payload).toMatchObject({ event: 'audit.failed', projectId, audit: { id: audit.id, status: 'failed', error: audit.error, score: null }, comparison: null });
      expect(payload.audit.links).toEqual({ self: `/v1/audits/${audit.id}` });
    } finally {
      stand.state.broken = false;
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});
