import type { AttributeValue, Span } from '../span';

const BASE_US = Date.UTC(2026, 0, 15, 9, 0, 0) * 1000;
let counter = 0;

function nextId(bytes: number): string {
  counter++;
  return counter.toString(16).padStart(bytes * 2, '0');
}

/** Builds small hand-written traces: times in ms from a fixed base, ids sequential. */
export class FixtureTrace {
  readonly spans: Span[] = [];
  readonly traceId = nextId(16);

  constructor(private readonly offsetMs = 0) {}

  private add(partial: Omit<Span, 'traceId' | 'spanId' | 'startUs' | 'durationUs' | 'isError'> & { startMs: number; ms: number; isError?: boolean }, parent?: Span): Span {
    const { startMs, ms, isError, ...rest } = partial;
    const span: Span = {
      ...rest,
      traceId: this.traceId,
      spanId: nextId(8),
      startUs: BASE_US + (this.offsetMs + startMs) * 1000,
      durationUs: ms * 1000,
      isError: isError ?? false,
    };
    if (parent) span.parentSpanId = parent.spanId;
    this.spans.push(span);
    return span;
  }

  server(service: string, method: string, route: string, startMs: number, ms: number, extra: { isError?: boolean; attributes?: Record<string, AttributeValue>; parent?: Span; statusMessage?: string } = {}): Span {
    const span = this.add(
      {
        name: `${method} ${route}`,
        kind: 'server',
        service,
        attributes: { 'http.request.method': method, 'http.route': route, ...(extra.attributes ?? {}) },
        startMs,
        ms,
        isError: extra.isError,
      },
      extra.parent,
    );
    if (extra.statusMessage) span.statusMessage = extra.statusMessage;
    return span;
  }

  db(parent: Span, startMs: number, ms: number, statement: string): Span {
    return this.add(
      { name: statement.split(' ')[0], kind: 'client', service: parent.service, attributes: { 'db.system': 'postgresql', 'db.statement': statement }, startMs, ms },
      parent,
    );
  }

  call(parent: Span, target: string, method: string, path: string, startMs: number, ms: number, extra: { isError?: boolean; attributes?: Record<string, AttributeValue>; statusMessage?: string } = {}): Span {
    const span = this.add(
      {
        name: method,
        kind: 'client',
        service: parent.service,
        attributes: { 'http.request.method': method, 'url.full': `http://${target}${path}`, 'peer.service': target, ...(extra.attributes ?? {}) },
        startMs,
        ms,
        isError: extra.isError,
      },
      parent,
    );
    if (extra.statusMessage) span.statusMessage = extra.statusMessage;
    return span;
  }

  internal(parent: Span, name: string, startMs: number, ms: number): Span {
    return this.add({ name, kind: 'internal', service: parent.service, attributes: {}, startMs, ms }, parent);
  }
}

/** `count` traces built by `build(trace, index)`, spaced `gapMs` apart. */
export function fixtureTraces(count: number, build: (trace: FixtureTrace, index: number) => void, gapMs = 1000): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) {
    const trace = new FixtureTrace(i * gapMs);
    build(trace, i);
    spans.push(...trace.spans);
  }
  return spans;
}
