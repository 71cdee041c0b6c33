import type { Finding, TraceAnalysis as DomainTraceAnalysis } from '@apiaudit/domain';
import { requestViewsOf } from './assemble/request-view';
import { buildTraceTree } from './assemble/trace-tree';
import { PathTemplates, workloadKey } from './attribute/endpoint-attribution';
import { buildCostReport, type CostRow } from './cost/cost-drivers';
import { monthlyFactor, type PriceModel } from './cost/price-model';
import { addUsage, emptyUsage } from './cost/usage';
import { type Observation, ObservationStore } from './detectors/observation-store';
import { RecentReads } from './detectors/recent-reads';
import type { DetectorContext } from './detectors/trace-detector';
import { traceDetectors } from './detectors/trace-detector-registry';
import { proposeSlo } from './slo/propose-slos';
import type { Span } from './span';
import { EndpointAccumulator, type EndpointState } from './stats/endpoint-stats';
import type { TraceConfig } from './trace-config';

/** Everything needed to merge shards and finish an analysis later; plain data (JSON-safe). */
export interface TraceAnalysisState {
  version: 1;
  spanCount: number;
  traceCount: number;
  requestCount: number;
  orphanSpans: number;
  skewAdjustedSpans: number;
  samplerSum: number;
  samplerCount: number;
  windowStartUs: number | null;
  windowEndUs: number | null;
  endpoints: EndpointState[];
  observations: Observation[];
  costRows: CostRow[];
}

/** A finished analysis, with the state it can be merged or finished again from. */
export type TraceAnalysis = DomainTraceAnalysis<TraceAnalysisState>;

/** Running totals of one analysis (or shard): fed trace by trace, merged with other shards, finished once. */
export class TraceAggregate {
  spanCount = 0;
  traceCount = 0;
  requestCount = 0;
  orphanSpans = 0;
  skewAdjustedSpans = 0;
  windowStartUs = Infinity;
  windowEndUs = -Infinity;
  /** Sum and count of head-sampling probabilities that tracers recorded on root spans (Jaeger's sampler.param). */
  samplerSum = 0;
  samplerCount = 0;
  readonly endpoints = new Map<string, EndpointAccumulator>();
  readonly store: ObservationStore;
  readonly costRows = new Map<string, CostRow>();
  private readonly recentReads = new RecentReads();
  private readonly contexts: { detector: (typeof traceDetectors)[number]; context: DetectorContext }[];

  constructor(
    private readonly config: TraceConfig,
    private readonly templates: PathTemplates = new PathTemplates(),
  ) {
    this.store = new ObservationStore(config.examples);
    this.contexts = traceDetectors
      .filter((detector) => config.detectors[detector.meta.id]?.enabled !== false && detector.observe)
      .map((detector) => ({
        detector,
        context: { store: this.store, settings: config.detectors[detector.meta.id], config, recentReads: this.recentReads },
      }));
  }

  addTrace(spans: Span[]): void {
    if (!spans.length) return;
    this.traceCount++;
    this.spanCount += spans.length;
    const tree = buildTraceTree(spans);
    this.orphanSpans += tree.orphanSpans;
    this.skewAdjustedSpans += tree.skewAdjustedSpans;
    for (const node of tree.roots) {
      if (node.startUs < this.windowStartUs) this.windowStartUs = node.startUs;
      if (node.endUs > this.windowEndUs) this.windowEndUs = node.endUs;
      const probability = Number(node.span.attributes['sampler.param']);
      if (node.span.attributes['sampler.type'] === 'probabilistic' && probability > 0 && probability <= 1) {
        this.samplerSum += probability;
        this.samplerCount++;
      }
    }
    for (const view of requestViewsOf(tree, this.templates)) {
      this.requestCount++;
      const key = EndpointAccumulator.keyOf(view.endpoint.method, view.endpoint.path, view.workload);
      let accumulator = this.endpoints.get(key);
      if (!accumulator) {
        accumulator = new EndpointAccumulator(view.endpoint.method, view.endpoint.path, view.service, view.workload);
        this.endpoints.set(key, accumulator);
      }
      accumulator.add(view);
      const isEntry = view.entry.endpoint === view.endpoint;
      const rowKey = `${view.entry.endpoint.method} ${view.entry.endpoint.path}\u0000${workloadKey(view.workload)}`;
      let row = this.costRows.get(rowKey);
      if (!row) {
        row = {
          method: view.entry.endpoint.method,
          path: view.entry.endpoint.path,
          service: view.service,
          workloadKey: workloadKey(view.workload),
          usage: emptyUsage(),
        };
        this.costRows.set(rowKey, row);
      }
      let dbTimeUs = 0;
      for (const call of view.dbCalls) dbTimeUs += call.endUs - call.startUs;
      addUsage(row.usage, {
        requests: isEntry ? 1 : 0,
        computeUs: view.selfUs,
        dbQueries: view.dbCalls.length,
        dbTimeUs,
        egressBytes: isEntry ? view.responseBytes ?? 0 : 0,
      });
      for (const { detector, context } of this.contexts) detector.observe!(view, context);
    }
  }

