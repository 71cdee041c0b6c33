import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateShopTraces, toOtlpRequest } from '../generate/generate-shop-traces';
import type { Span } from '../span';
import { loadExportRequestType } from './otlp-proto.reader';
import { readTraceFile } from './read-trace-file';

/** OTLP/JSON carries hex ids; protobufjs fromObject wants base64 for bytes fields. */
function toProtoObject(request: any): any {
  const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
  for (const resourceSpans of request.resourceSpans) {
    for (const scope of resourceSpans.scopeSpans) {
      for (const span of scope.spans) {
        span.traceId = hexToBase64(span.traceId);
        span.spanId = hexToBase64(span.spanId);
        if (span.parentSpanId) span.parentSpanId = hexToBase64(span.parentSpanId);
      }
    }
  }
  return request;
}

function encode(spans: Span[]): Buffer {
  const type = loadExportRequestType();
  return Buffer.from(type.encode(type.fromObject(toProtoObject(toOtlpRequest(spans)))).finish());
}

async function collect(path: string): Promise<Span[]> {
  const spans: Span[] = [];
  for await (const span of readTraceFile(path)) spans.push(span);
  return spans;
}

const strip = (span: Span) => ({ ...span, resource: undefined });

describe('OTLP protobuf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traces-pb-'));
  const traces = [...generateShopTraces({ seed: 3, requests: 20 })];
  const spans = traces.flat();

  it('decodes an ExportTraceServiceRequest .pb to the same spans as its JSON form', async () => {
    const path = join(dir, 'request.pb');
    writeFileSync(path, encode(spans));
    const read = await collect(path);
    expect(read.map(strip).sort((a, b) => a.spanId.localeCompare(b.spanId))).toEqual(spans.map(strip).sort((a, b) => a.spanId.localeCompare(b.spanId)));
    expect(read[0].resource).toMatchObject({ 'service.name': read[0].service });
  });

  it('decodes length-prefixed requests (Collector file exporter, proto format), gzipped', async () => {
    const frames = traces.map((trace) => {
      const body = encode(trace);
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(body.length);
      return Buffer.concat([prefix, body]);
    });
    const path = join(dir, 'framed.pb.gz');
    writeFileSync(path, gzipSync(Buffer.concat(frames)));
    expect(await collect(path)).toHaveLength(spans.length);
  });

  it('rejects a truncated .pb with the offset of the broken message', async () => {
    const body = encode(spans);
    const path = join(dir, 'cut.pb');
    writeFileSync(path, body.subarray(0, body.length - 10));
    await expect(collect(path)).rejects.toMatchObject({ name: 'TraceInputError', message: expect.stringMatching(/truncated.*byte offset \d+|byte offset \d+.*truncated/) });
  });
});
