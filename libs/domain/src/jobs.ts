/** BullMQ queue and job names shared by the api (producer) and the worker (consumer). */
export const AUDIT_QUEUE = 'audit';

export const AuditJob = {
  ingest: 'ingest',
  analyze: 'analyze',
  plan: 'plan',
} as const;
export type AuditJobName = (typeof AuditJob)[keyof typeof AuditJob];

export interface AuditJobPayload {
  auditId: string;
}
