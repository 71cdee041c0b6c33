import type { AuditInputs, AuditOptions, AuditOutcome } from './audit-inputs';

// Filled in by the lead: ingest -> rules | diff | traces -> scoring -> plan -> HTML.
export async function runAudit(_inputs: AuditInputs, _options: AuditOptions): Promise<AuditOutcome> {
  throw new Error('runAudit: not wired yet');
}
