import type { AttributeValue, Span } from '../span';
import { TraceInputError } from '../trace-input-error';
import { isErrorByAttributes, normaliseId, readKind } from './span-fields';
import type { InputPosition } from './otlp-json.reader';

interface JaegerProcess {
  serviceName?: string;
  tags?: unknown;
}

function readTags(tags: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (!Array.isArray(tags)) return out;
  for (const tag of tags) {
    if (!tag || typeof tag.key !== 'string') continue;
    const value = tag.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[tag.key] = value;
  }
  return out;
}

/** Resolves each span's process; spans may carry it inline (Jaeger's own export) or by processID. */
export function* readJaegerSpans(
  spans: unknown[],
  processes: Record<string, JaegerProcess> | undefined,
  where: InputPosition,
): Generator<Span> {
  const resources = new Map<string, Record<string, AttributeValue>>();
  for (const raw of spans) yield readJaegerSpan(raw as any, processes ?? {}, resources, where);
}

function readJaegerSpan(
  raw: any,
  processes: Record<string, JaegerProcess>,
  resources: Map<string, Record<string, AttributeValue>>,
  where: InputPosition,
): Span {
  const traceId = normaliseId(raw?.traceID, 16);
  const spanId = normaliseId(raw?.spanID, 8);
  if (!traceId) throw new TraceInputError(`invalid traceID ${JSON.stringify(raw?.traceID)}`, where);
  if (!spanId) throw new TraceInputError(`invalid spanID ${JSON.stringify(raw?.spanID)}`, where);
  const process: JaegerProcess | undefined = raw.process ?? processes[raw.processID];
  const processKey = raw.processID ?? process?.serviceName ?? '';
  let resource = resources.get(processKey);
  if (!resource) {
    resource = readTags(process?.tags);
    resources.set(processKey, resource);
  }
  const refs: any[] = Array.isArray(raw.references) ? raw.references : [];
  const parentRef = refs.find((ref) => ref?.refType === 'CHILD_OF') ?? refs[0];
  const parentRaw = parentRef?.spanID ?? raw.parentSpanID;
  const parent = parentRaw && parentRaw !== '0' ? normaliseId(parentRaw, 8) : undefined;
  if (parent === null) throw new TraceInputError(`invalid parent span id ${JSON.stringify(parentRaw)}`, where);
  const startUs = Number(raw.startTime);
  if (!Number.isFinite(startUs)) throw new TraceInputError(`span ${spanId} has no valid startTime`, where);
  const attributes = readTags(raw.tags);
  const kind = readKind(attributes['span.kind']);
  const span: Span = {
    traceId,
    spanId,
    name: String(raw.operationName ?? ''),
    kind,
    startUs,
    durationUs: Math.max(0, Number(raw.duration) || 0),
    service: process?.serviceName ?? 'unknown_service',
    resource,
    attributes,
    isError: isErrorByAttributes(attributes, kind === 'server'),
  };
  if (parent) span.parentSpanId = parent;
  const peer = attributes['peer.service'];
  if (typeof peer === 'string') span.remoteService = peer;
  return span;
}

/** One trace object of the API's `data` array, or a bare UI export. */
export function* readJaegerTrace(trace: any, where: InputPosition): Generator<Span> {
  if (!trace || !Array.isArray(trace.spans)) throw new TraceInputError('expected a Jaeger trace with spans', where);
  yield* readJaegerSpans(trace.spans, trace.processes, where);
}
