import { detectDrift, findUndocumentedEndpoints, findUnusedEndpoints, templateKey, type ObservedEndpoint } from './index';

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

describe('detectDrift', () => {
  const specOps: ObservedEndpoint[] = [
    { method: 'GET', path: '/articles', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1articles/get' }] },
    { method: 'GET', path: '/articles/{slug}', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1articles~1{slug}/get' }] },
    { method: 'DELETE', path: '/articles/{slug}', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1articles~1{slug}/delete' }] },
    { method: 'GET', path: '/tags', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1tags/get' }] },
  ];
  const code: ObservedEndpoint[] = [
    { method: 'GET', path: '/api/articles', evidence: [{ kind: 'code', file: 'src/articles.ts', line: 3 }] },
    { method: 'GET', path: '/api/articles/:slug', evidence: [{ kind: 'code', file: 'src/articles.ts', line: 9 }] },
    { method: 'ANY', path: '/api/tags', evidence: [{ kind: 'code', file: 'src/tags.ts', line: 2 }] },
    { method: 'POST', path: '/api/admin/reindex', evidence: [{ kind: 'code', file: 'src/admin.ts', line: 5 }] },
  ];
  const traffic: ObservedEndpoint[] = [
    { method: 'GET', path: '/api/articles', requests: 120, evidence: [{ kind: 'trace', traceId: 't1' }] },
    { method: 'GET', path: '/api/legacy/feed', service: 'old-api', requests: 9, evidence: [{ kind: 'trace', traceId: 't2' }] },
  ];

  it('matches code under /api to the spec, and names each drift once: undocumented, zombie, shadow, unused', () => {
    const result = detectDrift({ spec: specOps, code, traffic });
    expect(Object.fromEntries(result.statuses)).toEqual({
      'POST /admin/reindex': 'undocumented',
      'DELETE /articles/{}': 'zombie',
      'GET /legacy/feed': 'shadow',
      'GET /articles/{}': 'unused',
      'GET /tags': 'unused',
    });
    const byRule = result.findings.map((f) => `${f.ruleId} ${f.endpoint?.method} ${f.endpoint?.path}`).sort();
    expect(byRule).toEqual([
      'drift-shadow-endpoint GET /legacy/feed',
      'drift-undocumented-endpoint POST /admin/reindex',
      'drift-unused-endpoint GET /articles/{slug}',
      'drift-unused-endpoint GET /tags',
      'drift-zombie-endpoint DELETE /articles/{slug}',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'drift-shadow-endpoint')).toMatchObject({ service: 'old-api', metrics: { requests: 9 } });
    expect(result.findings.find((f) => f.ruleId === 'drift-undocumented-endpoint')!.evidence[0]).toEqual({ kind: 'code', file: 'src/admin.ts', line: 5 });
    expect(result.alignCode('/api/articles/:slug')).toBe('/articles/:slug');
  });

  it('judges only what its sources can tell: no zombie or shadow without code, no unused without traffic', () => {
    expect(detectDrift({ spec: specOps, traffic }).findings.map((f) => f.ruleId).sort()).toEqual([
      'drift-undocumented-endpoint',
      'drift-unused-endpoint',
      'drift-unused-endpoint',
      'drift-unused-endpoint',
    ]);
    expect(detectDrift({ spec: specOps, code }).findings.map((f) => f.ruleId).sort()).toEqual(['drift-undocumented-endpoint', 'drift-zombie-endpoint']);
    expect(detectDrift({ spec: [], code, traffic }).findings).toEqual([]);
  });

  it('aligns the other way too: a spec whose paths carry /api against code without it', () => {
    const prefixed = specOps.map((e) => ({ ...e, path: `/api${e.path}` }));
    const bare = code.map((e) => ({ ...e, path: e.path.replace(/^\/api/, '') }));
    const result = detectDrift({ spec: prefixed, code: bare });
    expect(Object.fromEntries(result.statuses)).toEqual({ 'POST /api/admin/reindex': 'undocumented', 'DELETE /api/articles/{}': 'zombie' });
  });
});
