import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Span } from '../span';
import { readTraceFile } from './read-trace-file';

const corpus = resolve(__dirname, '../../../../..', 'shared/corpus/traces');

async function collect(path: string): Promise<Span[]> {
  const spans: Span[] = [];
  for await (const span of readTraceFile(path)) spans.push(span);
  return spans;
}

function services(spans: Span[]): string[] {
  return [...new Set(spans.map((span) => span.service))].sort();
}

describe('readTraceFile on the shared corpus', () => {
  it('reads the Jaeger query API export', async () => {
    const spans = await collect(join(corpus, 'jaeger-query-api-trace.json'));
    expect(spans).toHaveLength(2);
    expect(services(spans)).toEqual(['jaeger-query']);
    expect(spans[0].kind).toBe('server');
    expect(spans[0].attributes['http.method']).toBe('GET');
  });

  it('reads the bare Jaeger UI trace with references', async () => {
    const spans = await collect(join(corpus, 'jaeger-ui-trace-fixture.json'));
    expect(spans).toHaveLength(5);
    expect(services(spans)).toEqual(['service-x', 'service-y']);
    expect(spans.some((span) => span.parentSpanId)).toBe(true);
  });

  it('reads the Yelp Zipkin trace with its shared spans', async () => {
    const spans = await collect(join(corpus, 'zipkin2-yelp.json'));
    expect(spans).toHaveLength(16);
    expect(new Set(spans.map((span) => span.spanId)).size).toBe(13);
    expect(services(spans)).toEqual(
      expect.arrayContaining(['mobile_api', 'spectre', 'yelp-main', 'yelp_main/api_proxy', 'routing']),
    );
  });

  it('reads the SmartThings OAuth trace', async () => {
    const spans = await collect(join(corpus, 'zipkin2-smartthings-oauth-authorization.json'));
    expect(spans).toHaveLength(175);
    expect(new Set(spans.map((span) => span.spanId)).size).toBe(130);
    expect(services(spans)).toEqual(
      expect.arrayContaining(['auth', 'datamgmt', 'pusher', 'paperboy', 'dove', 'bouncer', 'account', 'stlogin']),
    );
  });

  it('reads the SmartThings install trace with 16 services', async () => {
    const spans = await collect(join(corpus, 'zipkin2-smartthings-mobile-web-install.json'));
    expect(spans).toHaveLength(1041);
    expect(new Set(spans.map((span) => span.spanId)).size).toBe(663);
    const names = services(spans).filter((name) => name !== 'unknown_service');
    expect(names).toHaveLength(16);
  });

  it('reads the OTLP example request', async () => {
    const spans = await collect(join(corpus, 'otlp-proto-example-trace.json'));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      service: 'my.service',
      kind: 'server',
      startUs: 1544712660000000,
      durationUs: 1000000,
    });
  });

  it('reads OTLP JSON Lines from the Node.js SDK', async () => {
    const spans = await collect(join(corpus, 'otlp-nodejs-example.jsonl'));
    expect(spans).toHaveLength(4);
    expect(services(spans)).toEqual(['example-trace']);
  });
});

describe('readTraceFile on bad or compressed input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traces-read-'));
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const otlpLine = (spanId: string) =>
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeSpans: [{ spans: [{ traceId: 'aa'.repeat(16), spanId, name: 'x', startTimeUnixNano: '1000000', endTimeUnixNano: '2000000' }] }],
        },
      ],
    });

  it('accepts gzip', async () => {
    const path = write('z.json.gz', gzipSync(Buffer.from(`${otlpLine('bb'.repeat(8))}\n${otlpLine('cc'.repeat(8))}\n`)));
    const spans = await collect(path);
    expect(spans.map((span) => span.spanId)).toEqual(['bb'.repeat(8), 'cc'.repeat(8)]);
  });

  it('names the line of an invalid span id in JSON Lines', async () => {
    const path = write('bad-id.jsonl', `${otlpLine('bb'.repeat(8))}\n${otlpLine('not-an-id')}\n`);
    await expect(collect(path)).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringContaining('line 2') });
  });

  it('names the byte offset of a truncated document', async () => {
    const path = write('cut.json', JSON.stringify(JSON.parse(otlpLine('bb'.repeat(8))), null, 2).slice(0, 200));
    await expect(collect(path)).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringMatching(/truncated.*|byte offset \d+/) });
  });

  it('rejects a JSON document that is not a trace export', async () => {
    const path = write('other.json', '{\n  "openapi": "3.1.0"\n}\n');
    await expect(collect(path)).rejects.toMatchObject({ name: 'TraceInputError' });
  });

  it('names the line of a JSON Lines export cut off mid-line', async () => {
    const whole = `${otlpLine('bb'.repeat(8))}\n${otlpLine('cc'.repeat(8))}\n`;
    const path = write('cut.jsonl', whole.slice(0, whole.length - 40));
    await expect(collect(path)).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringMatching(/line 2, byte offset \d+/) });
  });

  it('rejects an empty file and a truncated Zipkin array', async () => {
    await expect(collect(write('empty.json', ''))).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringContaining('empty input') });
    const zipkin = JSON.stringify([{ traceId: 'a'.repeat(16), id: 'b'.repeat(16), name: 'x', timestamp: 1, duration: 2 }, { traceId: 'a'.repeat(16), id: 'c'.repeat(16) }]);
    await expect(collect(write('cut-zipkin.json', zipkin.slice(0, -5)))).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringContaining('truncated') });
  });

  it('rejects the whole export when a Zipkin span has no valid id', async () => {
    const zipkin = JSON.stringify([{ traceId: 'a'.repeat(16), id: 'xyz', name: 'x' }]);
    await expect(collect(write('bad-zipkin.json', zipkin))).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringMatching(/byte offset 1: invalid span id/) });
  });

  it('rejects a truncated gzip file', async () => {
    const zipped = gzipSync(Buffer.from(`${otlpLine('bb'.repeat(8))}\n`.repeat(50)));
    const path = write('cut.jsonl.gz', zipped.subarray(0, zipped.length - 30));
    await expect(collect(path)).rejects.toMatchObject({ name: 'TraceInputError' });
  });
});
