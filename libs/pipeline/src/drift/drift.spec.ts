import { findUndocumentedEndpoints, findUnusedEndpoints, templateKey, type ObservedEndpoint } from './index';

const spec: ObservedEndpoint[] = [
  { method: 'get', path: '/v1/orders/{orderId}', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1v1~1orders~1{orderId}/get' }] },
  { method: 'post', path: '/v1/orders', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1v1~1orders/post' }] },
];

describe('templateKey', () => {
  it('treats parameter names and express-style params alike', () => {
    expect(templateKey('get', '/a/{id}/b')).toBe(templateKey('GET', '/a/:slug/b'));
    expect(templateKey('get', '/a/')).toBe(templateKey('get', '/a'));
    expect(templateKey('get', '/a/{id}')).not.toBe(templateKey('post', '/a/{id}'));
  });
});

describe('drift-undocumented-endpoint', () => {
  it('reports a traced route the spec lacks, once, with its traffic', () => {
    const traffic: ObservedEndpoint[] = [
      { method: 'GET', path: '/v1/orders/{id}', requests: 40, evidence: [{ kind: 'trace', traceId: 't1', spanId: 's1' }] },
      { method: 'GET', path: '/internal/metrics', service: 'shop-api', requests: 7, evidence: [{ kind: 'trace', traceId: 't2', spanId: 's2' }] },
      { method: 'GET', path: '/internal/metrics', service: 'shop-api', requests: 7, evidence: [{ kind: 'trace', traceId: 't3', spanId: 's3' }] },
    ];
    const findings = findUndocumentedEndpoints(spec, traffic);
    expect(findings.map((f) => `${f.endpoint?.method} ${f.endpoint?.path}`)).toEqual(['GET /internal/metrics']);
    expect(findings[0].service).toBe('shop-api');
    expect(findings[0].metrics).toEqual({ requests: 7 });
    expect(findings[0].evidence[0].traceId).toBe('t2');
  });

  it('says "routed in code" for code evidence', () => {
    const code: ObservedEndpoint[] = [{ method: 'delete', path: '/v1/carts/:id', evidence: [{ kind: 'code', file: 'src/carts.ts', line: 12 }] }];
    expect(findUndocumentedEndpoints(spec, code)[0].message).toContain('is routed in code');
  });
});

describe('drift-unused-endpoint', () => {
  it('reports documented operations without traffic only when there is traffic at all', () => {
    expect(findUnusedEndpoints(spec, [])).toEqual([]);
    const traffic: ObservedEndpoint[] = [{ method: 'GET', path: '/v1/orders/{x}', requests: 3, evidence: [] }];
    const findings = findUnusedEndpoints(spec, traffic);
    expect(findings.map((f) => f.endpoint)).toEqual([{ method: 'POST', path: '/v1/orders' }]);
  });
});
