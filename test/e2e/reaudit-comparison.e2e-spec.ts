import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../setup/platform';

jest.setTimeout(300_000);

const v1 = readFileSync(resolve(__dirname, '../../examples/shop/openapi.yaml'), 'utf8');
const v2 = readFileSync(resolve(__dirname, '../fixtures/reaudit/openapi.v2.yaml'), 'utf8');
/** The same description under another `info.version`: new bytes (a new spec version), the same defects. */
const bump = (spec: string, version: string) => spec.replace(/^  version: [\d.]+$/m, `  version: ${version}`);

interface Compared {
  ruleId: string;
  fingerprint: string;
  endpoint: { method: string; path: string } | null;
}

/**
 * Re-audits on the platform: each audit is compared with the project's previous succeeded one by fingerprint, and a
 * finding's state (status, reason, comments) carries over by fingerprint. The sample API's key in the query string
 * (api-key-in-query on POST /v1/payments) is fixed, comes back, is fixed and comes back again.
 */
describe('re-audit comparisons and what carries over', () => {
  let platform: TestPlatform;
  let projectId: string;
  const audits: string[] = [];

  async function upload(spec: string): Promise<void> {
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
  }

  async function audit(): Promise<string> {
    const started = await platform.http.post(`/v1/projects/${projectId}/audits`).expect(202);
    let body = started.body;
    for (const deadline = Date.now() + 90_000; body.status !== 'succeeded' && body.status !== 'failed' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      body = (await platform.http.get(`/v1/audits/${started.body.id}`).expect(200)).body;
    }
    expect({ status: body.status, error: body.error }).toEqual({ status: 'succeeded', error: null });
    audits.push(body.id);
    return body.id as string;
  }

  const rules = (list: Compared[]) => list.map((f) => f.ruleId);

  beforeAll(async () => {
    platform = await startTestPlatform();
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Re-audit Co' }).expect(201)).body.id;
    projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Shop' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await platform?.close();
  });

  let apiKey: Compared;

  it("answers the project's first audit with no baseline and every finding new", async () => {
    await upload(v1);
    const first = await audit();
    const res = await platform.http.get(`/v1/audits/${first}/comparison`).expect(200);
    expect(res.body).toMatchObject({ auditId: first, baselineAuditId: null, resolved: [], regressed: [], open: [], validation: [], scores: { before: null, delta: null } });
    expect(res.body.new.length).toBe((await platform.http.get(`/v1/audits/${first}/findings?limit=200`).expect(200)).body.items.length);
    apiKey = res.body.new.find((f: Compared) => f.ruleId === 'api-key-in-query');
    expect(apiKey.endpoint).toEqual({ method: 'POST', path: '/v1/payments' });
  });

  it('compares the next audit with the previous one: fixed, new, still open, targets and score deltas', async () => {
    await upload(v2);
    const second = await audit();
    const { body } = await platform.http.get(`/v1/audits/${second}/comparison`).expect(200);
    expect(body.baselineAuditId).toBe(audits[0]);
    expect(rules(body.resolved)).toEqual(['api-key-in-query']);
    expect(body.new.map((f: Compared) => [f.ruleId, f.endpoint])).toContainEqual(['delete-on-collection', { method: 'DELETE', path: '/v1/products' }]);
    expect(body.regressed).toEqual([]);
    expect(body.open.length).toBeGreaterThan(10);
    expect(body.validation.find((v: { item: { ruleId: string } }) => v.item.ruleId === 'api-key-in-query')).toMatchObject({ metric: 'findings.count', before: 1, after: 0, met: true });
    expect(body.scores.after - body.scores.before).toBe(body.scores.delta);
    expect(body.scores.byCategory.security).toMatchObject({ before: expect.any(Number), after: expect.any(Number) });
    // The same answer again (stored by the worker when the audit succeeded), and 304 for its ETag.
    const again = await platform.http.get(`/v1/audits/${second}/comparison`).expect(200);
    expect(again.body).toEqual(body);
    await platform.http.get(`/v1/audits/${second}/comparison`).set('If-None-Match', again.headers.etag).expect(304);
  });

  it('keeps false-positive and wont-fix when the finding is reported again, with reason, comments and history', async () => {
    const listed = (await platform.http.get(`/v1/audits/${audits[1]}/findings?limit=200`).expect(200)).body.items as Array<Compared & { etag: string }>;
    const [falsePositive, wontFix] = listed.filter((f) => f.ruleId !== 'api-key-in-query');
    const base = `/v1/projects/${projectId}/findings`;
    await platform.http.patch(`${base}/${falsePositive.fingerprint}`).set('If-Match', falsePositive.etag).send({ status: 'false-positive', reason: 'staging only' }).expect(200);
    await platform.http.patch(`${base}/${wontFix.fingerprint}`).set('If-Match', wontFix.etag).send({ status: 'wont-fix', reason: 'partner contract' }).expect(200);
    await platform.http.post(`${base}/${wontFix.fingerprint}/comments`).send({ body: 'until 2027' }).expect(201);

    // Reported again by a re-audit of a new spec version that still has both defects (and brings the key back).
    await upload(bump(v1, '1.6.0'));
    const third = await audit();
    const items = (await platform.http.get(`/v1/audits/${third}/findings?limit=200`).expect(200)).body.items as Array<Compared & { status: string; reason: string; commentCount: number }>;
    expect(items.find((f) => f.fingerprint === falsePositive.fingerprint)).toMatchObject({ status: 'false-positive', reason: 'staging only' });
    expect(items.find((f) => f.fingerprint === wontFix.fingerprint)).toMatchObject({ status: 'wont-fix', reason: 'partner contract', commentCount: 1 });
    const state = (await platform.http.get(`${base}/${falsePositive.fingerprint}`).expect(200)).body;
    expect(state.history.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([['open', 'false-positive']]);
    expect(state.audits.map((a: { change: string }) => a.change)).toEqual(['new', 'open', 'open']);
  });

  it('keeps one finding with its whole history when it is resolved, comes back, is resolved and comes back again', async () => {
    const third = audits[2];
    const comeback = (await platform.http.get(`/v1/audits/${third}/comparison`).expect(200)).body;
    expect(comeback.baselineAuditId).toBe(audits[1]);
    expect(comeback.regressed.map((f: Compared) => f.fingerprint)).toEqual([apiKey.fingerprint]);
    expect(comeback.new.map((f: Compared) => f.fingerprint)).not.toContain(apiKey.fingerprint);

    await upload(bump(v2, '1.7.0'));
    const fourth = await audit();
    // (Breaking-change findings of each spec version against the one before it come and go too.)
    expect(rules((await platform.http.get(`/v1/audits/${fourth}/comparison`).expect(200)).body.resolved)).toContain('api-key-in-query');
    await upload(bump(v1, '1.8.0'));
    const fifth = await audit();
    const again = (await platform.http.get(`/v1/audits/${fifth}/comparison`).expect(200)).body;
    expect(again.regressed.map((f: Compared) => f.fingerprint)).toContain(apiKey.fingerprint);
    expect(again.new.map((f: Compared) => f.fingerprint)).not.toContain(apiKey.fingerprint);

    const state = (await platform.http.get(`/v1/projects/${projectId}/findings/${apiKey.fingerprint}`).expect(200)).body;
    expect(state.audits.map((a: { auditId: string; change: string }) => [a.auditId, a.change])).toEqual([
      [audits[0], 'new'],
      [audits[1], 'resolved'],
      [audits[2], 'regressed'],
      [audits[3], 'resolved'],
      [audits[4], 'regressed'],
    ]);
    // Each audit lists it once under one id: the same fingerprint every time it is reported.
    for (const id of [audits[0], audits[2], audits[4]]) {
      const items = (await platform.http.get(`/v1/audits/${id}/findings?limit=200`).expect(200)).body.items as Compared[];
      expect(items.filter((f) => f.ruleId === 'api-key-in-query').map((f) => f.fingerprint)).toEqual([apiKey.fingerprint]);
    }
  });

  it('compares with any earlier succeeded audit of the project (?baseline=), and refuses others', async () => {
    const [first, , , , fifth] = audits;
    const { body } = await platform.http.get(`/v1/audits/${fifth}/comparison?baseline=${first}`).expect(200);
    expect(body.baselineAuditId).toBe(first);
    expect(rules(body.resolved)).not.toContain('api-key-in-query');
    expect(rules(body.open)).toContain('api-key-in-query');
    // The fifth audit read v1 again (with v2 as the version before it): only breaking-change findings are new.
    expect(rules(body.new).filter((rule) => !['operation-removed', 'request-parameter-added-required'].includes(rule))).toEqual([]);
    await platform.http.get(`/v1/audits/${first}/comparison?baseline=${fifth}`).expect(400);
    await platform.http.get(`/v1/audits/${fifth}/comparison?baseline=${fifth}`).expect(400);
    await platform.http.get(`/v1/audits/${fifth}/comparison?baseline=not-a-uuid`).expect(400);
    const other = (await platform.http.post('/v1/clients').send({ name: 'Other' }).expect(201)).body.id;
    const otherProject = (await platform.http.post(`/v1/clients/${other}/projects`).send({ name: 'Other shop' }).expect(201)).body.id;
    await platform.http.post(`/v1/projects/${otherProject}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(v1).expect(201);
    const foreign = (await platform.http.post(`/v1/projects/${otherProject}/audits`).expect(202)).body.id;
    const problem = await platform.http.get(`/v1/audits/${fifth}/comparison?baseline=${foreign}`).expect(404);
    expect(problem.headers['content-type']).toMatch(/problem\+json/);
  });
});
