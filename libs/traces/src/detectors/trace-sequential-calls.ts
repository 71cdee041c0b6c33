import type { Finding, RuleMeta } from '@apiaudit/domain';
import { callTargetOf, type RequestView, statementOf } from '../assemble/request-view';
import type { TraceNode } from '../assemble/trace-tree';
import { normaliseStatement, statementTarget, transactionBoundaryOf } from '../attribute/normalise-statement';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatMs, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-sequential-calls',
  title: 'Independent round trips made one after another',
  category: 'performance',
  source: 'trace',
  severity: 'high',
  rationale:
    'The request waits for several different database queries or downstream calls in turn, each starting right as ' +
    'the previous one ends. When the later ones need only the first one’s result, the request pays one network round ' +
    'trip per call instead of two in all: on loopback that hides under a millisecond each, in production every round ' +
    'trip costs the network latency between the service and its database or callee, plus the time the calls take.',
  fix:
    'Start the calls that do not feed each other together (Promise.all, async gather, futures) and await them once; ' +
    'for queries, a JOIN or one query per table with an IN list often replaces the chain.',
  target: { metric: 'latencySavingMs', comparator: '<', value: 50, unit: 'ms' },
};

interface Chain {
  calls: TraceNode[];
  labels: string[];
}

/**
 * Runs of calls where each starts within `maxGapUs` after the previous one ends (awaited in turn; `slackUs` forgives
 * start times rounded down, as OTel JS records them in whole milliseconds), none overlaps the next (overlap means
 * they already run together), and each is a different operation: a repeat of the same query shape or call is N+1 or
 * chattiness, reported by those detectors, so it ends the run. A failed call ends it too (what follows may be a fallback).
 */
function sequentialChains(calls: TraceNode[], identityOf: (call: TraceNode) => { identity: string; label: string }, maxGapUs: number, slackUs: number): Chain[] {
  const chains: Chain[] = [];
  let chain: Chain = { calls: [], labels: [] };
  let seen = new Set<string>();
  for (const call of calls) {
    const { identity, label } = identityOf(call);
    const previous = chain.calls[chain.calls.length - 1];
    const follows =
      previous !== undefined &&
      call.startUs >= previous.endUs - slackUs &&
      call.startUs - previous.endUs <= maxGapUs &&
      !seen.has(identity) &&
      !previous.span.isError;
    if (!follows) {
      if (chain.calls.length) chains.push(chain);
      chain = { calls: [], labels: [] };
      seen = new Set();
    }
    chain.calls.push(call);
    chain.labels.push(label);
    seen.add(identity);
  }
  if (chain.calls.length) chains.push(chain);
  return chains;
}

/**
 * The request's queries cut at transactions: a transaction's statements run one at a time on its connection,
 * bracketed in order by BEGIN and COMMIT, so none of them can run together with another and they may join no chain.
 * Counted, they made TypeORM's `save` (START TRANSACTION, INSERT, SELECT, COMMIT) look like four independent round
 * trips (POST /api/users in the RealWorld NestJS capture).
 */
function outsideTransactions(queries: TraceNode[]): TraceNode[][] {
  // Most requests open no transaction: they keep their queries as they are, in the order the request view gives.
  if (!queries.some((query) => transactionBoundaryOf(statementOf(query)))) return [queries];
  // OTel JS rounds starts down to the millisecond, and a transaction's first statement can even end before its
  // START TRANSACTION span does (both measured in the NestJS capture). Among equal starts, an opening statement goes
  // first and a closing one last: a tie then keeps a statement out of chains, never puts a transaction's in.
  const rank = (boundary: 'open' | 'close' | undefined) => (boundary === 'open' ? 0 : boundary === 'close' ? 2 : 1);
  const ordered = queries.map((query) => ({ query, boundary: transactionBoundaryOf(statementOf(query)) }));
  ordered.sort((a, b) => a.query.startUs - b.query.startUs || rank(a.boundary) - rank(b.boundary));
  const runs: TraceNode[][] = [[]];
  let isOpen = false;
  for (const { query, boundary } of ordered) {
    if (boundary) isOpen = boundary === 'open';
    if (!boundary && !isOpen) runs[runs.length - 1].push(query);
    else if (runs[runs.length - 1].length) runs.push([]);
  }
  return runs;
}

function outboundIdentity(call: TraceNode): { identity: string; label: string } {
  const { target, operation } = callTargetOf(call);
  return { identity: `${target} ${operation}`, label: target };
}

function queryIdentity(call: TraceNode): { identity: string; label: string } {
  const statement = statementOf(call);
  return { identity: normaliseStatement(statement), label: statementTarget(statement) };
}

