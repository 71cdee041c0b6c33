export * from './audit-inputs';
export { runAudit, traceOptions } from './run-audit';
export { loadSpecSource } from './load-spec-source';
export { catalogRules, ruleCatalog, deprecatedRuleIds, resolveDeprecatedRuleIds, type CatalogRule, type FixtureFindings } from './rule-catalog';
export { driftRuleMetas } from './drift';
export { readAuditConfig, auditConfigOf, auditConfigFileName } from './read-audit-config';
