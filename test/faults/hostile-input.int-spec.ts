import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateShopTraces } from '@apiaudit/traces';
import { toOtlpRequest } from '../../libs/traces/src/generate/generate-shop-traces';
import { buildTarGz } from '../../libs/github/src/__fixtures__/build-archives';
import { otlpProtoExport } from '../fixtures/otlp-proto-export';
import { Client } from 'pg';
import { testDatabaseUrl } from '../setup/test-env';
import { postJson, send, startListeningApi, type Answer, type ListeningApi } from './listening-api';

// Real servers on a shared machine: generous per-test bound (Jest's project config cannot set it).
jest.setTimeout(60_000);

const shop = resolve(__dirname, '../../examples/shop');
const PROBLEM = 'application/problem+json';

const tarGz = (entries: Record<string, string>) => buildTarGz(Object.entries(entries).map(([name, body]) => ({ name, body })));

/** OTLP JSON Lines of the generated shop traffic, one ExportTraceServiceRequest per trace, at least `bytes` long. */
function otlpLines(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (const trace of generateShopTraces({ seed: 7, requests: 1_000_000 })) {
    const line = JSON.stringify(toOtlpRequest(trace));
    lines.push(line);
    size += line.length + 1;
    if (size >= bytes) break;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Nothing a client sees names a server folder, a process id or a stack frame. */
function expectNoServerDetails(answer: Answer, artifacts: string): void {
  expect(answer.text).not.toContain(artifacts);
  expect(answer.text).not.toMatch(/\/(tmp|var|work|home|root|usr)\//);
  expect(answer.text).not.toMatch(/upload-\d+-/);
  expect(answer.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  expect(answer.text).not.toContain(String(process.pid));
}

describe('hostile input is refused at the door with a clear problem (api on PostgreSQL)', () => {
  let api: ListeningApi;
  let projectId: string;

  beforeAll(async () => {
    api = await startListeningApi({ APIAUDIT_MAX_TRACE_BYTES: String(8 * 1024 * 1024) });
    const client = await postJson(api.base, '/v1/clients', { name: 'Hostile' });
    projectId = (await postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Door' })).json.id;
  }, 60000);

  afterAll(async () => {
    await api?.close();
  });

  const upload = (query: string, body: Buffer | string, contentType: string, headers: Record<string, string> = {}) =>
    send(api.base, 'POST', `/v1/projects/${projectId}/sources${query}`, { body, headers: { 'content-type': contentType, ...headers } });

  it('refuses a JSON spec nested 2,000 deep with 422 naming the place', async () => {
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    const answer = await upload('?filename=deep.json', `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},"x-deep":${deep}}`, 'application/json');
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain(PROBLEM);
    expect(answer.json.detail).toMatch(/^deep\.json:1:\d+: nested deeper than 128 levels at \/x-deep\/a\/a/);
  });

  it('refuses a spec whose strings hold U+0000 with 422 naming the place', async () => {
    const answer = await upload('?filename=nul.json', '{"openapi":"3.0.3","info":{"title":"x\\u0000y","version":"1"},"paths":{}}', 'application/json');
    expect(answer.status).toBe(422);
    expect(answer.json.detail).toMatch(/^nul\.json:1:\d+: a string holds U\+0000 \(NUL\) at \/info\/title$/);
  });

  it('refuses a NUL byte in a client or project name with 400', async () => {
    const client = await postJson(api.base, '/v1/clients', { name: 'Ac\u0000me' });
    expect(client.status).toBe(400);
    expect(client.json.detail).toMatch(/control characters/);
    const project = await postJson(api.base, `/v1/clients/${(await postJson(api.base, '/v1/clients', { name: 'Ok' })).json.id}/projects`, { name: 'Sh\u0000op' });
    expect(project.status).toBe(400);
  });

  it('refuses a forged findings cursor out of range with 400', async () => {
    // An audit row of its own (no job queued): the cursor reaches the findings query only for an existing audit.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const audit = (await db.query('INSERT INTO audits (project_id) VALUES ($1) RETURNING id', [projectId]).finally(() => db.end())).rows[0].id as string;
    for (const offset of ['99999999999', '1e300', '-1']) {
      const cursor = Buffer.from(`p:${offset}`).toString('base64url');
      const answer = await send(api.base, 'GET', `/v1/audits/${audit}/findings?cursor=${cursor}`);
      expect({ offset, status: answer.status }).toEqual({ offset, status: 400 });
    }
  });

  it('answers a spec version beyond an integer with 404, not a database error', async () => {
    const answer = await send(api.base, 'GET', `/v1/projects/${projectId}/sources/spec/versions/99999999999999/diff`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain(PROBLEM);
  });

  it('answers a wrong method on a known route with 405 and Allow', async () => {
    const answer = await send(api.base, 'DELETE', `/v1/projects/${projectId}/sources`);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    const audits = await send(api.base, 'PUT', `/v1/projects/${projectId}/audits`);
    expect(audits.status).toBe(405);
    expect(audits.headers.get('allow')).toBe('GET, HEAD, POST');
    const clients = await send(api.base, 'PATCH', '/v1/clients');
    expect(clients.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await send(api.base, 'GET', '/v1/no-such-route')).status).toBe(404);
  });

  it('streams raw trace bodies of every kind to disk (JSON, NDJSON, gzip, protobuf), also past 1 MB', async () => {
    const big = otlpLines(1.8 * 1024 * 1024);
    expect(big.length).toBeGreaterThan(1.7 * 1024 * 1024);
    const json = await upload('?kind=traces&filename=big.jsonl', big, 'application/json');
    expect({ status: json.status, detail: json.json.detail }).toEqual({ status: 201, detail: undefined });
    expect(json.json.size).toBe(big.length);
    const ndjson = await upload('?kind=traces&filename=shop.jsonl', readFileSync(join(shop, 'traces/shop.otlp.jsonl')), 'application/x-ndjson');
    expect(ndjson.status).toBe(201);
    const gz = await upload('?kind=traces&filename=small.jsonl.gz', gzipSync(otlpLines(64 * 1024)), 'application/gzip');
    expect(gz.status).toBe(201);
    const gzEncoded = await upload('?kind=traces&filename=small2.jsonl.gz', gzipSync(otlpLines(32 * 1024)), 'application/json');
    expect(gzEncoded.status).toBe(201);
    const proto = await upload('?kind=traces&filename=export.pb', otlpProtoExport(11, 5), 'application/x-protobuf');
    expect({ status: proto.status, detail: proto.json.detail }).toEqual({ status: 201, detail: undefined });
  });

  it('refuses a trace body over APIAUDIT_MAX_TRACE_BYTES with 413 and keeps nothing', async () => {
    const answer = await upload('?kind=traces', otlpLines(9 * 1024 * 1024), 'application/json');
    expect(answer.status).toBe(413);
    expect(answer.json.detail).toMatch(/APIAUDIT_MAX_TRACE_BYTES/);
  });

  it('refuses a truncated trace upload without naming server paths or process ids', async () => {
    const whole = gzipSync(otlpLines(200 * 1024));
    const answer = await upload('?kind=traces&filename=cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)), 'application/gzip');
    expect(answer.status).toBe(422);
    expectNoServerDetails(answer, api.artifacts);
  });

  it('creates a new source for the same archive uploaded with another ?entry=', async () => {
    const spec = (title: string) => `openapi: 3.0.3\ninfo: {title: ${title}, version: "1"}\npaths: {}\n`;
    const archive = await tarGz({ 'public/openapi.yaml': spec('Public'), 'admin/openapi.yaml': spec('Admin') });
    const first = await upload('?filename=apis.tar.gz&entry=public/openapi.yaml', archive, 'application/gzip');
    const second = await upload('?filename=apis.tar.gz&entry=admin/openapi.yaml', archive, 'application/gzip');
    const again = await upload('?filename=apis.tar.gz&entry=admin/openapi.yaml', archive, 'application/gzip');
    expect([first.status, second.status, again.status]).toEqual([201, 201, 200]);
    expect(second.json.id).not.toBe(first.json.id);
    expect(second.json.entry).toBe('admin/openapi.yaml');
    expect(again.json.id).toBe(second.json.id);
  });
});

