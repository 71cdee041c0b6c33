import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTraces, mergeTraceAnalysis } from '../analyze-traces';
import { generateShopTraces, writeShopTracesJsonl } from './generate-shop-traces';

const now = new Date('2026-01-16T00:00:00Z');
const specPaths = [
  '/v1/products',
  '/v1/products/{productId}',
  '/v1/orders',
  '/v1/orders/{orderId}',
  '/v1/payments',
  '/v1/customers/{customerId}/orders',
];

function spansOf(options: Parameters<typeof generateShopTraces>[0]) {
  return [...generateShopTraces(options)].flat();
}

describe('generateShopTraces', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = spansOf({ seed: 7, requests: 50 });
    const b = spansOf({ seed: 7, requests: 50 });
    const c = spansOf({ seed: 8, requests: 50 });
    expect(a).toEqual(b);
    expect(a.map((span) => span.spanId)).not.toEqual(c.map((span) => span.spanId));
  });
});

describe('analyzeTraces on the generated shop', () => {
  let analysis: Awaited<ReturnType<typeof analyzeTraces>>;

  beforeAll(async () => {
    analysis = await analyzeTraces(spansOf({ seed: 42, requests: 500 }), { now, specPaths });
  });

  const find = (ruleId: string) => analysis.findings.filter((finding) => finding.ruleId === ruleId);

  it('finds the N+1 on GET /v1/orders/{orderId} in shop-api', () => {
    expect(find('trace-n-plus-one-query')).toEqual([
      expect.objectContaining({ severity: 'high', service: 'shop-api', endpoint: { method: 'GET', path: '/v1/orders/{orderId}' } }),
    ]);
    expect(find('trace-n-plus-one-query')[0].message).toContain('FROM order_items WHERE id = ?');
  });

  it('finds the sequential customers → orders → payments calls on GET /v1/customers/{customerId}/orders', () => {
    const [finding, ...rest] = find('trace-sequential-calls');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ service: 'shop-api', endpoint: { method: 'GET', path: '/v1/customers/{customerId}/orders' } });
    expect(finding.message).toContain('customers → orders → payments');
  });

  it('finds the slow popularity query on GET /v1/products', () => {
    const [finding, ...rest] = find('trace-slow-query');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'high', service: 'shop-api', endpoint: { method: 'GET', path: '/v1/products' } });
    expect(finding.message).toContain('ORDER BY popularity');
    expect(finding.metrics!.meanMs).toBeGreaterThan(700);
    expect(finding.metrics!.meanMs).toBeLessThan(900);
  });

  it('finds the repeated product reads and the payment retries', () => {
    expect(find('trace-missing-cache').map((finding) => finding.endpoint)).toEqual([{ method: 'GET', path: '/v1/products/{productId}' }]);
    expect(find('trace-retry-storm').map((finding) => [finding.endpoint?.path, finding.service])).toEqual([['/v1/payments', 'shop-api']]);
  });

  it('flags nothing else at high severity', () => {
    const high = analysis.findings
      .filter((finding) => finding.severity === 'high' || finding.severity === 'critical')
      .map((finding) => `${finding.ruleId} ${finding.endpoint?.method} ${finding.endpoint?.path}`)
      .sort();
    expect(high).toEqual([
      'trace-n-plus-one-query GET /v1/orders/{orderId}',
      'trace-sequential-calls GET /v1/customers/{customerId}/orders',
      'trace-slow-query GET /v1/products',
    ]);
  });

  it('reports per-endpoint traffic, cost drivers led by the slow query and SLO proposals', () => {
    const products = analysis.endpoints.find((stats) => stats.service === 'shop-api' && stats.path === '/v1/products')!;
    expect(products.p50Ms).toBeGreaterThan(700);
    expect(products.p99Ms).toBeGreaterThanOrEqual(products.p95Ms);
    expect(products.dbCallsPerRequest).toBe(1);
    const orderDetail = analysis.endpoints.find((stats) => stats.path === '/v1/orders/{orderId}' && stats.method === 'GET')!;
    expect(orderDetail.dbCallsPerRequest).toBeGreaterThan(8);
    expect(orderDetail.workload).toMatchObject({ service: 'shop-api', environment: 'production', namespace: 'shop' });
    expect(analysis.costDrivers[0]).toMatchObject({ method: 'GET', path: '/v1/products', service: 'shop-api' });
    expect(analysis.costDrivers[0].fixes[0]).toMatchObject({ ruleId: 'trace-slow-query' });
    expect(analysis.costDrivers[0].fixes[0].shareOfDriver).toBeGreaterThan(0.5);
    expect(analysis.slos.map((slo) => slo.path)).toContain('/v1/products');
    const slo = analysis.slos.find((proposal) => proposal.path === '/v1/products')!;
    expect(slo.latency.thresholdMs).toBeGreaterThanOrEqual(products.p95Ms);
    expect(slo.availability.errorBudgetBurn).toBeLessThanOrEqual(0.5);
  });

  it('merges shards into the same result as one run', async () => {
    const traces = [...generateShopTraces({ seed: 42, requests: 500 })];
    const first = await analyzeTraces(traces.slice(0, 250).flat(), { now, specPaths });
    const second = await analyzeTraces(traces.slice(250).flat(), { now, specPaths });
    const merged = mergeTraceAnalysis([first, second], { now, specPaths });
    expect(merged.spanCount).toBe(analysis.spanCount);
    expect(merged.traceCount).toBe(analysis.traceCount);
    expect(merged.endpoints.map((stats) => [stats.method, stats.path, stats.requests])).toEqual(
      analysis.endpoints.map((stats) => [stats.method, stats.path, stats.requests]),
    );
    const p95 = (result: typeof analysis) => result.endpoints.find((stats) => stats.path === '/v1/products')!.p95Ms;
    expect(Math.abs(p95(merged) - p95(analysis)) / p95(analysis)).toBeLessThan(0.02);
    const high = (result: typeof analysis) => result.findings.filter((finding) => finding.severity === 'high').map((finding) => finding.fingerprint).sort();
    expect(high(merged)).toEqual(high(analysis));
  });

  it('gives the same findings when read back from OTLP JSON Lines on disk', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'shop-traces-')), 'shop.otlp.jsonl');
    const written = await writeShopTracesJsonl(path, { seed: 42, requests: 500 });
    expect(written).toBe(analysis.spanCount);
    expect(statSync(path).size).toBeLessThan(2 * 1024 * 1024);
    const fromDisk = await analyzeTraces([path], { now, specPaths });
    expect(fromDisk.findings.map((finding) => finding.fingerprint).sort()).toEqual(analysis.findings.map((finding) => finding.fingerprint).sort());
  });
});
