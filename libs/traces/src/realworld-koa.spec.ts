import type { Finding } from '@apiaudit/domain';
import { join } from 'node:path';
import { analyzeTraces } from './analyze-traces';
import type { TraceAnalysis } from './trace-aggregate';

// Real traces: the RealWorld Koa + knex back end run unmodified on PostgreSQL under stock OpenTelemetry Node
// auto-instrumentation. How it was captured and the facts measured by hand: ../__fixtures__/README.md.
const fixture = join(__dirname, '../__fixtures__/realworld-koa.otlp.jsonl.gz');

let analysis: TraceAnalysis;

beforeAll(async () => {
  analysis = await analyzeTraces(fixture, { now: new Date('2026-12-07T00:00:00Z') });
});

function findingsOf(ruleId: string): Finding[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId);
}

function endpointsOf(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.endpoint?.method} ${finding.endpoint?.path}`).sort();
}

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
});
