import type { AuditConfig } from '@apiaudit/rules';
import type { SpecOutline, TraceAnalysis } from '@apiaudit/domain';
import { outlineSpec } from '@apiaudit/openapi';
import { analyzeTraces, type AnalyzeTracesOptions } from '@apiaudit/traces';
import type { AuditInputs } from './audit-inputs';
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
