import type { Finding, RuleMeta } from '@apiaudit/domain';
import { callTargetOf, type RequestView } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-chatty-service-calls',
  title: 'Chatty calls to one downstream service',
  category: 'performance',
  source: 'trace',
  severity: 'medium',
  rationale:
    'Each request calls the same downstream service many times. Every call pays network latency, serialisation and ' +
    'the callee’s per-request overhead, and a slow callee multiplies into a slow endpoint.',
  fix: 'Offer (or use) a batch operation on the downstream service, or fetch once and reuse the result within the request.',
  target: { metric: 'callsPerRequest', comparator: '<', value: 5 },
};

function observe(view: RequestView, context: DetectorContext): void {
  const minCalls = thresholdOf(context.settings, 'minCalls');
  if (view.outboundCalls.length < minCalls) return;
  const byTarget = new Map<string, TraceNode[]>();
  for (const call of view.outboundCalls) {
    const { target } = callTargetOf(call);
    const list = byTarget.get(target);
    if (list) list.push(call);
    else byTarget.set(target, [call]);
  }
  for (const [target, calls] of byTarget) {
    if (calls.length < minCalls) continue;
    const totalUs = calls.reduce((sum, call) => sum + (call.endUs - call.startUs), 0);
    context.store.record(meta.id, view, target, {
      label: target,
      occurrences: calls.length,
      value: calls.length,
      totalUs,
      evidence: () => traceEvidence(view, calls[0], `${calls.length} calls to ${target} in one request`),
    });
  }
}

function check(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) continue;
    const perRequest = observation.occurrences / observation.requests;
    findings.push(
      observationFinding(meta, observation, {
        severity: context.settings.severity,
        message:
          `${endpointName(observation)} calls ${observation.label} ${round(perRequest, 1)} times per request ` +
          `(up to ${observation.maxValue}) in ${formatShare(share)} of its requests.`,
        key: observation.key,
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 3),
          callsPerRequest: round(perRequest, 2),
          maxCalls: observation.maxValue,
          callTimeMsPerRequest: round(observation.totalUs / observation.requests / 1000),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, check };
