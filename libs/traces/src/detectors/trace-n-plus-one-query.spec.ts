import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-n-plus-one-query', () => {
  it('flags one query per item under a request, with endpoint, service and example spans', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 12; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i + 1}`);
    });
    const findings = await findingsOf(spans, 'trace-n-plus-one-query');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'high',
      endpoint: { method: 'GET', path: '/orders/{id}' },
      service: 'shop',
      metrics: expect.objectContaining({ queriesPerRequest: 12 }),
    });
    expect(findings[0].evidence[0]).toMatchObject({ kind: 'trace', traceId: spans[0].traceId });
    expect(findings[0].message).toContain('SELECT * FROM items WHERE id = ?');
  });

  it('does not flag a few different queries', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 50);
      trace.db(root, 1, 5, 'SELECT * FROM orders WHERE id = 1');
      trace.db(root, 7, 5, 'SELECT * FROM items WHERE order_id = 1');
      trace.db(root, 13, 5, 'SELECT * FROM customers WHERE id = 9');
    });
    expect(await findingsOf(spans, 'trace-n-plus-one-query')).toEqual([]);
  });

  it('honours a raised threshold from config', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 6; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i}`);
    });
    expect(await findingsOf(spans, 'trace-n-plus-one-query')).toHaveLength(1);
    expect(await findingsOf(spans, 'trace-n-plus-one-query', { detectors: { 'trace-n-plus-one-query': { minRepeats: 10 } } })).toEqual([]);
  });

  it('can be switched off or re-graded from config', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 12; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i}`);
    });
    expect(await findingsOf(spans, 'trace-n-plus-one-query', { detectors: { 'trace-n-plus-one-query': { enabled: false } } })).toEqual([]);
    const [finding] = await findingsOf(spans, 'trace-n-plus-one-query', { 'trace-n-plus-one-query': { severity: 'critical' } });
    expect(finding.severity).toBe('critical');
  });
});
