import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access';
import { GithubWebhookService, type GithubWebhookOutcome } from './github-webhook.service';

const OUTCOME_SCHEMA = {
  type: 'object',
  required: ['delivery', 'event', 'audits', 'skipped'],
  properties: {
    delivery: { type: 'string' },
    event: { type: 'string' },
    audits: { type: 'array', items: { type: 'object', properties: { projectId: { type: 'string', format: 'uuid' }, auditId: { type: 'string', format: 'uuid' }, created: { type: 'boolean', description: 'false when this delivery had started it already' } } } },
    skipped: { type: 'array', items: { type: 'object', properties: { projectId: { type: 'string', format: 'uuid' }, reason: { type: 'string' } } } },
  },
};

@ApiTags('re-audits')
@Controller('v1/webhooks')
export class GithubWebhookController {
  constructor(private readonly webhooks: GithubWebhookService) {}

  /**
   * GitHub push webhook (content type application/json, the secret from PUT /v1/projects/{id}/github-webhook-secret):
   * a push to the branch a project's repository source reads re-audits the project. Public: the signature is the credential.
   */
  @Post('github')
  @ApiOperation({ summary: 'Receive a GitHub push and re-audit the projects it concerns' })
  @Access.public()
  @HttpCode(202)
  @ApiHeader({ name: 'X-Hub-Signature-256', required: true, description: "sha256=HMAC of the body with the project's webhook secret" })
  @ApiHeader({ name: 'X-GitHub-Event', required: true })
  @ApiHeader({ name: 'X-GitHub-Delivery', required: true, description: 'a delivery re-sent by GitHub starts nothing new' })
  // Deduplicated by X-GitHub-Delivery instead: GitHub sends no Idempotency-Key.
  @ApiExtension('x-idempotency-key', false)
  @ApiResponse({ status: 202, description: 'The re-audits this delivery started (or had started) and the projects it skipped, among those whose secret signed it.', schema: OUTCOME_SCHEMA })
  @ApiResponse({ status: 400, description: 'No event or delivery id, or a push payload that is not JSON.' })
  @ApiResponse({ status: 401, description: 'Missing X-Hub-Signature-256, or signed with the secret of no project linked to the repository; nothing is enqueued.' })
  receive(
    @Req() req: Request,
    @Headers('x-github-event') event: string | undefined,
    @Headers('x-github-delivery') delivery: string | undefined,
    @Headers('x-hub-signature-256') signature: string | undefined,
  ): Promise<GithubWebhookOutcome> {
    return this.webhooks.receive({ event, delivery, signature, body: req.body });
  }
}
