import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { auditToEnd, startTestPlatform, type TestPlatform, type TestUser } from '../setup/platform';
import { testDatabaseUrl } from '../setup/test-env';

jest.setTimeout(120000);

const shop = resolve(__dirname, '../../examples/shop');

interface Item {
  id: string;
  fingerprint: string;
  ruleId: string;
  severity: string;
  category: string;
  endpoint: { method: string; path: string } | null;
  status: string;
  etag: string;
  commentCount: number;
  assignee: { id: string } | null;
}

describe('findings workflow: filters, status with If-Match, comments, history, across re-audits', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: TestUser;
  let viewer: TestUser;
  let projectId: string;
  let auditId: string;
  let all: Item[];

  async function runAudit(): Promise<string> {
    const audit = await auditToEnd(platform.http, projectId);
    expect(audit.status).toBe('succeeded');
    return audit.id;
  }

  async function everyPage(first: string, as = platform.http): Promise<Item[]> {
    const items: Item[] = [];
    for (let next: string | null = first; next; ) {
      const page: { body: { items: Item[]; next: string | null } } = await as.get(next).expect(200);
      items.push(...page.body.items);
      next = page.body.next;
    }
    return items;
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Workflow Co' }).expect(201)).body.id;
    projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Shop' }).expect(201)).body.id;
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(readFileSync(join(shop, 'openapi.yaml'))).expect(201);
    await platform.http.post(`/v1/projects/${projectId}/sources?kind=traces`).attach('file', join(shop, 'traces/shop.otlp.jsonl')).expect(201);
    auditId = await runAudit();
    all = await everyPage(`/v1/audits/${auditId}/findings?limit=200`);
    admin = await platform.signUp('client-admin', clientId);
    viewer = await platform.signUp('client-viewer', clientId);
  });

  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('filters by severity, category, endpoint and text, and pages every sort without gaps or repeats', async () => {
    expect(all.length).toBeGreaterThan(10);
    expect(all.every((f) => f.status === 'open' && f.commentCount === 0 && f.assignee === null && f.etag === '"state-0"')).toBe(true);

    const severe = await everyPage(`/v1/audits/${auditId}/findings?severity=high,critical&limit=2`);
    expect(severe.map((f) => f.id)).toEqual(all.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.id));
    expect(severe.length).toBeGreaterThan(0);

    const category = all[0].category;
    expect((await everyPage(`/v1/audits/${auditId}/findings?category=${category}`)).map((f) => f.id)).toEqual(all.filter((f) => f.category === category).map((f) => f.id));

    const withEndpoint = all.find((f) => f.endpoint)!;
    const endpoint = `${withEndpoint.endpoint!.method} ${withEndpoint.endpoint!.path}`;
    const onEndpoint = await everyPage(`/v1/audits/${auditId}/findings?endpoint=${encodeURIComponent(endpoint)}`);
    expect(onEndpoint.map((f) => f.id)).toEqual(all.filter((f) => f.endpoint && `${f.endpoint.method} ${f.endpoint.path}` === endpoint).map((f) => f.id));

    const searched = await everyPage(`/v1/audits/${auditId}/findings?q=${encodeURIComponent('API-KEY-in')}`);
    expect(searched.map((f) => f.ruleId)).toContain('api-key-in-query');
    expect((await everyPage(`/v1/audits/${auditId}/findings?q=${encodeURIComponent('100%_\\')}`)).length).toBe(0);

    for (const sort of ['priority', '-priority', 'category', 'rule', 'endpoint', 'title']) {
      const paged = await everyPage(`/v1/audits/${auditId}/findings?sort=${sort}&limit=3`);
      expect(paged).toHaveLength(all.length);
      expect(new Set(paged.map((f) => f.id)).size).toBe(all.length);
    }
    const byRule = await everyPage(`/v1/audits/${auditId}/findings?sort=rule&limit=4`);
    const rules = byRule.map((f) => f.ruleId);
    expect(rules).toEqual([...rules].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect((await everyPage(`/v1/audits/${auditId}/findings?sort=-priority&limit=5`)).map((f) => f.id)).toEqual([...all].reverse().map((f) => f.id));
  });

  it('refuses bad filters, sorts and cursors with a 400 problem naming the field', async () => {
    for (const [query, field] of [
      ['severity=urgent', 'severity'],
      ['status=done', 'status'],
      ['sort=random', 'sort'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=not-ours', 'cursor'],
      ['category=DROP%20TABLE', 'category'],
    ]) {
      const res = await platform.http.get(`/v1/audits/${auditId}/findings?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.field).toBe(field);
    }
    // A cursor made for one sort is refused by another.
    const first = await platform.http.get(`/v1/audits/${auditId}/findings?sort=rule&limit=2`).expect(200);
    const cursor = new URL(first.body.next, 'http://x').searchParams.get('cursor');
    await platform.http.get(`/v1/audits/${auditId}/findings?sort=title&cursor=${cursor}`).expect(400);
  });

  it('changes status only with a current If-Match: 428 without, 412 when stale, one winner of two racing writers', async () => {
    const target = all[0];
    const url = `/v1/projects/${projectId}/findings/${target.fingerprint}`;
    const read = await admin.http.get(url).expect(200);
    expect(read.headers.etag).toBe('"state-0"');
    expect(read.body).toMatchObject({ status: 'open', history: [] });

    const missing = await admin.http.patch(url).send({ status: 'acknowledged' }).expect(428);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    await admin.http.patch(url).set('If-Match', '"state-7"').send({ status: 'acknowledged' }).expect(412);
    await admin.http.patch(url).set('If-Match', '"state-0"').send({ status: 'done' }).expect(400);
    const noReason = await admin.http.patch(url).set('If-Match', '"state-0"').send({ status: 'wont-fix' }).expect(400);
    expect(noReason.body.field).toBe('reason');
    await admin.http.patch(url).set('If-Match', '"state-0"').send({ status: 'fixed', extra: 1 }).expect(400);
    expect((await admin.http.get(url).expect(200)).headers.etag).toBe('"state-0"');

    const racing = await Promise.all(['acknowledged', 'in-progress'].map((status) => admin.http.patch(url).set('If-Match', '"state-0"').send({ status })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = racing.find((r) => r.status === 200)!;
    expect(winner.headers.etag).toBe('"state-1"');

    const fixed = await admin.http.patch(url).set('If-Match', winner.headers.etag).send({ status: 'fixed', assigneeId: admin.user.id }).expect(200);
    expect(fixed.body).toMatchObject({ status: 'fixed', reason: null, assignee: { id: admin.user.id }, etag: '"state-2"' });
    expect(fixed.body.history.map((h: { from: string; to: string }) => `${h.from}>${h.to}`)).toEqual([`open>${winner.body.status}`, `${winner.body.status}>fixed`]);
    expect(fixed.body.history[1].actor.id).toBe(admin.user.id);
    const logged = await db.query(`SELECT detail FROM audit_log WHERE action = 'finding-status-changed' AND subject = $1 ORDER BY id`, [`${projectId}/${target.fingerprint}`]);
    expect(logged.rows.map((r) => r.detail.to)).toEqual([winner.body.status, 'fixed']);

    const dismissed = all[1];
    const wontFix = await admin.http.patch(`/v1/projects/${projectId}/findings/${dismissed.fingerprint}`).set('If-Match', '"state-0"').send({ status: 'wont-fix', reason: 'internal endpoint, never exposed' }).expect(200);
    expect(wontFix.body).toMatchObject({ status: 'wont-fix', reason: 'internal endpoint, never exposed' });

    const open = await everyPage(`/v1/audits/${auditId}/findings?status=open`);
    expect(open.map((f) => f.id)).toEqual(all.slice(2).map((f) => f.id));
    const done = await everyPage(`/v1/audits/${auditId}/findings?status=fixed,wont-fix`);
    expect(done.map((f) => [f.id, f.status])).toEqual([[target.id, 'fixed'], [dismissed.id, 'wont-fix']]);
  });

  it('lets a viewer read and comment but not change status; assignees must belong to the client', async () => {
    const target = all[2];
    const url = `/v1/projects/${projectId}/findings/${target.fingerprint}`;
    const refused = await viewer.http.patch(url).set('If-Match', '"state-0"').send({ status: 'fixed' }).expect(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    const outsider = await platform.signUp('client-viewer', (await platform.http.post('/v1/clients').send({ name: 'Elsewhere' }).expect(201)).body.id);
    const wrongAssignee = await admin.http.patch(url).set('If-Match', '"state-0"').send({ assigneeId: outsider.user.id }).expect(400);
    expect(wrongAssignee.body.field).toBe('assigneeId');

    await viewer.http.post(`${url}/comments`).send({ body: 'Seen on production too.' }).expect(201);
    await admin.http.post(`${url}/comments`).send({ body: 'Fix scheduled for sprint 12.' }).expect(201);
    await viewer.http.post(`${url}/comments`).send({ body: '' }).expect(400);
    const comments = (await viewer.http.get(`${url}/comments`).expect(200)).body.items;
    expect(comments.map((c: { body: string; author: { id: string } }) => [c.body, c.author.id])).toEqual([
      ['Seen on production too.', viewer.user.id],
      ['Fix scheduled for sprint 12.', admin.user.id],
    ]);
    const listed = (await viewer.http.get(`/v1/audits/${auditId}/findings?limit=200`).expect(200)).body.items as Item[];
    expect(listed.find((f) => f.id === target.id)!.commentCount).toBe(2);

    await admin.http.get(`/v1/projects/${projectId}/findings/not-a-fingerprint-of-this-project`).expect(404);
    await viewer.http.post(`/v1/projects/${projectId}/findings/not-a-fingerprint-of-this-project/comments`).send({ body: 'x' }).expect(404);
  });

  it('serves one finding with its state and history, logs plan exports, and keeps states across a re-audit of the project', async () => {
    const target = all[0];
    const detail = await viewer.http.get(`/v1/audits/${auditId}/findings/${encodeURIComponent(target.id)}`).expect(200);
    expect(detail.body).toMatchObject({ id: target.id, fingerprint: target.fingerprint, status: 'fixed', etag: '"state-2"' });
    expect(detail.body.history).toHaveLength(2);
    expect(detail.body.evidence.length).toBeGreaterThan(0);
    await viewer.http.get(`/v1/audits/${auditId}/findings/no-such-finding`).expect(404);

    await viewer.http.get(`/v1/audits/${auditId}/plan.html`).expect(200);
    const exports = await db.query(`SELECT actor_id, subject, detail FROM audit_log WHERE action = 'export' AND actor_id = $1`, [viewer.user.id]);
    expect(exports.rows).toEqual([{ actor_id: viewer.user.id, subject: auditId, detail: { kind: 'plan.html', version: 1 } }]);

    const again = await runAudit();
    const reaudited = await everyPage(`/v1/audits/${again}/findings?status=fixed,wont-fix`);
    expect(reaudited.map((f) => [f.fingerprint, f.status])).toEqual([[all[0].fingerprint, 'fixed'], [all[1].fingerprint, 'wont-fix']]);
    const audits = (await viewer.http.get(`/v1/projects/${projectId}/audits?limit=1`).expect(200)).body;
    expect(audits.items[0].id).toBe(again);
    expect((await viewer.http.get(audits.next).expect(200)).body).toMatchObject({ items: [{ id: auditId }], next: null });
  });
});
