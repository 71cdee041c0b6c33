import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditRepository } from '@apiaudit/db';
import { AuditEventsController } from '../../apps/api/src/audits/audit-events.controller';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';

const shop = resolve(__dirname, '../../examples/shop');

interface StreamedEvent {
  event: string;
  data: any;
}

/** The consultant's API token, sent by readEvents as fetch carries no supertest agent's headers. */
let bearer = '';

/** Reads an SSE response to its end (or until `stopAfter` events), parsing `event:`/`data:` blocks. */
async function readEvents(url: string, options: { stopAfter?: number; signal?: AbortSignal } = {}): Promise<{ events: StreamedEvent[]; headers: Headers; comments: string[] }> {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort());
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${bearer}` }, signal: controller.signal });
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        comments.push(...lines.filter((l) => l.startsWith(':')));
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
      if (options.stopAfter && events.length >= options.stopAfter) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
  return { events, headers: res.headers, comments };
}

describe('portal api: the SPA, live audit progress and finding evidence', () => {
  let platform: TestPlatform;
  let http: TestPlatform['http'];
  let base: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    http = platform.http;
    bearer = platform.consultant.token;
    await platform.api.listen(0, '127.0.0.1');
    const address = platform.api.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  }, 60000);

  afterAll(async () => {
    await platform?.close();
  });

  it('serves the portal: index.html for every screen, hashed assets as immutable, a strict CSP', async () => {
    const index = await http.get('/app/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('unsafe-inline');
    const script = /src="(\/app\/assets\/main-[A-Z0-9]+\.js)"/.exec(index.text)?.[1];
    const style = /href="(\/app\/assets\/styles-[A-Z0-9]+\.css)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    expect(index.text).not.toMatch(/<script>|<style>|\sstyle=|\son\w+=/);
    const asset = await http.get(script!).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    // A deep link reloads into the same page; the router in the bundle picks the screen.
    const deep = await http.get('/app/audits/00000000-0000-4000-8000-000000000000/findings?severity=high').expect(200);
    expect(deep.text).toBe(index.text);
    await http.get('/app/assets/main-NOPE.js').expect(404);
    await http.get('/app').expect(301).expect('Location', '/app/');
  });

  it('streams an audit from queued to succeeded, percent never going back, then ends; a finished audit sends one event', async () => {
    const projectId = await createProject(http, 'Acme Retail', 'Shop');
    await http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(readFileSync(join(shop, 'openapi.yaml'))).expect(201);
    await http.post(`/v1/projects/${projectId}/sources?kind=traces`).attach('file', join(shop, 'traces/shop.otlp.jsonl')).expect(201);
    const started = await http.post(`/v1/projects/${projectId}/audits`).set('Idempotency-Key', `sse-${projectId}`).expect(202);
    const auditId = started.body.id as string;

    const { events, headers } = await readEvents(`${base}/v1/audits/${auditId}/events`);
    expect(headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e) => e.event === 'progress')).toBe(true);
    const percents = events.map((e) => e.data.percent as number);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(events.at(-1)!.data).toEqual({ status: 'succeeded', step: 'done', percent: 100 });
    // Consecutive events differ: the stream sends changes, not every poll.
    for (let i = 1; i < events.length; i++) expect(events[i]!.data).not.toEqual(events[i - 1]!.data);

    const again = await readEvents(`${base}/v1/audits/${auditId}/events`);
    expect(again.events).toEqual([{ event: 'progress', data: { status: 'succeeded', step: 'done', percent: 100 } }]);

    const missing = await http.get('/v1/audits/00000000-0000-4000-8000-000000000000/events').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  }, 120000);

  it('stops polling when the client goes away', async () => {
    const projectId = await createProject(http, 'Idle Co', 'Idle');
    // An audit row nobody queued stays `queued`: the stream would run until the client leaves.
    const audit = await platform.api.get(AuditRepository).create(projectId);
    const controller = platform.api.get(AuditEventsController);
    const before = controller.openStreams;
    const { events } = await readEvents(`${base}/v1/audits/${audit.id}/events`, { stopAfter: 1 });
    expect(events[0]!.data).toEqual({ status: 'queued', step: 'ingest', percent: 0 });
    const deadline = Date.now() + 5000;
    while (controller.openStreams > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(controller.openStreams).toBe(before);
  });

  it('shows a finding’s evidence: the spec lines around the line, and its trace as spans', async () => {
    const projectId = await createProject(http, 'Evidence Co', 'Shop');
    const spec = readFileSync(join(shop, 'openapi.yaml'), 'utf8');
    await http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    await http.post(`/v1/projects/${projectId}/sources?kind=traces`).attach('file', join(shop, 'traces/shop.otlp.jsonl')).expect(201);
    const auditId = (await http.post(`/v1/projects/${projectId}/audits`).expect(202)).body.id as string;
    await readEvents(`${base}/v1/audits/${auditId}/events`);
    const findings: any[] = (await http.get(`/v1/audits/${auditId}/findings?limit=200`).expect(200)).body.items;

    const specFinding = findings.find((f) => f.ruleId === 'api-key-in-query')!;
    const specEvidence = specFinding.evidence.find((e: any) => e.kind === 'spec');
    const specView = (await http.get(`/v1/audits/${auditId}/findings/${specFinding.id}/evidence`).expect(200)).body;
    const excerpt = specView.spec[0];
    expect(excerpt).toMatchObject({ file: 'openapi.yaml', line: specEvidence.line });
    const specLines = spec.split('\n');
    expect(excerpt.lines[excerpt.line - excerpt.startLine]).toBe(specLines[specEvidence.line - 1]);
    expect(excerpt.startLine).toBe(Math.max(1, specEvidence.line - 4));
    expect(excerpt.lines.length).toBeLessThanOrEqual(9);
    expect(specView.traces).toEqual([]);

    const traceFinding = findings.find((f) => f.ruleId === 'trace-n-plus-one-query')!;
    const traceEvidence = traceFinding.evidence.filter((e: any) => e.kind === 'trace');
    const traceView = (await http.get(`/v1/audits/${auditId}/findings/${traceFinding.id}/evidence`).expect(200)).body;
    expect(traceView.traces.length).toBeGreaterThan(0);
    const trace = traceView.traces[0];
    expect(trace.traceId).toBe(traceEvidence[0].traceId);
    expect(trace.highlight).toContain(traceEvidence[0].spanId);
    const ids = new Set(trace.spans.map((s: any) => s.spanId));
    expect(ids.has(traceEvidence[0].spanId)).toBe(true);
    // A real trace: one root and children pointing at spans of the same trace.
    expect(trace.spans.filter((s: any) => !s.parentSpanId || !ids.has(s.parentSpanId))).toHaveLength(1);
    expect(trace.spans.length).toBeGreaterThan(5);
    expect(trace.spans.every((s: any) => s.durationUs >= 0 && s.startUs > 0)).toBe(true);

    await http.get(`/v1/audits/${auditId}/findings/no-such-finding/evidence`).expect(404);
  }, 120000);
});
