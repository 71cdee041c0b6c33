import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-sequential-calls', () => {
  it('flags independent calls awaited one after another', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('api', 'GET', '/dashboard', 0, 320);
      trace.call(root, 'users', 'GET', '/users/1', 2, 100);
      trace.call(root, 'billing', 'GET', '/invoices?user=1', 103, 100);
      trace.call(root, 'support', 'GET', '/tickets?user=1', 205, 100);
    });
    const findings = await findingsOf(spans, 'trace-sequential-calls');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'high',
      endpoint: { method: 'GET', path: '/dashboard' },
      service: 'api',
      metrics: expect.objectContaining({ latencySavingMs: 200, callsInSequence: 3 }),
    });
  });

  it('does not flag the same calls when they overlap (already parallel)', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('api', 'GET', '/dashboard', 0, 120);
      trace.call(root, 'users', 'GET', '/users/1', 2, 100);
      trace.call(root, 'billing', 'GET', '/invoices?user=1', 3, 100);
      trace.call(root, 'support', 'GET', '/tickets?user=1', 4, 100);
    });
    expect(await findingsOf(spans, 'trace-sequential-calls')).toEqual([]);
  });

  it('does not flag calls separated by work in between (likely dependent)', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('api', 'GET', '/dashboard', 0, 600);
      trace.call(root, 'users', 'GET', '/users/1', 2, 100);
      trace.call(root, 'billing', 'GET', '/invoices?user=1', 250, 100);
      trace.call(root, 'support', 'GET', '/tickets?user=1', 450, 100);
    });
    expect(await findingsOf(spans, 'trace-sequential-calls')).toEqual([]);
  });
});
