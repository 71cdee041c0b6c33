import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApiModel, loadSpecFromFiles } from '@apiaudit/openapi';
import { lintSpec, specRules } from './index';
import { endsInCollection } from './spec-rule';
import { ruleFixtures } from './rule-fixtures';

async function findingsFor(ruleId: string, doc: Record<string, unknown>) {
  const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc, null, 2)]])));
  return lintSpec(model, (id) => id === ruleId);
}

describe.each(specRules.map((r) => r.meta.id))('rule %s', (ruleId) => {
  it('reports the failing fixture', async () => {
    const findings = await findingsFor(ruleId, ruleFixtures[ruleId].positive);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.ruleId).toBe(ruleId);
      expect(f.evidence[0]).toMatchObject({ kind: 'spec', file: 'openapi.json' });
      expect(f.evidence[0].line).toBeGreaterThan(0);
    }
  });

  it('stays quiet on the passing fixture', async () => {
    expect(await findingsFor(ruleId, ruleFixtures[ruleId].negative)).toEqual([]);
  });
});

describe('rule registry', () => {
  const ids = specRules.map((r) => r.meta.id);

  it('has unique kebab-case ids, each with rationale, fix, fixtures and a docs page', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const docs = resolve(__dirname, '../../../docs/rules');
    for (const rule of specRules) {
      expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(rule.meta.rationale.length).toBeGreaterThan(60);
      expect(rule.meta.fix.length).toBeGreaterThan(10);
      expect(ruleFixtures[rule.meta.id]).toBeDefined();
      if (rule.meta.category === 'security' && !rule.meta.id.startsWith('spec-')) expect(rule.meta.owasp).toMatch(/^API\d+:2023$/);
      expect(existsSync(join(docs, `${rule.meta.id}.md`))).toBe(true);
    }
  });

  it('has no fixtures for rules that do not exist', () => {
    expect(Object.keys(ruleFixtures).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('has one rule file per rule id (spec-* ingest rules share one)', () => {
    const files = readdirSync(join(__dirname, 'rules')).map((f) => f.replace(/\.ts$/, ''));
    for (const id of ids.filter((i) => !i.startsWith('spec-'))) expect(files).toContain(id);
  });
});

describe('odd input', () => {
  it('lints an operation whose security list holds a null as one open to anyone, every rule running', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/pets': { get: { security: [null], responses: { '200': { description: 'ok' } } } } },
    };
    const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc)]])));
    const findings = lintSpec(model);
    expect(findings.filter((f) => f.ruleId === 'operation-missing-security').map((f) => f.endpoint)).toEqual([{ method: 'GET', path: '/pets' }]);
  });
});

describe('findings point at the right place', () => {
  it('locates the query-string credential at its parameter object', async () => {
    const doc = ruleFixtures['api-key-in-query'].positive;
    const lines = JSON.stringify(doc, null, 2).split('\n');
    const [finding] = await findingsFor('api-key-in-query', doc);
    const { line, column, pointer } = finding.evidence[0];
    expect(pointer).toBe('/paths/~1pay/post/parameters/0');
    expect(lines[line! - 1].slice(column! - 1)).toBe('{');
    expect(lines[line!]).toContain('"name": "api_key"');
  });
});

describe('one root cause is one finding', () => {
  it('reports an untyped shared request schema once, with every operation that accepts it', async () => {
    const body = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Patch' } } } };
    const op = (id: string) => ({ operationId: id, requestBody: body, responses: { '200': { description: 'ok' } } });
    const findings = await findingsFor('request-body-untyped', {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a/{id}': { patch: op('patchA') }, '/b/{id}': { patch: op('patchB') }, '/c': { post: { operationId: 'c', requestBody: { content: { 'application/json': { schema: {} } } }, responses: { '200': { description: 'ok' } } } } },
      components: { schemas: { Patch: { description: 'anything' } } },
    });
    // Sorted by reach: the shared cause first.
    expect(findings.map((f) => [f.message, f.affected?.length ?? 0, f.endpoint?.path ?? null])).toEqual([
      ['2 operations accept a body whose shared schema Patch has no type.', 2, null],
      ['POST /c accepts a body without a typed schema.', 0, '/c'],
    ]);
    expect(findings[0].evidence[0]).toMatchObject({ pointer: '/components/schemas/Patch', line: expect.any(Number) });
  });

  it('reports DELETE bodies that share one schema once', async () => {
    const op = (id: string) => ({ operationId: id, requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/DeleteOptions' } } } }, responses: { '200': { description: 'ok' } } });
    const findings = await findingsFor('get-with-request-body', {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a/{id}': { delete: op('delA') }, '/b/{id}': { delete: op('delB') }, '/c/{id}': { delete: op('delC') } },
      components: { schemas: { DeleteOptions: { type: 'object', properties: { gracePeriodSeconds: { type: 'integer' } } } } },
    });
    expect(findings.map((f) => [f.message, f.affected?.length])).toEqual([['3 GET/DELETE/HEAD operations declare a request body (shared schema DeleteOptions).', 3]]);
  });
});

describe('endsInCollection', () => {
  it.each([
    ['/orders', true],
    ['/v1/customers/', true],
    ['/orders/{id}', false],
    ['/cronjobs/{name}/status', false],
    ['/users/{id}/address', false],
    ['/reports/analysis', false],
    ['/orders/{id}/items', true],
    ['/health', false],
  ])('%s -> %s', (path, expected) => {
    expect(endsInCollection(path)).toBe(expected);
  });
});
