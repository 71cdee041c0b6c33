import type { ApiModel } from '@apiaudit/openapi';
import type { AuditConfig } from '@apiaudit/rules';
import type { TraceAnalysis } from '@apiaudit/domain';
import { analyzeTraces, type AnalyzeTracesOptions } from '@apiaudit/traces';
import type { AuditInputs } from './audit-inputs';
import { codePathsOf, ingestAudit, type IngestedAudit } from './ingest-audit';

/** Options for trace analysis from what the audit ingested: the spec's templates, the code's routes, the config's thresholds and prices. */
export function traceOptions(models: ApiModel[], config: AuditConfig, now: Date, codePaths: string[] = []): AnalyzeTracesOptions {
  return {
    now,
    specPaths: models.flatMap((m) => m.operations.map((o) => o.path)),
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
    ingested.specs.map((s) => s.model),
    ingested.config,
    now,
    codePathsOf(ingested.repos),
  );
  return analyzeTraces(
    inputs.traces.map((t) => t.path),
    options,
  );
}

/**
 * The trace analysis runAudit would make of these inputs, on its own: the worker runs it as a separate job (exports
 * can be large) and hands the result back to runAudit as `traceAnalysis`.
 */
export async function analyzeAuditTraces(inputs: AuditInputs, now: Date): Promise<TraceAnalysis | undefined> {
  return analyzeIngestedTraces({ traces: inputs.traces }, await ingestAudit(inputs), now);
}
