import type { Finding, RuleMeta } from '@apiaudit/domain';
import type { RequestView } from '../assemble/request-view';
import type { EndpointStats } from '../stats/endpoint-stats';
import { thresholdOf } from '../trace-config';
import { type DetectorContext, endpointName, formatMs, formatShare, type ReportContext, round, shareOf, type TraceDetector, traceEvidence, observationFinding } from './trace-detector';

export const meta: RuleMeta = {
  id: 'trace-long-sync-work',
  title: 'CPU-bound work dominates the request',
  category: 'performance',
  source: 'trace',
  severity: 'medium',
  rationale:
    'Most of the request is spent in the service itself, with no database or downstream span to explain it, and far ' +
    'longer than the service’s typical request: password hashing, rendering, serialisation, compression or a loop. ' +
    'It is CPU the request holds while others wait: in Node.js synchronous work blocks the event loop for every ' +
    'request, and async native work (bcrypt, pbkdf2, scrypt, zlib) fills libuv’s four-thread pool.',
  fix:
    'Profile the handler. Password hashing is meant to be slow: keep its cost, run it off the request thread (the async ' +
    'API, a worker pool sized for it) and rate-limit the endpoint. Other work: move what the response does not need to ' +
    'a queue, and precompute or stream what it does.',
  target: { metric: 'selfTimeMs', comparator: '<', value: 500, unit: 'ms' },
};

function observe(view: RequestView, context: DetectorContext): void {
  if (view.selfUs < thresholdOf(context.settings, 'minSelfMs') * 1000) return;
  if (view.durationUs <= 0 || view.selfUs / view.durationUs < thresholdOf(context.settings, 'minSelfShare')) return;
  const runtime = view.root.span.resource?.['process.runtime.name'] ?? view.root.span.resource?.['telemetry.sdk.language'];
  context.store.record(meta.id, view, 'self-time', {
    value: view.selfUs / 1000,
    totalUs: view.selfUs,
    counters: { durationUs: view.durationUs, ...(runtime === 'nodejs' ? { nodejs: 1 } : {}), ...(runtime === 'cpython' || runtime === 'python' ? { python: 1 } : {}) },
    savings: { computeUs: Math.max(0, view.selfUs - thresholdOf(context.settings, 'minSelfMs') * 1000) },
    evidence: () => traceEvidence(view, undefined, `${formatMs(view.selfUs / 1000)} of ${formatMs(view.durationUs / 1000)} spent in ${view.service} itself, outside any database or downstream call`),
  });
}

/**
 * The service's typical request: the median of its endpoints' medians weighted by requests (per-request durations
 * are not kept; on the RealWorld capture this gives 73 ms against 85 ms measured over all requests).
 */
function serviceMedianMs(allStats: EndpointStats[], service: string): number | undefined {
  const endpoints = allStats.filter((stats) => stats.service === service && stats.requests > 0).sort((a, b) => a.p50Ms - b.p50Ms);
  const total = endpoints.reduce((sum, stats) => sum + stats.requests, 0);
  let seen = 0;
  for (const stats of endpoints) {
    seen += stats.requests;
    if (seen * 2 >= total) return stats.p50Ms;
  }
  return undefined;
}

function consequence(nodejs: boolean, python: boolean, selfMs: number): string {
  if (nodejs)
    return (
      `Node.js runs JavaScript on one thread: if this work is synchronous it blocks the event loop, and every other request in the process waits ` +
      `${formatMs(selfMs)} behind it; if it is native work run asynchronously (bcrypt, crypto.pbkdf2/scrypt, zlib), it holds ` +
      `one of libuv’s 4 threadpool threads for that long, so four such requests at once queue every file, DNS and crypto call.`
    );
  if (python) return `Under CPython’s GIL this holds the interpreter for ${formatMs(selfMs)}: other threads of the worker wait.`;
  return `Each such request holds a worker thread or a CPU core for ${formatMs(selfMs)}, which caps how many the service serves at once.`;
}

function check(context: ReportContext): Finding[] {
  return context.observations.flatMap((observation) => {
    const stats = context.statsOf(observation.method, observation.path, observation.service);
    if ((stats?.requests ?? 0) < context.config.minRequests) return [];
    const share = shareOf(context, observation);
    if (share < thresholdOf(context.settings, 'minShare')) return [];
    const meanMs = observation.totalUs / observation.requests / 1000;
    const selfShare = observation.totalUs / Math.max(1, observation.counters.durationUs);
    const medianMs = serviceMedianMs(context.allStats, observation.service);
    const ratio = medianMs && medianMs > 0 ? meanMs / medianMs : undefined;
    // Long in absolute terms, or long for this service: a 400 ms hash in a service whose requests take 40 ms.
    const isLong = meanMs >= thresholdOf(context.settings, 'selfMs') || (ratio !== undefined && ratio >= thresholdOf(context.settings, 'minMedianRatio'));
    if (!isLong) return [];
    const severity = ratio !== undefined && ratio >= thresholdOf(context.settings, 'highMedianRatio') ? 'high' : context.settings.severity;
    return [
      observationFinding(meta, observation, {
        severity,
        message:
          `${endpointName(observation)} spends ${formatMs(meanMs)} on work of its own, outside any database or downstream call (${formatShare(selfShare)} of ` +
          `its time) in ${formatShare(share)} of its requests` +
          (ratio !== undefined ? `, ${round(ratio, 1)}× the service’s median request (${formatMs(medianMs!)}). ` : '. ') +
          consequence(observation.counters.nodejs > 0, observation.counters.python > 0, meanMs),
        metrics: {
          requests: observation.requests,
          affectedShare: round(share, 3),
          selfTimeMs: round(meanMs),
          maxSelfTimeMs: round(observation.maxValue),
          selfTimeShare: round(selfShare, 3),
          ...(ratio !== undefined ? { serviceMedianMs: round(medianMs!), timesServiceMedian: round(ratio, 1) } : {}),
        },
      }),
    ];
  });
}

export const detector: TraceDetector = { meta, observe, check };
