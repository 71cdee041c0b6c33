import { type INestApplication, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import type { Finding } from '@apiaudit/domain';
import { buildApiModel, loadSpecFromFiles } from '@apiaudit/openapi';
import { lintSpec, specRules } from '@apiaudit/rules';
import { ConditionalGetInterceptor } from '../../apps/api/src/http/etag';
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

// 201 and 202 answers that send no Location, each with why: RFC 9110 (15.3.2) has the target URI identify what a
// 201 without one created. An entry whose answer gains a Location fails the test so it gets removed.
const NO_LOCATION: Record<string, string> = {
  'POST /v1/clients/{id}/invitations 201': 'an invitation has no URL of its own: the answer holds its token and the portal URL that accepts it',
  'POST /v1/invitations/{token}/accept 201': 'it creates a user and signs them in: the session cookie, not a URL, is what the answer hands over',
  'POST /v1/projects/{projectId}/findings/{fingerprint}/comments 201': 'a comment has no URL of its own: it is read in the list at the target URI',
  'POST /v1/webhooks/github 202': 'one delivery may start audits in several projects: the body names each',
};

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

type Operation = Record<string, any>;

/** Every operation of the document as `METHOD /path` with the operation object. */
function operationsOf(doc: Record<string, any>): Array<[string, Operation]> {
  return Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]));
}

/** The routes whose handler runs this interceptor, as `METHOD /path` in the document's path syntax. */
function routesUsing(interceptor: unknown): string[] {
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const base: string = Reflect.getMetadata(PATH_METADATA, metatype) ?? '';
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(metatype.prototype, name)?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (!(Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []).includes(interceptor)) continue;
        const segments = [base, Reflect.getMetadata(PATH_METADATA, handler) as string].flatMap((part) => part.split('/')).filter(Boolean);
        const path = `/${segments.map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment)).join('/')}`;
        routes.push(`${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${path}`);
      }
    }
  }
  return routes;
}

/** The top-level properties of a response body's schema, through one $ref. */
function bodyProperties(response: Operation): string[] {
  return Object.values<{ schema?: Operation }>(response.content ?? {}).flatMap(({ schema }) => {
    const resolved = schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
    return Object.keys(resolved?.properties ?? {});
  });
}

function explain(finding: Finding): string {
  const where = (finding.affected ?? (finding.endpoint ? [finding.endpoint] : [])).map((e) => `${e.method} ${e.path}`);
  const pointers = finding.evidence.map((evidence) => evidence.pointer).filter(Boolean);
  const fix = HOW_TO[finding.ruleId] ?? specRules.find((rule) => rule.meta.id === finding.ruleId)?.meta.fix ?? '';
  return `${finding.severity} ${finding.ruleId}: ${finding.message}\n    operations: ${where.join(', ') || '(document)'}\n    at: ${pointers.join(' ')}\n    fix: ${fix}`;
}

describe('the platform’s own OpenAPI document', () => {
  it('passes apiaudit’s own rules with no high or medium finding', () => {
    const serious = findings.filter((finding) => ['critical', 'high', 'medium'].includes(finding.severity));
    expect(serious.map(explain)).toEqual([]);
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

  it('gives every operation a one-line summary', () => {
    const lacking = operationsOf(document)
      .filter(([, operation]) => typeof operation.summary !== 'string' || !operation.summary.trim() || operation.summary.includes('\n') || operation.summary.length > 100)
      .map(([name, operation]) => `${name}: ${JSON.stringify(operation.summary)}`);
    expect(lacking).toEqual([]);
  });

  it('declares Location on every 201 and 202 that names its result, and nowhere it is not sent', () => {
    const responses = new Map(operationsOf(document).flatMap(([name, operation]) => Object.entries<Operation>(operation.responses).map(([status, response]): [string, Operation] => [`${name} ${status}`, response])));
    const declaring = [...responses].filter(([, response]) => response.headers?.Location).map(([key]) => key);
    expect(declaring.length).toBeGreaterThan(0);
    expect([...responses.keys()].filter((key) => / 20[12]$/.test(key) && !declaring.includes(key) && !NO_LOCATION[key])).toEqual([]);
    expect(Object.keys(NO_LOCATION).filter((key) => !responses.has(key) || declaring.includes(key))).toEqual([]);
  });

  it('declares ETag where a route sends one: conditional GETs, bodies that carry their version, and If-Match targets', () => {
    const conditional = routesUsing(ConditionalGetInterceptor);
    expect(conditional.length).toBeGreaterThan(0);
    const operations = new Map(operationsOf(document));
    const lacking: string[] = [];
    for (const route of conditional) {
      const operation = operations.get(route);
      if (!operation) lacking.push(`${route}: not in the document`);
      else {
        for (const status of ['200', '304']) if (!operation.responses[status]?.headers?.ETag) lacking.push(`${route} ${status}: no ETag`);
        if (!(operation.parameters ?? []).some((p: Operation) => p.in === 'header' && p.name === 'If-None-Match')) lacking.push(`${route}: no If-None-Match`);
      }
    }
    for (const [name, operation] of operations) {
      const takesIfMatch = (operation.parameters ?? []).some((p: Operation) => p.in === 'header' && p.name === 'If-Match');
      for (const [status, response] of Object.entries<Operation>(operation.responses)) {
        if (!/^2\d\d$/.test(status) || response.headers?.ETag) continue;
        if (bodyProperties(response).includes('etag')) lacking.push(`${name} ${status}: the body carries its etag, the headers do not`);
        else if (takesIfMatch) lacking.push(`${name} ${status}: takes If-Match but sends no ETag for the next one`);
      }
    }
    expect(lacking).toEqual([]);
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
