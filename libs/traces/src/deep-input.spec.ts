import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTraces } from './analyze-traces';
import { MAX_ANY_VALUE_DEPTH } from './read/span-fields';
import { readTraceFile } from './read/read-trace-file';
import type { Span } from './span';
import { TraceInputError } from './trace-input-error';

const DEPTH = 10_000;
const now = new Date('2026-12-01T00:00:00Z');
const hex = (i: number) => i.toString(16).padStart(16, '0');

/** One trace whose spans form a single parent chain `DEPTH` long. */
function spanChain(kindOf: (i: number) => 'server' | 'client'): Span[] {
  return Array.from({ length: DEPTH }, (_, i): Span => ({
    traceId: 'a'.repeat(32),
    spanId: hex(i + 1),
    ...(i ? { parentSpanId: hex(i) } : {}),
    name: `GET /hop/${i}`,
    kind: kindOf(i),
    startUs: 1_764_547_200_000_000 + i,
    durationUs: 2 * DEPTH - i,
    service: `svc-${i % 5}`,
    attributes: kindOf(i) === 'server' ? { 'http.route': '/hop/{n}', 'http.request.method': 'GET' } : { 'db.system': 'postgresql', 'db.statement': 'SELECT 1' },
    isError: false,
  }));
}

describe('trace analysis survives input nested 10,000 deep', () => {
  jest.setTimeout(60_000);
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'apiaudit-deep-traces-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits a parent chain of 10,000 server spans into 10,000 nested requests', async () => {
    const analysis = await analyzeTraces(spanChain(() => 'server'), { now });
    expect({ spans: analysis.spanCount, requests: analysis.requestCount }).toEqual({ spans: DEPTH, requests: DEPTH });
  });

  it('analyses a parent chain of 10,000 spans alternating server and client', async () => {
    const analysis = await analyzeTraces(spanChain((i) => (i % 2 ? 'client' : 'server')), { now });
    expect({ spans: analysis.spanCount, requests: analysis.requestCount }).toEqual({ spans: DEPTH, requests: DEPTH / 2 });
  });

  it('keeps an OTLP JSON attribute nested 10,000 deep as JSON cut at MAX_ANY_VALUE_DEPTH levels', async () => {
    const value = `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(DEPTH)}{"stringValue":"x"}${'}]}}'.repeat(DEPTH)}`;
    const line = `{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[{"traceId":"${'a'.repeat(32)}","spanId":"${'b'.repeat(16)}","name":"GET /","kind":2,"startTimeUnixNano":"1764547200000000000","endTimeUnixNano":"1764547201000000000","attributes":[{"key":"deep","value":${value}}]}]}]}]}`;
    for (const name of ['deep.otlp.jsonl', 'deep.otlp.json']) {
      writeFileSync(join(dir, name), `${line}\n`);
      const spans: Span[] = [];
      for await (const span of readTraceFile(join(dir, name))) spans.push(span);
      const deep = String(spans[0]!.attributes.deep);
      // Written as JSON once: one level of quotes, no escapes doubling per level.
      expect(deep.length).toBeLessThan(400);
      expect(JSON.parse(deep)).toEqual(nested(MAX_ANY_VALUE_DEPTH));
    }
  });

  it('refuses OTLP protobuf nested 10,000 deep with a TraceInputError', async () => {
    writeFileSync(join(dir, 'deep.pb'), deepProtobuf(DEPTH));
    const read = async () => {
      for await (const span of readTraceFile(join(dir, 'deep.pb'))) void span;
    };
    await expect(read()).rejects.toThrow(TraceInputError);
    await expect(read()).rejects.toThrow(/nested too deep/);
  });
});

/** {k: {k: … '[nested deeper than N levels]'}} as plainOf writes a kvlist chain cut at `levels`. */
function nested(levels: number): unknown {
  let value: unknown = `[nested deeper than ${MAX_ANY_VALUE_DEPTH} levels]`;
  for (let i = 0; i < levels; i++) value = { k: value };
  return value;
}

/** Protobuf wire format written by hand (protobufjs would overflow encoding it): one span with an attribute whose
 * AnyValue is a kvlist `depth` deep. Field numbers from opentelemetry/proto/trace/v1 and common/v1. */
function deepProtobuf(depth: number): Buffer {
  const varint = (n: number) => {
    const bytes: number[] = [];
    while (n > 127) {
      bytes.push((n & 127) | 128);
      n >>>= 7;
    }
    bytes.push(n);
    return Buffer.from(bytes);
  };
  const field = (no: number, body: Buffer) => Buffer.concat([varint((no << 3) | 2), varint(body.length), body]);
  const key = field(1, Buffer.from('k'));
  let anyValue = field(1, Buffer.from('x')); // AnyValue.string_value
  for (let i = 0; i < depth; i++) anyValue = field(6, field(1, Buffer.concat([key, field(2, anyValue)]))); // kvlist_value { values { key, value } }
  const fixed64 = (no: number, n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(n);
    return Buffer.concat([varint((no << 3) | 1), b]);
  };
  const span = Buffer.concat([
    field(1, Buffer.alloc(16, 0xaa)),
    field(2, Buffer.alloc(8, 0xbb)),
    field(5, Buffer.from('GET /')),
    varint((6 << 3) | 0),
    varint(2),
    fixed64(7, 1_764_547_200_000_000_000n),
    fixed64(8, 1_764_547_201_000_000_000n),
    field(9, Buffer.concat([field(1, Buffer.from('deep')), field(2, anyValue)])),
  ]);
  return field(1, field(2, field(2, span))); // ExportTraceServiceRequest.resource_spans.scope_spans.spans
}
