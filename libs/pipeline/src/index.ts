export * from './audit-inputs';
export { runAudit } from './run-audit';
export { traceOptions, analyzeAuditTraces, analyzeReadableAuditTraces, type TraceStepInputs, type UnreadTraceExport } from './audit-traces';
export { minDeprecationDaysOf } from './contract-evolution';
export { ingestAudit, codePathsOf, type IngestedAudit, type IngestedSpec, type ScannedRepo } from './ingest-audit';
export { loadSpecSource } from './load-spec-source';
export { catalogRules, ruleCatalog, deprecatedRuleIds, resolveDeprecatedRuleIds, type CatalogRule, type FixtureFindings } from './rule-catalog';
export { driftRuleMetas } from './drift';
export { readAuditConfig, auditConfigOf, auditConfigFileName } from './read-audit-config';
