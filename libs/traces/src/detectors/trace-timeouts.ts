import type { Finding, RuleMeta } from '@apiaudit/domain';
import { callTargetOf, type RequestView } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-timeouts',
  title: 'Requests or calls that time out',
  category: 'resilience',
  source: 'trace',
  severity: 'medium',
  rationale:
    'Timeouts are the slowest way to fail: the client waits the full budget, resources stay held, and callers often retry, ' +
    'adding load to whatever was already too slow.',
  fix: 'Find the slow dependency in the example traces; set deadlines shorter than the caller’s and propagate them, and fail fast when it is unhealthy.',
  target: { metric: 'timeoutRate', comparator: '<', value: 0.001 },
};

const TIMEOUT_TEXT = /time[ d_-]?out|deadline[ _]exceeded|timed out/i;

function isTimeout(node: TraceNode): boolean {
  const span = node.span;
  if (!span.isError) return false;
  const attributes = span.attributes;
  const status = Number(attributes['http.response.status_code'] ?? attributes['http.status_code']);
  if (status === 504 || status === 408) return true;
  if (attributes['rpc.grpc.status_code'] === 4) return true;
  return [span.statusMessage, attributes['error.type'], attributes['exception.type'], attributes['exception.message'], attributes['error']].some(
    (value) => typeof value === 'string' && TIMEOUT_TEXT.test(value),
  );
}

function observe(view: RequestView, context: DetectorContext): void {
  const timedOut = [view.root, ...view.outboundCalls, ...view.dbCalls].filter(isTimeout);
  if (!timedOut.length) return;
  const first = timedOut[0];
  const what = first === view.root ? 'the request itself' : `${callTargetOf(first).target} ${callTargetOf(first).operation}`;
  context.store.record(meta.id, view, 'timeouts', {
    occurrences: timedOut.length,
    value: timedOut.length,
    evidence: () => traceEvidence(view, first, `timed out: ${what}`),
  });
}

function check(context: ReportContext): Finding[] {
  return context.observations.flatMap((observation) => {
    if (observation.occurrences < thresholdOf(context.settings, 'minCount')) return [];
    const share = shareOf(context, observation);
    return [
      observationFinding(meta, observation, {
        severity: share >= thresholdOf(context.settings, 'highRate') ? 'high' : context.settings.severity,
        message: `${endpointName(observation)} saw ${observation.occurrences} timeouts in ${observation.requests} requests (${formatShare(share)} of its traffic).`,
        metrics: { timeouts: observation.occurrences, affectedShare: round(share, 4), timeoutRate: round(share, 4) },
      }),
    ];
  });
}

export const detector: TraceDetector = { meta, observe, check };
