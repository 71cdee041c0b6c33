import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PlanIssueExportRepository } from '@apiaudit/db';
import { auditToEnd, startTestPlatform, type TestPlatform, type TestUser } from '../setup/platform';

jest.setTimeout(120000);

const shop = resolve(__dirname, '../../examples/shop');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Routes anyone may call. A route documented without a security requirement must be listed here (webhooks
 * match by prefix: they check their own signature), so making a route public is a decision someone wrote down.
 */
const PUBLIC_ROUTES = new Set(['POST /v1/auth/login', 'POST /v1/auth/logout', 'POST /v1/invitations/{token}/accept', 'GET /healthz', 'GET /readyz']);
const isPublicRoute = (route: string) => PUBLIC_ROUTES.has(route) || / \/v1\/webhooks\//.test(route);

interface Operation {
  security?: unknown[];
}

/**
 * Tenant isolation, checked against the route table itself: the test walks the app's own /v1/openapi.json,
 * so a route added later is covered without anyone listing it. For every documented route and method:
 * without credentials it is a 401; a client-admin of another client asking for client A's resources gets a
 * 404 (never 403, never the data); routes without resource ids never show client A's ids to them.
 */
describe('tenant isolation over every documented route', () => {
  let platform: TestPlatform;
  let outsider: TestUser;
  const a: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform();
    const http = platform.http;
    a.clientId = (await http.post('/v1/clients').send({ name: 'Client A' }).expect(201)).body.id;
    a.projectId = (await http.post(`/v1/clients/${a.clientId}/projects`).send({ name: 'A shop' }).expect(201)).body.id;
    const spec = readFileSync(join(shop, 'openapi.yaml'), 'utf8');
    await http.post(`/v1/projects/${a.projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    const v2 = await http.post(`/v1/projects/${a.projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec.replace(/version: [\d.]+/, 'version: 9.9.9')).expect(201);
    a.sourceId = v2.body.id;
    await http.put(`/v1/projects/${a.projectId}/config`).set('content-type', 'application/yaml').send('rules:\n  operation-missing-summary: off\n').expect(200);
    const audit = await auditToEnd(http, a.projectId);
    a.auditId = audit.id;
    expect(audit.status).toBe('succeeded');
    const finding = (await http.get(`/v1/audits/${a.auditId}/findings?limit=1`).expect(200)).body.items[0];
    a.findingId = finding.id;
    a.fingerprint = finding.fingerprint;
    a.webhookId = (await http.post(`/v1/projects/${a.projectId}/webhooks`).send({ url: 'http://127.0.0.1:9/hooks/apiaudit', secret: 'tenant-isolation-secret' }).expect(201)).body.id;
    await http.put(`/v1/projects/${a.projectId}/schedule`).send({ cron: '0 3 1 1 *', timezone: 'UTC' }).expect(200);
    await http.put(`/v1/projects/${a.projectId}/github-webhook-secret`).send({ secret: 'tenant-isolation-github-secret' }).expect(200);
    const aAdmin = await platform.signUp('client-admin', a.clientId);
    a.tokenId = (await aAdmin.http.get('/v1/auth/tokens').expect(200)).body.items[0].id;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
      if ((await http.get(`/v1/projects/${a.projectId}/sources/spec/versions/2/diff`)).status === 200) break;
    }

    // A GitHub export of client A's plan, recorded as the export route records one (no GitHub in this test).
    a.exportId = (await platform.api.get(PlanIssueExportRepository).start(a.auditId, 'acme/shop-api', 1, platform.consultant.user.id)).id;

    const clientB = (await http.post('/v1/clients').send({ name: 'Client B' }).expect(201)).body.id;
    outsider = await platform.signUp('client-admin', clientB);
  });

  afterAll(async () => {
    await platform?.close();
  });

  /** Client A's id for each path parameter, told apart by the segment before it. */
  function fill(path: string): string {
    return path.replace(/\/([^/]+)\/\{(\w+)\}/g, (_all, segment: string, param: string) => {
      const fixtures: Record<string, string> = {
        'clients/id': a.clientId,
        'projects/id': a.projectId,
        'projects/projectId': a.projectId,
        'audits/id': a.auditId,
        'sources/id': a.sourceId,
        'findings/findingId': a.findingId,
        'findings/fingerprint': a.fingerprint,
        'versions/version': '2',
        'tokens/id': a.tokenId,
        'github-issues/exportId': a.exportId,
        'webhooks/webhookId': a.webhookId,
      };
      const value = fixtures[`${segment}/${param}`] as string | undefined;
      if (value === undefined) throw new Error(`no fixture for {${param}} after /${segment}/ in ${path}: add client A's resource for it to this test`);
      return `/${segment}/${encodeURIComponent(value)}`;
    });
  }

  async function routes(): Promise<Array<{ route: string; method: (typeof METHODS)[number]; path: string; secured: boolean }>> {
    const doc = (await platform.anonymous.get('/v1/openapi.json').expect(200)).body as { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };
    return Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ route: `${method.toUpperCase()} ${path}`, method, path, secured: (item[method]!.security ?? []).length > 0 })),
    );
  }

  it('documents a security requirement on every route that is not deliberately public', async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(20);
    const unexpectedPublic = all.filter((r) => !r.secured && !isPublicRoute(r.route)).map((r) => r.route);
    expect(unexpectedPublic).toEqual([]);
  });

  it('answers 401 problem+json to every secured route called without credentials', async () => {
    const failures: string[] = [];
    for (const { route, method, path, secured } of await routes()) {
      if (!secured) continue;
      const res = await platform.anonymous[method](fill(path)).send({});
      if (res.status !== 401 || !/problem\+json/.test(res.headers['content-type'] ?? '')) failures.push(`${route}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("answers 404 to another client's admin on every route that names client A's resources, and leaks no ids elsewhere", async () => {
    const failures: string[] = [];
    const secrets = [a.clientId, a.projectId, a.auditId, a.sourceId, a.fingerprint, a.tokenId, a.webhookId];
    for (const { route, method, path, secured } of await routes()) {
      if (!secured) continue;
      const res = await outsider.http[method](fill(path)).send({});
      const text = res.text ?? '';
      if (path.includes('{')) {
        if (res.status !== 404) failures.push(`${route}: ${res.status} instead of 404`);
      } else if (res.status >= 500) failures.push(`${route}: ${res.status}`);
      const leaked = secrets.find((s) => text.includes(s) && !fill(path).includes(s));
      if (leaked) failures.push(`${route}: the answer contains client A's ${leaked}`);
    }
    expect(failures).toEqual([]);
  });

  it('serves the same GET routes to a consultant, so the 404s above come from isolation, not from bad fixtures', async () => {
    const failures: string[] = [];
    for (const { route, method, path, secured } of await routes()) {
      if (!secured || method !== 'get') continue;
      const res = await platform.http.get(fill(path));
      if (res.status !== 200) failures.push(`${route}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
