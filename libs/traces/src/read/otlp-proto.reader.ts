import { join } from 'node:path';
import * as protobuf from 'protobufjs';
import type { Span } from '../span';
import { TraceInputError } from '../trace-input-error';
import { readOtlpResourceSpans } from './otlp-json.reader';

const PROTO_ROOT = join(__dirname, 'proto');
let resourceSpansType: protobuf.Type | undefined;

function loadResourceSpansType(): protobuf.Type {
  if (!resourceSpansType) {
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
    root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
    resourceSpansType = root.lookupType('opentelemetry.proto.trace.v1.ResourceSpans');
  }
  return resourceSpansType;
}

/** The ExportTraceServiceRequest message type, for writers (tests, the generator). */
export function loadExportRequestType(): protobuf.Type {
  loadResourceSpansType();
  return resourceSpansType!.root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
}

/** A pull reader over chunks that hands out exact byte counts. */
class ByteQueue {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;
  consumed = 0;

  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  async ensure(count: number): Promise<boolean> {
    while (this.buffer.length < count && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
    }
    return this.buffer.length >= count;
  }

  get available(): number {
    return this.buffer.length;
  }

  peek(index: number): number {
    return this.buffer[index];
  }

  take(count: number): Buffer {
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    this.consumed += count;
    return out;
  }
}

async function readVarint(queue: ByteQueue, file?: string): Promise<number | null> {
  let value = 0;
  let shift = 1;
  for (let i = 0; i < 10; i++) {
    if (!(await queue.ensure(1))) {
      if (i === 0) return null;
      throw new TraceInputError('truncated varint', { file, offset: queue.consumed });
    }
    const byte = queue.take(1)[0];
    value += (byte & 0x7f) * shift;
    if (byte < 0x80) return value;
    shift *= 128;
  }
  throw new TraceInputError('malformed varint', { file, offset: queue.consumed });
}

function decodeResourceSpans(bytes: Buffer, offset: number, file?: string): Span[] {
  let object: Record<string, unknown>;
  try {
    const type = loadResourceSpansType();
    object = type.toObject(type.decode(bytes), { longs: String, bytes: String, enums: Number });
  } catch (error) {
    // protobufjs decodes nested messages by recursion, and stops past its own limit ("max depth exceeded").
    const reason = /call stack|max depth/i.test((error as Error).message) ? 'messages nested too deep' : (error as Error).message;
    throw new TraceInputError(`invalid OTLP protobuf (${reason})`, { file, offset });
  }
  return readOtlpResourceSpans(object, { file, offset });
}

/**
 * Reads fields of one ExportTraceServiceRequest (or TracesData: same layout) one ResourceSpans at a time, so memory
 * is bounded by the largest ResourceSpans, not the file. `end` stops at a byte count (a framed message).
 */
async function* readRequestFields(queue: ByteQueue, end: number, file?: string): AsyncGenerator<Span> {
  while (queue.consumed < end) {
    const at = queue.consumed;
    const tag = await readVarint(queue, file);
    if (tag === null) {
      if (end === Infinity) return;
      throw new TraceInputError('truncated protobuf message', { file, offset: at });
    }
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire !== 2) throw new TraceInputError(`unexpected protobuf wire type ${wire} for field ${field}`, { file, offset: at });
    const length = await readVarint(queue, file);
    if (length === null || !(await queue.ensure(length))) {
      throw new TraceInputError('truncated protobuf message', { file, offset: at });
    }
    const bytes = queue.take(length);
    if (field === 1) yield* decodeResourceSpans(bytes, at, file);
  }
}

/**
 * OTLP protobuf: either one ExportTraceServiceRequest (as `.pb` dumps hold) or the Collector file exporter's
 * proto format, where each request is preceded by its length as a 4-byte big-endian integer.
 */
export async function* readOtlpProto(chunks: AsyncIterable<Buffer>, framed: boolean, file?: string): AsyncGenerator<Span> {
  const queue = new ByteQueue(chunks[Symbol.asyncIterator]());
  if (!framed) {
    yield* readRequestFields(queue, Infinity, file);
    return;
  }
  for (;;) {
    if (!(await queue.ensure(1))) return;
    const at = queue.consumed;
    if (!(await queue.ensure(4))) throw new TraceInputError('truncated length prefix', { file, offset: at });
    const length = queue.take(4).readUInt32BE(0);
    if (!(await queue.ensure(length))) throw new TraceInputError('truncated protobuf message', { file, offset: at });
    yield* readRequestFields(queue, queue.consumed + length, file);
  }
}
