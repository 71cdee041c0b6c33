import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { sealToken, WebhookRepository, webhookSecretContext, type PlatformConfig, type WebhookRecord } from '@apiaudit/db';
import { Problem } from '../http/problem';
import { PLATFORM_CONFIG } from '../sources/sources.service';

/** The problem a deployment without APIAUDIT_TOKEN_KEY answers when asked to store a secret. */
export function noSecretStorage(what: string): Problem {
  return new Problem(
    503,
    'token-storage-unavailable',
    'Secrets cannot be stored',
    `This deployment has no key to encrypt ${what} with (APIAUDIT_TOKEN_KEY is not set), so it refuses to store one. Ask the operator to set it.`,
  );
}

/** A project's outbound webhooks: the signing secret is sealed under APIAUDIT_TOKEN_KEY, bound to its webhook, and only the worker opens it. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  create(projectId: string, url: string, secret: string): Promise<WebhookRecord> {
    if (!this.config.tokenKey) throw noSecretStorage('webhook secrets');
    const id = randomUUID();
    return this.webhooks.create({ id, projectId, url, secretSealed: sealToken(secret, this.config.tokenKey, webhookSecretContext(id)) });
  }
}
