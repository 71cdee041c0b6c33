import type { Finding, RuleMeta } from '@apiaudit/domain';
import { type RequestView, statementOf } from '../assemble/request-view';
import { normaliseStatement } from '../attribute/normalise-statement';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, durationMs, endpointName, formatMs, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-slow-query',
  title: 'Slow database query in the request path',
  category: 'performance',
  source: 'trace',
  severity: 'high',
  rationale:
    'A query shape regularly takes longer than the threshold while the client waits. Slow queries hold connections ' +
    'and locks, so under load they queue up other requests too.',
  fix: 'Check the plan (EXPLAIN ANALYZE): add the missing index, precompute or cache the ordering, or move the work off the request path.',
  target: { metric: 'meanMs', comparator: '<', value: 100, unit: 'ms' },
};

function observe(view: RequestView, context: DetectorContext): void {
  const slowUs = thresholdOf(context.settings, 'slowMs') * 1000;
  const targetUs = thresholdOf(context.settings, 'targetMs') * 1000;
  let bySlowShape: Map<string, RequestView['dbCalls']> | undefined;
  for (const call of view.dbCalls) {
    if (call.endUs - call.startUs < slowUs) continue;
    bySlowShape ??= new Map();
    const shape = normaliseStatement(statementOf(call));
    const list = bySlowShape.get(shape);
    if (list) list.push(call);
    else bySlowShape.set(shape, [call]);
  }
  if (!bySlowShape) return;
  for (const [shape, calls] of bySlowShape) {
    const slowest = calls.reduce((worst, call) => (call.endUs - call.startUs > worst.endUs - worst.startUs ? call : worst));
    const totalUs = calls.reduce((sum, call) => sum + (call.endUs - call.startUs), 0);
    context.store.record(meta.id, view, shape, {
      label: shape,
      occurrences: calls.length,
      totalUs,
      value: durationMs(slowest),
      savings: { dbTimeUs: calls.reduce((sum, call) => sum + Math.max(0, call.endUs - call.startUs - targetUs), 0) },
      evidence: () => traceEvidence(view, slowest, `${formatMs(durationMs(slowest))}: ${statementOf(slowest)}`),
    });
  }
}

function check(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    if (observation.occurrences < thresholdOf(context.settings, 'minCount')) continue;
    const share = shareOf(context, observation);
    const meanMs = observation.totalUs / observation.occurrences / 1000;
    const severity = share >= thresholdOf(context.settings, 'highShare') ? context.settings.severity ?? meta.severity : 'medium';
    findings.push(
      observationFinding(meta, observation, {
        severity,
        message:
          `\`${observation.label}\` took ${formatMs(meanMs)} on average (up to ${formatMs(observation.maxValue)}) in ` +
          `${formatShare(share)} of ${endpointName(observation)} requests, above the ${formatMs(thresholdOf(context.settings, 'slowMs'))} threshold.`,
        key: observation.key,
        metrics: {
          slowExecutions: observation.occurrences,
          affectedShare: round(share, 3),
          meanMs: round(meanMs),
          maxMs: round(observation.maxValue),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, check };
