import type { Finding, RuleMeta } from '@apiaudit/domain';
import { callTargetOf, type RequestView, statementOf } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { httpMethodOf, rawPathOf } from '../attribute/endpoint-attribution';
import { isLiteralRead } from '../attribute/normalise-statement';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-missing-cache',
  title: 'Identical reads repeated without a cache',
  category: 'cost',
  source: 'trace',
  severity: 'medium',
  rationale:
    'The same read (the same query with the same values, or the same GET on a downstream resource) is repeated ' +
    'within a short window. Each repeat costs database or downstream capacity for an answer the service already had.',
  fix: 'Cache the read close to the caller (request-scoped memo, in-process LRU or a shared cache) with a TTL that fits how often the data changes.',
  target: { metric: 'repeatedReadsPerRequest', comparator: '<', value: 0.2 },
};

/**
 * What makes two reads "identical": the full statement text when it carries its own values (with bind parameters
 * the values are unknown, so equal texts prove nothing), or a GET on the same downstream URL.
 */
function readIdentity(call: TraceNode, isDb: boolean): string | undefined {
  if (isDb) {
    const statement = statementOf(call);
    if (!isLiteralRead(statement)) return undefined;
    return `db ${call.span.attributes['db.name'] ?? call.span.attributes['db.namespace'] ?? ''} ${statement}`;
  }
  if (httpMethodOf(call.span) !== 'GET') return undefined;
  // The query string is part of what was read: /orders?customer=1 and ?customer=2 are different reads.
  const url = call.span.attributes['url.full'] ?? call.span.attributes['http.url'] ?? rawPathOf(call.span);
  if (typeof url !== 'string' || url === '') return undefined;
  return `http ${callTargetOf(call).target} ${url}`;
}

function observe(view: RequestView, context: DetectorContext): void {
  const windowUs = thresholdOf(context.settings, 'windowMs') * 1000;
  const repeats: TraceNode[] = [];
  const dbRepeats: TraceNode[] = [];
  const check = (call: TraceNode, isDb: boolean) => {
    const identity = readIdentity(call, isDb);
    if (identity && context.recentReads.touch(`${view.service}\u0000${identity}`, call.startUs, windowUs)) {
      repeats.push(call);
      if (isDb) dbRepeats.push(call);
    }
  };
  for (const call of view.dbCalls) check(call, true);
  for (const call of view.outboundCalls) check(call, false);
  if (!repeats.length) return;
  context.store.record(meta.id, view, 'identical-reads', {
    occurrences: repeats.length,
    value: repeats.length,
    totalUs: repeats.reduce((sum, call) => sum + (call.endUs - call.startUs), 0),
    savings: {
      dbQueries: dbRepeats.length,
      dbTimeUs: dbRepeats.reduce((sum, call) => sum + (call.endUs - call.startUs), 0),
    },
    evidence: () => {
      const call = repeats[0];
      const what = dbRepeats.includes(call) ? statementOf(call) : `${callTargetOf(call).target} GET ${rawPathOf(call.span)}`;
      return traceEvidence(view, call, `read again within ${thresholdOf(context.settings, 'windowMs') / 1000} s: ${what}`);
    },
  });
}

function check(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    if (observation.occurrences < thresholdOf(context.settings, 'minRepeats')) continue;
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) continue;
    findings.push(
      observationFinding(meta, observation, {
        severity: context.settings.severity,
        message:
          `${endpointName(observation)} repeated ${observation.occurrences} reads it had made moments before ` +
          `(in ${formatShare(share)} of its requests); a cache would serve them.`,
        metrics: {
          repeatedReads: observation.occurrences,
          affectedShare: round(share, 3),
          repeatedReadsPerRequest: round(observation.occurrences / Math.max(1, stats?.requests ?? observation.requests)),
          repeatedReadTimeMs: round(observation.totalUs / 1000),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, check };
