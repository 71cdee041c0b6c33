/** Who may do what: consultants see every client of the firm; client users see their own client only. */
export const ROLES = ['consultant', 'client-admin', 'client-viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles a client user can be invited into; consultants are created on the command line. */
export const CLIENT_ROLES = ['client-admin', 'client-viewer'] as const satisfies readonly Role[];
export type ClientRole = (typeof CLIENT_ROLES)[number];

/** A finding's triage state in one project; kept by fingerprint so it survives re-audits. */
export const FINDING_STATUSES = ['open', 'acknowledged', 'in-progress', 'fixed', 'wont-fix', 'false-positive'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export function isFindingStatus(value: unknown): value is FindingStatus {
  return typeof value === 'string' && (FINDING_STATUSES as readonly string[]).includes(value);
}

/** Dismissing a finding has to say why, so the next reader of the audit can judge it. */
export function isReasonRequired(status: FindingStatus): boolean {
  return status === 'wont-fix' || status === 'false-positive';
}

/** Shortest password accepted, by the admin command and by invitation acceptance alike. */
export const MIN_PASSWORD_LENGTH = 12;
