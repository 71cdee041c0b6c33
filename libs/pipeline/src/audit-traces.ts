import type { AuditConfig } from '@apiaudit/rules';
import type { SpecOutline, TraceAnalysis } from '@apiaudit/domain';
import { outlineSpec } from '@apiaudit/openapi';
import { analyzeTraces, readTraceFile, TraceInputError, type AnalyzeTracesOptions } from '@apiaudit/traces';
import type { AuditInputs, TraceSource } from './audit-inputs';
import { codePathsOf, scanRepos, type IngestedAudit } from './ingest-audit';
import { auditConfigOf } from './read-audit-config';

/** Options for trace analysis: the specs' templates, the code's routes, the config's thresholds and prices. */
export function traceOptions(specs: SpecOutline[], config: AuditConfig, now: Date, codePaths: string[] = []): AnalyzeTracesOptions {
  return {
    now,
    specPaths: specs.flatMap((s) => s.operations.map((o) => o.path)),
    ...(codePaths.length ? { codePaths } : {}),
    config: config.traces,
    ...(config.pricing ? { pricing: config.pricing as object } : {}),
  };
}

/** The audit's trace analysis from what it ingested; undefined when it has no traces. A given analysis is used as is. */
export async function analyzeIngestedTraces(inputs: Pick<AuditInputs, 'traces' | 'traceAnalysis'>, ingested: IngestedAudit, now: Date): Promise<TraceAnalysis | undefined> {
  if (inputs.traceAnalysis) return inputs.traceAnalysis;
  if (inputs.traces.length === 0) return undefined;
  const options = traceOptions(
    ingested.specs.map((s) => outlineSpec(s.model)),
    ingested.config,
    now,
    codePathsOf(ingested.repos),
  );
  return analyzeTraces(
    inputs.traces.map((t) => t.path),
    options,
  );
}

/** What the trace step reads: the exports, the config, the repositories, and of each spec only its outline. */
export type TraceStepInputs = Pick<AuditInputs, 'traces' | 'repos' | 'configText'> & { specOutlines: SpecOutline[] };

/**
 * The trace analysis runAudit would make of the same inputs, on its own: the worker runs it as a separate job (exports
 * can be large) and hands the result back to runAudit as `traceAnalysis`. It takes the specs' stored outlines, not
 * the specs: the analyze step is the one that parses them.
 */
export async function analyzeAuditTraces(inputs: TraceStepInputs, now: Date): Promise<TraceAnalysis | undefined> {
  if (inputs.traces.length === 0) return undefined;
  const options = traceOptions(inputs.specOutlines, auditConfigOf(inputs).config, now, codePathsOf(scanRepos(inputs.repos)));
  return analyzeTraces(
    inputs.traces.map((t) => t.path),
    options,
  );
}

/** A trace export the audit could not read, and why, in words for the audit's sources and the plan. */
export interface UnreadTraceExport extends TraceSource {
  reason: string;
}

const FILE_ERROR_REASONS: Record<string, string> = {
  ENOENT: 'the stored file is gone',
  EACCES: 'the stored file cannot be opened (permission denied)',
  EPERM: 'the stored file cannot be opened (permission denied)',
  EISDIR: 'the stored path is a directory, not a file',
};

/**
 * Why reading `trace` failed, or undefined when the error is not about the file (then it is not the export's fault
 * and the step retries). The on-disk path is the platform's business: the reason names the export by its label.
 */
function readFailureOf(error: unknown, trace: TraceSource): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // The traces lib reports a file it cannot open as a TraceInputError caused by the file system's error.
  const openCode = error instanceof TraceInputError ? (error.cause as { code?: unknown } | undefined)?.code : code;
  if (typeof openCode === 'string' && FILE_ERROR_REASONS[openCode]) return FILE_ERROR_REASONS[openCode];
  // TraceInputError: not a trace export (any more); a string code: the file system or zlib (a truncated gzip).
  if (!(error instanceof TraceInputError) && typeof code !== 'string') return undefined;
  const message = (error as Error).message.split(trace.path).join(trace.label ?? 'the export');
  return `it no longer parses: ${message}`;
}

/** Reads the first span of `trace` (`upTo` 'first span') or all of it; the reason it cannot, or undefined. */
async function unreadableBecause(trace: TraceSource, upTo: 'first span' | 'end'): Promise<string | undefined> {
  const spans = readTraceFile(trace.path);
  try {
    if (upTo === 'end') {
      for await (const _span of spans);
    } else {
      await spans.next();
    }
    return undefined;
  } catch (error) {
    const reason = readFailureOf(error, trace);
    if (reason === undefined) throw error;
    return reason;
  } finally {
    await spans.return(undefined);
  }
}

async function unreadExports(traces: TraceSource[], upTo: 'first span' | 'end'): Promise<UnreadTraceExport[]> {
  const unread: UnreadTraceExport[] = [];
  for (const trace of traces) {
    const reason = await unreadableBecause(trace, upTo);
    if (reason !== undefined) unread.push({ ...trace, reason });
  }
  return unread;
}

/**
 * analyzeAuditTraces over the exports that can be read, and the ones that cannot (gone from disk, unreadable, corrupt):
 * one bad export is reported, not fatal to the audit. Each export's first span is read up front (cheap: finds a
 * missing or unrecognisable file before a long analysis); an export that breaks further on fails the analysis, and only
 * then is each one read to its end to find which, and the others analysed again. No export readable: no analysis.
 */
export async function analyzeReadableAuditTraces(inputs: TraceStepInputs, now: Date): Promise<{ analysis: TraceAnalysis | undefined; unread: UnreadTraceExport[] }> {
  const unread = await unreadExports(inputs.traces, 'first span');
  const readable = (): TraceSource[] => inputs.traces.filter((t) => !unread.some((u) => u.path === t.path));
  try {
    return { analysis: await analyzeAuditTraces({ ...inputs, traces: readable() }, now), unread };
  } catch (error) {
    const broken = await unreadExports(readable(), 'end');
    if (broken.length === 0) throw error;
    unread.push(...broken);
    return { analysis: await analyzeAuditTraces({ ...inputs, traces: readable() }, now), unread };
  }
}
