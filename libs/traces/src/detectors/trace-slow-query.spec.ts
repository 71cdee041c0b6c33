import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-slow-query', () => {
  it('flags a query shape that is regularly slower than the threshold', async () => {
    const spans = fixtureTraces(5, (trace, i) => {
      const root = trace.server('reports', 'GET', '/reports/{id}', 0, 1000);
      trace.db(root, 5, 800 + i * 10, `SELECT * FROM events WHERE account = ${i} ORDER BY ts`);
    });
    const findings = await findingsOf(spans, 'trace-slow-query');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', endpoint: { path: '/reports/{id}' }, service: 'reports', metrics: expect.objectContaining({ slowExecutions: 5, maxMs: 840 }) });
    expect(findings[0].message).toContain('SELECT * FROM events WHERE account = ? ORDER BY ts');
  });

  it('does not flag fast queries', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('reports', 'GET', '/reports/{id}', 0, 100);
      trace.db(root, 5, 40, 'SELECT * FROM events WHERE account = 1');
    });
    expect(await findingsOf(spans, 'trace-slow-query')).toEqual([]);
  });
});
