import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
