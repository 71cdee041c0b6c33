import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiModel, loadSpec, outlineSpec } from '@apiaudit/openapi';
import { analyzeAuditTraces, analyzeReadableAuditTraces } from './audit-traces';
import { runAudit } from './run-audit';

/**
 * koa-router labels a request with the last matching layer: `/api/articles/feed` arrives as `/api/articles/:slug`.
 * With no spec, only the code's literal route can tell the audit which endpoint the request was.
 */
function span(traceId: string, path: string) {
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  return {
    traceId,
    spanId: traceId.slice(0, 16),
    name: 'GET /api/articles/:slug',
    kind: 2,
    startTimeUnixNano: '1768467601100000000',
    endTimeUnixNano: '1768467601120000000',
    attributes: [attr('http.request.method', 'GET'), attr('http.route', '/api/articles/:slug'), attr('url.path', path), { key: 'http.response.status_code', value: { intValue: '200' } }],
    status: {},
  };
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apiaudit-code-paths-'));
  mkdirSync(join(dir, 'repo'));
  writeFileSync(
    join(dir, 'repo/app.js'),
    "const express = require('express');\nconst app = express();\napp.get('/api/articles/feed', (req, res) => res.json([]));\napp.get('/api/articles/:slug', (req, res) => res.json({}));\napp.listen(3000);\n",
  );
  const spans = [span('a1'.repeat(16), '/api/articles/feed'), span('b2'.repeat(16), '/api/articles/how-to-train-your-dragon')];
  writeFileSync(
    join(dir, 'openapi.yaml'),
    "openapi: 3.0.3\ninfo: {title: conduit, version: '1'}\npaths:\n  /api/articles/feed:\n    get:\n      responses: {'200': {description: ok}}\n  /api/articles/{slug}:\n    get:\n      responses: {'200': {description: ok}}\n",
  );
  writeFileSync(join(dir, 'traces.jsonl'), `${JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'conduit' } }] }, scopeSpans: [{ spans }] }] })}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const trafficPaths = (inventory: Array<{ path: string; seenIn: string[] }>) =>
  inventory
    .filter((e) => e.seenIn.includes('trace'))
    .map((e) => e.path)
    .sort();

describe('trace attribution with the code scan’s routes', () => {
  it('names a request by the code’s literal route when the spec has none', async () => {
    const { result } = await runAudit({ subject: 'conduit', specs: [], traces: [{ path: join(dir, 'traces.jsonl') }], repos: [{ path: join(dir, 'repo') }] }, { now: new Date('2026-12-07T00:00:00Z') });
    expect(trafficPaths(result.inventory)).toEqual(['/api/articles/feed', '/api/articles/{slug}']);
  });

  it('keeps the span’s route without a repository (the case the code paths fix)', async () => {
    const { result } = await runAudit({ subject: 'conduit', specs: [], traces: [{ path: join(dir, 'traces.jsonl') }], repos: [] }, { now: new Date('2026-12-07T00:00:00Z') });
    expect(trafficPaths(result.inventory)).toEqual(['/api/articles/{slug}']);
  });
});

describe('the trace step of the platform (analyzeAuditTraces)', () => {
  it('attributes requests by the spec’s outline as runAudit does by the parsed spec', async () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const inputs = { subject: 'conduit', specs: [{ kind: 'path' as const, path: join(dir, 'openapi.yaml') }], traces: [{ path: join(dir, 'traces.jsonl') }], repos: [] };
    const outline = outlineSpec(buildApiModel(await loadSpec(join(dir, 'openapi.yaml'))));
    expect(outline.operations).toEqual([
      { method: 'get', path: '/api/articles/feed' },
      { method: 'get', path: '/api/articles/{slug}' },
    ]);
    const traceAnalysis = await analyzeAuditTraces({ traces: inputs.traces, repos: inputs.repos, specOutlines: [outline] }, now);
    const inCli = await runAudit(inputs, { now });
    const onPlatform = await runAudit({ ...inputs, traceAnalysis: traceAnalysis! }, { now });
    // The route label names both requests `/api/articles/:slug`; only the spec's templates tell the feed apart.
    expect(trafficPaths(onPlatform.result.inventory)).toEqual(['/api/articles/feed', '/api/articles/{slug}']);
    expect(onPlatform.result).toEqual(inCli.result);
  });

  it('has nothing to analyse without trace exports', async () => {
    expect(await analyzeAuditTraces({ traces: [], repos: [], specOutlines: [] }, new Date())).toBeUndefined();
  });
});

describe('the trace step with exports it cannot read (analyzeReadableAuditTraces)', () => {
  const now = new Date('2026-12-07T00:00:00Z');
  const good = () => ({ path: join(dir, 'traces.jsonl'), label: 'good.jsonl' });

  it('reports an export gone from disk and one corrupt after its first span, and analyses the rest as if alone', async () => {
    const firstLine = `${JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span('c3'.repeat(16), '/api/articles/x')] }] }] })}\n`;
    writeFileSync(join(dir, 'corrupt.jsonl'), `${firstLine}{"resourceSpans": [ this is not json\n`);
    const traces = [{ path: join(dir, 'gone.jsonl'), label: 'gone.jsonl' }, good(), { path: join(dir, 'corrupt.jsonl'), label: 'corrupt.jsonl' }];
    const { analysis, unread } = await analyzeReadableAuditTraces({ traces, repos: [], specOutlines: [] }, now);
    expect(unread.map(({ label, reason }) => ({ label, reason }))).toEqual([
      { label: 'gone.jsonl', reason: 'the stored file is gone' },
      { label: 'corrupt.jsonl', reason: expect.stringMatching(/^it no longer parses: corrupt\.jsonl, line 2.*invalid JSON/) },
    ]);
    expect(unread[1]!.reason).not.toContain(dir);
    expect(analysis).toEqual(await analyzeAuditTraces({ traces: [good()], repos: [], specOutlines: [] }, now));
  });

  it('reports a file that is no trace export, and has no analysis when no export can be read', async () => {
    writeFileSync(join(dir, 'garbage.bin'), 'not a trace export at all');
    const { analysis, unread } = await analyzeReadableAuditTraces({ traces: [{ path: join(dir, 'garbage.bin'), label: 'garbage.bin' }], repos: [], specOutlines: [] }, now);
    expect(analysis).toBeUndefined();
    expect(unread).toEqual([{ path: join(dir, 'garbage.bin'), label: 'garbage.bin', reason: expect.stringMatching(/^it no longer parses: garbage\.bin.*unrecognised trace format/) }]);
  });

  it('reads every export once when all can be read', async () => {
    const { analysis, unread } = await analyzeReadableAuditTraces({ traces: [good()], repos: [], specOutlines: [] }, now);
    expect(unread).toEqual([]);
    expect(analysis?.spanCount).toBe(2);
  });
});
