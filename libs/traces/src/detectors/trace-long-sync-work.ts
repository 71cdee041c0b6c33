import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import type { RequestView } from '../assemble/request-view';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatMs, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-long-sync-work',
  title: 'Long synchronous work in the request path',
  category: 'performance',
  source: 'trace',
  severity: 'medium',
  rationale:
    'The service itself (not its database or dependencies) spends long stretches on the request while the client ' +
    'waits: rendering, serialisation, crypto, or work that could happen later. It burns compute per request and blocks workers.',
  fix: 'Profile the handler; move work that the response does not need to a queue, and precompute or stream what it does need.',
};

function observe(view: RequestView, context: DetectorContext): void {
  const selfMs = thresholdOf(context.settings, 'selfMs');
  if (view.selfUs < selfMs * 1000) return;
  context.store.record(meta.id, view, 'self-time', {
    value: view.selfUs / 1000,
    totalUs: view.selfUs,
    savings: { computeUs: view.selfUs - selfMs * 1000 },
    evidence: () => traceEvidence(view, undefined, `${formatMs(view.selfUs / 1000)} of ${formatMs(view.durationUs / 1000)} spent in ${view.service} itself`),
  });
}

function report(context: ReportContext): Finding[] {
  return context.observations.flatMap((observation) => {
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    if ((stats?.requests ?? 0) < context.config.minRequests) return [];
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) return [];
    const meanMs = observation.totalUs / observation.requests / 1000;
    return [
      createFinding(meta, {
        severity: context.settings.severity,
        message:
          `${endpointName(observation)} spends ${formatMs(meanMs)} of its own time (outside database and downstream calls) ` +
          `in ${formatShare(share)} of its requests.`,
        endpoint: observation,
        service: observation.service,
        evidence: observation.examples,
        metrics: { requests: observation.requests, affectedShare: round(share, 3), selfTimeMs: round(meanMs), maxSelfTimeMs: round(observation.maxValue) },
      }),
    ];
  });
}

export const detector: TraceDetector = { meta, observe, report };
