import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-chatty-service-calls', () => {
  it('flags many calls to the same downstream service per request', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('bff', 'GET', '/feed', 0, 200);
      for (let i = 0; i < 8; i++) trace.call(root, 'profiles', 'GET', `/profiles/${i}`, 2 + i * 20, 15);
    });
    const findings = await findingsOf(spans, 'trace-chatty-service-calls');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ endpoint: { method: 'GET', path: '/feed' }, service: 'bff', metrics: expect.objectContaining({ callsPerRequest: 8 }) });
    expect(findings[0].message).toContain('profiles');
  });

  it('does not flag calls spread over different services', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('bff', 'GET', '/feed', 0, 200);
      ['profiles', 'posts', 'ads', 'likes', 'friends', 'groups'].forEach((target, i) => trace.call(root, target, 'GET', '/x', 2 + i, 15));
    });
    expect(await findingsOf(spans, 'trace-chatty-service-calls')).toEqual([]);
  });
});
