/** BullMQ queue and job names shared by the api (producer) and the worker (consumer). */
export const AUDIT_QUEUE = 'audit';

export const AuditJob = {
  ingest: 'ingest',
  /** Repository sources are fetched (GitHub) or unpacked (uploads) and scanned; a scan is kept per commit. */
  scanRepositories: 'scan-repositories',
  /** Trace exports can be large: their analysis runs as its own job, on whichever worker is free. */
  analyzeTraces: 'analyze-traces',
  analyze: 'analyze',
  plan: 'plan',
} as const;
export type AuditJobName = (typeof AuditJob)[keyof typeof AuditJob];

export interface AuditJobPayload {
  auditId: string;
}

/** Retries with exponential backoff: 2 s, 4 s, 8 s. */
export const AUDIT_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 } as const;

/** One job id per audit and step: enqueueing a step twice (a retried parent, a double click) is a no-op. */
export function auditJobId(auditId: string, step: AuditJobName): string {
  return `${auditId}-${step}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Payloads are checked when enqueued and again when picked up: a queue is an API too. */
export function parseAuditJobPayload(data: unknown): AuditJobPayload {
  const auditId = (data as { auditId?: unknown } | null)?.auditId;
  if (typeof auditId !== 'string' || !UUID.test(auditId)) throw new Error(`invalid audit job payload: ${JSON.stringify(data)?.slice(0, 200)}`);
  return { auditId };
}

/**
 * Jobs about a project's sources rather than an audit. They share the audit queue and its retry options.
 * `diff-spec` compares a new spec version with the one before it; it is enqueued when an upload creates version n > 1.
 */
export const SourceJob = {
  diffSpec: 'diff-spec',
} as const;
export type SourceJobName = (typeof SourceJob)[keyof typeof SourceJob];

export interface DiffSpecJobPayload {
  /** The spec source row of the new version (the revision); the base is version - 1 of the same project. */
  sourceId: string;
  version: number;
}

/** One job per spec version: a re-upload or a double enqueue of the same version is a no-op. */
export function diffSpecJobId(payload: DiffSpecJobPayload): string {
  return `diff-${payload.sourceId}-v${payload.version}`;
}

export function parseDiffSpecJobPayload(data: unknown): DiffSpecJobPayload {
  const { sourceId, version } = (data ?? {}) as { sourceId?: unknown; version?: unknown };
  if (typeof sourceId !== 'string' || !UUID.test(sourceId) || typeof version !== 'number' || !Number.isInteger(version) || version < 2) {
    throw new Error(`invalid diff-spec job payload: ${JSON.stringify(data)?.slice(0, 200)}`);
  }
  return { sourceId, version };
}

/**
 * Jobs about an audit's plan after the audit ended. `render-plan` prints the PDF of a plan version a consultant
 * made; it runs on a finished audit, where the audit steps above would do nothing.
 */
export const PlanJob = {
  render: 'render-plan',
} as const;

export interface RenderPlanJobPayload {
  auditId: string;
  /** The plan version that asked for the render; the job prints whatever version is stored by then. */
  version: number;
}

/** One job per audit and plan version: a version asked for twice (an edit, then a download) is printed once. */
export function renderPlanJobId(payload: RenderPlanJobPayload): string {
  return `${payload.auditId}-render-plan-v${payload.version}`;
}

export function parseRenderPlanJobPayload(data: unknown): RenderPlanJobPayload {
  const { auditId, version } = (data ?? {}) as { auditId?: unknown; version?: unknown };
  if (typeof auditId !== 'string' || !UUID.test(auditId) || typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error(`invalid render-plan job payload: ${JSON.stringify(data)?.slice(0, 200)}`);
  }
  return { auditId, version };
}

/**
 * Re-audits started by a schedule (a BullMQ job scheduler per project) or a trigger: the `reaudit` job creates the
 * audit, once per firing, and enqueues its ingest step. It shares the audit queue and its retry options.
 */
export const ReauditJob = {
  reaudit: 'reaudit',
} as const;

export interface ReauditJobPayload {
  projectId: string;
}

export function parseReauditJobPayload(data: unknown): ReauditJobPayload {
  const projectId = (data as { projectId?: unknown } | null)?.projectId;
  if (typeof projectId !== 'string' || !UUID.test(projectId)) throw new Error(`invalid reaudit job payload: ${JSON.stringify(data)?.slice(0, 200)}`);
  return { projectId };
}

/** What started an audit other than a plain POST of an audit. */
export type AuditTrigger =
  | { kind: 'manual'; userId: string }
  | { kind: 'schedule'; firedAt: string }
  | { kind: 'github'; delivery: string; repository: string; ref: string; commit: string | null };

/** A project's re-audit schedule: a cron expression in a time zone, or every n days. */
export type AuditSchedule = { cron: string; timezone: string } | { everyDays: number };

/** One scheduler per project, named by it: upserting it again replaces it, so a project never has two. */
export const REAUDIT_SCHEDULER_PREFIX = 'reaudit:';
export const reauditSchedulerId = (projectId: string) => `${REAUDIT_SCHEDULER_PREFIX}${projectId}`;

/**
 * The arguments of BullMQ's `upsertJobScheduler` for a project's schedule, so the api and every worker register it
 * alike. `since` is when the schedule was set: an every-n-days schedule first runs n days after it (BullMQ would run
 * it at once), and registering it again later keeps its slot.
 */
export function reauditScheduler(projectId: string, schedule: AuditSchedule, since: Date) {
  const every = 'everyDays' in schedule ? schedule.everyDays * 86_400_000 : 0;
  return {
    id: reauditSchedulerId(projectId),
    repeat: 'cron' in schedule ? { pattern: schedule.cron, tz: schedule.timezone } : { every, startDate: since.getTime() + every },
    template: { name: ReauditJob.reaudit, data: { projectId } satisfies ReauditJobPayload, opts: { attempts: AUDIT_JOB_OPTIONS.attempts, backoff: AUDIT_JOB_OPTIONS.backoff, removeOnComplete: 1000, removeOnFail: 5000 } },
  };
}

/**
 * Outbound webhooks. `notify-webhooks` runs when an audit ends: it stores one delivery per webhook of the project
 * (the payload fixed then) and enqueues `deliver-webhook` for each, which POSTs it signed and is retried with
 * exponential backoff (1, 2, 4, 8, 16 s) until the receiver answers 2xx.
 */
export const WebhookJob = {
  notify: 'notify-webhooks',
  deliver: 'deliver-webhook',
} as const;

export const WEBHOOK_DELIVERY_OPTIONS = { attempts: 6, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 } as const;

export const notifyJobId = (auditId: string) => `${auditId}-notify`;
export const deliveryJobId = (deliveryId: string) => `delivery-${deliveryId}`;

export function parseDeliveryJobPayload(data: unknown): { deliveryId: string } {
  const deliveryId = (data as { deliveryId?: unknown } | null)?.deliveryId;
  if (typeof deliveryId !== 'string' || !UUID.test(deliveryId)) throw new Error(`invalid deliver-webhook job payload: ${JSON.stringify(data)?.slice(0, 200)}`);
  return { deliveryId };
}
