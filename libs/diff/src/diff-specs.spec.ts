import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApiModel, loadSpec, loadSpecFromFiles } from '@apiaudit/openapi';
import { changesToFindings, diffSpecs, renderChangelogMarkdown } from './index';

const now = new Date('2026-11-25T00:00:00Z');
const corpus = resolve(__dirname, '../../../../shared/corpus/specs');

type Doc = Record<string, unknown>;
const obj = (properties: Doc, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });
const json = (schema: Doc) => ({ 'application/json': { schema } });
const ok = (schema: Doc = obj({ id: { type: 'string' } }, ['id'])) => ({ '200': { description: 'ok', content: json(schema) } });
const spec = (paths: Doc, extra: Doc = {}): Doc => ({ openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://api.example.com/v1' }], paths, ...extra });
const get = (op: Doc = {}) => ({ get: { responses: ok(), ...op } });
const post = (body: Doc, op: Doc = {}) => ({ post: { requestBody: { required: true, content: json(body) }, responses: ok(), ...op } });
const q = (name: string, schema: Doc = { type: 'string' }, required = false, where = 'query') => ({ name, in: where, required, schema });

async function model(doc: Doc) {
  return buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc, null, 2)]])));
}

// Each pair: what changed, base, revision, and exactly the check ids that must come out — no more, no fewer.
const PAIRS: Array<[string, Doc, Doc, string[]]> = [
  ['identical documents', spec({ '/a': get() }), spec({ '/a': get() }), []],
  ['operation removed', spec({ '/a': get(), '/b': get() }), spec({ '/a': get() }), ['operation-removed']],
  ['operation added', spec({ '/a': get() }), spec({ '/a': get(), '/b': get() }), ['operation-added']],
  ['deprecated op removed after sunset', spec({ '/a': get({ deprecated: true, 'x-sunset': '2026-01-01' }) }), spec({}), ['operation-removed-deprecated']],
  ['deprecated op removed before sunset', spec({ '/a': get({ deprecated: true, 'x-sunset': '2027-06-01' }) }), spec({}), ['operation-removed-before-sunset']],
  ['deprecated op without sunset removed', spec({ '/a': get({ deprecated: true }) }), spec({}), ['operation-removed-too-soon']],
  ['operation deprecated', spec({ '/a': get() }), spec({ '/a': get({ deprecated: true, 'x-sunset': '2027-06-01' }) }), ['operation-deprecated']],
  ['path parameter renamed only', spec({ '/a/{id}': get({ parameters: [q('id', { type: 'string' }, true, 'path')] }) }), spec({ '/a/{slug}': get({ parameters: [q('slug', { type: 'string' }, true, 'path')] }) }), ['path-parameter-renamed']],
  ['operationId changed', spec({ '/a': get({ operationId: 'listA' }) }), spec({ '/a': get({ operationId: 'getAll' }) }), ['operation-id-changed']],
  ['required query parameter added', spec({ '/a': get() }), spec({ '/a': get({ parameters: [q('tenant', { type: 'string' }, true)] }) }), ['request-parameter-added-required']],
  ['optional query parameter added', spec({ '/a': get() }), spec({ '/a': get({ parameters: [q('sort')] }) }), ['request-parameter-added-optional']],
  ['query parameter removed', spec({ '/a': get({ parameters: [q('sort')] }) }), spec({ '/a': get() }), ['request-parameter-removed']],
  ['parameter became required', spec({ '/a': get({ parameters: [q('sort')] }) }), spec({ '/a': get({ parameters: [q('sort', { type: 'string' }, true)] }) }), ['request-parameter-became-required']],
  ['parameter became optional', spec({ '/a': get({ parameters: [q('sort', { type: 'string' }, true)] }) }), spec({ '/a': get({ parameters: [q('sort')] }) }), ['request-parameter-became-optional']],
  ['parameter moved query to header', spec({ '/a': get({ parameters: [q('tenant')] }) }), spec({ '/a': get({ parameters: [q('tenant', { type: 'string' }, false, 'header')] }) }), ['request-parameter-moved']],
  ['parameter type changed', spec({ '/a': get({ parameters: [q('page', { type: 'integer' })] }) }), spec({ '/a': get({ parameters: [q('page', { type: 'string' })] }) }), ['request-parameter-type-changed']],
  ['parameter integer widened to number', spec({ '/a': get({ parameters: [q('page', { type: 'integer' })] }) }), spec({ '/a': get({ parameters: [q('page', { type: 'number' })] }) }), []],
  ['parameter enum value removed', spec({ '/a': get({ parameters: [q('s', { type: 'string', enum: ['a', 'b'] })] }) }), spec({ '/a': get({ parameters: [q('s', { type: 'string', enum: ['a'] })] }) }), ['request-parameter-enum-value-removed']],
  ['parameter enum value added', spec({ '/a': get({ parameters: [q('s', { type: 'string', enum: ['a'] })] }) }), spec({ '/a': get({ parameters: [q('s', { type: 'string', enum: ['a', 'b'] })] }) }), []],
  ['parameter maximum lowered', spec({ '/a': get({ parameters: [q('limit', { type: 'integer', maximum: 100 })] }) }), spec({ '/a': get({ parameters: [q('limit', { type: 'integer', maximum: 50 })] }) }), ['request-parameter-max-decreased']],
  ['required request body added', spec({ '/a': { post: { responses: ok() } } }), spec({ '/a': post(obj({ x: { type: 'string' } })) }), ['request-body-added-required']],
  ['request body became required', spec({ '/a': { post: { requestBody: { content: json(obj({})) }, responses: ok() } } }), spec({ '/a': { post: { requestBody: { required: true, content: json(obj({})) }, responses: ok() } } }), ['request-body-became-required']],
  ['request media type removed', spec({ '/a': { post: { requestBody: { content: { ...json(obj({})), 'application/xml': { schema: obj({}) } } }, responses: ok() } } }), spec({ '/a': { post: { requestBody: { content: json(obj({})) }, responses: ok() } } }), ['request-media-type-removed']],
  ['request property added as required', spec({ '/a': post(obj({ a: { type: 'string' } })) }), spec({ '/a': post(obj({ a: { type: 'string' }, b: { type: 'string' } }, ['b'])) }), ['request-property-added-required']],
  ['request property added as optional', spec({ '/a': post(obj({ a: { type: 'string' } })) }), spec({ '/a': post(obj({ a: { type: 'string' }, b: { type: 'string' } })) }), []],
  ['request property became required', spec({ '/a': post(obj({ a: { type: 'string' } })) }), spec({ '/a': post(obj({ a: { type: 'string' } }, ['a'])) }), ['request-property-became-required']],
  ['request property removed', spec({ '/a': post(obj({ a: { type: 'string' }, b: { type: 'string' } })) }), spec({ '/a': post(obj({ a: { type: 'string' } })) }), ['request-property-removed']],
  ['request property type changed', spec({ '/a': post(obj({ qty: { type: 'integer' } })) }), spec({ '/a': post(obj({ qty: { type: 'string' } })) }), ['request-property-type-changed']],
  ['request enum value removed', spec({ '/a': post(obj({ c: { type: 'string', enum: ['eur', 'usd'] } })) }), spec({ '/a': post(obj({ c: { type: 'string', enum: ['eur'] } })) }), ['request-property-enum-value-removed']],
  ['request maxLength lowered', spec({ '/a': post(obj({ n: { type: 'string', maxLength: 100 } })) }), spec({ '/a': post(obj({ n: { type: 'string', maxLength: 50 } })) }), ['request-property-max-length-decreased']],
  ['request maxLength raised', spec({ '/a': post(obj({ n: { type: 'string', maxLength: 50 } })) }), spec({ '/a': post(obj({ n: { type: 'string', maxLength: 100 } })) }), []],
  ['request pattern changed', spec({ '/a': post(obj({ n: { type: 'string' } })) }), spec({ '/a': post(obj({ n: { type: 'string', pattern: '^[a-z]+$' } })) }), ['request-property-pattern-changed']],
  ['request object closed', spec({ '/a': post(obj({ n: { type: 'string' } })) }), spec({ '/a': post({ ...obj({ n: { type: 'string' } }), additionalProperties: false }) }), ['request-additional-properties-closed']],
  ['request property became readOnly', spec({ '/a': post(obj({ id: { type: 'string' } })) }), spec({ '/a': post(obj({ id: { type: 'string', readOnly: true } })) }), ['request-property-became-read-only']],
  ['success status removed', spec({ '/a': get() }), spec({ '/a': { get: { responses: { '202': { description: 'accepted' } } } } }), ['response-success-status-removed', 'response-status-added']],
  ['error status added', spec({ '/a': get() }), spec({ '/a': { get: { responses: { ...ok(), '429': { description: 'slow down' } } } } }), ['response-status-added']],
  ['response media type removed', spec({ '/a': { get: { responses: { '200': { description: 'ok', content: { ...json(obj({})), 'text/csv': { schema: { type: 'string' } } } } } } } }), spec({ '/a': { get: { responses: { '200': { description: 'ok', content: json(obj({})) } } } } }), ['response-media-type-removed']],
  ['response property removed', spec({ '/a': get({ responses: ok(obj({ id: { type: 'string' }, name: { type: 'string' } })) }) }), spec({ '/a': get({ responses: ok(obj({ id: { type: 'string' } })) }) }), ['response-property-removed']],
  ['response property added', spec({ '/a': get({ responses: ok(obj({ id: { type: 'string' } })) }) }), spec({ '/a': get({ responses: ok(obj({ id: { type: 'string' }, name: { type: 'string' } })) }) }), ['response-property-added']],
  ['response property became optional', spec({ '/a': get({ responses: ok(obj({ id: { type: 'string' } }, ['id'])) }) }), spec({ '/a': get({ responses: ok(obj({ id: { type: 'string' } })) }) }), ['response-property-became-optional']],
  ['response property type changed', spec({ '/a': get({ responses: ok(obj({ total: { type: 'number' } })) }) }), spec({ '/a': get({ responses: ok(obj({ total: { type: 'string' } })) }) }), ['response-property-type-changed']],
  ['response number narrowed to integer', spec({ '/a': get({ responses: ok(obj({ total: { type: 'number' } })) }) }), spec({ '/a': get({ responses: ok(obj({ total: { type: 'integer' } })) }) }), []],
  ['response enum value added', spec({ '/a': get({ responses: ok(obj({ s: { type: 'string', enum: ['open'] } })) }) }), spec({ '/a': get({ responses: ok(obj({ s: { type: 'string', enum: ['open', 'held'] } })) }) }), ['response-property-enum-value-added']],
  ['response property became nullable', spec({ '/a': get({ responses: ok(obj({ s: { type: 'string' } })) }) }), spec({ '/a': get({ responses: ok(obj({ s: { type: 'string', nullable: true } })) }) }), ['response-property-became-nullable']],
  ['response header removed', spec({ '/a': { get: { responses: { '200': { description: 'ok', headers: { ETag: { schema: { type: 'string' } } } } } } } }), spec({ '/a': { get: { responses: { '200': { description: 'ok' } } } } }), ['response-header-removed']],
  ['nested array item property removed', spec({ '/a': get({ responses: ok(obj({ items: { type: 'array', items: obj({ id: { type: 'string' }, sku: { type: 'string' } }) } })) }) }), spec({ '/a': get({ responses: ok(obj({ items: { type: 'array', items: obj({ id: { type: 'string' } }) } })) }) }), ['response-property-removed']],
  ['authentication added', spec({ '/a': get() }), spec({ '/a': get({ security: [{ bearer: [] }] }) }, { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } }), ['security-requirement-added']],
  ['authentication removed', spec({ '/a': get({ security: [{ bearer: [] }] }) }, { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } }), spec({ '/a': get() }), ['security-requirement-removed']],
  ['scope added', spec({ '/a': get({ security: [{ oauth: ['read'] }] }) }), spec({ '/a': get({ security: [{ oauth: ['read', 'admin'] }] }) }), ['security-scope-added']],
  ['server URL changed', spec({ '/a': get() }), { ...spec({ '/a': get() }), servers: [{ url: 'https://api.example.org/v1' }] }, ['server-url-changed']],
  ['server removed', { ...spec({ '/a': get() }), servers: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] }, { ...spec({ '/a': get() }), servers: [{ url: 'https://a.example.com' }] }, ['server-removed']],
  ['parameter minimum raised', spec({ '/a': get({ parameters: [q('page', { type: 'integer', minimum: 0 })] }) }), spec({ '/a': get({ parameters: [q('page', { type: 'integer', minimum: 1 })] }) }), ['request-parameter-min-increased']],
  ['parameter pattern added', spec({ '/a': get({ parameters: [q('sku')] }) }), spec({ '/a': get({ parameters: [q('sku', { type: 'string', pattern: '^[A-Z]{3}$' })] }) }), ['request-parameter-pattern-changed']],
  ['parameter format changed', spec({ '/a': get({ parameters: [q('since', { type: 'string', format: 'date' })] }) }), spec({ '/a': get({ parameters: [q('since', { type: 'string', format: 'date-time' })] }) }), ['request-parameter-format-changed']],
  ['parameter default changed', spec({ '/a': get({ parameters: [q('limit', { type: 'integer', default: 50, maximum: 100 })] }) }), spec({ '/a': get({ parameters: [q('limit', { type: 'integer', default: 20, maximum: 100 })] }) }), ['request-parameter-default-changed']],
  ['request minLength raised', spec({ '/a': post(obj({ n: { type: 'string' } })) }), spec({ '/a': post(obj({ n: { type: 'string', minLength: 3 } })) }), ['request-property-min-length-increased']],
  ['request minimum raised', spec({ '/a': post(obj({ qty: { type: 'integer', minimum: 0 } })) }), spec({ '/a': post(obj({ qty: { type: 'integer', minimum: 1 } })) }), ['request-property-minimum-increased']],
  ['request maximum lowered', spec({ '/a': post(obj({ qty: { type: 'integer', maximum: 100 } })) }), spec({ '/a': post(obj({ qty: { type: 'integer', maximum: 10 } })) }), ['request-property-maximum-decreased']],
  ['request maximum raised', spec({ '/a': post(obj({ qty: { type: 'integer', maximum: 10 } })) }), spec({ '/a': post(obj({ qty: { type: 'integer', maximum: 100 } })) }), []],
  ['request format changed', spec({ '/a': post(obj({ at: { type: 'string', format: 'date' } })) }), spec({ '/a': post(obj({ at: { type: 'string', format: 'date-time' } })) }), ['request-property-format-changed']],
  ['request default changed', spec({ '/a': post(obj({ c: { type: 'string', default: 'eur' } })) }), spec({ '/a': post(obj({ c: { type: 'string', default: 'usd' } })) }), ['request-property-default-changed']],
  ['request property no longer nullable', spec({ '/a': post(obj({ note: { type: 'string', nullable: true } })) }), spec({ '/a': post(obj({ note: { type: 'string' } })) }), ['request-property-no-longer-nullable']],
  ['request oneOf option removed', spec({ '/a': post(obj({ p: { oneOf: [{ type: 'string' }, { type: 'integer' }] } })) }), spec({ '/a': post(obj({ p: { oneOf: [{ type: 'string' }] } })) }), ['request-property-option-removed']],
  ['request oneOf option added', spec({ '/a': post(obj({ p: { oneOf: [{ type: 'string' }] } })) }), spec({ '/a': post(obj({ p: { oneOf: [{ type: 'string' }, { type: 'integer' }] } })) }), []],
  ['response oneOf option added', spec({ '/a': get({ responses: ok(obj({ p: { anyOf: [{ type: 'string' }] } })) }) }), spec({ '/a': get({ responses: ok(obj({ p: { anyOf: [{ type: 'string' }, { type: 'integer' }] } })) }) }), ['response-property-option-added']],
  ['response format changed', spec({ '/a': get({ responses: ok(obj({ id: { type: 'string', format: 'uuid' } })) }) }), spec({ '/a': get({ responses: ok(obj({ id: { type: 'string', format: 'uri' } })) }) }), ['response-property-format-changed']],
  ['response property became writeOnly', spec({ '/a': get({ responses: ok(obj({ pin: { type: 'string' } })) }) }), spec({ '/a': get({ responses: ok(obj({ pin: { type: 'string', writeOnly: true } })) }) }), ['response-property-became-write-only']],
  ['request media type added', spec({ '/a': { post: { requestBody: { content: json(obj({})) }, responses: ok() } } }), spec({ '/a': { post: { requestBody: { content: { ...json(obj({})), 'application/xml': { schema: obj({}) } } }, responses: ok() } } }), ['request-media-type-added']],
  ['response media type added', spec({ '/a': get() }), spec({ '/a': { get: { responses: { '200': { description: 'ok', content: { ...json(obj({ id: { type: 'string' } }, ['id'])), 'text/csv': { schema: { type: 'string' } } } } } } } }), ['response-media-type-added']],
  ['response property nested in a required object removed', spec({ '/a': get({ responses: ok(obj({ owner: obj({ id: { type: 'string' }, email: { type: 'string' } }) })) }) }), spec({ '/a': get({ responses: ok(obj({ owner: obj({ id: { type: 'string' } }) })) }) }), ['response-property-removed']],
  ['two operations changed at once', spec({ '/a': get(), '/b': get({ parameters: [q('x')] }) }), spec({ '/b': get({ parameters: [q('x', { type: 'string' }, true)] }) }), ['operation-removed', 'request-parameter-became-required']],
  [
    'component renamed with the same shape',
    spec({ '/a': get({ responses: ok({ $ref: '#/components/schemas/Order' }) }) }, { components: { schemas: { Order: obj({ id: { type: 'string' } }, ['id']) } } }),
    spec({ '/a': get({ responses: ok({ $ref: '#/components/schemas/PurchaseOrder' }) }) }, { components: { schemas: { PurchaseOrder: obj({ id: { type: 'string' } }, ['id']) } } }),
    [],
  ],
  [
    'recursive schema unchanged on both sides',
    spec({ '/t': get({ responses: ok({ $ref: '#/components/schemas/Node' }) }) }, { components: { schemas: { Node: obj({ kids: { type: 'array', items: { $ref: '#/components/schemas/Node' } } }) } } }),
    spec({ '/t': get({ responses: ok({ $ref: '#/components/schemas/Tree' }) }) }, { components: { schemas: { Tree: obj({ kids: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } }) } } }),
    [],
  ],
  [
    'recursive schema loses a property deep down',
    spec({ '/t': get({ responses: ok({ $ref: '#/components/schemas/Node' }) }) }, { components: { schemas: { Node: obj({ name: { type: 'string' }, kids: { type: 'array', items: { $ref: '#/components/schemas/Node' } } }) } } }),
    spec({ '/t': get({ responses: ok({ $ref: '#/components/schemas/Node' }) }) }, { components: { schemas: { Node: obj({ kids: { type: 'array', items: { $ref: '#/components/schemas/Node' } } }) } } }),
    ['response-property-removed'],
  ],
];

