import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, AuditJob, auditJobId } from '@apiaudit/domain';
import { AuditRepository, githubWebhookSecretContext, openToken, ReauditTriggerRepository, type PlatformConfig, type RepositoryLink } from '@apiaudit/db';
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
 * GitHub push webhooks. Each project has its own secret (GithubWebhookSecretService), so the body is parsed only as
 * far as `repository.full_name` to find the projects linked to that repository, and verified with @octokit/webhooks
 * against each one's secret before anything else is read from it. Only the projects whose secret signed the delivery
 * are acted on or named in the answer (GitHub sends one delivery per project's hook). A push to the branch a project's
 * repository source reads re-audits that project, once per delivery (`github:<delivery>:<project>` is the audit's
 * trigger key), and not when the pushed commit is the one last scanned.
 */
@Injectable()
export class GithubWebhookService {
  private readonly log = new Logger(GithubWebhookService.name);

  constructor(
    private readonly audits: AuditRepository,
    private readonly triggers: ReauditTriggerRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The links of the projects whose secret signed `text`; a secret that cannot be opened verifies nothing. */
  private async verifiedLinks(text: string, signature: string, links: RepositoryLink[]): Promise<RepositoryLink[]> {
    // @octokit/webhooks is ESM-only; Node 20.19+ loads it from CommonJS.
    const { Webhooks } = await import('@octokit/webhooks');
    const verdicts = new Map<string, boolean>();
    for (const link of links) {
      if (verdicts.has(link.projectId)) continue;
      let valid = false;
      try {
        const secret = openToken(link.secretSealed, this.config.tokenKey!, githubWebhookSecretContext(link.projectId));
        valid = await new Webhooks({ secret }).verify(text, signature);
      } catch (error) {
        if (!(error instanceof Error && /signature/i.test(error.message))) this.log.warn(`project ${link.projectId}: its GitHub webhook secret cannot be opened with this APIAUDIT_TOKEN_KEY`);
      }
      verdicts.set(link.projectId, valid);
    }
    return links.filter((link) => verdicts.get(link.projectId));
  }

  async receive({ event, delivery, signature, body }: GithubDelivery): Promise<GithubWebhookOutcome> {
    if (!signature) throw unauthorized('X-Hub-Signature-256 is missing: set the secret of the project\'s GitHub webhook (PUT /v1/projects/{id}/github-webhook-secret).');
    if (!event || !delivery || !/^[\w-]{1,100}$/.test(delivery)) {
      throw new Problem(400, 'invalid-request', 'Invalid request', 'X-GitHub-Event and X-GitHub-Delivery are required.');
    }
    const text = (Buffer.isBuffer(body) ? body : Buffer.alloc(0)).toString('utf8');
    let payload: PushPayload | null;
    try {
      payload = JSON.parse(text) as PushPayload | null;
    } catch {
      throw new Problem(400, 'malformed-body', 'Malformed request body', 'The payload is not JSON (set the webhook content type to application/json).');
    }
    const fullName = payload?.repository?.full_name;
    const linked = typeof fullName === 'string' && this.config.tokenKey ? await this.triggers.githubLinks(fullName) : [];
    const links = await this.verifiedLinks(text, signature, linked);
    // One answer whether the repository is linked to no project or to others': it tells a stranger nothing.
    if (links.length === 0) throw unauthorized('X-Hub-Signature-256 does not match the body signed with the secret of a project linked to this repository.');
    const outcome: GithubWebhookOutcome = { delivery, event, audits: [], skipped: [] };
    if (event !== 'push') return outcome;
    const push = payload!;
    if (typeof push.ref !== 'string') throw new Problem(400, 'invalid-request', 'Invalid request', 'A push names its ref and repository.full_name.');
    if (push.deleted === true) return outcome;
    const commit = typeof push.after === 'string' ? push.after : null;
    const defaultBranch = typeof push.repository?.default_branch === 'string' ? push.repository.default_branch : null;
    for (const link of links) {
      const branch = link.ref ?? defaultBranch;
      if (push.ref !== `refs/heads/${branch}`) {
        outcome.skipped.push({ projectId: link.projectId, reason: `the project reads ${branch ?? 'the default branch'}, not ${push.ref}` });
      } else if (commit && link.commitSha === commit) {
        outcome.skipped.push({ projectId: link.projectId, reason: `commit ${commit} is the one last audited` });
      } else if (!outcome.audits.some((a) => a.projectId === link.projectId)) {
        const { audit, created } = await this.audits.createTriggered(link.projectId, { kind: 'github', delivery, repository: fullName as string, ref: push.ref, commit }, `github:${delivery}:${link.projectId}`);
        if (created) await this.queue.add(AuditJob.ingest, { auditId: audit.id }, { ...AUDIT_JOB_OPTIONS, jobId: auditJobId(audit.id, AuditJob.ingest) });
        outcome.audits.push({ projectId: link.projectId, auditId: audit.id, created });
      }
    }
    return outcome;
  }
}
