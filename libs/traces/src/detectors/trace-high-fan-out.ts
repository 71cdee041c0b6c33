import type { Finding, RuleMeta } from '@apiaudit/domain';
import type { RequestView } from '../assemble/request-view';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-high-fan-out',
  title: 'High fan-out per request',
  category: 'performance',
  source: 'trace',
  severity: 'medium',
  rationale:
    'One request triggers many downstream calls. Tail latency grows with every dependency (the slowest of many calls ' +
    'is usually slow), and a single incoming request amplifies into load across the platform.',
  fix: 'Aggregate the data the endpoint needs behind fewer calls (batch APIs, a read model, caching), or paginate the work.',
  target: { metric: 'callsPerRequest', comparator: '<=', value: 25 },
};

function observe(view: RequestView, context: DetectorContext): void {
  const calls = view.outboundCalls.length;
  if (calls < thresholdOf(context.settings, 'maxCalls')) return;
  context.store.record(meta.id, view, 'fan-out', {
    occurrences: calls,
    value: calls,
    evidence: () => traceEvidence(view, undefined, `${calls} outbound calls in one request`),
  });
}

function check(context: ReportContext): Finding[] {
  return context.observations.flatMap((observation) => {
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) return [];
    const perRequest = observation.occurrences / observation.requests;
    return [
      observationFinding(meta, observation, {
        severity: context.settings.severity,
        message:
          `${endpointName(observation)} makes ${round(perRequest, 1)} outbound calls per request (up to ${observation.maxValue}) ` +
          `in ${formatShare(share)} of its requests.`,
        metrics: { requests: observation.requests, affectedShare: round(share, 3), callsPerRequest: round(perRequest), maxCalls: observation.maxValue },
      }),
    ];
  });
}

export const detector: TraceDetector = { meta, observe, check };
