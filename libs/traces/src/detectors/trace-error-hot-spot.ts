import type { Finding, RuleMeta } from '@apiaudit/domain';
import type { RequestView } from '../assemble/request-view';
import { type DetectorContext, endpointName, formatShare, type ReportContext, round, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';
import { thresholdOf } from '../trace-config';

export const meta: RuleMeta = {
  id: 'trace-error-hot-spot',
  title: 'Endpoint with a high error rate',
  category: 'errors',
  source: 'trace',
  severity: 'medium',
  rationale: 'A large share of this endpoint’s requests fail. Clients see errors, retry and add load, and the error budget of any SLO on it is gone.',
  fix: 'Group the example traces by error type and fix the top cause; return 4xx for client mistakes instead of 5xx.',
  target: { metric: 'errorRate', comparator: '<', value: 0.01 },
};

function observe(view: RequestView, context: DetectorContext): void {
  if (!view.isError) return;
  const status = view.root.span.attributes['http.response.status_code'] ?? view.root.span.attributes['http.status_code'];
  context.store.record(meta.id, view, 'errors', {
    evidence: () => traceEvidence(view, undefined, `failed${status !== undefined ? ` with ${status}` : ''}${view.root.span.statusMessage ? `: ${view.root.span.statusMessage}` : ''}`),
  });
}

function check(context: ReportContext): Finding[] {
  return context.observations.flatMap((observation) => {
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    if (!stats || stats.requests < context.config.minRequests || stats.errors < thresholdOf(context.settings, 'minErrors')) return [];
    if (stats.errorRate < thresholdOf(context.settings, 'minErrorRate')) return [];
    const severity = stats.errorRate >= thresholdOf(context.settings, 'highErrorRate') ? 'high' : context.settings.severity;
    return [
      observationFinding(meta, observation, {
        severity,
        message: `${endpointName(observation)} failed ${stats.errors} of ${stats.requests} requests (${formatShare(stats.errorRate)}).`,
        metrics: { requests: stats.requests, errors: stats.errors, errorRate: round(stats.errorRate, 4) },
      }),
    ];
  });
}

export const detector: TraceDetector = { meta, observe, check };
