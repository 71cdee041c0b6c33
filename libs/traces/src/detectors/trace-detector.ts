import { createFinding, type Evidence, type Finding, type Rule, type RuleMeta, type Severity } from '@apiaudit/domain';
import type { RequestView } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import type { EndpointStats } from '../stats/endpoint-stats';
import type { DetectorSettings, TraceConfig } from '../trace-config';
import type { Observation, ObservationStore } from './observation-store';
import type { RecentReads } from './recent-reads';

export interface DetectorContext {
  store: ObservationStore;
  settings: DetectorSettings;
  config: TraceConfig;
  /** Reads seen lately across requests (for the missing-cache detector). */
  recentReads: RecentReads;
}

export interface ReportContext {
  observations: Observation[];
  settings: DetectorSettings;
  config: TraceConfig;
  /** Traffic of an endpoint in a service, all its workloads together. */
  statsOf(method: string, path: string, service: string): EndpointStats | undefined;
  /** Every endpoint's traffic, for detectors that judge stats alone. */
  allStats: EndpointStats[];
}

/**
 * A trace detector is a rule whose check reads what it observed: a per-request observer feeds a mergeable store
 * (requests are seen once, in shards), and the check only reports over the merged observations.
 */
export interface TraceDetector extends Rule<ReportContext> {
  observe?(view: RequestView, context: DetectorContext): void;
}

export interface ObservationFindingDraft {
  severity?: Severity;
  message: string;
  /** The figures behind the finding; they include the metric the detector's `meta.target` names (tested). */
  metrics: Record<string, number>;
  /**
   * The observation's key, for detectors that report several observations per endpoint (one per statement or
   * call target). Detectors with one observation per endpoint leave it out, which keeps their fingerprints.
   */
  key?: string;
}

/** The finding of one observation: its endpoint, workload and example traces, with what the detector measured. */
export function observationFinding(meta: RuleMeta, observation: Observation, draft: ObservationFindingDraft): Finding {
  return createFinding(meta, { ...draft, endpoint: observation, service: observation.service, evidence: observation.examples });
}

const NOTE_LIMIT = 240;

export function traceEvidence(view: RequestView, node: TraceNode | undefined, note: string): Evidence {
  const span = (node ?? view.root).span;
  const moved = view.reattribution;
  // Say so whenever the endpoint is not the one the span named: the reader can check the trace against both.
  if (moved) note = `[http.route ${moved.route} → ${moved.path}: url.path matches the ${moved.source}'s ${moved.template}] ${note}`;
  return {
    kind: 'trace',
    traceId: span.traceId,
    spanId: span.spanId,
    note: note.length > NOTE_LIMIT ? `${note.slice(0, NOTE_LIMIT - 1)}…` : note,
  };
}

export function durationMs(node: TraceNode): number {
  return (node.endUs - node.startUs) / 1000;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function endpointName(observation: { method: string; path: string }): string {
  return `${observation.method} ${observation.path}`;
}

/** Share of its endpoint's requests an observation covers; 1 when that endpoint's traffic is unknown. */
export function shareOf(context: ReportContext, observation: Observation): number {
  const stats = context.statsOf(observation.method, observation.path, observation.service);
  return stats && stats.requests > 0 ? Math.min(1, observation.requests / stats.requests) : 1;
}
