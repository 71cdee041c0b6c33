import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { GithubWebhookSecretDto, PutGithubWebhookSecretDto } from './github-webhook-secret.dto';
import { GithubWebhookSecretService } from './github-webhook-secret.service';

/** The secret GitHub signs a project's push webhooks with: consultants set (and rotate) it, nobody reads it back. */
@ApiTags('re-audits')
@Controller('v1/projects/:id/github-webhook-secret')
export class GithubWebhookSecretController {
  constructor(private readonly secrets: GithubWebhookSecretService) {}

  /** Sets the secret of the project's GitHub push webhook, replacing any (a rotation). */
  @Put()
  @ApiOperation({ summary: "Set (or rotate) the project's GitHub webhook secret" })
  @Access.to('configure', 'project')
  @ApiOkResponse({ type: GithubWebhookSecretDto })
  @ApiResponse({ status: 400, description: 'No secret, or one shorter than 16 or longer than 200 characters.' })
  @ApiResponse({ status: 503, description: 'The deployment has no APIAUDIT_TOKEN_KEY to seal the secret with.' })
  set(@Param('id', ParseUUIDPipe) projectId: string, @Body() dto: PutGithubWebhookSecretDto): Promise<GithubWebhookSecretDto> {
    return this.secrets.set(projectId, dto.secret);
  }

  @Get()
  @ApiOperation({ summary: 'Say whether the project has a GitHub webhook secret' })
  @Access.to('read', 'project')
  @ApiOkResponse({ type: GithubWebhookSecretDto, description: 'Whether the project has a secret and since when (never the secret).' })
  @ApiResponse({ status: 404, description: 'No secret: pushes do not re-audit the project.' })
  get(@Param('id', ParseUUIDPipe) projectId: string): Promise<GithubWebhookSecretDto> {
    return this.secrets.get(projectId);
  }

  @Delete()
  @ApiOperation({ summary: "Remove the project's GitHub webhook secret" })
  @Access.to('configure', 'project')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Removed: pushes no longer re-audit the project.' })
  async remove(@Param('id', ParseUUIDPipe) projectId: string): Promise<void> {
    await this.secrets.remove(projectId);
  }
}
