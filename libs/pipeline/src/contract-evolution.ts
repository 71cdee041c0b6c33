import type { Finding } from '@apiaudit/domain';
import { changesToFindings, diffSpecs, type Change } from '@apiaudit/diff';
import { buildApiModel } from '@apiaudit/openapi';
import type { AuditConfig } from '@apiaudit/rules';
import type { AuditInputs } from './audit-inputs';
import type { IngestedSpec } from './ingest-audit';
import { evidencePrefix, loadSpecSource } from './load-spec-source';

/** The deprecation window an audit judges removals by: the config's, else 90 days (as `apiaudit diff`). */
export function minDeprecationDaysOf(config: AuditConfig): number {
  return config.diff?.minDeprecationDays ?? 90;
}

/**
 * What the newest spec breaks for clients of the previous version. Changes already computed for this pair (the
 * platform stores one diff per spec version) are used as they are; otherwise the previous spec is read and diffed.
 */
export async function contractEvolution(inputs: Pick<AuditInputs, 'previousSpec' | 'previousChanges'>, newest: IngestedSpec | undefined, config: AuditConfig, now: Date): Promise<Finding[]> {
  if (!inputs.previousSpec || !newest) return [];
  const changes: Change[] =
    inputs.previousChanges ?? diffSpecs(buildApiModel(await loadSpecSource(inputs.previousSpec)), newest.model, { now, minDeprecationDays: minDeprecationDaysOf(config) });
  const breaking = changes.filter((c) => c.level === 'breaking' || c.level === 'potentially-breaking');
  return changesToFindings(breaking, { base: evidencePrefix(inputs.previousSpec), revision: newest.prefix });
}
