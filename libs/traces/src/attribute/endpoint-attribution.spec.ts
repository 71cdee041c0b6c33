import type { Span } from '../span';
import { attributeEndpoint, PathTemplates, templatePath, workloadOf, workloadKey } from './endpoint-attribution';
import { hasLiterals, normaliseStatement } from './normalise-statement';

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
    expect(hasLiterals('SELECT * FROM t WHERE id = 42')).toBe(true);
    expect(hasLiterals('SELECT * FROM t WHERE id = $1')).toBe(false);
  });
});
