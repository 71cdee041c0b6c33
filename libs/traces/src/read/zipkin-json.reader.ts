import type { AttributeValue, Span } from '../span';
import { TraceInputError } from '../trace-input-error';
import { isErrorByAttributes, normaliseId, readKind } from './span-fields';
import type { InputPosition } from './otlp-json.reader';

/** One Zipkin v2 span. Zipkin writes ids as 16 or 32 hex digits, possibly without leading zeros. */
export function readZipkinSpan(raw: any, where: InputPosition): Span {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new TraceInputError('expected a Zipkin v2 span object', where);
  const traceId = normaliseId(raw.traceId, 16);
  const spanId = normaliseId(raw.id, 8);
  if (!traceId) throw new TraceInputError(`invalid traceId ${JSON.stringify(raw.traceId)}`, where);
  if (!spanId) throw new TraceInputError(`invalid span id ${JSON.stringify(raw.id)}`, where);
  const parent = raw.parentId ? normaliseId(raw.parentId, 8) : undefined;
  if (parent === null) throw new TraceInputError(`invalid parentId ${JSON.stringify(raw.parentId)}`, where);
  const attributes: Record<string, AttributeValue> = {};
  if (raw.tags && typeof raw.tags === 'object') {
    for (const [key, value] of Object.entries(raw.tags)) if (typeof value === 'string') attributes[key] = value;
  }
  const kind = raw.kind ? readKind(raw.kind) : 'unspecified';
  const startUs = Number(raw.timestamp ?? 0);
  const span: Span = {
    traceId,
    spanId,
    name: String(raw.name ?? ''),
    kind,
    startUs: Number.isFinite(startUs) ? startUs : 0,
    durationUs: Math.max(0, Number(raw.duration) || 0),
    service: raw.localEndpoint?.serviceName || 'unknown_service',
    attributes,
    isError: attributes['error'] !== undefined || isErrorByAttributes(attributes, kind === 'server'),
  };
  if (parent) span.parentSpanId = parent;
  if (raw.remoteEndpoint?.serviceName) span.remoteService = String(raw.remoteEndpoint.serviceName);
  if (raw.shared === true) span.shared = true;
  return span;
}
