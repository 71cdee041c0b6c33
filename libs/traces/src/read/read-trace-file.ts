import { open } from 'node:fs/promises';
import type { Span } from '../span';
import { TraceInputError } from '../trace-input-error';
import { peekBytes, readTraceBytes } from './byte-source';
import { readJaegerSpans, readJaegerTrace } from './jaeger-json.reader';
import { scanJsonValues } from './json-value-scanner';
import { readLines } from './line-reader';
import { readOtlpRequest, readOtlpResourceSpans } from './otlp-json.reader';
import { readOtlpProto } from './otlp-proto.reader';
import { readZipkinSpan } from './zipkin-json.reader';

export type TraceFormat =
  | 'otlp-json'
  | 'otlp-jsonl'
  | 'otlp-proto'
  | 'otlp-proto-framed'
  | 'jaeger-api'
  | 'jaeger-ui'
  | 'zipkin-v2';

const PEEK = 64 * 1024;

/** Decides the format from the first bytes; JSON kinds by whichever telltale key appears first. */
export function detectTraceFormat(head: Buffer, file?: string): TraceFormat {
  let first = 0;
  while (first < head.length && (head[first] === 0x20 || head[first] === 0x0a || head[first] === 0x0d || head[first] === 0x09)) first++;
  if (first === head.length) throw new TraceInputError('empty input', { file, offset: 0 });
  const json = head[first] === 0x7b || head[first] === 0x5b ? detectJsonFormat(head, first) : null;
  if (json) return json;
  // Protobuf: field 1 (resource_spans), wire type 2, is tag byte 0x0a, which JSON would read as a newline; so
  // binary is only considered once the bytes failed to look like a JSON trace export.
  if (head[0] === 0x0a) return 'otlp-proto';
  if (head.length >= 5 && head[4] === 0x0a && head.readUInt32BE(0) > 0) return 'otlp-proto-framed';
  if (head[first] === 0x7b) {
    throw new TraceInputError('JSON input is neither OTLP (resourceSpans), Jaeger (data/traceID) nor Zipkin v2 (array)', { file, offset: first });
  }
  throw new TraceInputError('unrecognised trace format (expected OTLP JSON or protobuf, Jaeger JSON or Zipkin v2 JSON)', {
    file,
    offset: first,
  });
}

function detectJsonFormat(head: Buffer, first: number): TraceFormat | null {
  const text = head.toString('utf8');
  if (head[first] === 0x5b) return /"traceId"/.test(text) || text.slice(first + 1).trim() === ']' ? 'zipkin-v2' : null;
  const newline = text.indexOf('\n', first);
  const firstLine = newline > 0 ? text.slice(first, newline) : '';
  if (firstLine.includes('"resourceSpans"') && isJson(firstLine)) return 'otlp-jsonl';
  const markers: [string, TraceFormat][] = [
    ['"resourceSpans"', 'otlp-json'],
    ['"data"', 'jaeger-api'],
    ['"traceID"', 'jaeger-ui'],
    ['"processes"', 'jaeger-ui'],
  ];
  let best: TraceFormat | null = null;
  let bestAt = Infinity;
  for (const [marker, format] of markers) {
    const at = text.indexOf(marker);
    if (at >= 0 && at < bestAt) {
      best = format;
      bestAt = at;
    }
  }
  return best;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a file is gzipped and, when it is not, its format, from its first bytes. */
export async function sniffTraceFile(path: string): Promise<{ gzip: boolean; format?: TraceFormat }> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(PEEK);
  let bytesRead = 0;
  try {
    ({ bytesRead } = await handle.read(head, 0, PEEK, 0));
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return { gzip: true };
  return { gzip: false, format: detectTraceFormat(head.subarray(0, bytesRead), path) };
}

/** Every span in a trace export on disk, streamed; format detected, gzip accepted. */
export async function* readTraceFile(path: string): AsyncGenerator<Span> {
  for await (const batch of readTraceFileBatches(path)) yield* batch;
}

/**
 * The same spans in the batches the file holds them (a line, a ResourceSpans, a Jaeger trace). The analyser reads
 * these: one async step per batch instead of per span is a measurable share of the run time on large files.
 */
export async function* readTraceFileBatches(path: string): AsyncGenerator<Span[]> {
  const { head, stream } = await peekBytes(readTraceBytes(path), PEEK);
  yield* readTraceBatches(stream, detectTraceFormat(head, path), path);
}

export async function* readTraceBatches(chunks: AsyncIterable<Buffer>, format: TraceFormat, file?: string): AsyncGenerator<Span[]> {
  switch (format) {
    case 'otlp-jsonl':
      for await (const { text, line, offset } of readLines(chunks)) {
        if (text.trim() === '') continue;
        let request: unknown;
        try {
          request = JSON.parse(text);
        } catch (error) {
          throw new TraceInputError(`invalid JSON (${(error as Error).message})`, { file, line, offset });
        }
        yield readOtlpRequest(request, { file, line, offset });
      }
      return;
    case 'otlp-json':
      for await (const found of scanJsonValues(chunks, (path) => path.length === 2 && path[0] === 'resourceSpans', file)) {
        yield readOtlpResourceSpans(found.value, { file, offset: found.offset });
      }
      return;
    case 'jaeger-api':
      for await (const found of scanJsonValues(chunks, (path) => path.length === 2 && path[0] === 'data', file)) {
        yield [...readJaegerTrace(found.value, { file, offset: found.offset })];
      }
      return;
    case 'jaeger-ui':
      for await (const span of readJaegerUi(chunks, file)) yield [span];
      return;
    case 'zipkin-v2': {
      let batch: Span[] = [];
      for await (const found of scanJsonValues(chunks, (path) => path.length === 1, file)) {
        batch.push(readZipkinSpan(found.value, { file, offset: found.offset }));
        if (batch.length >= 256) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    }
    case 'otlp-proto':
    case 'otlp-proto-framed': {
      let batch: Span[] = [];
      for await (const span of readOtlpProto(chunks, format === 'otlp-proto-framed', file)) {
        batch.push(span);
        if (batch.length >= 256) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    }
  }
}

/** A bare trace object: spans stream through once `processes` is known; spans seen before it wait for it. */
async function* readJaegerUi(chunks: AsyncIterable<Buffer>, file?: string): AsyncGenerator<Span> {
  let processes: Record<string, any> | undefined;
  const waiting: { value: unknown; offset: number }[] = [];
  const select = (path: (string | number)[]) =>
    (path.length === 2 && path[0] === 'spans') || (path.length === 1 && path[0] === 'processes');
  for await (const found of scanJsonValues(chunks, select, file)) {
    if (found.path[0] === 'processes') {
      processes = found.value;
      for (const span of waiting.splice(0)) yield* readJaegerSpans([span.value], processes, { file, offset: span.offset });
    } else if (processes || (found.value as any)?.process) {
      yield* readJaegerSpans([found.value], processes, { file, offset: found.offset });
    } else waiting.push({ value: found.value, offset: found.offset });
  }
  for (const span of waiting) yield* readJaegerSpans([span.value], processes, { file, offset: span.offset });
}
