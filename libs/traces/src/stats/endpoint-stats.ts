import { DDSketch } from '@datadog/sketches-js';
import type { RequestView } from '../assemble/request-view';
import type { EndpointStats, Workload } from '@apiaudit/domain';
import { workloadKey } from '../attribute/endpoint-attribution';

export type { EndpointStats };


/** Mergeable running totals behind EndpointStats; the latency sketch is DDSketch (1% relative accuracy). */
export class EndpointAccumulator {
  requests = 0;
  errors = 0;
  durationUs = 0;
  maxUs = 0;
  selfUs = 0;
  downstreamUs = 0;
  dbCalls = 0;
  dbTimeUs = 0;
  outboundCalls = 0;
  requestBytes = 0;
  requestBytesSeen = 0;
  responseBytes = 0;
  responseBytesSeen = 0;
  latency = new DDSketch({ relativeAccuracy: 0.01 });

  constructor(
    readonly method: string,
    readonly path: string,
    readonly service: string,
    readonly workload: Workload,
  ) {}

  static keyOf(method: string, path: string, workload: Workload): string {
    return `${method} ${path}\u0000${workloadKey(workload)}`;
  }

  add(view: RequestView): void {
    this.requests++;
    if (view.isError) this.errors++;
    this.durationUs += view.durationUs;
    this.maxUs = Math.max(this.maxUs, view.durationUs);
    this.selfUs += view.selfUs;
    this.downstreamUs += view.downstreamUs;
    this.dbCalls += view.dbCalls.length;
    for (const call of view.dbCalls) this.dbTimeUs += call.endUs - call.startUs;
    this.outboundCalls += view.outboundCalls.length;
    if (view.requestBytes !== undefined) {
      this.requestBytes += view.requestBytes;
      this.requestBytesSeen++;
    }
    if (view.responseBytes !== undefined) {
      this.responseBytes += view.responseBytes;
      this.responseBytesSeen++;
    }
    this.latency.accept(Math.max(view.durationUs, 1) / 1000);
  }

  merge(other: EndpointAccumulator): void {
    this.requests += other.requests;
    this.errors += other.errors;
    this.durationUs += other.durationUs;
    this.maxUs = Math.max(this.maxUs, other.maxUs);
    this.selfUs += other.selfUs;
    this.downstreamUs += other.downstreamUs;
    this.dbCalls += other.dbCalls;
    this.dbTimeUs += other.dbTimeUs;
    this.outboundCalls += other.outboundCalls;
    this.requestBytes += other.requestBytes;
    this.requestBytesSeen += other.requestBytesSeen;
    this.responseBytes += other.responseBytes;
    this.responseBytesSeen += other.responseBytesSeen;
    this.latency.merge(other.latency);
  }

  /** Share of requests slower than `ms`, read off the sketch by bisecting its quantile function. */
  shareSlowerThan(ms: number): number {
    if (this.latency.count === 0) return 0;
    let low = 0;
    let high = 1;
    for (let i = 0; i < 20; i++) {
      const mid = (low + high) / 2;
      if (this.latency.getValueAtQuantile(mid) <= ms) low = mid;
      else high = mid;
    }
    return 1 - low;
  }

  toStats(): EndpointStats {
    const n = Math.max(this.requests, 1);
    const round = (value: number) => Math.round(value * 100) / 100;
    const quantile = (q: number) => (this.latency.count ? round(this.latency.getValueAtQuantile(q)) : 0);
    const stats: EndpointStats = {
      method: this.method,
      path: this.path,
      service: this.service,
      workload: this.workload,
      workloadKey: workloadKey(this.workload),
      requests: this.requests,
      errors: this.errors,
      errorRate: round((this.errors / n) * 10000) / 10000,
      p50Ms: quantile(0.5),
      p90Ms: quantile(0.9),
      p95Ms: quantile(0.95),
      p99Ms: quantile(0.99),
      meanMs: round(this.durationUs / n / 1000),
      maxMs: round(this.maxUs / 1000),
      selfTimeMs: round(this.selfUs / n / 1000),
      downstreamTimeMs: round(this.downstreamUs / n / 1000),
      dbCallsPerRequest: round(this.dbCalls / n),
      dbTimeMs: round(this.dbTimeUs / n / 1000),
      outboundCallsPerRequest: round(this.outboundCalls / n),
    };
    if (this.requestBytesSeen) stats.requestBytes = Math.round(this.requestBytes / this.requestBytesSeen);
    if (this.responseBytesSeen) stats.responseBytes = Math.round(this.responseBytes / this.responseBytesSeen);
    return stats;
  }

  /** Plain data for shipping a shard's state between processes. */
  toState(): EndpointState {
    const { latency, ...totals } = this;
    return { ...totals, latency: Buffer.from(latency.toProto()).toString('base64') } as EndpointState;
  }

  static fromState(state: EndpointState): EndpointAccumulator {
    const accumulator = new EndpointAccumulator(state.method, state.path, state.service, state.workload);
    const { latency, ...totals } = state;
    Object.assign(accumulator, totals);
    accumulator.latency = DDSketch.fromProto(Buffer.from(latency, 'base64')) as DDSketch;
    return accumulator;
  }
}

export type EndpointState = Omit<
  { [K in keyof EndpointAccumulator as EndpointAccumulator[K] extends (...args: any[]) => any ? never : K]: EndpointAccumulator[K] },
  'latency'
> & { latency: string };
