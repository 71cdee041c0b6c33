import { fixtureTraces, findingsOf } from './__fixtures__/trace-fixture';

describe('trace-n-plus-one-query', () => {
  it('flags one query per item under a request, with endpoint, service and example spans', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 12; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i + 1}`);
    });
    const findings = await findingsOf(spans, 'trace-n-plus-one-query');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'high',
      endpoint: { method: 'GET', path: '/orders/{id}' },
      service: 'shop',
      metrics: expect.objectContaining({ 'db.queriesPerRequest': 12 }),
    });
    expect(findings[0].evidence[0]).toMatchObject({ kind: 'trace', traceId: spans[0].traceId });
    expect(findings[0].message).toContain('SELECT * FROM items WHERE id = ?');
  });

  it('does not flag a few different queries', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 50);
      trace.db(root, 1, 5, 'SELECT * FROM orders WHERE id = 1');
      trace.db(root, 7, 5, 'SELECT * FROM items WHERE order_id = 1');
      trace.db(root, 13, 5, 'SELECT * FROM customers WHERE id = 9');
    });
    expect(await findingsOf(spans, 'trace-n-plus-one-query')).toEqual([]);
  });

  it('honours a raised threshold from config', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 6; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i}`);
    });
    expect(await findingsOf(spans, 'trace-n-plus-one-query')).toHaveLength(1);
    expect(await findingsOf(spans, 'trace-n-plus-one-query', { detectors: { 'trace-n-plus-one-query': { minRepeats: 10 } } })).toEqual([]);
  });

  it('can be switched off or re-graded from config', async () => {
    const spans = fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 12; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i}`);
    });
    expect(await findingsOf(spans, 'trace-n-plus-one-query', { detectors: { 'trace-n-plus-one-query': { enabled: false } } })).toEqual([]);
    const [finding] = await findingsOf(spans, 'trace-n-plus-one-query', { 'trace-n-plus-one-query': { severity: 'critical' } });
    expect(finding.severity).toBe('critical');
  });
});

describe('trace-n-plus-one-query driven by failures', () => {
  const duplicate = 'duplicate key value violates unique constraint "tags_name_unique"';
  function articles(count: number, tagsOf: (i: number) => number, fails: (i: number, t: number) => boolean) {
    return fixtureTraces(count, (trace, i) => {
      const root = trace.server('conduit', 'POST', '/api/articles', 0, 60);
      trace.db(root, 1, 2, 'insert into "articles" ("id", "title") values ($1, $2)');
      for (let t = 0; t < tagsOf(i); t++) {
        const span = trace.db(root, 4 + t * 3, 2, 'insert into "tags" ("id", "name") values ($1, $2)');
        if (fails(i, t)) {
          span.isError = true;
          span.statusMessage = duplicate;
        }
      }
      trace.db(root, 30, 2, 'select * from "tags" where "name" in ($1, $2, $3)');
    });
  }

  it('calls one failing INSERT per item an N+1 insert, counting every affected request, and not a retry storm', async () => {
    // 20 requests with 3, 4 or 5 tags each; every insert fails except the first request's, which created them.
    const spans = articles(20, (i) => 3 + (i % 3), (i) => i > 0);
    const [finding] = await findingsOf(spans, 'trace-n-plus-one-query');
    expect(finding).toMatchObject({ severity: 'medium', endpoint: { method: 'POST', path: '/api/articles' }, metrics: expect.objectContaining({ requests: 20, affectedShare: 1, maxQueries: 5 }) });
    expect(finding.metrics!.failedQueries).toBe(spans.filter((span) => span.isError).length);
    expect(finding.message).toContain('20 of 20 requests');
    expect(finding.message).toContain('not a retry');
    expect(finding.message).toContain(duplicate);
    expect(finding.message).toContain('ON CONFLICT DO NOTHING');
    expect(await findingsOf(spans, 'trace-retry-storm')).toEqual([]);
  });

  it('leaves a statement that failed and then succeeded once to the retry detector, not to N+1', async () => {
    const spans = articles(10, () => 5, (_i, t) => t < 4);
    expect(await findingsOf(spans, 'trace-n-plus-one-query')).toEqual([]);
    const [retry] = await findingsOf(spans, 'trace-retry-storm');
    expect(retry.metrics).toMatchObject({ maxRetriesPerRequest: 4 });
  });

  it('does not report two inserts per request', async () => {
    expect(await findingsOf(articles(10, () => 2, () => true), 'trace-n-plus-one-query')).toEqual([]);
  });
});
