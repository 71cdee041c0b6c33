import { isSeverity, type Severity } from '@apiaudit/domain';
import { type AssemblerOptions, DEFAULT_ASSEMBLER_OPTIONS } from './assemble/trace-assembler';

/** Every detector accepts `enabled` and `severity` besides its own thresholds. */
export interface DetectorSettings {
  enabled: boolean;
  severity?: Severity;
  [threshold: string]: number | boolean | string | undefined;
}

export interface TraceConfig {
  /** Endpoints with fewer requests in the window are not judged by rate-based detectors. */
  minRequests: number;
  /** Example traces attached to each finding. */
  examples: number;
  /** Requests per day above which an endpoint gets an SLO proposal. */
  sloMinRequests: number;
  assembler: AssemblerOptions;
  detectors: Record<string, DetectorSettings>;
}

/** Thresholds in code, overridable from the `traces:` section of apiaudit.yaml. */
export const DEFAULT_DETECTOR_SETTINGS: Record<string, DetectorSettings> = {
  // N+1: every request where a shape repeats counts; reported when it runs >= minRepeats times per affected request
  // on average; called failure-driven when >= failureDrivenShare of those statements failed.
  'trace-n-plus-one-query': { enabled: true, minRepeats: 3, minShare: 0.2, highRepeats: 10, failureDrivenShare: 0.5 },
  'trace-chatty-service-calls': { enabled: true, minCalls: 5, minShare: 0.2 },
  // Sequential calls: minCalls/minQueries count round trips in one chain; roundTripMs is the production network
  // latency per round trip used for the saving estimate (loopback captures hide it); clockSlackMs forgives start
  // times rounded down to the millisecond (OTel JS). See the detector's docs for why each value is where it is.
  'trace-sequential-calls': {
    enabled: true,
    minCalls: 3,
    minQueries: 4,
    roundTripMs: 1,
    clockSlackMs: 1,
    minSavingMs: 50,
    highSavingMs: 250,
    highSavingShare: 0.5,
    maxGapMs: 25,
    minShare: 0.3,
  },
  'trace-retry-storm': { enabled: true, minRetries: 3, stormRetries: 5 },
  'trace-high-fan-out': { enabled: true, maxCalls: 25, minShare: 0.2 },
  'trace-slow-query': { enabled: true, slowMs: 500, targetMs: 100, minCount: 3, highShare: 0.5 },
  'trace-missing-cache': { enabled: true, windowMs: 60000, minRepeats: 10, minShare: 0.3 },
  // Long sync work: a request counts when its own time is >= minSelfMs and >= minSelfShare of its duration; the
  // endpoint is reported when that holds in minShare of its requests and the mean is >= selfMs or >= minMedianRatio
  // times the service's median request (high from highMedianRatio).
  'trace-long-sync-work': { enabled: true, selfMs: 500, minSelfMs: 20, minSelfShare: 0.5, minMedianRatio: 3, highMedianRatio: 10, minShare: 0.5 },
  'trace-timeouts': { enabled: true, minCount: 3, highRate: 0.05 },
  'trace-error-hot-spot': { enabled: true, minErrorRate: 0.05, highErrorRate: 0.25, minErrors: 5 },
};

export const DEFAULT_TRACE_CONFIG: TraceConfig = {
  minRequests: 5,
  examples: 3,
  sloMinRequests: 100,
  assembler: DEFAULT_ASSEMBLER_OPTIONS,
  detectors: DEFAULT_DETECTOR_SETTINGS,
};

/**
 * Merges a user's `traces:` section over the defaults. Detector settings may sit under `detectors:` or directly under
 * their rule id; unknown keys are kept so a detector added later can read them.
 */
export function resolveTraceConfig(partial: unknown): TraceConfig {
  const input = (partial && typeof partial === 'object' ? partial : {}) as Record<string, any>;
  const detectors: Record<string, DetectorSettings> = {};
  for (const [id, defaults] of Object.entries(DEFAULT_DETECTOR_SETTINGS)) {
    const override = { ...(input.detectors?.[id] ?? {}), ...(input[id] ?? {}) };
    const merged: DetectorSettings = { ...defaults };
    for (const [key, value] of Object.entries(override)) {
      if (key === 'severity') {
        if (isSeverity(value)) merged.severity = value;
      } else if (typeof value === 'number' || typeof value === 'boolean') merged[key] = value;
    }
    detectors[id] = merged;
  }
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  return {
    minRequests: number(input.minRequests, DEFAULT_TRACE_CONFIG.minRequests),
    examples: number(input.examples, DEFAULT_TRACE_CONFIG.examples),
    sloMinRequests: number(input.sloMinRequests, DEFAULT_TRACE_CONFIG.sloMinRequests),
    assembler: {
      maxOpenTraces: number(input.assembler?.maxOpenTraces, DEFAULT_ASSEMBLER_OPTIONS.maxOpenTraces),
      settleSpans: number(input.assembler?.settleSpans, DEFAULT_ASSEMBLER_OPTIONS.settleSpans),
      idleSpans: number(input.assembler?.idleSpans, DEFAULT_ASSEMBLER_OPTIONS.idleSpans),
    },
    detectors,
  };
}

/** A numeric threshold of a resolved detector config (defaults are always merged in). */
export function thresholdOf(settings: DetectorSettings, key: string): number {
  const value = settings[key];
  return typeof value === 'number' ? value : NaN;
}
