import { observationTarget } from './observation-store';
import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { statementOf } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { normaliseStatement } from '../attribute/normalise-statement';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, durationMs, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence } from './trace-detector';
import type { RequestView } from '../assemble/request-view';

export const meta: RuleMeta = {
  id: 'trace-n-plus-one-query',
  title: 'N+1 queries in one request',
  category: 'performance',
  source: 'trace',
  severity: 'high',
  rationale:
    'The request runs the same query shape once per item instead of once per batch. Latency and database load grow ' +
    'with the size of the result, so the endpoint gets slower and costlier exactly when customers have more data.',
  fix: 'Load the items in one query (IN list, JOIN, or the ORM’s eager loading / DataLoader) and map them in memory.',
  target: { metric: 'db.queriesPerRequest', comparator: '<=', value: 2 },
};

function observe(view: RequestView, context: DetectorContext): void {
  const minRepeats = thresholdOf(context.settings, 'minRepeats');
  if (view.dbCalls.length < minRepeats) return;
  const groups = new Map<string, TraceNode[]>();
  for (const call of view.dbCalls) {
    const shape = normaliseStatement(statementOf(call));
    const group = groups.get(shape);
    if (group) group.push(call);
    else groups.set(shape, [call]);
  }
  for (const [shape, calls] of groups) {
    if (calls.length < minRepeats) continue;
    const totalUs = calls.reduce((sum, call) => sum + (call.endUs - call.startUs), 0);
    context.store.record(meta.id, view, shape, {
      label: shape,
      occurrences: calls.length,
      totalUs,
      value: calls.length,
      savings: { dbQueries: calls.length - 1, dbTimeUs: totalUs - totalUs / calls.length },
      evidence: () => traceEvidence(view, calls[0], `${calls.length} × ${statementOf(calls[0])} (${round(durationMs(calls[0]))} ms each)`),
    });
  }
}

function report(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) continue;
    const perRequest = observation.occurrences / observation.requests;
    const severity = perRequest >= thresholdOf(context.settings, 'highRepeats') ? context.settings.severity ?? meta.severity : 'medium';
    findings.push(
      createFinding(meta, {
        severity,
        message:
          `${endpointName(observation)} runs \`${observation.label}\` ${round(perRequest, 1)} times per request on average ` +
          `(up to ${observation.maxValue}) in ${formatShare(share)} of its requests; one batched query would do.`,
        ...observationTarget(observation),
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 3),
          queriesPerRequest: round(perRequest, 2),
          maxQueries: observation.maxValue,
          dbTimeMsPerRequest: round(observation.totalUs / observation.requests / 1000),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, report };
