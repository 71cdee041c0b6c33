import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-error-hot-spot', () => {
  it('flags an endpoint where many requests fail, high above the upper rate', async () => {
    const spans = fixtureTraces(20, (trace, i) => {
      trace.server('api', 'POST', '/upload', 0, 50, { isError: i % 3 === 0, attributes: { 'http.response.status_code': i % 3 === 0 ? 500 : 201 } });
    });
    const findings = await findingsOf(spans, 'trace-error-hot-spot');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', endpoint: { method: 'POST', path: '/upload' }, metrics: expect.objectContaining({ errors: 7, requests: 20 }) });
    expect(findings[0].evidence[0].note).toContain('500');
  });

  it('does not flag a rare error', async () => {
    const spans = fixtureTraces(100, (trace, i) => {
      trace.server('api', 'POST', '/upload', 0, 50, { isError: i === 0 });
    });
    expect(await findingsOf(spans, 'trace-error-hot-spot')).toEqual([]);
  });
});
