import type { Finding } from '@apiaudit/domain';
import { analyzeCapture, endpointsOf, findingsIn } from '../__fixtures__/realworld-capture';
import type { TraceAnalysis } from './trace-aggregate';

// Real traces: the RealWorld NestJS 7 + TypeORM back end run unmodified on MariaDB under stock OpenTelemetry Node
// auto-instrumentation. How it was captured and the facts measured by hand: ../__fixtures__/README.md.
let analysis: TraceAnalysis;

// The full suite on two busy cores needs more than Jest's default 5 s for a capture.
beforeAll(async () => {
  analysis = await analyzeCapture('realworld-nestjs.otlp.jsonl.gz');
}, 60000);

const findingsOf = (ruleId: string): Finding[] => findingsIn(analysis, ruleId);

function requestsTo(method: string, path: string): number {
  return analysis.endpoints.find((stats) => stats.method === method && stats.path === path)?.requests ?? 0;
}

describe('analyzeTraces on the captured RealWorld NestJS + TypeORM traces', () => {
  it('reads every request, and counts each mysql span as one round trip (TypeORM itself records no span)', () => {
    expect(analysis.spanCount).toBe(8217);
    // 566 HTTP requests, plus the start-up trace whose root is NestJS's internal `Create Nest App` span.
    expect(analysis.requestCount).toBe(567);
    expect(requestsTo('RPC', '/Create Nest App')).toBe(1);
    const queries = analysis.state.costRows.reduce((sum, row) => sum + row.usage.dbQueries, 0);
    expect(queries).toBe(2834);
  });

  it('reports missing cache only for reads whose text carries all their values', () => {
    const findings = findingsOf('trace-missing-cache');
    // TypeORM's `tag` select and the unfiltered article count (`WHERE 1 = 1`); users and articles by id or slug are
    // bound with `?` and may be for different rows.
    expect(endpointsOf(findings)).toEqual(['GET /api/articles', 'GET /api/tags']);
    const notes = findings.flatMap((finding) => finding.evidence.map((evidence) => evidence.note ?? ''));
    expect(notes.every((note) => !/\?/.test(note.replace(/^[^:]*: /, '')))).toBe(true);
  });

  it('reports query chains outside transactions, never the statements of a TypeORM save', () => {
    const findings = findingsOf('trace-sequential-calls');
    expect(endpointsOf(findings)).toEqual(['GET /api/articles/feed', 'POST /api/articles', 'POST /api/profiles/{username}/follow', 'PUT /api/articles/{slug}']);
    const follow = findings.find((finding) => finding.endpoint?.path === '/api/profiles/{username}/follow')!;
    // The session's user, the followed user by username, the follower by email, then the follow row.
    expect(follow.message).toContain('select user → select user → select user → select follows');
    expect(follow.metrics).toMatchObject({ callsInSequence: 4, roundTripsSaved: 2, roundTripMs: 1 });
    const feed = findings.find((finding) => finding.endpoint?.path === '/api/articles/feed')!;
    expect(feed.message).toContain('select user → select follows → select article → select article');
    expect(feed.metrics).toMatchObject({ requests: 24, affectedShare: 1 });
    // A request counts once however many chains it has (POST /api/articles has two in most requests).
    for (const finding of findings) expect(finding.metrics!.requests).toBeLessThanOrEqual(requestsTo(finding.endpoint!.method, finding.endpoint!.path));
    // Sign-up (a lookup, then START TRANSACTION, INSERT, SELECT, COMMIT), PUT /user, the start-up schema sync: every
    // chain of four or more ran inside a transaction. GET /articles/{slug} runs two dependent queries.
    for (const healthy of ['POST /api/users', 'PUT /api/user', 'RPC /Create Nest App', 'GET /api/articles/{slug}', 'GET /api/tags'])
      expect(endpointsOf(findings)).not.toContain(healthy);
  });

  it('leaves the argon2 hashing of sign-up and login alone: most requests spend under 20 ms outside queries', () => {
    // Measured by hand: 4 of 16 sign-ups and none of 20 logins reach the 20 ms floor (p50 16.7 ms and 10.8 ms).
    expect(findingsOf('trace-long-sync-work')).toEqual([]);
    const signUp = analysis.endpoints.find((stats) => stats.method === 'POST' && stats.path === '/api/users')!;
    expect(signUp.p50Ms).toBeLessThan(50);
  });

  it('calls the user read three times by PUT /user an N+1, and nothing else', () => {
    const [finding, ...others] = findingsOf('trace-n-plus-one-query');
    expect(others).toEqual([]);
    // The same row each time (auth middleware, UserService.update, then TypeORM's save reloading it): the spans bind
    // the id as `?`, so a re-read and a per-item loop look alike.
    expect(finding.endpoint).toEqual({ method: 'PUT', path: '/api/user' });
    expect(finding.metrics).toMatchObject({ requests: 4, 'db.queriesPerRequest': 3, failedQueries: 0 });
    expect(findingsOf('trace-retry-storm')).toEqual([]);
  });

  it('reports the favourite routes, which fail every time, and not the 4 failed logins', () => {
    const findings = findingsOf('trace-error-hot-spot');
    expect(endpointsOf(findings)).toEqual(['DELETE /api/articles/{slug}/favorite', 'POST /api/articles/{slug}/favorite']);
    expect(findings.map((finding) => finding.metrics)).toEqual(
      expect.arrayContaining([expect.objectContaining({ requests: 48, errors: 48 }), expect.objectContaining({ requests: 12, errors: 12 })]),
    );
    expect(analysis.endpoints.find((stats) => stats.path === '/api/users/login')).toMatchObject({ requests: 20 });
  });

  it('reports nothing else on the capture', () => {
    const expected = ['trace-error-hot-spot', 'trace-missing-cache', 'trace-n-plus-one-query', 'trace-sequential-calls'];
    expect([...new Set(analysis.findings.map((finding) => finding.ruleId))].sort()).toEqual(expected);
  });
});
