export * from './audit-inputs';
export { runAudit } from './run-audit';
export { ruleCatalog } from './rule-catalog';
export { driftRuleMetas } from './drift';
