import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-long-sync-work', () => {
  it('flags requests whose own time (outside calls) is long', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('render', 'GET', '/invoice.pdf', 0, 900);
      trace.internal(root, 'render-pdf', 5, 850);
      trace.db(root, 860, 10, 'SELECT * FROM invoices WHERE id = $1');
    });
    const findings = await findingsOf(spans, 'trace-long-sync-work');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ endpoint: { path: '/invoice.pdf' }, service: 'render', metrics: expect.objectContaining({ selfTimeMs: 890 }) });
  });

  it('does not count time spent waiting on the database as own work', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('render', 'GET', '/invoice.pdf', 0, 900);
      trace.db(root, 5, 880, 'SELECT * FROM invoices WHERE id = $1');
    });
    expect(await findingsOf(spans, 'trace-long-sync-work')).toEqual([]);
  });
});

describe('trace-long-sync-work relative to the service', () => {
  function service(hashMs: number) {
    return fixtureTraces(20, (trace, i) => {
      const login = trace.server('auth', 'POST', '/login', 0, hashMs + 6, { attributes: {} });
      trace.db(login, 1, 4, 'select * from users where email = $1');
      for (let k = 0; k < 4; k++) {
        const read = trace.server('auth', 'GET', `/items`, 2000 + k * 100 + i, 40);
        trace.db(read, 2001 + k * 100 + i, 30, 'select * from items where owner = $1');
      }
    });
  }

  it('flags self time that dominates an endpoint and is many times the service median, with the runtime consequence', async () => {
    const spans = service(300);
    for (const span of spans) span.resource = { 'process.runtime.name': 'nodejs' };
    const [finding] = await findingsOf(spans, 'trace-long-sync-work');
    expect(finding).toMatchObject({ endpoint: { method: 'POST', path: '/login' }, severity: 'medium', metrics: expect.objectContaining({ selfTimeMs: 302 }) });
    // The sketch's p50 is within 1% of the 40 ms reads.
    expect(finding.metrics!.serviceMedianMs).toBeCloseTo(40, 0);
    expect(finding.metrics!.timesServiceMedian).toBeCloseTo(7.5, 1);
    expect(finding.message).toContain('event loop');
    expect(finding.message).toContain('threadpool');
  });

  it('is high at ten times the median, and says nothing about Node when the runtime is not Node', async () => {
    const [finding] = await findingsOf(service(600), 'trace-long-sync-work');
    expect(finding.severity).toBe('high');
    expect(finding.message).not.toContain('event loop');
  });

  it('leaves alone self time that is short for the service or does not dominate the request', async () => {
    expect(await findingsOf(service(60), 'trace-long-sync-work')).toEqual([]);
    const waiting = fixtureTraces(10, (trace) => {
      const root = trace.server('auth', 'GET', '/report', 0, 700);
      trace.db(root, 1, 400, 'select * from big where x = $1');
    });
    expect(await findingsOf(waiting, 'trace-long-sync-work')).toEqual([]);
  });
});
