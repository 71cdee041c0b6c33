import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { analyzeTraces, TraceInputError } from '@apiaudit/traces';
import { otlpProtoExport } from '../fixtures/otlp-proto-export';
import { fuzzParameters, mutatedArb, unexpected } from './mutations';

const corpus = resolve(__dirname, '../../../shared/corpus/traces');
const now = new Date('2026-12-01T00:00:00Z');


const seeds = [
  { name: 'shop.otlp.jsonl', bytes: readFileSync(resolve(__dirname, '../../examples/shop/traces/shop.otlp.jsonl')).subarray(0, 16_384) },
  { name: 'otlp.jsonl', bytes: readFileSync(join(corpus, 'otlp-nodejs-example.jsonl')) },
  { name: 'otlp.json', bytes: readFileSync(join(corpus, 'otlp-proto-example-trace.json')) },
  { name: 'jaeger.json', bytes: readFileSync(join(corpus, 'jaeger-query-api-trace.json')) },
  { name: 'jaeger-ui.json', bytes: readFileSync(join(corpus, 'jaeger-ui-trace-fixture.json')) },
  { name: 'zipkin.json', bytes: readFileSync(join(corpus, 'zipkin2-yelp.json')) },
  { name: 'export.pb', bytes: otlpProtoExport(3, 3) },
];

/**
 * Mutated and random trace exports (OTLP JSON and JSON Lines, OTLP protobuf, Jaeger, Zipkin v2, gzip) through
 * the readers and every detector: each ends in an analysis or a TraceInputError, never another exception, a stack
 * overflow or a hang (a run over 10 s fails).
 */
describe('fuzz: the trace readers and detectors', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let n = 0;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'apiaudit-fuzz-traces-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function analyzeOrRefuse(name: string, bytes: Buffer): Promise<unknown> {
    const path = join(dir, `${n++}-${name}`);
    writeFileSync(path, bytes);
    try {
      await analyzeTraces(path, { now });
      return undefined;
    } catch (error) {
      return unexpected(error, [TraceInputError]);
    } finally {
      rmSync(path, { force: true });
    }
  }

  it('analyses or refuses mutated exports of every format', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedArb(seeds), async ({ name, bytes }) => {
        expect(await analyzeOrRefuse(name, bytes)).toBeUndefined();
      }),
      fuzzParameters(300),
    );
  });

  it('analyses or refuses gzip of mutated exports', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedArb(seeds), async ({ name, bytes }) => {
        expect(await analyzeOrRefuse(`${name}.gz`, gzipSync(bytes))).toBeUndefined();
      }),
      fuzzParameters(100),
    );
  });

  it('analyses or refuses OTLP JSON lines of random spans', async () => {
    const hexId = (bytes: number) => fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: bytes * 2, maxLength: bytes * 2 }), fc.string({ maxLength: 40 }));
    const anyValue = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.record({ stringValue: fc.string() }),
        fc.record({ intValue: fc.oneof(fc.string(), fc.integer()) }),
        fc.record({ doubleValue: fc.double() }),
        fc.record({ boolValue: fc.boolean() }),
        fc.record({ arrayValue: fc.record({ values: fc.array(tie('value'), { maxLength: 3 }) }) }),
        fc.record({ kvlistValue: fc.record({ values: fc.array(fc.record({ key: fc.string(), value: tie('value') }), { maxLength: 3 }) }) }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    })).value;
    const span = fc.record(
      {
        traceId: hexId(16),
        spanId: hexId(8),
        parentSpanId: hexId(8),
        name: fc.oneof(fc.constantFrom('GET /orders/{id}', 'SELECT', 'POST /x'), fc.string()),
        kind: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.string()),
        startTimeUnixNano: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), fc.integer(), fc.string()),
        endTimeUnixNano: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), fc.integer(), fc.string()),
        attributes: fc.array(fc.record({ key: fc.oneof(fc.constantFrom('http.route', 'http.request.method', 'db.statement', 'db.system', 'http.response.status_code', 'url.full'), fc.string()), value: anyValue }), { maxLength: 6 }),
        status: fc.record({ code: fc.integer({ min: -1, max: 3 }), message: fc.string() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const line = fc.record({ resourceSpans: fc.array(fc.record({ resource: fc.record({ attributes: fc.array(fc.record({ key: fc.constant('service.name'), value: anyValue }), { maxLength: 2 }) }), scopeSpans: fc.array(fc.record({ spans: fc.array(span, { maxLength: 5 }) }), { maxLength: 2 }) }), { maxLength: 2 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (lines) => {
        expect(await analyzeOrRefuse('random.otlp.jsonl', Buffer.from(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`))).toBeUndefined();
      }),
      fuzzParameters(200),
    );
  });
});
