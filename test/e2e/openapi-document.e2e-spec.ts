import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Finding } from '@apiaudit/domain';
import { buildApiModel, loadSpecFromFiles } from '@apiaudit/openapi';
import { lintSpec, specRules } from '@apiaudit/rules';
import { createApiApp } from '../../apps/api/src/main';
import { testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

// Our own API is what a client's CTO audits first: its document must pass our own rules. When this fails after you
// added a route, the message says which operation lacks what and which decorator documents it.
const HOW_TO: Record<string, string> = {
  'response-missing-schema': 'declare the body: @ApiOkResponse({ type: SomeDto }) (or @ApiResponse({ status, type }))',
  'operation-missing-4xx': 'declare the route\'s errors with @ApiResponse({ status: 4xx, description }); bodies are filled with the shared Problem schema',
  'operation-missing-error-schema': 'errors get the Problem schema from buildOpenApiDocument; an error with another body must say so in its @ApiResponse',
  'operation-missing-security': 'use Access.signedIn()/Access.to(...) (they add the security schemes), or Access.public() for a deliberately public route',
  'post-missing-idempotency-key': 'mark the route @Idempotent() (apps/api/src/http/idempotency.ts), or record why not with @ApiExtension(\'x-idempotency-key\', false)',
  'list-endpoint-unbounded': 'take @Query() page: PageQueryDto (limit + cursor) and answer { items, next } (see pageByRowId in apps/api/src/http/page.ts)',
  'pagination-limit-unbounded': 'bound `limit` with @Max(MAX_PAGE_SIZE) and maximum: MAX_PAGE_SIZE in @ApiPropertyOptional',
  'secured-operation-missing-401': 'use the Access decorators: they document the 401',
  'item-path-missing-404': 'declare @ApiResponse({ status: 404, description })',
  'error-schemas-inconsistent': 'answer errors with Problem (throw new Problem(...)); do not declare another error body',
};

// Known and owned, each with its reason; an entry whose finding is gone fails the test so it gets removed.
const AUDIT_ERROR_IS_A_RESULT = '`error` says why a failed audit failed: a result of the audit the request asked about, not an error of the request';
const KNOWN: Record<string, string> = {
  'success-response-carries-error POST /v1/projects/{id}/audits': AUDIT_ERROR_IS_A_RESULT,
  'success-response-carries-error GET /v1/audits/{id}': AUDIT_ERROR_IS_A_RESULT,
  'success-response-carries-error POST /v1/projects/{id}/reaudits': AUDIT_ERROR_IS_A_RESULT,
};

function keyOf(finding: Finding): string {
  return `${finding.ruleId} ${finding.endpoint ? `${finding.endpoint.method} ${finding.endpoint.path}` : ''}`.trim();
}

let app: INestApplication;
let document: Record<string, any>;
let findings: Finding[];

beforeAll(async () => {
  app = await createApiApp({ ...process.env, DATABASE_URL: testDatabaseUrl(), APIAUDIT_QUEUE_PREFIX: testQueuePrefix(), LOG_LEVEL: 'warn' });
  await app.init();
  document = (await request(app.getHttpServer()).get('/v1/openapi.json').expect(200)).body;
  const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(document, null, 2)]])));
  findings = lintSpec(model);
});

afterAll(async () => {
  await app?.close();
});

function explain(finding: Finding): string {
  const where = (finding.affected ?? (finding.endpoint ? [finding.endpoint] : [])).map((e) => `${e.method} ${e.path}`);
  const pointers = finding.evidence.map((evidence) => evidence.pointer).filter(Boolean);
  const fix = HOW_TO[finding.ruleId] ?? specRules.find((rule) => rule.meta.id === finding.ruleId)?.meta.fix ?? '';
  return `${finding.severity} ${finding.ruleId}: ${finding.message}\n    operations: ${where.join(', ') || '(document)'}\n    at: ${pointers.join(' ')}\n    fix: ${fix}`;
}

describe('the platform’s own OpenAPI document', () => {
  it('passes apiaudit’s own rules with no high or medium finding', () => {
    const serious = findings.filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity));
    expect(serious.filter((finding) => !KNOWN[keyOf(finding)]).map(explain)).toEqual([]);
    expect(Object.keys(KNOWN).filter((key) => !serious.some((finding) => keyOf(finding) === key))).toEqual([]);
  });

  it('documents every error as problem+json with one shared Problem schema, and a default error on every operation', () => {
    expect(document.components.schemas.Problem).toMatchObject({ required: ['type', 'title', 'status'] });
    for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<Record<string, any>>(item)) {
        expect(`${method} ${path} ${JSON.stringify(operation.responses.default?.content)}`).toBe(`${method} ${path} ${JSON.stringify({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } })}`);
        for (const [status, response] of Object.entries<Record<string, any>>(operation.responses)) {
          if (Number(status) >= 400) expect(`${method} ${path} ${status} ${Object.keys(response.content ?? {})}`).toBe(`${method} ${path} ${status} application/problem+json`);
        }
      }
    }
  });

  it('declares security schemes, every tag it uses, and bounded pages', () => {
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    const used = new Set(Object.values<Record<string, any>>(document.paths).flatMap((item) => Object.values<Record<string, any>>(item).flatMap((operation) => operation.tags ?? [])));
    expect(document.tags.map((tag: { name: string }) => tag.name).sort()).toEqual([...used].sort());
    for (const tag of document.tags) expect(tag.description.length).toBeGreaterThan(10);
    const limits = Object.values<Record<string, any>>(document.paths).flatMap((item) =>
      Object.values<Record<string, any>>(item).flatMap((operation) => (operation.parameters ?? []).filter((p: { name: string }) => p.name === 'limit')),
    );
    expect(limits.length).toBeGreaterThan(0);
    for (const limit of limits) expect(limit.schema.maximum).toBeGreaterThan(0);
  });

  it('keeps its public routes public on purpose (x-public), and nothing else', () => {
    const open = Object.entries<Record<string, any>>(document.paths).flatMap(([path, item]) =>
      Object.entries<Record<string, any>>(item)
        .filter(([, operation]) => operation['x-public'] === true)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(open.sort()).toEqual(['GET /healthz', 'GET /readyz', 'POST /v1/auth/login', 'POST /v1/auth/logout', 'POST /v1/invitations/{token}/accept', 'POST /v1/webhooks/github']);
  });
});
