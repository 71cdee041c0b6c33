import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-missing-cache', () => {
  it('flags the same read with the same values repeated across requests within the window', async () => {
    const spans = fixtureTraces(12, (trace) => {
      const root = trace.server('shop', 'GET', '/config', 0, 30);
      trace.db(root, 2, 10, "SELECT value FROM settings WHERE name = 'theme'");
    }, 2000);
    const findings = await findingsOf(spans, 'trace-missing-cache');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ endpoint: { path: '/config' }, service: 'shop', metrics: expect.objectContaining({ repeatedReads: 11 }) });
  });

  it('does not flag reads of different rows, or parameterised statements whose values are unknown', async () => {
    const spans = fixtureTraces(12, (trace, i) => {
      const root = trace.server('shop', 'GET', '/config', 0, 30);
      trace.db(root, 2, 10, `SELECT value FROM settings WHERE name = 'key-${i}'`);
      trace.db(root, 14, 10, 'SELECT value FROM settings WHERE name = $1');
    }, 2000);
    expect(await findingsOf(spans, 'trace-missing-cache')).toEqual([]);
  });

  it('does not flag repeats further apart than the window', async () => {
    const spans = fixtureTraces(12, (trace) => {
      const root = trace.server('shop', 'GET', '/config', 0, 30);
      trace.db(root, 2, 10, "SELECT value FROM settings WHERE name = 'theme'");
    }, 120000);
    expect(await findingsOf(spans, 'trace-missing-cache')).toEqual([]);
  });
});
