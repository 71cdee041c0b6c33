import type { Span } from '../span';

export interface AssemblerOptions {
  /** Most traces held open at once; the least recently active is flushed beyond it. */
  maxOpenTraces: number;
  /** Spans read since a trace's last span after which a trace whose root has arrived is complete. */
  settleSpans: number;
  /** Spans read since a trace's last span after which a trace without a root is flushed as it is. */
  idleSpans: number;
}

export const DEFAULT_ASSEMBLER_OPTIONS: AssemblerOptions = { maxOpenTraces: 20000, settleSpans: 4096, idleSpans: 100000 };

interface OpenTrace {
  spans: Span[];
  last: number;
  hasRoot: boolean;
}

const CHECK_EVERY = 1024;

/**
 * Groups a stream of spans into traces with bounded memory. Exports are not ordered by trace, and a root span
 * usually arrives after its children (it ends last), so a trace is complete once its root has arrived and the
 * stream has moved on for a while; a trace whose root never comes is flushed after a longer silence. The open set
 * is scanned every CHECK_EVERY spans rather than kept in LRU order, which cost two map writes per span.
 */
export class TraceAssembler {
  private readonly open = new Map<string, OpenTrace>();
  private seq = 0;

  constructor(
    private readonly emit: (spans: Span[]) => void,
    private readonly options: AssemblerOptions = DEFAULT_ASSEMBLER_OPTIONS,
  ) {}

  add(span: Span): void {
    const seq = ++this.seq;
    let trace = this.open.get(span.traceId);
    if (!trace) {
      trace = { spans: [], last: seq, hasRoot: false };
      this.open.set(span.traceId, trace);
    }
    trace.spans.push(span);
    trace.last = seq;
    if (!span.parentSpanId) trace.hasRoot = true;
    if (this.open.size > this.options.maxOpenTraces) this.flushOldest();
    if (seq % CHECK_EVERY === 0) this.flushSettled();
  }

  /** Flushes everything still open; call at the end of the input. */
  finish(): void {
    for (const trace of this.open.values()) this.emit(trace.spans);
    this.open.clear();
  }

  get openTraces(): number {
    return this.open.size;
  }

  /** Over the cap: the least recently active tenth goes in one pass, so a full table costs one sort, not one scan per span. */
  private flushOldest(): void {
    const byAge = [...this.open].sort((a, b) => a[1].last - b[1].last);
    const target = Math.floor(this.options.maxOpenTraces * 0.9);
    for (const [id, trace] of byAge) {
      if (this.open.size <= target) break;
      this.open.delete(id);
      this.emit(trace.spans);
    }
  }

  private flushSettled(): void {
    for (const [id, trace] of this.open) {
      const idle = this.seq - trace.last;
      if (idle > this.options.settleSpans && (trace.hasRoot || idle > this.options.idleSpans)) {
        this.open.delete(id);
        this.emit(trace.spans);
      }
    }
  }
}
