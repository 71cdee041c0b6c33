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
    // All three together: two of the 100 ms calls and two round trips (1 ms each by default) go.
    expect(findings[0]).toMatchObject({
      severity: 'high',
      endpoint: { method: 'GET', path: '/dashboard' },
      service: 'api',
      metrics: expect.objectContaining({ latencySavingMs: 202, observedSavingMs: 200, roundTripsSaved: 2, callsInSequence: 3 }),
    });
  });

  it('flags a chain of different queries on a fast database by its round trips, priced at the configured latency', async () => {
    const tables = ['articles', 'articles_tags', 'tags', 'users', 'followers', 'favorites'];
    const spans = fixtureTraces(10, (trace) => {
      const root = trace.server('api', 'GET', '/articles/{slug}', 0, 8);
      // Sub-millisecond queries back to back, as on loopback.
      tables.forEach((table, i) => trace.db(root, 1 + i * 0.6, 0.5, `select * from "${table}" where "id" = $1`));
    });
    const [finding] = await findingsOf(spans, 'trace-sequential-calls');
    expect(finding).toMatchObject({ endpoint: { path: '/articles/{slug}' }, metrics: expect.objectContaining({ callsInSequence: 6, roundTripsSaved: 4, roundTripMs: 1 }) });
    expect(finding.metrics!.latencySavingMs).toBeCloseTo(4 + 2, 1);
    expect(finding.message).toContain('select articles → select articles_tags → select tags → select users → select followers → select favorites');
    const slower = await findingsOf(spans, 'trace-sequential-calls', { detectors: { 'trace-sequential-calls': { roundTripMs: 20 } } });
    expect(slower[0].metrics!.latencySavingMs).toBeCloseTo(80 + 2, 1);
  });

  it('counts a request whose chain a repeated query cut in two once, saving the round trips of both', async () => {
    const spans = fixtureTraces(5, (trace) => {
      const root = trace.server('api', 'POST', '/articles', 0, 10);
      // As TypeORM's create then save: the repeated user lookup ends the first chain and starts the second.
      ['users', 'articles', 'tags', 'follows', 'users', 'comments', 'favorites', 'profiles'].forEach((table, i) =>
        trace.db(root, 1 + i, 0.5, `select * from "${table}" where "id" = $1`),
      );
    });
    const [finding, ...others] = await findingsOf(spans, 'trace-sequential-calls');
    expect(others).toEqual([]);
    // Two chains of 4, each saving 2 round trips when all but its first run together.
    expect(finding.metrics).toMatchObject({ requests: 5, affectedShare: 1, callsInSequence: 4, roundTripsSaved: 4 });
    expect(finding.evidence[0].note).toContain('1 more chain in this request');
  });

  it('chains no statement of a transaction: they run one at a time on its connection', async () => {
    const spans = fixtureTraces(5, (trace, i) => {
      // TypeORM's save after a uniqueness check, as in the RealWorld NestJS capture's sign-up.
      const signUp = trace.server('api', 'POST', '/users', 0, 10);
      ['SELECT * FROM `user` WHERE `email` = ?', 'START TRANSACTION', 'INSERT INTO `user`(`email`) VALUES (?)', 'SELECT * FROM `user` WHERE `id` = ?', 'COMMIT'].forEach(
        (statement, q) => trace.db(signUp, 1 + q, 0.5, statement),
      );
      // Two queries on either side of a transaction are two short runs, not one chain of seven.
      const update = trace.server('api', 'PUT', '/articles/{slug}', 100 + i, 10);
      ['select * from "users" where "id" = $1', 'select * from "articles" where "slug" = $1', 'BEGIN', 'update "articles" set "body" = $1', 'COMMIT', 'select * from "tags" where "id" = $1', 'select * from "comments" where "id" = $1'].forEach(
        (statement, q) => trace.db(update, 101 + i + q, 0.5, statement),
      );
    });
    expect(await findingsOf(spans, 'trace-sequential-calls')).toEqual([]);
  });

  it('forgives start times rounded down to the millisecond', async () => {
    const spans = fixtureTraces(10, (trace) => {
      const root = trace.server('api', 'GET', '/articles/{slug}', 0, 10);
      // Each query ends at x.4 ms and the next one's start was recorded as the whole millisecond before.
      ['articles', 'articles_tags', 'tags', 'users'].forEach((table, i) => trace.db(root, 1 + i * 2, 2.4, `select * from "${table}" where "id" = $1`));
    });
    expect(await findingsOf(spans, 'trace-sequential-calls')).toHaveLength(1);
  });

  it('leaves alone queries already run together, too few queries, and repeats of one query (N+1, not this)', async () => {
    const spans = fixtureTraces(10, (trace, i) => {
      const list = trace.server('api', 'GET', '/articles', 0, 10);
      trace.db(list, 1, 1, 'select * from "users" where "id" = $1');
      trace.db(list, 2.1, 5, 'select * from "articles" limit $1');
      trace.db(list, 2.2, 5, 'select count(*) from "articles"');
      trace.db(list, 2.3, 5, 'select * from "tags"');
      const tags = trace.server('api', 'GET', '/tags', 100 + i, 5);
      trace.db(tags, 101 + i, 1, 'select "name" from "tags"');
      trace.db(tags, 102.1 + i, 1, 'select "name" from "users"');
      const create = trace.server('api', 'POST', '/articles', 200 + i, 10);
      for (let t = 0; t < 5; t++) trace.db(create, 201 + i + t, 0.8, 'insert into "tags" ("name") values ($1)');
    });
    expect(await findingsOf(spans, 'trace-sequential-calls')).toEqual([]);
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
