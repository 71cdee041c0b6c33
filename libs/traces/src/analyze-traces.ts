import { stat } from 'node:fs/promises';
import { TraceAssembler } from './assemble/trace-assembler';
import { PathTemplates } from './attribute/endpoint-attribution';
import { type PriceModel, resolvePriceModel } from './cost/price-model';
import { readTraceFileBatches, sniffTraceFile } from './read/read-trace-file';
import { analyzeInShards, canAnalyzeInShards } from './shard/analyze-shards';
import type { Span } from './span';
import { type TraceAnalysis, TraceAggregate } from './trace-aggregate';
import { resolveTraceConfig } from './trace-config';

export type TraceSourceInput = string | AsyncIterable<Span> | Iterable<Span>;

export interface AnalyzeTracesOptions {
  now: Date;
  /** Path templates from the spec (`/v1/orders/{orderId}`), used to name endpoints whose spans lack http.route. */
  specPaths?: string[];
  /**
   * Route paths found in the code (`/articles/feed`, `/users/:id`). Like spec paths, a literal one that matches a
   * request's url.path better than its span's http.route names the request.
   */
  codePaths?: string[];
  /** The `traces:` section of apiaudit.yaml. */
  config?: unknown;
  pricing?: Partial<PriceModel>;
  /** Called every 100,000 spans with the running span count. */
  onProgress?: (spans: number) => void;
  /**
   * Threads for large uncompressed OTLP JSON Lines files (each analyses a byte range; results are merged). Other
   * formats and small files are read by one thread. Default 1.
   */
  workers?: number;
}

/** Below this size one thread finishes before extra threads would have started. */
const MIN_SHARDED_BYTES = 32 * 1024 * 1024;

const PROGRESS_EVERY = 100000;

/**
 * Streams every source through the assembler and the detectors and returns findings, endpoint stats, cost drivers
 * and SLO proposals. Sources are file paths (any supported format) or span streams. A failing source rejects the
 * whole analysis: a partial result is never returned as complete.
 */
export async function analyzeTraces(
  sources: TraceSourceInput | TraceSourceInput[],
  options: AnalyzeTracesOptions,
): Promise<TraceAnalysis> {
  const config = resolveTraceConfig(options.config);
  const aggregate = new TraceAggregate(config, new PathTemplates(options.specPaths ?? [], options.codePaths ?? []));
  const list = isSourceList(sources) ? sources : [sources as TraceSourceInput];
  let seen = 0;
  for (const source of list) {
    if (typeof source === 'string' && (options.workers ?? 1) > 1 && (await isShardable(source))) {
      for (const state of await analyzeInShards(source, options.workers!, options.config, options.specPaths ?? [], options.codePaths ?? [])) {
        aggregate.mergeState(state);
        seen += state.spanCount;
      }
      options.onProgress?.(seen);
      continue;
    }
    const assembler = new TraceAssembler((spans) => aggregate.addTrace(spans), config.assembler);
    if (typeof source === 'string') {
      for await (const batch of readTraceFileBatches(source)) {
        for (const span of batch) assembler.add(span);
        const before = seen;
        seen += batch.length;
        if (Math.floor(seen / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) options.onProgress?.(seen);
      }
    } else {
      for await (const span of source as AsyncIterable<Span>) {
        assembler.add(span);
        if (++seen % PROGRESS_EVERY === 0) options.onProgress?.(seen);
      }
    }
    assembler.finish();
  }
  return finishAnalysis(aggregate, options);
}

async function isShardable(path: string): Promise<boolean> {
  if (!canAnalyzeInShards()) return false;
  const { format, gzip } = await sniffTraceFile(path);
  return format === 'otlp-jsonl' && !gzip && (await stat(path)).size >= MIN_SHARDED_BYTES;
}

/** Pricing comes from the options, else from a `pricing:` key in the traces config. */
function finishAnalysis(aggregate: TraceAggregate, options: Pick<AnalyzeTracesOptions, 'now' | 'config' | 'pricing'>): TraceAnalysis {
  const fromConfig = (options.config as { pricing?: Partial<PriceModel> } | undefined)?.pricing;
  const pricing = options.pricing ?? (fromConfig && typeof fromConfig === 'object' ? fromConfig : undefined);
  return aggregate.finish(options.now, resolvePriceModel(pricing), pricing?.samplingRate !== undefined);
}

/** An array of sources, as opposed to an array of spans (one in-memory source). */
function isSourceList(sources: TraceSourceInput | TraceSourceInput[]): sources is TraceSourceInput[] {
  return (
    Array.isArray(sources) &&
    sources.every((source) => typeof source === 'string' || (source !== null && typeof source === 'object' && (Symbol.asyncIterator in source || Symbol.iterator in source)))
  );
}

/** Combines analyses of shards (e.g. one per file or per worker) as if they had been one run. */
export function mergeTraceAnalysis(
  analyses: TraceAnalysis[],
  options: Pick<AnalyzeTracesOptions, 'now' | 'config' | 'pricing' | 'specPaths' | 'codePaths'>,
): TraceAnalysis {
  const aggregate = new TraceAggregate(resolveTraceConfig(options.config), new PathTemplates(options.specPaths ?? [], options.codePaths ?? []));
  for (const analysis of analyses) aggregate.mergeState(analysis.state);
  return finishAnalysis(aggregate, options);
}
