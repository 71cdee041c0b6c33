// Runs the compiled library (npm test builds dist/ first): worker threads load dist's analyze-shard.worker.js.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(__dirname, '../../dist/libs/traces/src/index.js');

describe('analyzeTraces with worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traces-workers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same counts and findings as one thread on a large OTLP JSON Lines file', async () => {
    expect(existsSync(dist)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const traces = require(dist);
    const path = join(dir, 'shop.otlp.jsonl');
    const spans = await traces.writeShopTracesJsonl(path, { seed: 5, requests: 70000, tracesPerLine: 16 });
    const now = new Date('2026-01-16T00:00:00Z');
    const serial = await traces.analyzeTraces([path], { now, workers: 1 });
    const sharded = await traces.analyzeTraces([path], { now, workers: 2 });
    expect(serial.spanCount).toBe(spans);
    expect(sharded.spanCount).toBe(spans);
    expect(sharded.traceCount).toBe(serial.traceCount);
    const summary = (analysis: any) => analysis.endpoints.map((stats: any) => `${stats.service} ${stats.method} ${stats.path} ${stats.requests}`);
    expect(summary(sharded)).toEqual(summary(serial));
    const rules = (analysis: any) => analysis.findings.map((finding: any) => `${finding.severity} ${finding.ruleId} ${finding.endpoint.path}`).sort();
    expect(rules(sharded)).toEqual(rules(serial));
  }, 120000);
});
