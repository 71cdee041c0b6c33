export * from './audit-inputs';
export { runAudit, traceOptions } from './run-audit';
export { loadSpecSource } from './load-spec-source';
export { ruleCatalog } from './rule-catalog';
export { driftRuleMetas } from './drift';
