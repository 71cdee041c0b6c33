import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { WEBHOOK_EVENTS } from '@apiaudit/domain';
import { WebhookRepository, type WebhookRecord } from '@apiaudit/db';
import { Access } from '../auth/access';
import { type Answer, created } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { pageByRowId, PageQueryDto } from '../http/page';
import { Problem } from '../http/problem';
import { SendsLocation } from '../http/response-headers';
import { CreateWebhookDto, DeliveryPageDto, DeliveryQueryDto, WebhookDto, WebhookPageDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

const view = (record: WebhookRecord): WebhookDto => ({ ...record, events: [...WEBHOOK_EVENTS] });

/** A project's outbound webhooks: registered by consultants, told when each audit of the project ends. */
@ApiTags('re-audits')
@Controller('v1/projects/:id')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly registrations: WebhooksService,
  ) {}

  /** Registers a URL: each audit of the project that ends is POSTed to it, signed, with its comparison (regressions first). */
  @Post('webhooks')
  @ApiOperation({ summary: 'Register a webhook told when each audit ends' })
  @Access.to('configure', 'project')
  @Idempotent()
  @ApiResponse({ status: 201, type: WebhookDto })
  @SendsLocation(201)
  @ApiResponse({ status: 503, description: 'The deployment has no APIAUDIT_TOKEN_KEY to seal the secret with.' })
  async create(@Param('id', ParseUUIDPipe) projectId: string, @Body() dto: CreateWebhookDto): Promise<Answer<WebhookDto>> {
    const webhook = await this.registrations.create(projectId, dto.url, dto.secret);
    return created(view(webhook), `/v1/projects/${projectId}/webhooks`);
  }

  @Get('webhooks')
  @ApiOperation({ summary: "List the project's webhooks" })
  @Access.to('configure', 'project')
  @ApiOkResponse({ type: WebhookPageDto })
  async list(@Param('id', ParseUUIDPipe) projectId: string, @Query() page: PageQueryDto): Promise<WebhookPageDto> {
    const result = await pageByRowId(page, { path: `/v1/projects/${projectId}/webhooks` }, (limit, after) => this.webhooks.list(projectId, limit, after));
    return { items: result.items.map(view), next: result.next };
  }

  @Delete('webhooks/:webhookId')
  @ApiOperation({ summary: 'Remove a webhook and its delivery log' })
  @Access.to('configure', 'project')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Removed, with its delivery log.' })
  async remove(@Param('id', ParseUUIDPipe) projectId: string, @Param('webhookId', ParseUUIDPipe) webhookId: string): Promise<void> {
    if (!(await this.webhooks.remove(projectId, webhookId))) throw new Problem(404, 'not-found', 'Webhook not found', `Project ${projectId} has no webhook ${webhookId}.`);
  }

  /** The delivery log, newest first: each delivery's event, audit, status and every attempt with the receiver's answer. */
  @Get('webhook-deliveries')
  @ApiOperation({ summary: 'List webhook deliveries and their attempts, newest first' })
  @Access.to('configure', 'project')
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@Param('id', ParseUUIDPipe) projectId: string, @Query() query: DeliveryQueryDto): Promise<DeliveryPageDto> {
    return pageByRowId(query, { path: `/v1/projects/${projectId}/webhook-deliveries`, query: { webhookId: query.webhookId } }, (limit, after) =>
      this.webhooks.deliveries(projectId, limit, after, query.webhookId),
    );
  }
}
