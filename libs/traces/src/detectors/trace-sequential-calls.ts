import { observationTarget } from './observation-store';
import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { callTargetOf, type RequestView } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatMs, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-sequential-calls',
  title: 'Independent downstream calls made one after another',
  category: 'performance',
  source: 'trace',
  severity: 'high',
  rationale:
    'The request waits for several different downstream calls in turn, each starting right as the previous ends. When ' +
    'they do not feed each other, the endpoint’s latency is their sum instead of the slowest one.',
  fix: 'Start the independent calls together (Promise.all, async gather, futures) and await them once.',
};

/**
 * Runs of sibling calls where each starts within `maxGapUs` after the previous one ends (awaited in turn) and each
 * goes to a different target or operation. A repeat of the same operation is chattiness or a retry, not this.
 */
function sequentialRuns(calls: TraceNode[], maxGapUs: number): TraceNode[][] {
  const runs: TraceNode[][] = [];
  let run: TraceNode[] = [];
  let seen = new Set<string>();
  for (const call of calls) {
    const { target, operation } = callTargetOf(call);
    const identity = `${target} ${operation}`;
    const previous = run[run.length - 1];
    const follows = previous && call.startUs >= previous.endUs && call.startUs - previous.endUs <= maxGapUs && !seen.has(identity) && !previous.span.isError;
    if (!follows) {
      if (run.length) runs.push(run);
      run = [];
      seen = new Set();
    }
    run.push(call);
    seen.add(identity);
  }
  if (run.length) runs.push(run);
  return runs;
}

function observe(view: RequestView, context: DetectorContext): void {
  const minCalls = thresholdOf(context.settings, 'minCalls');
  if (view.outboundCalls.length < minCalls) return;
  const byParent = new Map<TraceNode | undefined, TraceNode[]>();
  for (const call of view.outboundCalls) {
    const list = byParent.get(call.parent);
    if (list) list.push(call);
    else byParent.set(call.parent, [call]);
  }
  for (const siblings of byParent.values()) {
    if (siblings.length < minCalls) continue;
    for (const run of sequentialRuns(siblings, thresholdOf(context.settings, 'maxGapMs') * 1000)) {
      if (run.length < minCalls) continue;
      const durations = run.map((call) => call.endUs - call.startUs);
      const savingUs = durations.reduce((sum, value) => sum + value, 0) - Math.max(...durations);
      if (savingUs < thresholdOf(context.settings, 'minSavingMs') * 1000) continue;
      const targets = run.map((call) => callTargetOf(call).target);
      context.store.record(meta.id, view, targets.join(' → '), {
        label: targets.join(' → '),
        value: savingUs / 1000,
        totalUs: savingUs,
        counters: { calls: run.length },
        evidence: () =>
          traceEvidence(view, run[0], `${run.length} calls in sequence (${targets.join(', ')}); in parallel ~${formatMs(savingUs / 1000)} faster`),
      });
    }
  }
}

function report(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  for (const observation of context.observations) {
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) continue;
    const savingMs = observation.totalUs / observation.requests / 1000;
    // High when the saving is large in absolute terms or relative to what clients wait today.
    const isLarge =
      savingMs >= thresholdOf(context.settings, 'highSavingMs') ||
      (stats !== undefined && stats.p50Ms > 0 && savingMs / stats.p50Ms >= thresholdOf(context.settings, 'highSavingShare'));
    const severity = isLarge ? context.settings.severity ?? meta.severity : 'medium';
    findings.push(
      createFinding(meta, {
        severity,
        message:
          `${endpointName(observation)} calls ${observation.label} one after another in ${formatShare(share)} of its requests; ` +
          `running them in parallel would cut about ${formatMs(savingMs)} per request` +
          (stats ? ` (p50 is ${formatMs(stats.p50Ms)}).` : '.'),
        ...observationTarget(observation),
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 3),
          callsInSequence: round(observation.counters.calls / observation.requests, 1),
          latencySavingMs: round(savingMs),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, report };