  toState(): TraceAnalysisState {
    const finite = (value: number) => (Number.isFinite(value) ? value : null);
    return {
      version: 1,
      spanCount: this.spanCount,
      traceCount: this.traceCount,
      requestCount: this.requestCount,
      orphanSpans: this.orphanSpans,
      skewAdjustedSpans: this.skewAdjustedSpans,
      samplerSum: this.samplerSum,
      samplerCount: this.samplerCount,
      windowStartUs: finite(this.windowStartUs),
      windowEndUs: finite(this.windowEndUs),
      endpoints: [...this.endpoints.values()].map((accumulator) => accumulator.toState()),
      observations: structuredClone(this.store.all()),
      costRows: structuredClone([...this.costRows.values()]),
    };
  }

  mergeState(state: TraceAnalysisState): void {
    this.spanCount += state.spanCount;
    this.traceCount += state.traceCount;
    this.requestCount += state.requestCount;
    this.orphanSpans += state.orphanSpans;
    this.skewAdjustedSpans += state.skewAdjustedSpans;
    this.samplerSum += state.samplerSum;
    this.samplerCount += state.samplerCount;
    if (state.windowStartUs !== null) this.windowStartUs = Math.min(this.windowStartUs, state.windowStartUs);
    if (state.windowEndUs !== null) this.windowEndUs = Math.max(this.windowEndUs, state.windowEndUs);
    for (const endpoint of state.endpoints) {
      const other = EndpointAccumulator.fromState(endpoint);
      const key = EndpointAccumulator.keyOf(other.method, other.path, other.workload);
      const mine = this.endpoints.get(key);
      if (mine) mine.merge(other);
      else this.endpoints.set(key, other);
    }
    this.store.merge(state.observations);
    for (const row of state.costRows) {
      const key = `${row.method} ${row.path}\u0000${row.workloadKey}`;
      const mine = this.costRows.get(key);
      if (mine) addUsage(mine.usage, row.usage);
      else this.costRows.set(key, structuredClone(row));
    }
  }

  /**
   * @param pricing the price model; when its sampling rate was not given and the traces recorded their head-sampling
   * probability, the recorded mean is used to extrapolate.
   */
  finish(now: Date, pricing: PriceModel, samplingRateGiven = true): TraceAnalysis {
    if (!samplingRateGiven && this.samplerCount > 0) pricing = { ...pricing, samplingRate: this.samplerSum / this.samplerCount };
    const byEndpointService = new Map<string, EndpointAccumulator>();
    for (const accumulator of this.endpoints.values()) {
      const key = `${accumulator.method} ${accumulator.path}\u0000${accumulator.service}`;
      const combined = byEndpointService.get(key);
      if (!combined) {
        byEndpointService.set(key, accumulator);
        continue;
      }
      const merged = new EndpointAccumulator(accumulator.method, accumulator.path, accumulator.service, { service: accumulator.service });
      merged.merge(combined);
      merged.merge(accumulator);
      byEndpointService.set(key, merged);
    }
    const combinedStats = new Map([...byEndpointService].map(([key, accumulator]) => [key, accumulator.toStats()]));
    const allStats = [...this.endpoints.values()].map((accumulator) => accumulator.toStats());
    allStats.sort((a, b) => b.requests - a.requests || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));

    const findings: Finding[] = [];
    for (const detector of traceDetectors) {
      const settings = this.config.detectors[detector.meta.id];
      if (settings?.enabled === false) continue;
      findings.push(
        ...detector.check({
          observations: this.store.forRule(detector.meta.id),
          settings,
          config: this.config,
          statsOf: (method, path, service) => combinedStats.get(`${method} ${path}\u0000${service}`),
          allStats,
        }),
      );
    }

    const hasWindow = Number.isFinite(this.windowStartUs) && this.windowEndUs > this.windowStartUs;
    const windowUs = hasWindow ? this.windowEndUs - this.windowStartUs : 0;
    const cost = buildCostReport([...this.costRows.values()], findings, this.store.all(), windowUs, pricing);
    const perDay = monthlyFactor(windowUs, pricing.samplingRate) / 30;
    const slos = [...byEndpointService.values()]
      .filter((accumulator) => accumulator.requests * perDay >= this.config.sloMinRequests && accumulator.requests >= this.config.minRequests)
      .sort((a, b) => b.requests - a.requests)
      .map((accumulator) => proposeSlo(accumulator, accumulator.requests * perDay));

    return {
      findings,
      endpoints: allStats,
      costDrivers: cost.drivers,
      totalMonthlyCostUsd: cost.totalMonthlyCostUsd,
      slos,
      spanCount: this.spanCount,
      traceCount: this.traceCount,
      requestCount: this.requestCount,
      orphanSpans: this.orphanSpans,
      skewAdjustedSpans: this.skewAdjustedSpans,
      window: hasWindow
        ? {
            start: new Date(this.windowStartUs / 1000).toISOString(),
            end: new Date(this.windowEndUs / 1000).toISOString(),
            durationMs: Math.round(windowUs / 1000),
          }
        : null,
      samplingRate: pricing.samplingRate,
      generatedAt: now.toISOString(),
      state: this.toState(),
    };
  }
}
