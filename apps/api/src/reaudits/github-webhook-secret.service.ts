import { Inject, Injectable } from '@nestjs/common';
import { githubWebhookSecretContext, ReauditTriggerRepository, sealToken, type GithubSecretRecord, type PlatformConfig } from '@apiaudit/db';
import { Problem } from '../http/problem';
import { PLATFORM_CONFIG } from '../sources/sources.service';
import type { GithubWebhookSecretDto } from './github-webhook-secret.dto';
import { noSecretStorage } from './webhooks.service';

const WEBHOOK_URL = '/v1/webhooks/github';
const none = (projectId: string) => new Problem(404, 'not-found', 'No GitHub webhook secret', `Project ${projectId} has no GitHub webhook secret; pushes do not re-audit it.`);

/**
 * A project's GitHub push webhook secret: sealed under APIAUDIT_TOKEN_KEY, bound to the project, never read back
 * for the API. Setting it again rotates it: deliveries signed with the old one are refused from then on.
 */
@Injectable()
export class GithubWebhookSecretService {
  constructor(
    private readonly triggers: ReauditTriggerRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async set(projectId: string, secret: string): Promise<GithubWebhookSecretDto> {
    if (!this.config.tokenKey) throw noSecretStorage('webhook secrets');
    return this.view(await this.triggers.saveGithubSecret(projectId, sealToken(secret, this.config.tokenKey, githubWebhookSecretContext(projectId))));
  }

  async get(projectId: string): Promise<GithubWebhookSecretDto> {
    const saved = await this.triggers.findGithubSecret(projectId);
    if (!saved) throw none(projectId);
    return this.view(saved);
  }

  async remove(projectId: string): Promise<void> {
    if (!(await this.triggers.removeGithubSecret(projectId))) throw none(projectId);
  }

  private view({ projectId, setAt }: GithubSecretRecord): GithubWebhookSecretDto {
    return { projectId, webhookUrl: WEBHOOK_URL, setAt };
  }
}
