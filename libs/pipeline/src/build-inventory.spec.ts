import { buildInventory } from './build-inventory';

describe('buildInventory', () => {
  it('merges one endpoint seen in spec, code and traffic, keeping the spec spelling and the traffic figures', () => {
    const traffic = { requests: 120, errorRate: 0.02, p50Ms: 40, p95Ms: 310, p99Ms: 800 };
    const inventory = buildInventory([
      { method: 'GET', path: '/v1/orders/{id}', source: 'trace', service: 'shop-api', traffic },
      { method: 'get', path: '/v1/orders/{orderId}', source: 'spec', operationId: 'getOrder' },
      { method: 'GET', path: '/v1/orders/:orderId', source: 'code' },
      { method: 'GET', path: '/internal/metrics', source: 'code' },
    ]);
    expect(inventory).toEqual([
      { method: 'GET', path: '/internal/metrics', seenIn: ['code'] },
      {
        method: 'GET',
        path: '/v1/orders/{orderId}',
        operationId: 'getOrder',
        service: 'shop-api',
        seenIn: ['spec', 'code', 'trace'],
        traffic,
      },
    ]);
  });
});
