import type { Span } from '../span';
import { TraceInputError } from '../trace-input-error';
import { isErrorByAttributes, nanosToMicros, normaliseId, readKeyValues, readKind } from './span-fields';

export interface InputPosition {
  file?: string;
  line?: number;
  offset?: number;
}

/**
 * Spans of one OTLP `ResourceSpans` message in its JSON form (OTLP/JSON, or protobuf decoded with
 * `toObject({ longs: String, bytes: String })`). Older exporters name the scope level instrumentationLibrarySpans.
 */
export function readOtlpResourceSpans(resourceSpans: any, where: InputPosition, into: Span[] = []): Span[] {
  if (!resourceSpans || typeof resourceSpans !== 'object') {
    throw new TraceInputError('expected an OTLP ResourceSpans object', where);
  }
  const resource = readKeyValues(resourceSpans.resource?.attributes);
  const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown_service';
  const scopes = resourceSpans.scopeSpans ?? resourceSpans.instrumentationLibrarySpans ?? [];
  if (!Array.isArray(scopes)) throw new TraceInputError('scopeSpans is not an array', where);
  for (const scope of scopes) {
    const spans = scope?.spans ?? [];
    if (!Array.isArray(spans)) throw new TraceInputError('spans is not an array', where);
    for (const raw of spans) into.push(readOtlpSpan(raw, service, resource, where));
  }
  return into;
}

function readOtlpSpan(raw: any, service: string, resource: Span['resource'], where: InputPosition): Span {
  const traceId = normaliseId(raw?.traceId, 16);
  const spanId = normaliseId(raw?.spanId, 8);
  if (!traceId) throw new TraceInputError(`invalid traceId ${JSON.stringify(raw?.traceId)}`, where);
  if (!spanId) throw new TraceInputError(`invalid spanId ${JSON.stringify(raw?.spanId)}`, where);
  const parent = raw.parentSpanId ? normaliseId(raw.parentSpanId, 8) : undefined;
  if (parent === null) throw new TraceInputError(`invalid parentSpanId ${JSON.stringify(raw.parentSpanId)}`, where);
  const startUs = nanosToMicros(raw.startTimeUnixNano);
  const endUs = nanosToMicros(raw.endTimeUnixNano);
  if (!Number.isFinite(startUs) || !Number.isFinite(endUs)) {
    throw new TraceInputError(`span ${spanId} has no valid start/end time`, where);
  }
  const kind = readKind(raw.kind);
  const attributes = readKeyValues(raw.attributes);
  const code = raw.status?.code;
  const isError =
    code === 2 || code === 'STATUS_CODE_ERROR' || (code !== 1 && code !== 'STATUS_CODE_OK' && isErrorByAttributes(attributes, kind === 'server'));
  const span: Span = {
    traceId,
    spanId,
    name: typeof raw.name === 'string' ? raw.name : '',
    kind,
    startUs,
    durationUs: Math.max(0, endUs - startUs),
    service,
    resource,
    attributes,
    isError,
  };
  if (parent) span.parentSpanId = parent;
  if (raw.status?.message) span.statusMessage = String(raw.status.message);
  return span;
}

/** Spans of a whole ExportTraceServiceRequest object (one line of a collector file export). */
export function readOtlpRequest(request: any, where: InputPosition): Span[] {
  const list = request?.resourceSpans;
  if (!Array.isArray(list)) throw new TraceInputError('expected an OTLP object with resourceSpans', where);
  const spans: Span[] = [];
  for (const resourceSpans of list) readOtlpResourceSpans(resourceSpans, where, spans);
  return spans;
}
