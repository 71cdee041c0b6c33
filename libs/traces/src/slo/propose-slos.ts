import type { SloProposal } from '@apiaudit/domain';
import type { EndpointAccumulator } from '../stats/endpoint-stats';

export type { SloProposal };


const AVAILABILITY_STEPS = [0.9999, 0.9995, 0.999, 0.995, 0.99, 0.95, 0.9];
const LATENCY_STEPS = [50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 2500, 3000, 5000, 10000, 30000];
const LATENCY_OBJECTIVE = 0.95;
/** An objective is proposed only if today's data leaves at least this much of its budget unspent. */
const HEADROOM = 0.5;

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Objectives an endpoint meets today with headroom: the strictest availability step whose budget the observed error
 * rate uses at most half of (among those the sample is large enough to judge), and a latency threshold a step above
 * 1.25 × p95. The burn shows how close it runs.
 */
export function proposeSlo(accumulator: EndpointAccumulator, requestsPerDay: number): SloProposal {
  const errorRate = accumulator.requests ? accumulator.errors / accumulator.requests : 0;
  // The sample must hold at least one budget's worth of requests: 111 clean requests cannot vouch for 99.99%.
  const supported = AVAILABILITY_STEPS.filter((step) => accumulator.requests * (1 - step) >= 1);
  const availability =
    supported.find((step) => errorRate <= (1 - step) * HEADROOM) ?? supported[supported.length - 1] ?? AVAILABILITY_STEPS[AVAILABILITY_STEPS.length - 1];
  const p95 = accumulator.latency.count ? accumulator.latency.getValueAtQuantile(0.95) : 0;
  const thresholdMs = LATENCY_STEPS.find((step) => step >= p95 * 1.25) ?? Math.ceil((p95 * 1.25) / 1000) * 1000;
  const slowShare = accumulator.shareSlowerThan(thresholdMs);
  return {
    method: accumulator.method,
    path: accumulator.path,
    service: accumulator.service,
    requestsPerDay: Math.round(requestsPerDay),
    availability: { objective: availability, observed: round(1 - errorRate), errorBudgetBurn: round(errorRate / (1 - availability), 3) },
    latency: {
      thresholdMs,
      objective: LATENCY_OBJECTIVE,
      observed: round(1 - slowShare),
      errorBudgetBurn: round(slowShare / (1 - LATENCY_OBJECTIVE), 3),
    },
  };
}
