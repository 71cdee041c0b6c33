import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId } from '@apiaudit/domain';
import { AuditRepository, ReauditTriggerRepository, type PlatformConfig } from '@apiaudit/db';
import { Problem } from '../http/problem';
import { PLATFORM_CONFIG } from '../sources/sources.service';

export interface GithubDelivery {
  event: string | undefined;
  delivery: string | undefined;
  signature: string | undefined;
  body: unknown;
}

export interface GithubWebhookOutcome {
  delivery: string;
  event: string;
  audits: Array<{ projectId: string; auditId: string; created: boolean }>;
  skipped: Array<{ projectId: string; reason: string }>;
}

const unauthorized = (detail: string) => new Problem(401, 'invalid-signature', 'Invalid signature', detail);

interface PushPayload {
  ref?: unknown;
  after?: unknown;
  deleted?: unknown;
  repository?: { full_name?: unknown; default_branch?: unknown };
}

/**
 * GitHub push webhooks: the body is verified against X-Hub-Signature-256 with @octokit/webhooks before anything is
 * read from it; a push to the branch a project's repository source reads re-audits that project, once per delivery
 * (`github:<delivery>:<project>` is the audit's trigger key), and not when the pushed commit is the one last scanned.
 */
@Injectable()
export class GithubWebhookService {
  constructor(
    private readonly audits: AuditRepository,
    private readonly triggers: ReauditTriggerRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  private async verify(body: Buffer, signature: string | undefined): Promise<void> {
    const secret = this.config.githubWebhookSecret;
    if (!secret) throw unauthorized('GitHub webhooks are not enabled on this server.');
    if (!signature) throw unauthorized('X-Hub-Signature-256 is missing: set the webhook secret on GitHub.');
    // @octokit/webhooks is ESM-only; Node 20.19+ loads it from CommonJS.
    const { Webhooks } = await import('@octokit/webhooks');
    let valid = false;
    try {
      valid = await new Webhooks({ secret }).verify(body.toString('utf8'), signature);
    } catch {
      valid = false;
    }
    if (!valid) throw unauthorized('X-Hub-Signature-256 does not match the body.');
  }

  async receive({ event, delivery, signature, body }: GithubDelivery): Promise<GithubWebhookOutcome> {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    await this.verify(bytes, signature);
    if (!event || !delivery || !/^[\w-]{1,100}$/.test(delivery)) {
      throw new Problem(400, 'invalid-request', 'Invalid request', 'X-GitHub-Event and X-GitHub-Delivery are required.');
    }
    const outcome: GithubWebhookOutcome = { delivery, event, audits: [], skipped: [] };
    if (event !== 'push') return outcome;
    let push: PushPayload;
    try {
      push = JSON.parse(bytes.toString('utf8')) as PushPayload;
    } catch {
      throw new Problem(400, 'malformed-body', 'Malformed request body', 'The push payload is not JSON (set the webhook content type to application/json).');
    }
    const fullName = push.repository?.full_name;
    if (typeof push.ref !== 'string' || typeof fullName !== 'string') throw new Problem(400, 'invalid-request', 'Invalid request', 'A push names its ref and repository.full_name.');
    if (push.deleted === true) return outcome;
    const commit = typeof push.after === 'string' ? push.after : null;
    const defaultBranch = typeof push.repository?.default_branch === 'string' ? push.repository.default_branch : null;
    for (const link of await this.triggers.githubLinks(fullName)) {
      const branch = link.ref ?? defaultBranch;
      if (push.ref !== `refs/heads/${branch}`) {
        outcome.skipped.push({ projectId: link.projectId, reason: `the project reads ${branch ?? 'the default branch'}, not ${push.ref}` });
      } else if (commit && link.commitSha === commit) {
        outcome.skipped.push({ projectId: link.projectId, reason: `commit ${commit} is the one last audited` });
      } else if (!outcome.audits.some((a) => a.projectId === link.projectId)) {
        const { audit, created } = await this.audits.createTriggered(link.projectId, { kind: 'github', delivery, repository: fullName, ref: push.ref, commit }, `github:${delivery}:${link.projectId}`);
        if (created) await this.queue.add(AuditJob.ingest, { auditId: audit.id }, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(audit.id, AuditJob.ingest) });
        outcome.audits.push({ projectId: link.projectId, auditId: audit.id, created });
      }
    }
    return outcome;
  }
}
