import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-timeouts', () => {
  it('flags calls that end in a timeout or a 504', async () => {
    const spans = fixtureTraces(10, (trace, i) => {
      const root = trace.server('api', 'GET', '/search', 0, 2100, { isError: i < 4 });
      if (i < 2) trace.call(root, 'index', 'GET', '/q', 1, 2000, { isError: true, statusMessage: 'context deadline exceeded' });
      else if (i < 4) trace.call(root, 'index', 'GET', '/q', 1, 2000, { isError: true, attributes: { 'http.response.status_code': 504 } });
      else trace.call(root, 'index', 'GET', '/q', 1, 20);
    });
    const findings = await findingsOf(spans, 'trace-timeouts');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', endpoint: { path: '/search' }, metrics: expect.objectContaining({ timeouts: 4 }) });
  });

  it('does not treat other errors as timeouts', async () => {
    const spans = fixtureTraces(10, (trace) => {
      const root = trace.server('api', 'GET', '/search', 0, 50, { isError: true });
      trace.call(root, 'index', 'GET', '/q', 1, 20, { isError: true, attributes: { 'http.response.status_code': 500 }, statusMessage: 'boom' });
    });
    expect(await findingsOf(spans, 'trace-timeouts')).toEqual([]);
  });
});
