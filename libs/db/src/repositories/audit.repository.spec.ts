import { endpointOfInventoryItem } from './audit.repository';

describe('endpointOfInventoryItem', () => {
  it('reads every field of a stored endpoint', () => {
    const stored = {
      method: 'GET',
      path: '/orders/{id}',
      operationId: 'getOrder',
      service: 'orders',
      seenIn: ['spec', 'trace'],
      deprecated: true,
      drift: 'zombie',
      traffic: { requests: 10, errorRate: 0.1, p50Ms: 5, p95Ms: 9, p99Ms: 12 },
    };
    expect(endpointOfInventoryItem(stored)).toEqual(stored);
  });

  it('drops fields of the wrong type or an unknown value and keeps the endpoint', () => {
    expect(endpointOfInventoryItem({ method: 'POST', path: '/orders', seenIn: ['code', 'ftp', 3], drift: 'lost', deprecated: 'yes', traffic: { requests: '1' } })).toEqual({
      method: 'POST',
      path: '/orders',
      seenIn: ['code'],
    });
  });

  it('reads an element without method or path as no endpoint', () => {
    expect(endpointOfInventoryItem(null)).toBeNull();
    expect(endpointOfInventoryItem({ path: '/orders', seenIn: [] })).toBeNull();
    expect(endpointOfInventoryItem(['GET', '/orders'])).toBeNull();
  });
});