describe('diffSpecs on focused pairs', () => {
  it.each(PAIRS)('%s', async (_name, base, revision, expected) => {
    const changes = diffSpecs(await model(base), await model(revision), { now });
    expect(changes.map((c) => c.checkId).sort()).toEqual([...expected].sort());
    for (const c of changes) expect(c.message.length).toBeGreaterThan(10);
  });
});

describe('diffSpecs on real specs', () => {
  it('reports exactly what changed between RealWorld 1.0.0 and 1.1.0', async () => {
    const changes = diffSpecs(buildApiModel(await loadSpec(resolve(corpus, 'realworld-conduit-1.0.0.yml'))), buildApiModel(await loadSpec(resolve(corpus, 'realworld-conduit-1.1.0.yml'))), { now });
    expect(changes.map((c) => `${c.checkId} ${c.operation ? `${c.operation.method} ${c.operation.path}` : ''}`.trim()).sort()).toEqual(
      [
        'response-status-added DELETE /articles/{slug}',
        'response-status-added DELETE /articles/{slug}/comments/{id}',
        'response-success-status-removed DELETE /articles/{slug}',
        'response-success-status-removed DELETE /articles/{slug}/comments/{id}',
        'server-url-changed',
      ].sort(),
    );
    expect(changes.find((c) => c.checkId === 'response-success-status-removed')?.base).toMatchObject({ file: 'realworld-conduit-1.0.0.yml' });
  });

  it('finds nothing between Kubernetes and itself, and exactly the one operation removed from a copy', async () => {
    const text = readFileSync(resolve(corpus, 'kubernetes-v1.9.12.json'), 'utf8');
    const base = buildApiModel(await loadSpec(resolve(corpus, 'kubernetes-v1.9.12.json')));
    const same = buildApiModel(await loadSpecFromFiles(new Map([['kubernetes-v1.9.12.json', text]])));
    expect(diffSpecs(base, same, { now })).toEqual([]);
    const edited = JSON.parse(text);
    delete edited.paths['/api/v1/namespaces'].post;
    const revision = buildApiModel(await loadSpecFromFiles(new Map([['k.json', JSON.stringify(edited)]])));
    const changes = diffSpecs(base, revision, { now });
    expect(changes.map((c) => [c.checkId, c.operation])).toEqual([['operation-removed', { method: 'POST', path: '/api/v1/namespaces' }]]);
  }, 60000);
});

describe('changelog and findings', () => {
  it('groups by operation, breaking first, and turns breaking changes into high findings', async () => {
    const changes = diffSpecs(await model(PAIRS[1][1]), await model(spec({ '/a': get({ parameters: [q('sort')] }) })), { now });
    const markdown = renderChangelogMarkdown(changes);
    expect(markdown).toMatch(/^# API changelog\n\n1 breaking, 0 potentially breaking, 1 compatible\./);
    expect(markdown.indexOf('GET /b')).toBeLessThan(markdown.indexOf('GET /a'));
    const findings = changesToFindings(changes);
    expect(findings.map((f) => [f.ruleId, f.severity]).sort()).toEqual([['diff-operation-removed', 'high'], ['diff-request-parameter-added-optional', 'info']]);
  });
});
