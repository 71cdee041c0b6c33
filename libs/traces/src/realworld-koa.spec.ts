import type { Finding } from '@apiaudit/domain';
import { analyzeCapture, endpointsOf, findingsIn } from '../__fixtures__/realworld-capture';
import type { TraceAnalysis } from './trace-aggregate';

// Real traces: the RealWorld Koa + knex back end run unmodified on PostgreSQL under stock OpenTelemetry Node
// auto-instrumentation. How it was captured and the facts measured by hand: ../__fixtures__/README.md.
let analysis: TraceAnalysis;

// The full suite on two busy cores needs more than Jest's default 5 s for a capture.
beforeAll(async () => {
  analysis = await analyzeCapture('realworld-koa.otlp.jsonl.gz');
}, 60000);

const findingsOf = (ruleId: string): Finding[] => findingsIn(analysis, ruleId);

describe('analyzeTraces on the captured RealWorld Koa + knex traces', () => {
  it('reads every request and counts one round trip per query, not the knex span and the pg span below it', () => {
    expect(analysis.spanCount).toBe(13640);
    expect(analysis.requestCount).toBe(565);
    // 2,967 pg spans, 3 of them in the two start-up traces that serve no request (knex's connection check); every
    // other one sits under a knex span of the same query. Counting both gave 5,924.
    const queries = analysis.state.costRows.reduce((sum, row) => sum + row.usage.dbQueries, 0);
    expect(queries).toBe(2964);
  });

  it('reports missing cache only for reads whose text carries all their values', () => {
    const findings = findingsOf('trace-missing-cache');
    // `select "name" from "tags"` and the unfiltered `select count(*) from "articles"`; every other repeated read
    // (users by id, articles by slug, tags `in ($1, $2, $3)`) is parameterised and may be for different rows.
    expect(endpointsOf(findings)).toEqual(['GET /api/articles', 'GET /api/tags']);
    const notes = findings.flatMap((finding) => finding.evidence.map((evidence) => evidence.note ?? ''));
    expect(notes.every((note) => !/\$\d|\?/.test(note.replace(/^[^:]*: /, '')))).toBe(true);
  });

  it('reports the article chain under every /articles/{slug} route as sequential round trips, and no healthy endpoint', () => {
    const findings = findingsOf('trace-sequential-calls');
    expect(endpointsOf(findings)).toEqual([
      'DELETE /api/articles/{slug}',
      'DELETE /api/articles/{slug}/favorite',
      'GET /api/articles/{slug}',
      'GET /api/articles/{slug}/comments',
      'POST /api/articles/{slug}/comments',
      'POST /api/articles/{slug}/favorite',
      'PUT /api/articles/{slug}',
    ]);
    const read = findings.find((finding) => finding.endpoint?.method === 'GET' && finding.endpoint.path === '/api/articles/{slug}')!;
    // Signed in: the session's user, then article, articles_tags, tags, author, follow and favourite state.
    expect(read.message).toContain('select users → select articles → select articles_tags → select tags → select users → select followers → select favorites');
    expect(read.metrics).toMatchObject({ roundTripMs: 1 });
    expect(read.metrics!.callsInSequence).toBeGreaterThanOrEqual(4);
    // GET /api/articles runs its list and count with Promise.all; /tags, /user, sign-up and login run one query.
    for (const healthy of ['GET /api/articles', 'GET /api/tags', 'GET /api/user', 'POST /api/users', 'POST /api/users/login'])
      expect(endpointsOf(findings)).not.toContain(healthy);
  });

  it('reports the password hashing of sign-up and login as CPU-bound self time, with Node’s consequence', () => {
    const findings = findingsOf('trace-long-sync-work');
    expect(endpointsOf(findings)).toEqual(['POST /api/users', 'POST /api/users/login']);
    for (const finding of findings) {
      expect(finding.metrics!.selfTimeShare).toBeGreaterThan(0.9);
      expect(finding.metrics!.timesServiceMedian).toBeGreaterThan(4);
      expect(finding.message).toContain('event loop');
    }
  });

  it('calls the failing per-tag INSERT an N+1 insert driven by failures, over every affected request, and never a retry storm', () => {
    const [finding, ...others] = findingsOf('trace-n-plus-one-query');
    expect(others).toEqual([]);
    expect(finding.endpoint).toEqual({ method: 'POST', path: '/api/articles' });
    // 63 requests inserted 2–5 tags; one of them (fail, fail, succeed) is indistinguishable from a retry by its spans.
    expect(finding.metrics!.requests).toBeGreaterThanOrEqual(62);
    expect(finding.metrics!.failedQueries).toBeGreaterThanOrEqual(200);
    expect(finding.message).toContain('tags_name_unique');
    expect(finding.message).toContain('ON CONFLICT DO NOTHING');
    expect(findingsOf('trace-retry-storm')).toEqual([]);
  });

  it('names /api/articles/feed after the spec’s literal path, not the route template koa-router reported, and says so', () => {
    const feed = analysis.endpoints.find((stats) => stats.path === '/api/articles/feed');
    expect(feed).toMatchObject({ method: 'GET', requests: 24, errors: 24 });
    expect(analysis.endpoints.find((stats) => stats.method === 'GET' && stats.path === '/api/articles/{slug}')).toMatchObject({ requests: 128, errors: 0 });
    const [hotSpot, ...others] = findingsOf('trace-error-hot-spot');
    expect(others).toEqual([]);
    expect(hotSpot.endpoint).toEqual({ method: 'GET', path: '/api/articles/feed' });
    expect(hotSpot.evidence[0].note).toContain("http.route /api/articles/:slug → /api/articles/feed: url.path matches the spec's /articles/feed");
  });

  it('reports nothing else on the capture', () => {
    const expected = ['trace-error-hot-spot', 'trace-long-sync-work', 'trace-missing-cache', 'trace-n-plus-one-query', 'trace-sequential-calls'];
    expect([...new Set(analysis.findings.map((finding) => finding.ruleId))].sort()).toEqual(expected);
  });
});
