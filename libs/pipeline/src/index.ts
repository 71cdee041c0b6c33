export * from './audit-inputs';
export { runAudit } from './run-audit';
