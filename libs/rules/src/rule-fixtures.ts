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

export interface RuleFixture {
  bad: Doc;
  good: Doc;
}

export const ruleFixtures: Record<string, RuleFixture> = {
  'spec-ref-unresolved': {
    bad: oas({ '/a': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } } }),
    good: oas({ '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } } }, { components: { responses: { Ok: { description: 'ok' } } } }),
  },
  'spec-ref-file-missing': {
    bad: oas({ '/a': { $ref: 'paths/a.yaml' } }),
    good: oas({ '/a': { get: { responses: ok } } }),
  },
  'spec-ref-remote': {
    bad: oas({ '/a': { get: { responses: { '200': { $ref: 'https://example.com/common.yaml#/Ok' } } } } }),
    good: oas({ '/a': { get: { responses: ok } } }),
  },
  'spec-empty-path-item': {
    bad: oas({ '/a': {} }),
    good: oas({ '/a': { get: { responses: ok } } }),
  },
  'operation-missing-operation-id': {
    bad: oas({ '/orders': { get: { responses: ok } } }),
    good: oas({ '/orders': { get: { operationId: 'listOrders', responses: ok } } }),
  },
  'operation-duplicate-operation-id': {
    bad: oas({ '/a': { get: { operationId: 'get', responses: ok } }, '/b': { get: { operationId: 'get', responses: ok } } }),
    good: oas({ '/a': { get: { operationId: 'getA', responses: ok } }, '/b': { get: { operationId: 'getB', responses: ok } } }),
  },
  'path-parameter-undeclared': {
    bad: oas({ '/orders/{id}': { get: { responses: ok } } }),
    good: oas({ '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
  },
  'path-parameter-unused': {
    bad: oas({ '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
    good: oas({ '/orders/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
  },
  'path-express-style-parameter': {
    bad: oas({ '/profiles/:id': { get: { responses: ok } } }),
    good: oas({ '/profiles/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } } }),
  },
  'request-body-untyped': {
    bad: oas({ '/orders': { post: { requestBody: { content: { 'application/json': {} } }, responses: ok } } }),
    good: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { sku: { type: 'string' } } } } } }, responses: ok } } }),
  },
  'request-body-open-schema': {
    bad: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { sku: { type: 'string' } } } } } }, responses: ok } } }),
    good: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { sku: { type: 'string' } } } } } }, responses: ok } } }),
  },
  'response-missing-schema': {
    bad: oas({ '/orders': { get: { responses: { '200': { description: 'orders' } } } } }),
    good: oas({ '/orders': { get: { responses: ok } } }),
  },
  'schema-missing-required': {
    bad: oas({}, { components: { schemas: { Order: { type: 'object', properties: { id: { type: 'string' } } } } } }),
    good: oas({}, { components: { schemas: { Order: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } }),
  },
  'enum-without-type': {
    bad: oas({}, { components: { schemas: { Status: { enum: ['open', 'closed'] } } } }),
    good: oas({}, { components: { schemas: { Status: { type: 'string', enum: ['open', 'closed'] } } } }),
  },
  'example-invalid': {
    bad: oas({}, { components: { schemas: { Price: { type: 'object', properties: { amount: { type: 'number' } }, example: { amount: '12.50' } } } } }),
    good: oas({}, { components: { schemas: { Price: { type: 'object', properties: { amount: { type: 'number' } }, example: { amount: 12.5 } } } } }),
  },
  'delete-returns-200-without-body': {
    bad: oas({ '/orders/{id}': { delete: { responses: { '200': { description: 'gone' } } } } }),
    good: oas({ '/orders/{id}': { delete: { responses: { '204': { description: 'gone' } } } } }),
  },
  'server-missing': {
    bad: { ...oas({ '/a': { get: { responses: ok } } }), servers: undefined },
    good: oas({ '/a': { get: { responses: ok } } }),
  },
  'operation-missing-4xx': {
    bad: oas({ '/orders': { get: { responses: ok } } }),
    good: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'operation-missing-error-schema': {
    bad: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad' } } } } }),
    good: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'error-response-not-problem-json': {
    bad: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: { 'application/json': { schema: { type: 'object' } } } } } } } }),
    good: oas({ '/orders': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'item-path-missing-404': {
    bad: oas({ '/orders/{id}': { get: { responses: ok } } }),
    good: oas({ '/orders/{id}': { get: { responses: { ...ok, '404': { description: 'none', content: errorSchema } } } } }),
  },
  'rate-limit-missing-retry-after': {
    bad: oas({ '/a': { get: { responses: { ...ok, '429': { description: 'slow down' } } } } }),
    good: oas({ '/a': { get: { responses: { ...ok, '429': { description: 'slow down', headers: { 'Retry-After': { schema: { type: 'integer' } } } } } } } }),
  },
  'success-response-carries-error': {
    bad: oas({ '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { success: { type: 'boolean' }, error: { type: 'string' } } } } } } } } } }),
    good: oas({ '/a': { get: { responses: ok } } }),
  },
  'list-endpoint-unbounded': {
    bad: oas({ '/orders': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } } } } }),
    good: oas({ '/orders': { get: { parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } } } } } } }),
  },
  'pagination-offset-based': {
    bad: oas({ '/orders': { get: { parameters: [{ name: 'offset', in: 'query', schema: { type: 'integer' } }], responses: ok } } }),
    good: oas({ '/orders': { get: { parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
  },
  'pagination-limit-unbounded': {
    bad: oas({ '/orders': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: ok } } }),
    good: oas({ '/orders': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } } }),
  },
  'pagination-parameter-names-inconsistent': {
    bad: oas({ '/a': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } }, '/b': { get: { parameters: [{ name: 'per_page', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } } }),
    good: oas({ '/a': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } }, '/b': { get: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: ok } } }),
  },
  'post-missing-idempotency-key': {
    bad: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
    good: oas({ '/orders': { post: { parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
  },
  'create-missing-location-header': {
    bad: oas({ '/orders': { post: { responses: { '201': { description: 'created' } } } } }),
    good: oas({ '/orders': { post: { responses: { '201': { description: 'created', headers: { Location: { schema: { type: 'string' } } } } } } } }),
  },
  'post-create-returns-200': {
    bad: oas({ '/orders': { post: { responses: ok } } }),
    good: oas({ '/orders': { post: { responses: { '201': { description: 'created' } } } } }),
  },
  'get-with-request-body': {
    bad: oas({ '/search': { get: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
    good: oas({ '/search': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } }),
  },
  'api-version-missing': {
    bad: { ...oas({ '/orders': { get: { responses: ok } }, '/health': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
    // The probe stays outside the version on purpose and is not counted.
    good: { ...oas({ '/v2/orders': { get: { responses: ok } }, '/health': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
  },
  'api-versioning-mixed': {
    bad: { ...oas({ '/v1/orders': { get: { responses: ok } }, '/v2/orders': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
    good: { ...oas({ '/v2/orders': { get: { responses: ok } }, '/v2/items': { get: { responses: ok } } }), servers: [{ url: 'https://api.example.com' }] },
  },
  'deprecated-operation-missing-sunset': {
    bad: oas({ '/old': { get: { deprecated: true, responses: ok } } }),
    good: oas({ '/old': { get: { deprecated: true, 'x-sunset': '2027-06-30', responses: ok } } }),
  },
  'operation-missing-security': {
    bad: oas({ '/orders': { delete: { security: [], responses: ok } } }),
    good: oas({ '/orders': { delete: { responses: ok } } }),
  },
  'secured-operation-missing-401': {
    bad: oas({ '/me': { get: { responses: ok } } }),
    good: oas({ '/me': { get: { responses: { ...ok, '401': { description: 'who are you', content: errorSchema } } } } }),
  },
  'api-key-in-query': {
    bad: oas({ '/pay': { post: { parameters: [{ name: 'api_key', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
    good: oas({ '/pay': { post: { parameters: [{ name: 'X-Api-Key', in: 'header', schema: { type: 'string' } }], responses: ok } } }),
  },
  'security-scheme-undefined': {
    bad: oas({ '/a': { get: { security: [{ oauth: [] }], responses: ok } } }),
    good: oas({ '/a': { get: { security: [{ bearer: [] }], responses: ok } } }),
  },
  'oauth-scope-undefined': {
    bad: oas({ '/a': { get: { security: [{ oauth: ['orders:write'] }], responses: ok } } }, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://x/token', scopes: { 'orders:read': 'read' } } } } } } }),
    good: oas({ '/a': { get: { security: [{ oauth: ['orders:read'] }], responses: ok } } }, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://x/token', scopes: { 'orders:read': 'read' } } } } } } }),
  },
  'sensitive-field-in-response': {
    bad: oas({ '/me': { get: { responses: { '200': { description: 'me', content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string' } } } } } } } } } }),
    good: oas({ '/me': { get: { responses: { '200': { description: 'me', content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string', writeOnly: true } } } } } } } } } }),
  },
  'sensitive-data-in-query': {
    bad: oas({ '/users': { get: { parameters: [{ name: 'email', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
    good: oas({ '/users/search': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' } } } } } }, responses: ok } } }),
  },
  'server-plain-http': {
    bad: { ...oas({}), servers: [{ url: 'http://api.example.com/v1' }] },
    good: { ...oas({}), servers: [{ url: 'https://api.example.com/v1' }, { url: 'http://localhost:8080/v1' }] },
  },
  'get-missing-cache-headers': {
    bad: oas({ '/a': { get: { responses: ok } } }),
    good: oas({ '/a': { get: { responses: { '200': { ...ok['200'], headers: { ETag: { schema: { type: 'string' } } } } } } } }),
  },
  'path-casing-inconsistent': {
    bad: oas({ '/order-items': { get: { responses: ok } }, '/line_items': { get: { responses: ok } } }),
    good: oas({ '/order-items': { get: { responses: ok } }, '/line-items': { get: { responses: ok } } }),
  },
  'path-trailing-slash': {
    bad: oas({ '/orders/': { get: { responses: ok } } }),
    good: oas({ '/orders': { get: { responses: ok } } }),
  },
  'path-verb-in-segment': {
    bad: oas({ '/createOrder': { post: { responses: ok } } }),
    good: oas({ '/orders': { post: { responses: ok } } }),
  },
  'path-duplicate-templates': {
    bad: oas({ '/users/{id}': { get: { responses: ok } }, '/users/{name}': { delete: { responses: ok } } }),
    good: oas({ '/users/{id}': { get: { responses: ok }, delete: { responses: ok } } }),
  },
  'property-casing-inconsistent': {
    bad: oas({}, { components: { schemas: { Order: { type: 'object', properties: { unitPrice: { type: 'number' }, line_total: { type: 'number' } } } } } }),
    good: oas({}, { components: { schemas: { Order: { type: 'object', properties: { unitPrice: { type: 'number' }, lineTotal: { type: 'number' } } } } } }),
  },
  'operation-missing-summary': {
    bad: oas({ '/orders': { get: { responses: ok } } }),
    good: oas({ '/orders': { get: { summary: 'List orders', responses: ok } } }),
  },
  'tag-undefined': {
    bad: oas({ '/orders': { get: { tags: ['order'], responses: ok } } }, { tags: [{ name: 'orders' }] }),
    good: oas({ '/orders': { get: { tags: ['orders'], responses: ok } } }, { tags: [{ name: 'orders' }] }),
  },
  'parameter-missing-schema': {
    bad: oas({ '/orders': { get: { parameters: [{ name: 'status', in: 'query' }], responses: ok } } }),
    good: oas({ '/orders': { get: { parameters: [{ name: 'status', in: 'query', schema: { type: 'string' } }], responses: ok } } }),
  },
  'response-array-unbounded': {
    bad: oas({ '/tags': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } } } }),
    good: oas({ '/tags': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', maxItems: 50, items: { type: 'string' } } } } } } } } }),
  },
  'put-on-collection': {
    bad: oas({ '/orders': { put: { responses: ok } } }),
    good: oas({ '/orders/{id}': { put: { responses: ok } } }),
  },
  'delete-on-collection': {
    bad: oas({ '/orders': { delete: { responses: ok } } }),
    good: oas({ '/orders/{id}': { delete: { responses: ok } } }),
  },
  'path-collection-not-plural': {
    bad: oas({ '/order/{id}': { get: { responses: ok } } }),
    good: oas({ '/orders/{id}': { get: { responses: ok } } }),
  },
  'string-without-max-length': {
    bad: oas({ '/notes': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { text: { type: 'string' } } } } } }, responses: ok } } }),
    good: oas({ '/notes': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { text: { type: 'string', maxLength: 2000 } } } } } }, responses: ok } } }),
  },
  'number-without-bounds': {
    bad: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { quantity: { type: 'integer' } } } } } }, responses: ok } } }),
    good: oas({ '/orders': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 99 } } } } } }, responses: ok } } }),
  },
  'security-basic-auth': {
    bad: oas({}, { components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' } } } }),
    good: oas({}),
  },
  'oauth-weak-flow': {
    bad: oas({}, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://x/auth', scopes: {} } } } } } }),
    good: oas({}, { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://x/auth', tokenUrl: 'https://x/token', scopes: {} } } } } } }),
  },
  'error-schemas-inconsistent': {
    bad: oas({ '/a': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } }, '/b': { get: { responses: { ...ok, '400': { description: 'bad', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } } } } } }),
    good: oas({ '/a': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } }, '/b': { get: { responses: { ...ok, '400': { description: 'bad', content: errorSchema } } } } }),
  },
  'header-parameter-x-prefix': {
    bad: oas({ '/a': { get: { parameters: [{ name: 'X-Tenant', in: 'header', schema: { type: 'string' } }], responses: ok } } }),
    good: oas({ '/a': { get: { parameters: [{ name: 'Tenant', in: 'header', schema: { type: 'string' } }], responses: ok } } }),
  },
  'schema-property-untyped': {
    bad: oas({}, { components: { schemas: { Order: { type: 'object', properties: { meta: { description: 'anything' } } } } } }),
    good: oas({}, { components: { schemas: { Order: { type: 'object', properties: { meta: { type: 'object', description: 'labels' } } } } } }),
  },
};
