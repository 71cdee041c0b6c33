import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/main';
import { buildTarGz, buildZip, type ArchiveMember } from '../../libs/github/src/__fixtures__/build-archives';
import { auditToEnd, createProject, startTestPlatform, type TestPlatform } from '../setup/platform';
import { testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

jest.setTimeout(120_000);

const recorded = resolve(__dirname, '../../libs/github/src/__fixtures__');
const TOKEN = 'ghp_repositorySourcesE2eToken0123456789';
const FIRST_SHA = '4f8a1c2d9e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const SECOND_SHA = '7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b';

/** A small Express service: two routes under /api, one outbound call without a timeout. */
const fixtureRepository: ArchiveMember[] = [
  {
    name: 'src/app.ts',
    body: ["import express from 'express';", "import { ordersRouter } from './orders';", '', 'const app = express();', "app.use('/api', ordersRouter);", 'app.listen(3000);', ''].join('\n'),
  },
  {
    name: 'src/orders.ts',
    body: [
      "import { Router } from 'express';",
      "import axios from 'axios';",
      '',
      'export const ordersRouter = Router();',
      '',
      "ordersRouter.get('/orders/:id', async (req, res) => {",
      '  const stock = await axios.get(`http://stock.internal/items/${req.params.id}`);',
      '  res.json({ id: req.params.id, stock: stock.data });',
      '});',
      '',
      "ordersRouter.post('/orders', async (req, res) => {",
      '  res.status(201).json({ id: 1 });',
      '});',
      '',
    ].join('\n'),
  },
];

const spec = `openapi: 3.0.3
info: {title: Orders, version: 1.0.0}
paths:
  /api/orders/{id}:
    get:
      operationId: getOrder
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: the order}
`;

/** Answers like the GitHub REST API: repository, commit (rate-limited once), tarball through codeload's redirect. */
function githubStandIn(tarball: () => Buffer) {
  const state = { head: FIRST_SHA, requests: [] as string[], rateLimitOnce: true };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    state.requests.push(`${req.method} ${url} ${req.headers.authorization ?? '-'}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const base = `http://${req.headers.host}`;
    if (url === '/repos/acme/shop-api') return json(200, JSON.parse(readFileSync(join(recorded, 'repos-get.json'), 'utf8')));
    if (url === '/repos/acme/shop-api/commits/main') {
      if (state.rateLimitOnce) {
        state.rateLimitOnce = false;
        const reset = String(Math.ceil(Date.now() / 1000) + 1);
        return json(403, { message: 'API rate limit exceeded for 127.0.0.1.' }, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
      }
      return json(200, { ...JSON.parse(readFileSync(join(recorded, 'commits-main.json'), 'utf8')), sha: state.head });
    }
    const tar = /^\/repos\/acme\/shop-api\/tarball\/([0-9a-f]{40})$/.exec(url);
    if (tar) {
      res.writeHead(302, { location: `${base}/codeload/acme/shop-api/legacy.tar.gz/${tar[1]}` });
      return res.end();
    }
    const codeload = /^\/codeload\/acme\/shop-api\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(url);
    if (codeload) {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      return res.end(tarball());
    }
    json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  return { server, state };
}

type FindingItem = { id: string; ruleId: string; evidence: Array<{ file?: string; line?: number }> };

async function allFindings(http: TestPlatform['http'], auditId: string): Promise<FindingItem[]> {
  const items: FindingItem[] = [];
  for (let next: string | null = `/v1/audits/${auditId}/findings?limit=100`; next; ) {
    const body = (await http.get(next).expect(200)).body as { items: FindingItem[]; next: string | null };
    items.push(...body.items);
    next = body.next;
  }
  return items;
}

describe('repository sources: GitHub (recorded API on 127.0.0.1) and uploaded archives, through api + worker', () => {
  let platform: TestPlatform;
  let http: TestPlatform['http'];
  let stand: ReturnType<typeof githubStandIn>;
  let tarball: Buffer;
  let outside: string;
  const key = randomBytes(32).toString('base64');

  beforeAll(async () => {
    tarball = await buildTarGz(fixtureRepository.map((m) => ({ ...m, name: `acme-shop-api-4f8a1c2/${m.name}` })));
    stand = githubStandIn(() => tarball);
    await new Promise<void>((r) => stand.server.listen(0, '127.0.0.1', r));
    const githubApiUrl = `http://127.0.0.1:${(stand.server.address() as AddressInfo).port}`;
    platform = await startTestPlatform({
      GITHUB_API_URL: githubApiUrl,
      APIAUDIT_TOKEN_KEY: key,
      APIAUDIT_REPO_MAX_BYTES: String(1024 * 1024),
      APIAUDIT_REPO_MAX_FILES: '200',
    });
    http = platform.http;
    outside = mkdtempSync(join(tmpdir(), 'apiaudit-outside-'));
    writeFileSync(join(outside, 'leak.ts'), "export const awsSecretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';\n");
  });

  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((r) => stand.server.close(() => r()));
    rmSync(outside, { recursive: true, force: true });
  });

  it('adds a GitHub repository with a sealed token, scans the commit once, and the audit reads its code', async () => {
    const projectId = await createProject(http, 'Acme', 'Orders');
    await http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    // The api checks the repository at once; GitHub's first answer is a rate limit with a reset a second away.
    const added = await http.post(`/v1/projects/${projectId}/sources/github`).send({ repository: 'acme/shop-api', ref: 'main', token: TOKEN }).expect(201);
    expect(added.body).toMatchObject({ kind: 'repository', repository: 'acme/shop-api', ref: 'main', hasToken: true, commitSha: null, filename: 'github:acme/shop-api@main' });
    expect(added.text).not.toContain(TOKEN);
    expect(stand.state.requests.filter((r) => r.startsWith('GET /repos/acme/shop-api/commits/main'))).toHaveLength(2);

    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const row = (await db.query('SELECT token_sealed FROM sources WHERE id = $1', [added.body.id])).rows[0] as { token_sealed: Buffer };
      expect(row.token_sealed.length).toBeGreaterThan(29);
      expect(row.token_sealed.toString('latin1')).not.toContain(TOKEN);
    } finally {
      await db.end();
    }

    const audit = await auditToEnd(http, projectId);
    expect(audit.error).toBeNull();
    expect(audit.status).toBe('succeeded');
    // The worker opened the sealed token and sent it to GitHub; the tarball came through the codeload redirect.
    expect(stand.state.requests).toContain(`GET /repos/acme/shop-api/tarball/${FIRST_SHA} token ${TOKEN}`);
    expect(stand.state.requests.some((r) => r.startsWith(`GET /codeload/acme/shop-api/legacy.tar.gz/${FIRST_SHA} `))).toBe(true);
    const findings = await allFindings(http, audit.id);
    const timeout = findings.find((f) => f.ruleId === 'code-http-call-without-timeout');
    expect(timeout?.evidence[0]?.file).toBe('acme/shop-api/src/orders.ts');
    // The repository is not kept after its scan: the finding carries the lines around the call, and the evidence shows them.
    const evidence = (await http.get(`/v1/audits/${audit.id}/findings/${encodeURIComponent(timeout!.id)}/evidence`).expect(200)).body;
    const code = evidence.code[0];
    expect(code).toMatchObject({ file: 'acme/shop-api/src/orders.ts', line: timeout!.evidence[0]!.line, startLine: 3 });
    expect(code.lines[code.line - code.startLine]).toContain('axios.get(`http://stock.internal/items/');
    expect(code.lines).toContain("ordersRouter.get('/orders/:id', async (req, res) => {");
    const undocumented = findings.filter((f) => f.ruleId.startsWith('drift-'));
    expect(undocumented.map((f) => f.ruleId)).toContain('drift-undocumented-endpoint');
    const inventory = (await http.get(`/v1/audits/${audit.id}/inventory`).expect(200)).body;
    const rows = inventory.items.map((e: { method: string; path: string; seenIn: string[] }) => `${e.method} ${e.path} ${e.seenIn.join('+')}`);
    expect(rows).toEqual(expect.arrayContaining(['GET /api/orders/{id} spec+code', 'POST /api/orders code']));

    // Same commit: resolved again, neither downloaded nor scanned again.
    const tarballs = () => stand.state.requests.filter((r) => r.startsWith('GET /repos/acme/shop-api/tarball/')).length;
    const again = await auditToEnd(http, projectId);
    expect(again.status).toBe('succeeded');
    expect(tarballs()).toBe(1);
    expect((await allFindings(http, again.id)).map((f) => f.ruleId).sort()).toEqual(findings.map((f) => f.ruleId).sort());

    // A scan stored in an older form (before schema versions) is not trusted: the same commit is scanned again.
    const stored = new Client({ connectionString: testDatabaseUrl() });
    await stored.connect();
    try {
      await stored.query(`UPDATE sources SET scan = scan - 'schemaVersion' WHERE id = $1`, [added.body.id]);
      const rescanned = await auditToEnd(http, projectId);
      expect(rescanned.status).toBe('succeeded');
      expect(tarballs()).toBe(2);
      expect((await allFindings(http, rescanned.id)).map((f) => f.ruleId).sort()).toEqual(findings.map((f) => f.ruleId).sort());
      const row = (await stored.query(`SELECT scan->'schemaVersion' AS version FROM sources WHERE id = $1`, [added.body.id])).rows[0] as { version: number };
      expect(row.version).toBe(1);
    } finally {
      await stored.end();
    }

    // The branch moved: the new commit is downloaded.
    stand.state.head = SECOND_SHA;
    const moved = await auditToEnd(http, projectId);
    expect(moved.status).toBe('succeeded');
    expect(tarballs()).toBe(3);
    expect(stand.state.requests).toContain(`GET /repos/acme/shop-api/tarball/${SECOND_SHA} token ${TOKEN}`);
  });

  it('answers a clear problem for a repository GitHub does not know, and stores nothing', async () => {
    const projectId = await createProject(http, 'Acme', 'Missing');
    const res = await http.post(`/v1/projects/${projectId}/sources/github`).send({ repository: 'acme/missing', ref: 'v1' }).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://apiaudit.dev/problems/repository-unreachable', detail: 'github:acme/missing@v1: repository or ref not found (or no access with this token)' });
    const bad = await http.post(`/v1/projects/${projectId}/sources/github`).send({ repository: '../etc', ref: 'main' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const audit = await http.post(`/v1/projects/${projectId}/audits`).expect(409);
    expect(audit.body.type).toBe('https://apiaudit.dev/problems/no-sources');
  });

  it('scans an uploaded tar.gz or zip, and never follows a link out of it', async () => {
    const projectId = await createProject(http, 'Acme', 'Uploads');
    const withLink: ArchiveMember[] = [...fixtureRepository, { name: 'src/leak.ts', body: join(outside, 'leak.ts'), type: 'symlink' }];
    const zip = await http.post(`/v1/projects/${projectId}/sources?kind=repository&filename=shop.zip`).set('content-type', 'application/zip').send(buildZip(withLink)).expect(201);
    expect(zip.body).toMatchObject({ kind: 'repository', filename: 'shop.zip', repository: null, hasToken: false });
    await http.post(`/v1/projects/${projectId}/sources?kind=repository&filename=shop.zip`).set('content-type', 'application/zip').send(buildZip(withLink)).expect(200);
    const audit = await auditToEnd(http, projectId);
    expect(audit.error).toBeNull();
    const findings = await allFindings(http, audit.id);
    expect(findings.find((f) => f.ruleId === 'code-http-call-without-timeout')?.evidence[0]?.file).toBe('shop/src/orders.ts');
    // The link's target holds a committed secret: had it been followed, code-secret-in-source would name it.
    expect(findings.filter((f) => f.evidence.some((e) => e.file?.includes('leak')))).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'code-secret-in-source')).toBe(false);
  });

  it.each([
    ['a ../ entry in a tar.gz', 'application/gzip', () => buildTarGz([...fixtureRepository, { name: '../../escape.ts', body: 'x' }]), 422, 'unsafe-archive', "archive entry '../../escape.ts' points outside the archive"],
    ['an absolute entry in a zip', 'application/zip', async () => buildZip([{ name: '/etc/cron.d/evil', body: 'x' }]), 422, 'unsafe-archive', "points outside the archive"],
    ['a zip bomb (8 MiB of zeros in 8 kB)', 'application/zip', async () => buildZip([{ name: 'zeros.ts', body: Buffer.alloc(8 * 1024 * 1024) }]), 413, 'archive-too-large', 'archive expands to more than 1048576 bytes'],
    ['a zip lying about its sizes', 'application/zip', async () => buildZip([{ name: 'zeros.ts', body: Buffer.alloc(512 * 1024), declaredSize: 100 }]), 422, 'invalid-repository', undefined],
    ['too many files', 'application/gzip', () => buildTarGz(Array.from({ length: 201 }, (_, i) => ({ name: `src/f${i}.ts`, body: 'export {};' }))), 413, 'archive-too-large', 'archive holds more than 200 files'],
    ['a text file', 'application/gzip', async () => Buffer.from('not an archive'), 422, 'invalid-repository', 'not a zip, tar or tar.gz archive'],
  ])('refuses %s with a problem and stores nothing', async (_what, type, build, status, slug, detail) => {
    const projectId = await createProject(http, 'Hostile', 'Archive');
    const res = await http.post(`/v1/projects/${projectId}/sources?kind=repository&filename=x.tar.gz`).set('content-type', type).send(await build()).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe(`https://apiaudit.dev/problems/${slug}`);
    if (detail) expect(res.body.detail).toContain(detail);
    expect(res.text).not.toMatch(/\/tmp\//);
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM sources WHERE project_id = $1', [projectId])).rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('refuses to store a token when the deployment has no key to seal it with', async () => {
    const api = await createApiApp({ ...process.env, DATABASE_URL: testDatabaseUrl(), APIAUDIT_QUEUE_PREFIX: testQueuePrefix(), GITHUB_API_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'warn', APIAUDIT_TOKEN_KEY: '', ARTIFACT_DIR: outside });
    await api.init();
    try {
      const projectId = await createProject(http, 'Acme', 'No key');
      const res = await request(api.getHttpServer())
        .post(`/v1/projects/${projectId}/sources/github`)
        .set('Authorization', `Bearer ${platform.consultant.token}`)
        .send({ repository: 'acme/shop-api', token: TOKEN })
        .expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('https://apiaudit.dev/problems/token-storage-unavailable');
      expect(res.body.detail).toContain('APIAUDIT_TOKEN_KEY');
      expect(res.text).not.toContain(TOKEN);
    } finally {
      await api.close();
    }
  });
});
