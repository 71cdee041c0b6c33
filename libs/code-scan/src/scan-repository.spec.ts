import { resolve } from 'node:path';
import { scanRepository } from './index';

const shop = resolve(__dirname, '../../../examples/shop/src');

describe('scanRepository on the bundled shop service', () => {
  const result = scanRepository(shop, { label: 'src' });

  it('finds all nine Express routes with mount prefixes applied, including the undocumented one', () => {
    expect(result.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual([
      'GET /internal/metrics',
      'GET /v1/customers/{customerId}/orders',
      'GET /v1/orders',
      'POST /v1/orders',
      'DELETE /v1/orders/{orderId}',
      'GET /v1/orders/{orderId}',
      'POST /v1/payments',
      'GET /v1/products',
      'GET /v1/products/{productId}',
    ]);
    expect(result.endpoints.find((e) => e.path === '/v1/payments')).toMatchObject({ file: 'src/routes/payments.ts', line: 7 });
  });

  it('reports the resilience gaps the service really has, each on its owning endpoint', () => {
    const found = result.findings.map((f) => `${f.ruleId} ${f.endpoint?.method} ${f.endpoint?.path} ${f.evidence[0].file}:${f.evidence[0].line}`);
    expect(found.sort()).toEqual(
      [
        'code-http-call-without-timeout GET /v1/customers/{customerId}/orders src/routes/customers.ts:9',
        'code-http-call-without-timeout GET /v1/customers/{customerId}/orders src/routes/customers.ts:10',
        'code-http-call-without-timeout GET /v1/customers/{customerId}/orders src/routes/customers.ts:11',
        'code-http-call-without-timeout POST /v1/payments src/routes/payments.ts:10',
        'code-retry-without-backoff POST /v1/payments src/routes/payments.ts:9',
        'code-query-in-loop POST /v1/orders src/routes/orders.ts:15',
        'code-query-in-loop GET /v1/orders/{orderId} src/routes/orders.ts:29',
        'code-sequential-remote-calls GET /v1/customers/{customerId}/orders src/routes/customers.ts:9',
        'code-unbounded-page-size GET /v1/products src/routes/products.ts:8',
        'code-create-without-idempotency-key POST /v1/orders src/routes/orders.ts:10',
        'code-remote-call-without-circuit-breaker GET /v1/customers/{customerId}/orders src/routes/customers.ts:9',
        'code-remote-call-without-circuit-breaker POST /v1/payments src/routes/payments.ts:10',
        'code-select-star-without-limit GET /v1/orders src/routes/orders.ts:7',
      ].sort(),
    );
  });
});

describe('scanRepository on a tidy Express app', () => {
  const result = scanRepository(resolve(__dirname, '__fixtures__/express-app'));

  it('follows imports to mounts, reads paths on the next line and skips test files', () => {
    expect(result.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /api/users', 'GET /api/users/{userId}', 'GET /health']);
    expect(result.files).toBe(2);
  });

  it('stays quiet where calls have timeouts and a breaker, and retries back off', () => {
    expect(result.findings).toEqual([]);
  });
});
