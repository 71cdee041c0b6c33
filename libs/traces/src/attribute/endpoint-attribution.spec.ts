import type { Span } from '../span';
import { attributeEndpoint, PathTemplates, templatePath, workloadOf, workloadKey } from './endpoint-attribution';
import { carriesAllValues, normaliseStatement } from './normalise-statement';

function server(attributes: Span['attributes'], name = 'handler'): Span {
  return { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name, kind: 'server', startUs: 0, durationUs: 1, service: 'api', attributes, isError: false };
}

describe('attributeEndpoint', () => {
  const templates = new PathTemplates(['/v1/orders/{orderId}', '/v1/orders/export', '/v1/customers/{customerId}/orders']);

  it('prefers http.route and spells it as the spec does', () => {
    expect(attributeEndpoint(server({ 'http.request.method': 'GET', 'http.route': '/v1/orders/:id' }), templates)).toEqual({ method: 'GET', path: '/v1/orders/{orderId}' });
  });

  it('matches a concrete path to the spec template, literal segments first', () => {
    expect(attributeEndpoint(server({ 'http.method': 'GET', 'http.target': '/v1/orders/export?x=1' }), templates)).toEqual({ method: 'GET', path: '/v1/orders/export' });
    expect(attributeEndpoint(server({ 'http.method': 'GET', 'http.url': 'https://shop/v1/orders/77' }), templates)).toEqual({ method: 'GET', path: '/v1/orders/{orderId}' });
  });

  it('falls back to id patterns without a spec', () => {
    const none = new PathTemplates();
    expect(attributeEndpoint(server({ 'http.request.method': 'delete', 'url.path': '/orders/123/items/550e8400-e29b-41d4-a716-446655440000' }), none)).toEqual({
      method: 'DELETE',
      path: '/orders/{id}/items/{id}',
    });
    expect(templatePath('/files/9f86d081884c7d65/raw')).toBe('/files/{id}/raw');
    expect(templatePath('/users/me/settings')).toBe('/users/me/settings');
  });

  it('names RPC servers by service and method', () => {
    expect(attributeEndpoint(server({ 'rpc.system': 'grpc', 'rpc.service': 'shop.Orders', 'rpc.method': 'Get' }), new PathTemplates())).toEqual({ method: 'RPC', path: '/shop.Orders/Get' });
  });
});

describe('workloadOf', () => {
  it('reads the environment and k8s workload from resource attributes', () => {
    const span = { ...server({}), resource: { 'deployment.environment': 'prod', 'k8s.namespace.name': 'shop', 'k8s.deployment.name': 'api-v2' } };
    expect(workloadKey(workloadOf(span))).toBe('api (prod/shop/api-v2)');
  });
});

describe('normaliseStatement', () => {
  it('strips literals and collapses IN lists', () => {
    expect(normaliseStatement("SELECT * FROM t WHERE id IN (1, 2, 3) AND name = 'o''brien'  AND x = $1")).toBe('SELECT * FROM t WHERE id IN (?) AND name = ? AND x = ?');
  });
});

describe('carriesAllValues', () => {
  it('holds for statements whose text has every value, literal or none', () => {
    expect(carriesAllValues('SELECT * FROM t WHERE id = 42')).toBe(true);
    expect(carriesAllValues('select count(*) from "articles"')).toBe(true);
    expect(carriesAllValues("SELECT x::text FROM t WHERE note = 'is it? :maybe $1'")).toBe(true);
  });

  it('fails for any bind marker, including inside IN lists and joins (values unknown, equal texts prove nothing)', () => {
    expect(carriesAllValues('SELECT * FROM t WHERE id = $1')).toBe(false);
    expect(carriesAllValues('select * from "tags" where "id" in ($1, $2, $3)')).toBe(false);
    expect(carriesAllValues('select * from "tags" where "id" in (?, ?, ?, ?)')).toBe(false);
    expect(carriesAllValues('select * from a left join b on a.id = b.a and b.user in ($1) where a.x = 1')).toBe(false);
    expect(carriesAllValues('SELECT * FROM t WHERE name = :name')).toBe(false);
    expect(carriesAllValues('SELECT * FROM t WHERE id = @p1')).toBe(false);
  });
});

describe('PathTemplates.betterLiteralMatch', () => {
  const templates = new PathTemplates(['/articles', '/articles/feed', '/articles/{slug}', '/articles/{slug}/comments']);

  it('prefers a literal spec path under the route’s base path to the route template the span carried', () => {
    expect(templates.betterLiteralMatch('/api/articles/:slug', '/api/articles/feed')).toEqual({
      path: '/api/articles/feed',
      route: '/api/articles/:slug',
      template: '/articles/feed',
      source: 'spec',
    });
  });

  it('keeps the route when the path is a real parameter value or no literal path is more specific', () => {
    expect(templates.betterLiteralMatch('/api/articles/:slug', '/api/articles/how-to-train-your-dragon')).toBeUndefined();
    expect(templates.betterLiteralMatch('/api/articles', '/api/articles')).toBeUndefined();
    expect(templates.betterLiteralMatch('/api/articles/:slug/comments', '/api/articles/feed/comments')).toBeUndefined();
    expect(new PathTemplates([]).betterLiteralMatch('/api/articles/:slug', '/api/articles/feed')).toBeUndefined();
  });

  it('names code paths as the code’s', () => {
    const fromCode = new PathTemplates([], ['/api/articles/feed', '/api/articles/:slug']);
    expect(fromCode.betterLiteralMatch('/api/articles/:slug', '/api/articles/feed')).toMatchObject({ path: '/api/articles/feed', source: 'code' });
  });
});