function observe(view: RequestView, context: DetectorContext): void {
  const minCalls = thresholdOf(context.settings, 'minCalls');
  const maxGapUs = thresholdOf(context.settings, 'maxGapMs') * 1000;
  const slackUs = thresholdOf(context.settings, 'clockSlackMs') * 1000;
  const chains: { chain: Chain; kind: 'calls' | 'queries' }[] = [];
  // Outbound calls are compared with their siblings (same parent): calls under different parents often belong to
  // different steps of the handler. Queries are compared across the whole request: ORMs and middleware put each
  // query under whatever framework span was open, and they still wait on each other in turn.
  if (view.outboundCalls.length >= minCalls) {
    const byParent = new Map<TraceNode | undefined, TraceNode[]>();
    for (const call of view.outboundCalls) {
      const list = byParent.get(call.parent);
      if (list) list.push(call);
      else byParent.set(call.parent, [call]);
    }
    for (const siblings of byParent.values()) {
      if (siblings.length < minCalls) continue;
      for (const chain of sequentialChains(siblings, outboundIdentity, maxGapUs, slackUs)) chains.push({ chain, kind: 'calls' });
    }
  }
  const minQueries = thresholdOf(context.settings, 'minQueries');
  if (view.dbCalls.length >= minQueries) {
    for (const run of outsideTransactions(view.dbCalls)) {
      if (run.length < minQueries) continue;
      for (const chain of sequentialChains(run, queryIdentity, maxGapUs, slackUs)) chains.push({ chain, kind: 'queries' });
    }
  }
  if (chains.length === 0) return;
  // One observation per request and kind: a request whose chain a repeated query cut in two (POST /api/articles in
  // the RealWorld NestJS + TypeORM capture) is one affected request saving the round trips of both, not two requests.
  for (const kind of ['calls', 'queries'] as const) {
    const minCount = kind === 'queries' ? minQueries : minCalls;
    const found = chains.filter((entry) => entry.kind === kind && entry.chain.calls.length >= minCount).map((entry) => entry.chain);
    if (!found.length) continue;
    const longest = found.reduce((best, chain) => (chain.calls.length > best.calls.length ? chain : best));
    let savingUs = 0;
    let roundTripsSaved = 0;
    for (const chain of found) {
      // Parallel plan for queries: the first, then all the others together (the first usually loads the row the
      // others are keyed on: the article by slug, then everything by article id), so all but two round trips go.
      // Sibling calls to different services usually have their keys from the request already: all together, all
      // but one go.
      const together = kind === 'queries' ? chain.calls.slice(1) : chain.calls;
      const durations = together.map((call) => call.endUs - call.startUs);
      savingUs += durations.reduce((sum, value) => sum + value, 0) - Math.max(...durations);
      roundTripsSaved += together.length - 1;
    }
    const count = longest.calls.length;
    const others = found.length > 1 ? `; ${found.length - 1} more chain${found.length > 2 ? 's' : ''} in this request` : '';
    context.store.record(meta.id, view, kind, {
      label: longest.labels.join(' → '),
      value: count,
      totalUs: savingUs,
      counters: { calls: count, roundTripsSaved },
      evidence: () =>
        traceEvidence(view, longest.calls[0], `${count} ${kind} in sequence (${longest.labels.join(', ')})${others}; in parallel${kind === 'queries' ? ' after the first' : ''}: ${roundTripsSaved} round trips and ~${formatMs(savingUs / 1000)} less`),
    });
  }
}

function check(context: ReportContext): Finding[] {
  const findings: Finding[] = [];
  const roundTripMs = thresholdOf(context.settings, 'roundTripMs');
  for (const observation of context.observations) {
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) continue;
    const observedMs = observation.totalUs / observation.requests / 1000;
    const roundTrips = observation.counters.roundTripsSaved / observation.requests;
    const calls = observation.counters.calls / observation.requests;
    // What production would save: the round trips at the configured network latency, plus the time seen here.
    const savingMs = roundTrips * roundTripMs + observedMs;
    if (observation.key === 'calls' && savingMs < thresholdOf(context.settings, 'minSavingMs')) continue;
    const isLarge =
      savingMs >= thresholdOf(context.settings, 'highSavingMs') ||
      (stats !== undefined && stats.p50Ms > 0 && savingMs / stats.p50Ms >= thresholdOf(context.settings, 'highSavingShare'));
    const severity = isLarge ? context.settings.severity ?? meta.severity : 'medium';
    const what = observation.key === 'queries' ? 'database queries' : 'downstream calls';
    findings.push(
      observationFinding(meta, observation, {
        severity,
        message:
          `${endpointName(observation)} waits for ${round(calls, 1)} ${what} one after another (up to ${observation.maxValue}: ` +
          `${observation.label}) in ${formatShare(share)} of its requests. ` +
          (observation.key === 'queries' ? 'If the later ones need only the first one’s result, running them together saves' : 'Running them together saves') +
          ` ${round(roundTrips, 1)} round trips per request: about ${formatMs(savingMs)} at ` +
          `${roundTripMs} ms per round trip plus the ${formatMs(observedMs)} observed` +
          (stats ? ` (p50 is ${formatMs(stats.p50Ms)}).` : '.'),
        key: observation.key,
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 3),
          callsInSequence: round(calls, 1),
          roundTripsSaved: round(roundTrips, 1),
          roundTripMs,
          observedSavingMs: round(observedMs),
          latencySavingMs: round(savingMs),
        },
      }),
    );
  }
  return findings;
}

export const detector: TraceDetector = { meta, observe, check };
