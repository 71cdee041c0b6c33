import type { Finding, RuleMeta } from '@apiaudit/domain';
import { statementOf } from '../assemble/request-view';
import { statementTarget } from '../attribute/normalise-statement';
import { thresholdOf } from '../trace-config';
import { repeatedStatements } from './repeated-statements';
import { type DetectorContext, durationMs, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';
import type { RequestView } from '../assemble/request-view';

export const meta: RuleMeta = {
  id: 'trace-n-plus-one-query',
  title: 'N+1 queries in one request',
  category: 'performance',
  source: 'trace',
  severity: 'high',
  rationale:
    'The request runs the same query shape once per item instead of once per batch. Latency and database load grow ' +
    'with the size of the input or result, so the endpoint gets slower and costlier exactly when customers have more ' +
    'data. When most of those statements fail (a unique constraint caught and ignored per item), each failure is a ' +
    'round trip, an error in the database log and, inside a transaction, an aborted transaction.',
  fix:
    'Load the items in one query (IN list, JOIN, or the ORM’s eager loading / DataLoader) and map them in memory. For ' +
    'inserts, send one multi-row INSERT; when existing rows are expected, `INSERT … ON CONFLICT DO NOTHING` (MySQL: ' +
    '`INSERT IGNORE`) instead of catching a unique violation per row.',
  target: { metric: 'db.queriesPerRequest', comparator: '<=', value: 2 },
};

function observe(view: RequestView, context: DetectorContext): void {
  if (view.dbCalls.length < 2) return;
  // Every request where the shape repeats counts as affected; whether the endpoint is reported depends on how many
  // times per affected request (minRepeats), judged in check() over all of them.
  for (const group of repeatedStatements(view)) {
    if (group.isRetry) continue;
    const { calls, shape, failed } = group;
    const totalUs = calls.reduce((sum, call) => sum + (call.endUs - call.startUs), 0);
    const firstFailure = calls.find((call) => call.span.isError);
    context.store.record(meta.id, view, shape, {
      label: shape,
      ...(firstFailure?.span.statusMessage ? { detail: firstFailure.span.statusMessage } : {}),
      occurrences: calls.length,
      totalUs,
      value: calls.length,
      counters: { failed, ...(/^\s*insert\b/i.test(shape) ? { inserts: calls.length } : {}) },
      savings: { dbQueries: calls.length - 1, dbTimeUs: totalUs - totalUs / calls.length },
      evidence: () =>
        traceEvidence(
          view,
          firstFailure ?? calls[0],
          `${calls.length} × ${statementOf(calls[0])} (${round(durationMs(calls[0]))} ms each)` + (failed ? `; ${failed} failed: ${firstFailure?.span.statusMessage ?? 'error'}` : ''),
        ),
    });
  }
}

function check(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    const perRequest = observation.occurrences / observation.requests;
    if (perRequest < thresholdOf(context.settings, 'minRepeats')) continue;
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) continue;
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    const severity = perRequest >= thresholdOf(context.settings, 'highRepeats') ? context.settings.severity ?? meta.severity : 'medium';
    const failed = observation.counters.failed ?? 0;
    const isFailureDriven = failed / observation.occurrences >= thresholdOf(context.settings, 'failureDrivenShare');
    const isInsert = (observation.counters.inserts ?? 0) > 0;
    const affected = stats ? `${observation.requests} of ${stats.requests} requests (${formatShare(share)})` : `${observation.requests} requests`;
    const perItem =
      `${round(perRequest, 1)} times per request on average (up to ${observation.maxValue}) in ${affected}`;
    const target = statementTarget(observation.label ?? observation.key);
    const message = isFailureDriven
      ? `${endpointName(observation)} runs \`${observation.label}\` once per item, ${perItem}, and ${failed} of those ` +
        `${observation.occurrences} statements failed` +
        (observation.detail ? ` (${observation.detail})` : '') +
        `: an N+1 ${isInsert ? 'insert' : 'query'} driven by failures the code catches, not a retry. ` +
        (isInsert
          ? `One multi-row \`INSERT … ON CONFLICT DO NOTHING\` into ${target.replace(/^insert /, '')} would do the work in one round trip.`
          : 'One batched statement that skips the failing rows would do.')
      : `${endpointName(observation)} runs \`${observation.label}\` ${perItem}; one batched ${isInsert ? 'multi-row insert' : 'query'} would do.`;
    findings.push(
      observationFinding(meta, observation, {
        severity,
        message,
        key: observation.key,
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 3),
          'db.queriesPerRequest': round(perRequest, 2),
          maxQueries: observation.maxValue,
          failedQueries: failed,
          dbTimeMsPerRequest: round(observation.totalUs / observation.requests / 1000),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, check };
