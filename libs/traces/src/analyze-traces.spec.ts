import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeTraces } from './analyze-traces';
import { fixtureTraces } from './detectors/__fixtures__/trace-fixture';

const corpus = resolve(__dirname, '../../../..', 'shared/corpus/traces');
const now = new Date('2026-01-16T00:00:00Z');

describe('analyzeTraces on the shared corpus', () => {
  it('analyses every corpus file together: each trace, every span, no failure', async () => {
    const files = readdirSync(corpus)
      .filter((name) => /\.(json|jsonl)$/.test(name))
      .map((name) => join(corpus, name));
    expect(files).toHaveLength(7);
    const analysis = await analyzeTraces(files, { now });
    // Span counts from corpus/README.md: 2 + 5 + 16 + 175 + 1,041 + 1 + 4.
    expect(analysis.spanCount).toBe(1244);
    expect(analysis.traceCount).toBe(7);
    expect(analysis.requestCount).toBeGreaterThan(100);
    const services = new Set(analysis.endpoints.map((stats) => stats.service));
    for (const service of ['jaeger-query', 'spectre', 'auth', 'platformapi', 'my.service']) expect(services).toContain(service);
    expect(analysis.window).not.toBeNull();
    expect(analysis.findings.every((finding) => finding.evidence.every((evidence) => evidence.kind === 'trace' && evidence.traceId))).toBe(true);
    // Reads every corpus file: a second on a quiet machine, far more when the suite shares it (not a speed check).
  }, 60_000);

  it('names the Jaeger query API endpoint from its operation and URL', async () => {
    const analysis = await analyzeTraces([join(corpus, 'jaeger-query-api-trace.json')], { now });
    expect(analysis.endpoints.map((stats) => `${stats.method} ${stats.path}`)).toContain('GET /api/services/frontend/operations');
  });

  it('extrapolates cost with the sampling rate', async () => {
    const file = join(corpus, 'zipkin2-smartthings-oauth-authorization.json');
    const full = await analyzeTraces([file], { now });
    const sampled = await analyzeTraces([file], { now, pricing: { samplingRate: 0.1 } });
    expect(full.totalMonthlyCostUsd).toBeGreaterThan(0);
    expect(sampled.totalMonthlyCostUsd / full.totalMonthlyCostUsd).toBeCloseTo(10, 0);
  });

  it('rejects the whole analysis when one source is broken', async () => {
    await expect(analyzeTraces([join(corpus, 'zipkin2-yelp.json'), join(corpus, 'missing.json')], { now })).rejects.toMatchObject({ name: 'TraceInputError' });
  });
});

describe('sampling rate', () => {
  it('uses the probability Jaeger recorded on root spans when the price model gives none', async () => {
    const spans = fixtureTraces(4, (trace) => {
      trace.server('api', 'GET', '/x', 0, 10, { attributes: { 'sampler.type': 'probabilistic', 'sampler.param': 0.5 } });
    });
    expect((await analyzeTraces(spans, { now })).samplingRate).toBe(0.5);
    expect((await analyzeTraces(spans, { now, config: { pricing: { samplingRate: 0.25 } } })).samplingRate).toBe(0.25);
    expect((await analyzeTraces([join(corpus, 'zipkin2-yelp.json')], { now })).samplingRate).toBe(1);
  });
});
