import type { Finding, RuleMeta } from '@apiaudit/domain';
import { callTargetOf, type RequestView, statementOf } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { normaliseStatement } from '../attribute/normalise-statement';
import { thresholdOf } from '../trace-config';
import { repeatedStatements } from './repeated-statements';
import { type DetectorContext, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-retry-storm',
  title: 'Calls retried after errors',
  category: 'resilience',
  source: 'trace',
  severity: 'high',
  rationale:
    'The same downstream call is repeated right after it failed. Immediate retries without backoff and a budget ' +
    'multiply load on a callee that is already failing and can turn a blip into an outage.',
  fix: 'Retry only idempotent calls, with exponential backoff and jitter, a small attempt cap and a shared retry budget or circuit breaker.',
  target: { metric: 'retriesPerRequest', comparator: '<', value: 0.05 },
};

function observe(view: RequestView, context: DetectorContext): void {
  if (view.outboundCalls.length + view.dbCalls.length < 2) return;
  if (!view.outboundCalls.some((call) => call.span.isError) && !view.dbCalls.some((call) => call.span.isError)) return;
  // Repeated statements that are one per item (N+1, failing or not) belong to the N+1 detector: the same spans are
  // never reported under two names.
  const perItem = new Set(repeatedStatements(view).flatMap((group) => (group.isRetry ? [] : group.calls)));
  const dbCalls = new Set(view.dbCalls);
  const calls = [...view.outboundCalls, ...view.dbCalls.filter((call) => !perItem.has(call))].sort((a, b) => a.startUs - b.startUs);
  const failedAt = new Map<string, TraceNode>();
  const retries: TraceNode[] = [];
  for (const call of calls) {
    const { target, operation } = callTargetOf(call);
    // A query is retried when the same statement shape runs again, not any query to the same server.
    const what = dbCalls.has(call) ? normaliseStatement(statementOf(call)) : operation;
    const identity = `${call.parent?.id ?? ''} ${target} ${what}`;
    const failed = failedAt.get(identity);
    if (failed && call.startUs >= failed.endUs) retries.push(call);
    if (call.span.isError) failedAt.set(identity, call);
    else failedAt.delete(identity);
  }
  if (!retries.length) return;
  const first = retries[0];
  const target = callTargetOf(first);
  context.store.record(meta.id, view, 'retries', {
    label: `${target.target} ${target.operation}`,
    occurrences: retries.length,
    value: retries.length,
    totalUs: retries.reduce((sum, call) => sum + (call.endUs - call.startUs), 0),
    evidence: () => traceEvidence(view, first, `${retries.length} retr${retries.length === 1 ? 'y' : 'ies'} of ${target.target} ${target.operation} after errors`),
  });
}

function check(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    if (observation.occurrences < thresholdOf(context.settings, 'minRetries')) continue;
    const share = shareOf(context, observation);
    const isStorm = observation.maxValue >= thresholdOf(context.settings, 'stormRetries');
    findings.push(
      observationFinding(meta, observation, {
        severity: isStorm ? context.settings.severity ?? meta.severity : 'medium',
        message:
          `${endpointName(observation)} retried failed downstream calls ${observation.occurrences} times in ` +
          `${observation.requests} requests (${formatShare(share)} of its traffic, up to ${observation.maxValue} in one request), ` +
          `e.g. ${observation.label}.`,
        key: observation.key,
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 4),
          retries: observation.occurrences,
          retriesPerRequest: round(observation.occurrences / (context.statsOf(observation.method, observation.path, observation.service)?.requests ?? observation.requests), 3),
          maxRetriesPerRequest: observation.maxValue,
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, check };
