import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { testDatabaseUrl } from '../setup/test-env';
import { fuzzParameters, mutatedArb } from '../fuzz/mutations';
import { postJson, send, startListeningApi, type Answer, type ListeningApi } from './listening-api';

// Real servers on a shared machine: generous per-test bound (Jest's project config cannot set it).
jest.setTimeout(180_000);

const shop = resolve(__dirname, '../../examples/shop');
const PROBLEM = 'application/problem+json';

/**
 * The api's doors under random input (fast-check, seeded: FUZZ_SEED reproduces a failure): JSON bodies of any
 * shape and depth, broken JSON, any content type, mutated spec and trace uploads, random query strings and
 * methods. Every answer is below 500; every 4xx is problem+json naming no server folder or stack frame.
 */
describe('fuzz: the HTTP doors (api on PostgreSQL)', () => {
  let api: ListeningApi;
  let db: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startListeningApi();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    ids.client = (await postJson(api.base, '/v1/clients', { name: 'Fuzz' })).json.id;
    ids.project = (await postJson(api.base, `/v1/clients/${ids.client}/projects`, { name: 'Doors' })).json.id;
    const spec = await send(api.base, 'POST', `/v1/projects/${ids.project}/sources?filename=openapi.yaml`, { body: readFileSync(join(shop, 'openapi.yaml')), headers: { 'content-type': 'application/yaml' } });
    expect(spec.status).toBe(201);
    // A finished audit with one finding, stored directly (no worker runs here), so the finding routes have a target.
    ids.audit = (await db.query("INSERT INTO audits (project_id, status) VALUES ($1, 'succeeded') RETURNING id", [ids.project])).rows[0].id;
    ids.fingerprint = 'fuzz-fingerprint';
    ids.finding = (
      await db.query(
        `INSERT INTO findings (audit_id, position, fingerprint, finding_id, rule_id, category, severity, title, message, evidence)
         VALUES ($1, 0, $2, 'f1', 'operation-missing-summary', 'contract', 'low', 'No summary', 'No summary', '[]') RETURNING id`,
        [ids.audit, ids.fingerprint],
      )
    ).rows[0].id;
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  function expectClean(answer: Answer, what: string, method = 'POST'): void {
    expect({ what, status: answer.status >= 500 ? answer.status : 'below 500', text: answer.status >= 500 ? answer.text.slice(0, 300) : '' }).toEqual({ what, status: 'below 500', text: '' });
    // A HEAD answer has the headers of its GET and no body to hold a problem.
    if (answer.status >= 400 && method !== 'HEAD') {
      expect({ what, type: answer.headers.get('content-type') }).toEqual({ what, type: expect.stringContaining(PROBLEM) });
      expect({ what, status: answer.json?.status, title: typeof answer.json?.title }).toEqual({ what, status: answer.status, title: 'string' });
    }
    expect(answer.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|\/(tmp|work|home|root|usr)\//);
  }

  const bodyRoutes = () => [
    ['POST', '/v1/clients'],
    ['POST', `/v1/clients/${ids.client}/projects`],
    ['POST', `/v1/clients/${ids.client}/invitations`],
    ['POST', '/v1/auth/tokens'],
    ['POST', `/v1/projects/${ids.project}/audits`],
    ['PATCH', `/v1/projects/${ids.project}/findings/${ids.fingerprint}`],
    ['POST', `/v1/projects/${ids.project}/findings/${ids.fingerprint}/comments`],
    ['PATCH', `/v1/audits/${ids.audit}/plan`],
    ['POST', '/v1/auth/login'],
    ['POST', '/v1/invitations/not-a-token/accept'],
  ] as const;
  const route = fc.nat({ max: 9 }).map((i) => bodyRoutes()[i]!);
  // Bodies with the fields the routes read, holding anything: they get past the parser into validation and services.
  const field = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.constantFrom('', '\u0000', 'client-viewer', 'consultant', 'acknowledged', 'wont-fix', 'a@b.example', '00000000-0000-0000-0000-000000000000', 'x'.repeat(5000)));
  const dtoLike = fc.record(
    { name: field, email: field, role: field, body: field, status: field, reason: field, assigneeId: field, password: field, items: field, edits: field, note: field, __proto__: field, constructor: field },
    { requiredKeys: [] },
  );

  it('answers JSON bodies of any shape below 500, with a problem for every refusal', async () => {
    await fc.assert(
      fc.asyncProperty(route, fc.oneof(fc.jsonValue({ maxDepth: 5 }), dtoLike), async ([method, path], body) => {
        const answer = await send(api.base, method, path, { body: JSON.stringify(body) ?? 'null', headers: { 'content-type': 'application/json', 'if-match': '"x"' } });
        expectClean(answer, `${method} ${path} ${JSON.stringify(body)?.slice(0, 200)}`);
      }),
      fuzzParameters(120),
    );
  });

  it('refuses JSON nested deeper than the door allows, at any depth, with a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(route, fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('[', '{"a":'), async ([method, path], depth, open) => {
        const close = open === '[' ? ']' : '}';
        const body = `${open.repeat(depth)}1${close.repeat(depth)}`;
        const answer = await send(api.base, method, path, { body, headers: { 'content-type': 'application/json' } });
        expectClean(answer, `${method} ${path} depth ${depth}`);
        if (depth > 128) expect(answer.status).toBeGreaterThanOrEqual(400);
      }),
      fuzzParameters(40),
    );
  });

  it('answers broken bodies and any content type below 500', async () => {
    const contentType = fc.constantFrom('application/json', 'application/merge-patch+json', 'application/problem+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/octet-stream', 'application/json; charset=utf-16', 'application/json; charset=nope', '');
    const body = fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), mutatedArb([{ name: 'json', bytes: Buffer.from('{"name":"Acme","role":"client-viewer","email":"a@b.example","body":"x","status":"acknowledged"}') }]).map((m) => m.bytes));
    await fc.assert(
      fc.asyncProperty(route, contentType, body, async ([method, path], type, payload) => {
        const answer = await send(api.base, method, path, { body: payload, headers: type ? { 'content-type': type } : {} });
        expectClean(answer, `${method} ${path} ${type}`);
      }),
      fuzzParameters(120),
    );
  });

  it('stores or refuses mutated spec uploads, never a 500', async () => {
    const seeds = [
      { name: 'openapi.yaml', bytes: readFileSync(join(shop, 'openapi.yaml')) },
      { name: 'openapi.json', bytes: Buffer.from(JSON.stringify({ openapi: '3.0.3', info: { title: 'J', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } })) },
    ];
    await fc.assert(
      fc.asyncProperty(mutatedArb(seeds), fc.constantFrom('application/yaml', 'application/json', 'application/octet-stream', 'application/gzip'), async ({ name, bytes }, type) => {
        const answer = await send(api.base, 'POST', `/v1/projects/${ids.project}/sources?filename=${name}`, { body: bytes, headers: { 'content-type': type } });
        expectClean(answer, `spec upload ${name} (${bytes.length} bytes)`);
        expect([200, 201, 400, 413, 415, 422]).toContain(answer.status);
      }),
      fuzzParameters(80),
    );
  });

  it('stores or refuses mutated streamed trace uploads, never a 500', async () => {
    const seeds = [{ name: 'shop.otlp.jsonl', bytes: readFileSync(join(shop, 'traces/shop.otlp.jsonl')).subarray(0, 8192) }];
    await fc.assert(
      fc.asyncProperty(mutatedArb(seeds), fc.constantFrom('application/json', 'application/x-ndjson', 'application/x-protobuf', 'application/gzip'), async ({ bytes }, type) => {
        const answer = await send(api.base, 'POST', `/v1/projects/${ids.project}/sources?kind=traces&filename=fuzz.jsonl`, { body: bytes, headers: { 'content-type': type } });
        expectClean(answer, `trace upload (${bytes.length} bytes, ${type})`);
      }),
      fuzzParameters(60),
    );
  });

  it('answers random query strings, path segments and methods below 500', async () => {
    const getRoutes = () => [
      `/v1/audits/${ids.audit}/findings`,
      `/v1/projects/${ids.project}/audits`,
      '/v1/clients',
      `/v1/clients/${ids.client}/projects`,
      `/v1/projects/${ids.project}/findings/${ids.fingerprint}/comments`,
      '/v1/audit-log',
      '/v1/auth/tokens',
      `/v1/audits/${ids.audit}/plan/versions`,
    ];
    const param = fc.constantFrom('cursor', 'limit', 'severity', 'category', 'status', 'endpoint', 'q', 'sort', 'action', 'clientId', 'kind', 'filename', 'entry');
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('-1', '0', '1e300', '99999999999999999999', 'high,critical', '', 'cDo5OTk5OTk5OTk5OQ', 'NaN', '%00', '\u0000'), fc.base64String({ maxLength: 40 }));
    const segment = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('..', '%2e%2e', '99999999999999', '-1', '%00', 'null'));
    const method = fc.constantFrom('GET', 'HEAD', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'POST');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 7 }), fc.array(fc.tuple(param, value), { maxLength: 4 }), fc.option(segment), method, async (i, query, extra, verb) => {
        const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const path = `${getRoutes()[i]}${extra === null ? '' : `/${encodeURIComponent(extra)}`}${qs ? `?${qs}` : ''}`;
        const answer = await send(api.base, verb, path);
        expectClean(answer, `${verb} ${path}`, verb);
      }),
      fuzzParameters(150),
    );
  });
});
