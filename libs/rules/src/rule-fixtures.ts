import type { RuleFixtures } from '@apiaudit/domain';
// One failing and one passing document per rule. The tests run every pair; the docs show them as the
// incorrect and correct example. Each pair differs only in what the rule is about.
type Doc = Record<string, unknown>;

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };

export function oas(paths: Doc, more: Doc = {}): Doc {
  const { components, ...rest } = more as { components?: Doc };
  return {
    openapi: '3.0.3',
    info: { title: 'Example', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, ...components },
    ...rest,
  };
}

const errorSchema = { 'application/problem+json': { schema: { type: 'object', properties: { title: { type: 'string' } } } } };

/** A spec rule's fixtures: a document it reports on (positive) and one it stays quiet on (negative). */
export type RuleFixture = RuleFixtures<Doc>;

export const ruleFixtures: Record<string, RuleFixture> = {
  'spec-ref-unresolved': {
    positive: oas({ '/a': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } } }),
    negative: oas({ '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } } }, { components: { responses: { Ok: { description: 'ok' } } } }),
  },
  'spec-ref-file-missing': {
    positive: oas({ '/a': { $ref: 'paths/a.yaml' } }),
    negative: oas({ '/a': { get: { responses: ok } } }),
  },
  'spec-ref-remote': {
    positive: oas({ '/a': { get: { responses: { '200': { $ref: 'https://example.com/common.yaml#/Ok' } } } } }),
    negative: oas({ '/a': { get: { responses: ok } } }),
  },
  'spec-empty-path-item': {
    positive: oas({ '/a': {} }),
    negative: oas({ '/a': { get: { responses: ok } } }),
  },
  'operation-missing-operation-id': {
    positive: oas({ '/orders': { get: { responses: ok } } }),
    negative: oas({ '/orders': { get: { operationId: 'listOrders', responses: ok } } }),
  },
  'operation-duplicate-operation-id': {
    positive: oas({ '/a': { get: { operationId: 'get', responses: ok } }, '/b': { get: { operationId: 'get', responses: ok } } }),
    negative: oas({ '/a': { get: { operationId: 'getA', responses: ok } }, '/b': { get: { operationId: 'getB', responses: ok } } }),
  },
  'path-parameter-undeclared': {
    positive: oas({ '/orders/{id}': { get: { responses: ok } } }),
    negative: oas({ '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
  },
  'path-parameter-unused': {
    positive: oas({ '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
    negative: oas({ '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
  },
  'path-express-style-parameter': {
    positive: oas({ '/profiles/:id': { get: { responses: ok } } }),
    negative: oas({ '/profiles/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
  },
  'request-body-untyped': {
    positive: oas({ '/orders': { post: { requestBody: { content: { 'application/json': {} } }, responses: ok } } }),
    negative: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { sku: { type: 'string' } } } } } }, responses: ok } } }),
  },
  'request-body-open-schema': {
    positive: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { sku: { type: 'string' } } } } } }, responses: ok } } }),
    negative: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { sku: { type: 'string' } } } } } }, responses: ok } } }),
  },
  'response-missing-schema': {
    positive: oas({ '/orders': { get: { responses: { '200': { description: 'orders' } } } } }),
    negative: oas({ '/orders': { get: { responses: ok } } }),
  },
  'schema-missing-required': {
    positive: oas({}, { components: { schemas: { Order: { type: 'object', properties: { id: { type: 'string' } } } } } }),
    negative: oas({}, { components: { schemas: { Order: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } }),
  },
  'enum-without-type': {
    positive: oas({}, { components: { schemas: { Status: { enum: ['open', 'closed'] } } } }),
    negative: oas({}, { components: { schemas: { Status: { type: 'string', enum: ['open', 'closed'] } } } }),
  },
  'example-invalid': {
    positive: oas({}, { components: { schemas: { Price: { type: 'object', properties: { amount: { type: 'number' } }, example: { amount: '12.50' } } } } }),
    negative: oas({}, { components: { schemas: { Price: { type: 'object', properties: { amount: { type: 'number' } }, example: { amount: 12.5 } } } } }),
  },
  'delete-returns-200-without-body': {
    positive: oas({ '/orders/{id}': { delete: { responses: { '200': { description: 'gone' } } } } }),
    negative: oas({ '/orders/{id}': { delete: { responses: { '204': { description: 'gone' } } } } }),
  },
  'server-missing': {
    positive: { ...oas({ '/a': { get: { responses: ok } } }), servers: undefined },
    negative: oas({ '/a': { get: { responses: ok } } }),
  },
  'operation-missing-4xx': {
    positive: oas({ '/orders': { get: { responses: ok } } }),
    negative: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'operation-missing-error-schema': {
    positive: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad' } } } } }),
    negative: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'error-response-not-problem-json': {
    positive: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: { 'application/json': { schema: { type: 'object' } } } } } } } }),
    negative: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'item-path-missing-404': {
    positive: oas({ '/orders/{id}': { get: { responses: ok } } }),
    negative: oas({ '/orders/{id}': { get: { responses: { ...ok, '404': { description: 'none', content: errorSchema } } } } }),
  },
  'rate-limit-missing-retry-after': {
    positive: oas({ '/a': { get: { responses: { ...ok, '429': { description: 'slow down' } } } } }),
    negative: oas({ '/a': { get: { responses: { ...ok, '429': { description: 'slow down', headers: { 'Retry-After': { schema: { type: 'integer' } } } } } } } }),
  },
  'success-response-carries-error': {
    positive: oas({ '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { success: { type: 'boolean' }, error: { type: 'string' } } } } } } } } } }),
    negative: oas({ '/a': { get: { responses: ok } } }),
  },
  'list-endpoint-unbounded': {
    positive: oas({ '/orders': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } } } } }),
    negative: oas({ '/orders': { get: { parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } } } } }),
  },
  'pagination-offset-based': {
    positive: oas({ '/orders': { get: { parameters: [{ name: 'offset', in: 'query', schema: { type: 'integer' } }], responses: ok } } }),
    negative: oas({ '/orders': { get: { parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
  },
  'pagination-limit-unbounded': {
    positive: oas({ '/orders': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: ok } } }),
    negative: oas({ '/orders': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } } }),
  },
  'pagination-parameter-names-inconsistent': {
    positive: oas({ '/a': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } }, '/b': { get: { parameters: [{ name: 'per_page', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } } }),
    negative: oas({ '/a': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } }, '/b': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } } }),
  },
  'post-missing-idempotency-key': {
    positive: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
    negative: oas({ '/orders': { post: { parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
  },
  'create-missing-location-header': {
    positive: oas({ '/orders': { post: { responses: { '201': { description: 'created' } } } } }),
    negative: oas({ '/orders': { post: { responses: { '201': { description: 'created', headers: { Location: { schema: { type: 'string' } } } } } } } }),
  },
  'post-create-returns-200': {
    positive: oas({ '/orders': { post: { responses: ok } } }),
    negative: oas({ '/orders': { post: { responses: { '201': { description: 'created' } } } } }),
  },
  'get-with-request-body': {
    positive: oas({ '/search': { get: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
    negative: oas({ '/search': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
  },
  'api-version-missing': {
    positive: { ...oas({ '/orders': { get: { responses: ok } }, '/health': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
    // The probe stays outside the version on purpose and is not counted.
    negative: { ...oas({ '/v2/orders': { get: { responses: ok } }, '/health': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
  },
  'api-versioning-mixed': {
    positive: { ...oas({ '/v1/orders': { get: { responses: ok } }, '/v2/orders': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
    negative: { ...oas({ '/v2/orders': { get: { responses: ok } }, '/v2/items': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
  },
  'deprecated-operation-missing-sunset': {
    positive: oas({ '/old': { get: { deprecated: true, responses: ok } } }),
    negative: oas({ '/old': { get: { deprecated: true, 'x-sunset': '2027-06-30', responses: ok } } }),
  },
  'operation-missing-security': {
    positive: oas({ '/orders': { delete: { security: [], responses: ok } } }),
    negative: oas({ '/orders': { delete: { responses: ok } } }),
  },
  'secured-operation-missing-401': {
    positive: oas({ '/me': { get: { responses: ok } } }),
    negative: oas({ '/me': { get: { responses: { ...ok, '401': { description: 'who are you', content: errorSchema } } } } }),
  },
  'api-key-in-query': {
    positive: oas({ '/pay': { post: { parameters: [{ name: 'api_key', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
    negative: oas({ '/pay': { post: { parameters: [{ name: 'X-Api-Key', in: 'header', schema: { type: 'string' } }], responses: ok } } }),
  },
  'security-scheme-undefined': {
    positive: oas({ '/a': { get: { security: [{ oauth: [] }], responses: ok } } }),
    negative: oas({ '/a': { get: { security: [{ bearer: [] }], responses: ok } } }),
  },
  'oauth-scope-undefined': {
    positive: oas({ '/a': { get: { security: [{ oauth: ['orders:write'] }], responses: ok } } }, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://x/token', scopes: { 'orders:read': 'read' } } } } } } }),
    negative: oas({ '/a': { get: { security: [{ oauth: ['orders:read'] }], responses: ok } } }, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://x/token', scopes: { 'orders:read': 'read' } } } } } } }),
  },
  'sensitive-field-in-response': {
    positive: oas({ '/me': { get: { responses: { '200': { description: 'me', content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string' } } } } } } } } } }),
    negative: oas({ '/me': { get: { responses: { '200': { description: 'me', content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string', writeOnly: true } } } } } } } } } }),
  },
  'sensitive-data-in-query': {
    positive: oas({ '/users': { get: { parameters: [{ name: 'email', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
    negative: oas({ '/users/search': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' } } } } } }, responses: ok } } }),
  },
  'server-plain-http': {
    positive: { ...oas({}), servers: [{ url: 'http://api.example.com/v1' }] },
    negative: { ...oas({}), servers: [{ url: 'https://api.example.com/v1' }, { url: 'http://localhost:8080/v1' }] },
  },
  'get-missing-cache-headers': {
    positive: oas({ '/a': { get: { responses: ok } } }),
    negative: oas({ '/a': { get: { responses: { '200': { ...ok['200'], headers: { ETag: { schema: { type: 'string' } } } } } } } }),
  },
  'path-casing-inconsistent': {
    positive: oas({ '/order-items': { get: { responses: ok } }, '/line_items': { get: { responses: ok } } }),
    negative: oas({ '/order-items': { get: { responses: ok } }, '/line-items': { get: { responses: ok } } }),
  },
  'path-trailing-slash': {
    positive: oas({ '/orders/': { get: { responses: ok } } }),
    negative: oas({ '/orders': { get: { responses: ok } } }),
  },
  'path-verb-in-segment': {
    positive: oas({ '/createOrder': { post: { responses: ok } } }),
    negative: oas({ '/orders': { post: { responses: ok } } }),
  },
  'path-duplicate-templates': {
    positive: oas({ '/users/{id}': { get: { responses: ok } }, '/users/{name}': { delete: { responses: ok } } }),
    negative: oas({ '/users/{id}': { get: { responses: ok }, delete: { responses: ok } } }),
  },
  'property-casing-inconsistent': {
    positive: oas({}, { components: { schemas: { Order: { type: 'object', properties: { unitPrice: { type: 'number' }, line_total: { type: 'number' } } } } } }),
    negative: oas({}, { components: { schemas: { Order: { type: 'object', properties: { unitPrice: { type: 'number' }, lineTotal: { type: 'number' } } } } } }),
  },
  'operation-missing-summary': {
    positive: oas({ '/orders': { get: { responses: ok } } }),
    negative: oas({ '/orders': { get: { summary: 'List orders', responses: ok } } }),
  },
  'tag-undefined': {
    positive: oas({ '/orders': { get: { tags: ['order'], responses: ok } } }, { tags: [{ name: 'orders' }] }),
    negative: oas({ '/orders': { get: { tags: ['orders'], responses: ok } } }, { tags: [{ name: 'orders' }] }),
  },
  'parameter-missing-schema': {
    positive: oas({ '/orders': { get: { parameters: [{ name: 'status', in: 'query' }], responses: ok } } }),
    negative: oas({ '/orders': { get: { parameters: [{ name: 'status', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
  },
  'response-array-unbounded': {
    positive: oas({ '/tags': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } } } }),
    negative: oas({ '/tags': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', maxItems: 50, items: { type: 'string' } } } } } } } } }),
  },
  'put-on-collection': {
    positive: oas({ '/orders': { put: { responses: ok } } }),
    negative: oas({ '/orders/{id}': { put: { responses: ok } } }),
  },
  'delete-on-collection': {
    positive: oas({ '/orders': { delete: { responses: ok } } }),
    negative: oas({ '/orders/{id}': { delete: { responses: ok } } }),
  },
  'path-collection-not-plural': {
    positive: oas({ '/order/{id}': { get: { responses: ok } } }),
    negative: oas({ '/orders/{id}': { get: { responses: ok } } }),
  },
  'string-without-max-length': {
    positive: oas({ '/notes': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { text: { type: 'string' } } } } } }, responses: ok } } }),
    negative: oas({ '/notes': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { text: { type: 'string', maxLength: 2000 } } } } } }, responses: ok } } }),
  },
  'number-without-bounds': {
    positive: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { quantity: { type: 'integer' } } } } } }, responses: ok } } }),
    negative: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 99 } } } } } }, responses: ok } } }),
  },
  'security-basic-auth': {
    positive: oas({}, { components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' } } } }),
    negative: oas({}),
  },
  'oauth-weak-flow': {
    positive: oas({}, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://x/auth', scopes: {} } } } } } }),
    negative: oas({}, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://x/auth', tokenUrl: 'https://x/token', scopes: {} } } } } } }),
  },
  'error-schemas-inconsistent': {
    positive: oas({ '/a': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } }, '/b': { get: { responses: { ...ok, '400': { description: 'bad', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } } } } } }),
    negative: oas({ '/a': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } }, '/b': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'header-parameter-x-prefix': {
    positive: oas({ '/a': { get: { parameters: [{ name: 'X-Tenant', in: 'header', schema: { type: 'string' } }], responses: ok } } }),
    negative: oas({ '/a': { get: { parameters: [{ name: 'Tenant', in: 'header', schema: { type: 'string' } }], responses: ok } } }),
  },
  'schema-property-untyped': {
    positive: oas({}, { components: { schemas: { Order: { type: 'object', properties: { meta: { description: 'anything' } } } } } }),
    negative: oas({}, { components: { schemas: { Order: { type: 'object', properties: { meta: { type: 'object', description: 'labels' } } } } } }),
  },
};
