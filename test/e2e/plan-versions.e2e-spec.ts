import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { PlanDocument } from '@apiaudit/domain';
import { sealToken, SourceRepository, tokenContext } from '@apiaudit/db';
import { findChromium } from '@apiaudit/pdf';
import { githubStandIn } from '../../libs/github/src/__fixtures__/github-stand-in';
import { auditToEnd, startTestPlatform, type TestAgent, type TestPlatform, type TestUser } from '../setup/platform';
import { testDatabaseUrl } from '../setup/test-env';

jest.setTimeout(120000);

const shop = resolve(__dirname, '../../examples/shop');
const chromium = findChromium(process.env.PUPPETEER_EXECUTABLE_PATH);

const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'apiaudit-plan-versions-'));
  try {
    writeFileSync(join(dir, 'plan.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 'plan.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The problem+json body of a refused request, with its status. */
function expectProblem(res: { status: number; headers: Record<string, string>; body: { status?: number } }, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

describe('plan versions: consultant edits with If-Match, every form rendered from them, carried to the next audit', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: TestUser;
  let projectId: string;
  let auditId: string;
  let generated: PlanDocument;
  let secondAuditId: string;

  async function runAudit(): Promise<string> {
    const audit = await auditToEnd(platform.http, projectId);
    expect(audit.status).toBe('succeeded');
    return audit.id;
  }

  const plan = async (id: string, as: TestAgent = platform.http) => (await as.get(`/v1/audits/${id}/plan`).expect(200)) as unknown as { body: PlanDocument; headers: Record<string, string> };

  beforeAll(async () => {
    platform = await startTestPlatform();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Plan Co' }).expect(201)).body.id;
    projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Shop' }).expect(201)).body.id;
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(readFileSync(join(shop, 'openapi.yaml'))).expect(201);
    auditId = await runAudit();
    admin = await platform.signUp('client-admin', clientId);
    generated = (await plan(auditId)).body;
  });

  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('serves version 1 as the audit made it, with the ETag PATCH wants', async () => {
    const first = await plan(auditId);
    expect(first.headers.etag).toBe('"plan-v1"');
    expect(first.body.version).toBe(1);
    expect(first.body.items.length).toBeGreaterThan(4);
    expect(first.body.items.every((i) => !i.edited)).toBe(true);
    const versions = (await platform.http.get(`/v1/audits/${auditId}/plan/versions`).expect(200)).body;
    expect(versions.items).toEqual([expect.objectContaining({ version: 1, etag: '"plan-v1"', author: null, changes: [], carriedFrom: null })]);
  });

  it('refuses an edit without If-Match (428) or with a stale one (412), and bad items (400), as problem+json', async () => {
    const item = generated.items[3];
    expectProblem(await platform.http.patch(`/v1/audits/${auditId}/plan`).send({ items: [{ ruleId: item.ruleId, rank: 1 }] }), 428);
    expectProblem(await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v7"').send({ items: [{ ruleId: item.ruleId, rank: 1 }] }), 412);
    const unknown = await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: 'no-such-rule', rank: 1 }] });
    expectProblem(unknown, 400);
    expect(unknown.body.field).toBe('items.0.ruleId');
    expectProblem(await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: item.ruleId, rank: 999 }] }), 400);
    expectProblem(await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: item.ruleId, horizon: 'someday' }] }), 400);
    expectProblem(await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: item.ruleId, colour: 'red' }] }), 400);
    expect((await plan(auditId)).headers.etag).toBe('"plan-v1"');
  });

  it('lets client users read the plan but not edit it (403, the house policy for a visible resource)', async () => {
    expect((await plan(auditId, admin.http)).headers.etag).toBe('"plan-v1"');
    expectProblem(await admin.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: generated.items[0].ruleId, hidden: true }] }), 403);
  });

  it('stores an edit as version 2 with who and when, and renders JSON, Markdown, CSV, HTML and PDF from it', async () => {
    const moved = generated.items[3];
    const hidden = generated.items[0];
    const res = await platform.http
      .patch(`/v1/audits/${auditId}/plan`)
      .set('If-Match', '"plan-v1"')
      .send({ items: [{ ruleId: moved.ruleId, rank: 1, title: 'Bound every list endpoint', notes: 'Agreed with Dana on the 3rd: start here.', horizon: 'now' }, { ruleId: hidden.ruleId, hidden: true }] })
      .expect(200);
    expect(res.headers.etag).toBe('"plan-v2"');
    const edited = res.body as PlanDocument;
    expect(edited).toMatchObject({ version: 2, editedBy: { id: platform.consultant.user.id, email: platform.consultant.user.email } });
    expect(Date.now() - Date.parse(edited.editedAt!)).toBeLessThan(60_000);
    expect(edited.items[0]).toMatchObject({ rank: 1, ruleId: moved.ruleId, title: 'Bound every list endpoint', notes: 'Agreed with Dana on the 3rd: start here.', horizon: 'now', edited: ['rank', 'horizon', 'title', 'notes'] });
    expect(edited.items[edited.items.length - 1]).toMatchObject({ ruleId: hidden.ruleId, hidden: true, rank: edited.items.length });
    expect(edited.items.map((i) => i.rank)).toEqual(generated.items.map((_, i) => i + 1));

    // A second edit of version 1 lost the race: 412, and nothing was stored.
    expectProblem(await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: moved.ruleId, notes: 'other' }] }), 412);

    // GET answers the latest version; the client's admin reads the same.
    const latest = await plan(auditId, admin.http);
    expect(latest.headers.etag).toBe('"plan-v2"');
    expect(latest.body.items[0].notes).toBe('Agreed with Dana on the 3rd: start here.');
    await platform.http.get(`/v1/audits/${auditId}/plan`).set('If-None-Match', '"plan-v2"').expect(304);

    const markdown = (await platform.http.get(`/v1/audits/${auditId}/plan.md`).expect(200)).text;
    expect(markdown).toContain('### 1. Bound every list endpoint');
    expect(markdown).toContain('Agreed with Dana on the 3rd: start here.');
    expect(markdown).not.toContain(`. ${hidden.title}\n`);
    const csv = (await platform.http.get(`/v1/audits/${auditId}/plan.csv`).expect(200)).text.trimEnd().split('\r\n');
    expect(csv).toHaveLength(generated.items.length); // header + every item but the hidden one
    expect(csv[1]).toMatch(new RegExp(`^1,now,Bound every list endpoint,${moved.ruleId},.*,Agreed with Dana on the 3rd: start here\\.$`));
    const html = (await platform.http.get(`/v1/audits/${auditId}/plan.html`).expect(200)).text;
    expect(html).toContain('Bound every list endpoint');
    expect(html).toContain('Agreed with Dana on the 3rd: start here.');

    if (chromium) {
      // The worker prints the edited version; the download waits for it rather than serve the old PDF.
      const pdf = await platform.http.get(`/v1/audits/${auditId}/plan.pdf`).buffer(true).parse(binary as never).expect(200);
      const text = pdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
      expect(text).toContain('Bound every list endpoint');
      expect(text).toContain('Agreed with Dana on the 3rd: start here.');
      const stored = await db.query(`SELECT plan_version FROM artifacts WHERE audit_id = $1 AND kind = 'plan.pdf'`, [auditId]);
      expect(stored.rows[0].plan_version).toBe(2);
    } else {
      console.warn('plan-versions.e2e: no Chromium found; the edited PDF assertion is SKIPPED');
    }

    const versions = (await platform.http.get(`/v1/audits/${auditId}/plan/versions`).expect(200)).body;
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.items[0]).toMatchObject({ etag: '"plan-v2"', author: { id: platform.consultant.user.id }, changes: [{ ruleId: moved.ruleId, rank: 1 }, { ruleId: hidden.ruleId, hidden: true }] });
    const paged = (await platform.http.get(`/v1/audits/${auditId}/plan/versions?limit=1`).expect(200)).body;
    expect(paged.items.map((v: { version: number }) => v.version)).toEqual([2]);
    expect((await platform.http.get(paged.next).expect(200)).body.items.map((v: { version: number }) => v.version)).toEqual([1]);

    // The log is the platform's (other tests' edits are in it too): this audit's entry.
    const log = (await platform.http.get('/v1/audit-log?action=plan-edited').expect(200)).body.items as Array<{ subject: string }>;
    expect(log.find((e) => e.subject === auditId)).toMatchObject({ action: 'plan-edited', actorId: platform.consultant.user.id, detail: { version: 2 } });
  });

  it('goes back to the generated value when a field is set to null', async () => {
    const moved = generated.items[3];
    const res = await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v2"').send({ items: [{ ruleId: moved.ruleId, title: null }] }).expect(200);
    expect(res.headers.etag).toBe('"plan-v3"');
    expect(res.body.items[0]).toMatchObject({ ruleId: moved.ruleId, title: moved.title, notes: 'Agreed with Dana on the 3rd: start here.', edited: ['rank', 'horizon', 'notes'] });
  });

  it("carries the edits over to the next audit's plan of the project, by the findings' fingerprints", async () => {
    const moved = generated.items[3];
    const hidden = generated.items[0];
    const next = await runAudit();
    const carried = await plan(next);
    expect(carried.headers.etag).toBe('"plan-v1"');
    expect(carried.body.items[0]).toMatchObject({ rank: 1, ruleId: moved.ruleId, notes: 'Agreed with Dana on the 3rd: start here.', horizon: 'now', title: moved.title });
    expect(carried.body.items.find((i) => i.ruleId === hidden.ruleId)).toMatchObject({ hidden: true });
    const versions = (await platform.http.get(`/v1/audits/${next}/plan/versions`).expect(200)).body;
    expect(versions.items).toEqual([expect.objectContaining({ version: 1, author: null, carriedFrom: { auditId, version: 3 } })]);
    expect((await platform.http.get(`/v1/audits/${next}/plan.md`).expect(200)).text).toContain('Agreed with Dana on the 3rd: start here.');
    secondAuditId = next;
  });

  it('lets one of five concurrent edits of the same version win; the others get 412 and store nothing', async () => {
    const item = generated.items[5];
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => platform.http.patch(`/v1/audits/${secondAuditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [{ ruleId: item.ruleId, notes: `edit ${n}` }] })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412, 412]);
    const winner = answers.find((a) => a.status === 200)!;
    const versions = (await platform.http.get(`/v1/audits/${secondAuditId}/plan/versions`).expect(200)).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0].changes).toEqual([{ ruleId: item.ruleId, notes: winner.body.items.find((i: { ruleId: string }) => i.ruleId === item.ruleId).notes }]);
  });

  it('refuses an edit of a plan whose stored input no longer reads (409 naming the field) and stores no version', async () => {
    const stored = (await db.query(`SELECT content FROM artifacts WHERE audit_id = $1 AND kind = 'plan-input.json'`, [auditId])).rows[0].content as Buffer;
    const input = JSON.parse(stored.toString('utf8'));
    input.result.schemaVersion = 99;
    await db.query(`UPDATE artifacts SET content = $2 WHERE audit_id = $1 AND kind = 'plan-input.json'`, [auditId, Buffer.from(JSON.stringify(input))]);
    try {
      const before = await plan(auditId);
      const res = await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', before.headers.etag).send({ items: [{ ruleId: generated.items[0].ruleId, notes: 'after corruption' }] });
      expectProblem(res, 409);
      expect(res.body.detail).toMatch(/plan-input\.json cannot be read: result\.schemaVersion is 99/);
      const versions = (await platform.http.get(`/v1/audits/${auditId}/plan/versions`).expect(200)).body.items;
      expect(versions[0].version).toBe(before.body.version);
    } finally {
      await db.query(`UPDATE artifacts SET content = $2 WHERE audit_id = $1 AND kind = 'plan-input.json'`, [auditId, stored]);
    }
  });
});

describe('plan export to GitHub issues from the platform, against a GitHub stand-in on 127.0.0.1', () => {
  // Its own repository name: the webhook test's projects read acme/shop-api, and a push there must not find this one.
  const github = githubStandIn('acme/plan-export');
  let platform: TestPlatform;
  let auditId: string;
  let clientId: string;
  let projectId: string;
  const tokenKey = Buffer.alloc(32, 7);
  const planUrl = 'https://audits.example/app/audits/x/plan';
  // GitHub wants a second between writes and the client keeps to it: the plan is cut to three visible items.
  let visible: string[];

  interface ExportView {
    id: string;
    status: string;
    version: number;
    total: number;
    failure: string | null;
    issues: Array<{ ruleId: string; action: string; number: number }>;
  }

  /** Starts an export (202 with Location) and reads it there until it has ended. */
  async function exportToEnd(body: object, key?: string): Promise<{ started: ExportView; done: ExportView; replayed: boolean }> {
    const request = platform.http.post(`/v1/audits/${auditId}/plan/github-issues`);
    if (key) request.set('Idempotency-Key', key);
    const res = await request.send(body).expect(202);
    expect(res.headers.location).toBe(`/v1/audits/${auditId}/plan/github-issues/${res.body.id}`);
    let done: ExportView = res.body;
    for (const deadline = Date.now() + 60_000; done.status === 'running' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 200));
      done = (await platform.http.get(res.headers.location).expect(200)).body;
    }
    return { started: res.body, done, replayed: res.headers['idempotent-replayed'] === 'true' };
  }

  /** The audit-log entry of one export (written when it ends). */
  async function logOf(exportId: string): Promise<{ subject: string; detail: Record<string, unknown> } | undefined> {
    const log = (await platform.http.get('/v1/audit-log?action=plan-exported-to-github').expect(200)).body.items as Array<{ subject: string; detail: Record<string, unknown> }>;
    return log.find((e) => e.detail.exportId === exportId);
  }

  beforeAll(async () => {
    await new Promise<void>((done) => github.server.listen(0, '127.0.0.1', done));
    const port = (github.server.address() as AddressInfo).port;
    platform = await startTestPlatform({ GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_TOKEN: 'platform-token', APIAUDIT_TOKEN_KEY: tokenKey.toString('hex') });
    clientId = (await platform.http.post('/v1/clients').send({ name: 'Export Co' }).expect(201)).body.id;
    projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Shop' }).expect(201)).body.id;
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(readFileSync(join(shop, 'openapi.yaml'))).expect(201);
    const audit = await auditToEnd(platform.http, projectId);
    expect(audit.status).toBe('succeeded');
    auditId = audit.id;
    const plan = (await platform.http.get(`/v1/audits/${auditId}/plan`).expect(200)).body as PlanDocument;
    const hide = plan.items.slice(3).map((i) => ({ ruleId: i.ruleId, hidden: true }));
    await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', '"plan-v1"').send({ items: [...hide, { ruleId: plan.items[2].ruleId, title: 'Edited title' }] }).expect(200);
    visible = plan.items.slice(0, 3).map((i) => i.ruleId);
  });

  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((done) => github.server.close(() => done()));
  });

  it('files one issue per visible item of the edited plan, with the request token, and logs the export', async () => {
    const { started, done } = await exportToEnd({ repository: 'acme/plan-export', token: 'request-token', planUrl }, 'export-1');
    expect(started).toMatchObject({ repository: 'acme/plan-export', version: 2, total: 3 });
    expect(done).toMatchObject({ status: 'succeeded', total: 3, failure: null });
    expect(done.issues.map((i) => [i.ruleId, i.action])).toEqual(visible.map((ruleId) => [ruleId, 'created']));
    expect(github.issues).toHaveLength(3);
    expect(github.issues[2].title).toMatch(/^\[\w+\] Edited title$/);
    expect(github.issues[0].body).toContain(`From the audit plan: ${planUrl}`);
    expect(new Set(github.authorizations)).toEqual(new Set(['token request-token']));
    const entry = await logOf(started.id);
    expect(entry).toMatchObject({ subject: auditId, detail: { exportId: started.id, repository: 'acme/plan-export', version: 2, status: 'succeeded', created: 3, tokenFrom: 'request' } });
    expect(JSON.stringify(entry)).not.toContain('request-token');
  });

  it('replays a retried request with the same Idempotency-Key without calling GitHub again', async () => {
    const before = github.requests.length;
    const { replayed } = await exportToEnd({ repository: 'acme/plan-export', token: 'request-token', planUrl }, 'export-1');
    expect(replayed).toBe(true);
    expect(github.requests.length).toBe(before);
  });

  it('exports again into the same issues, updating only what an edit changed, with the platform token', async () => {
    github.authorizations.length = 0;
    const plan = (await platform.http.get(`/v1/audits/${auditId}/plan`).expect(200)) as unknown as { body: PlanDocument; headers: Record<string, string> };
    await platform.http.patch(`/v1/audits/${auditId}/plan`).set('If-Match', plan.headers.etag).send({ items: [{ ruleId: visible[0], horizon: 'later' }] }).expect(200);
    const { done } = await exportToEnd({ repository: 'acme/plan-export', planUrl });
    expect(github.issues).toHaveLength(3);
    expect(done.version).toBe(3);
    expect(done.issues.filter((i) => i.action === 'updated').map((i) => i.ruleId)).toEqual([visible[0]]);
    expect(done.issues.filter((i) => i.action === 'unchanged')).toHaveLength(2);
    expect(new Set(github.authorizations)).toEqual(new Set(['token platform-token']));
  });

  it("uses the token stored with the project's repository source for that repository", async () => {
    github.authorizations.length = 0;
    // Stored as the repository-source route stores it (sealed, bound to project and repository), without asking GitHub.
    await platform.api.get(SourceRepository).addUnlessKnown({
      projectId,
      kind: 'repository',
      sha256: 'acme/plan-export@main',
      filename: 'acme/plan-export',
      size: 0,
      repository: 'acme/plan-export',
      ref: 'main',
      tokenSealed: sealToken('project-token', tokenKey, tokenContext(projectId, 'acme/plan-export')),
    });
    const { done } = await exportToEnd({ repository: 'acme/plan-export', planUrl });
    expect(done.issues.every((i) => i.action === 'unchanged')).toBe(true);
    expect(new Set(github.authorizations)).toEqual(new Set(['token project-token']));
    expect((await logOf(done.id))!.detail).toMatchObject({ tokenFrom: 'project', unchanged: 3 });
  });

  it('says what GitHub refused as a problem, lists every export, and lets client users read but not export', async () => {
    const missing = await platform.http.post(`/v1/audits/${auditId}/plan/github-issues`).send({ repository: 'acme/missing' });
    expectProblem(missing, 422);
    expect(missing.body.detail).toContain('acme/missing: repository not found');
    expectProblem(await platform.http.post(`/v1/audits/${auditId}/plan/github-issues`).send({ repository: 'not a repo' }), 400);
    const clientAdmin = await platform.signUp('client-admin', clientId);
    expectProblem(await clientAdmin.http.post(`/v1/audits/${auditId}/plan/github-issues`).send({ repository: 'acme/plan-export' }), 403);
    const list = (await clientAdmin.http.get(`/v1/audits/${auditId}/plan/github-issues`).expect(200)).body.items as ExportView[];
    expect(list.map((e) => [e.status, e.version])).toEqual([['failed', 3], ['succeeded', 3], ['succeeded', 3], ['succeeded', 2]]);
    expect(list[0].failure).toContain('acme/missing: repository not found');
    expectProblem(await platform.http.get(`/v1/audits/${auditId}/plan/github-issues/${auditId}`), 404);
  });
});
