import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-high-fan-out', () => {
  it('flags requests that call dozens of downstream endpoints', async () => {
    const spans = fixtureTraces(4, (trace) => {
      const root = trace.server('gateway', 'GET', '/home', 0, 100);
      for (let i = 0; i < 30; i++) trace.call(root, `svc-${i}`, 'GET', '/widget', 1, 50);
    });
    const findings = await findingsOf(spans, 'trace-high-fan-out');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ endpoint: { method: 'GET', path: '/home' }, service: 'gateway', metrics: expect.objectContaining({ callsPerRequest: 30 }) });
  });

  it('does not flag a handful of calls', async () => {
    const spans = fixtureTraces(4, (trace) => {
      const root = trace.server('gateway', 'GET', '/home', 0, 100);
      for (let i = 0; i < 4; i++) trace.call(root, `svc-${i}`, 'GET', '/widget', 1, 50);
    });
    expect(await findingsOf(spans, 'trace-high-fan-out')).toEqual([]);
  });
});
