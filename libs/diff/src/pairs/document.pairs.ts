import { get, obj, spec, type Doc, type Pair } from './fixtures';

const servers = (...urls: Array<string | Doc>) => ({ servers: urls.map((u) => (typeof u === 'string' ? { url: u } : u)) });
const api = (extra: Doc) => ({ ...spec({ '/a': get() }), ...extra });
const regional = (values: string[], fallback = 'eu') => ({ url: 'https://{region}.example.com/v1', variables: { region: { default: fallback, enum: values } } });
const swagger = (paths: Doc, extra: Doc = {}): Doc => ({
  swagger: '2.0',
  info: { title: 't', version: '1' },
  host: 'api.example.com',
  basePath: '/v1',
  schemes: ['https'],
  produces: ['application/json'],
  paths,
  ...extra,
});
const v2get = (schema: Doc = obj({ id: { type: 'string' } }, ['id'])) => ({ get: { responses: { '200': { description: 'ok', schema } } } });
const webhook = { post: { requestBody: { content: { 'application/json': { schema: obj({ id: { type: 'string' } }) } } }, responses: { '200': { description: 'ok' } } } };

export const DOCUMENT_PAIRS: Pair[] = [
  ['server added', api(servers('https://api.example.com/v1')), api(servers('https://api.example.com/v1', 'https://eu.example.com/v1')), ['server-added']],
  ['base path changed', api(servers('https://api.example.com/v1')), api(servers('https://api.example.com/v2')), ['server-base-path-changed']],
  ['base path changed on a relative server', api(servers('/api')), api(servers('/api/v2')), ['server-base-path-changed']],
  ['server variable default changed', api(servers(regional(['eu', 'us']))), api(servers(regional(['eu', 'us'], 'us'))), ['server-variable-default-changed']],
  ['server variable value removed', api(servers(regional(['eu', 'us']))), api(servers(regional(['eu']))), ['server-variable-enum-value-removed']],
  ['trailing slash on the server is the same server', api(servers('https://api.example.com/v1')), api(servers('https://api.example.com/v1/')), []],
  ['server host changed, same path', api(servers('https://api.example.com/v1')), api(servers('https://api.example.net/v1')), ['server-url-changed']],
  ['API version bumped', spec({ '/a': get() }), { ...spec({ '/a': get() }), info: { title: 't', version: '2' } }, ['api-version-changed']],
  ['title and description edited', spec({ '/a': get() }), { ...spec({ '/a': get() }), info: { title: 'Shop', version: '1', description: 'The shop' } }, []],
  ['Swagger 2.0 migrated to OpenAPI 3.0 unchanged', swagger({ '/a': v2get() }), spec({ '/a': get() }), ['openapi-version-changed']],
  ['Swagger 2.0 migration that drops a property', swagger({ '/a': v2get(obj({ id: { type: 'string' }, name: { type: 'string' } }, ['id'])) }), spec({ '/a': get() }), ['openapi-version-changed', 'response-property-removed']],
  ['Swagger 2.0 basePath changed', swagger({ '/a': v2get() }), swagger({ '/a': v2get() }, { basePath: '/v2' }), ['server-base-path-changed']],
  ['Swagger 2.0 query parameter became required', swagger({ '/a': { get: { parameters: [{ name: 'q', in: 'query', type: 'string' }], responses: { '200': { description: 'ok' } } } } }), swagger({ '/a': { get: { parameters: [{ name: 'q', in: 'query', type: 'string', required: true }], responses: { '200': { description: 'ok' } } } } }), ['request-parameter-became-required']],
  ['Swagger 2.0 csv array written as OpenAPI 3.0 form without explode', swagger({ '/a': { get: { parameters: [{ name: 'ids', in: 'query', type: 'array', items: { type: 'string' } }], responses: { '200': { description: 'ok' } } } } }), spec({ '/a': { get: { parameters: [{ name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: false }], responses: { '200': { description: 'ok' } } } } }), ['openapi-version-changed']],
  ['OpenAPI 3.0 to 3.1 patch-level only', { ...spec({ '/a': get() }), openapi: '3.0.1' }, { ...spec({ '/a': get() }), openapi: '3.0.3' }, []],
  ['webhook removed', { ...spec({}), openapi: '3.1.0', webhooks: { orderPaid: webhook } }, { ...spec({}), openapi: '3.1.0' }, ['webhook-removed']],
  ['webhook added', { ...spec({}), openapi: '3.1.0' }, { ...spec({}), openapi: '3.1.0', webhooks: { orderPaid: webhook } }, ['webhook-added']],
];
