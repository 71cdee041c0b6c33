import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-retry-storm', () => {
  it('flags the same call repeated right after it failed, high when one request retries many times', async () => {
    const spans = fixtureTraces(3, (trace) => {
      const root = trace.server('api', 'POST', '/checkout', 0, 400);
      for (let i = 0; i < 6; i++) trace.call(root, 'payments', 'POST', '/charges', 2 + i * 50, 40, { isError: i < 5 });
    });
    const findings = await findingsOf(spans, 'trace-retry-storm');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', endpoint: { method: 'POST', path: '/checkout' }, metrics: expect.objectContaining({ retries: 15, maxRetriesPerRequest: 5 }) });
  });

  it('does not flag repeated calls that all succeed', async () => {
    const spans = fixtureTraces(3, (trace) => {
      const root = trace.server('api', 'POST', '/checkout', 0, 400);
      for (let i = 0; i < 3; i++) trace.call(root, 'payments', 'POST', '/charges', 2 + i * 50, 40);
    });
    expect(await findingsOf(spans, 'trace-retry-storm')).toEqual([]);
  });
});
