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
