import { Controller, Get, Headers, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access';
import { Answer, Representation } from '../http/answer';
import { AUDIT_CONFIG_SCHEMA, SavedAuditConfigDto } from './project-config.dto';
import { ProjectConfigService } from './project-config.service';

/** A project's apiaudit.yaml: what every audit of the project applies, as the CLI's `--config` does. */
@ApiTags('clients')
@Controller('v1/projects/:id/config')
export class ProjectConfigController {
  constructor(private readonly configs: ProjectConfigService) {}

  /** Replaces the config. The body is the apiaudit.yaml itself, as YAML or JSON; a bad one is a 422 naming the key. */
  @Put()
  @ApiOperation({ summary: "Replace the project's apiaudit.yaml" })
  @Access.to('write', 'project')
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ required: true, schema: AUDIT_CONFIG_SCHEMA })
  @ApiOkResponse({ type: SavedAuditConfigDto })
  @ApiResponse({ status: 415, description: 'The body is neither YAML nor JSON.' })
  @ApiResponse({ status: 422, description: 'The config is invalid; `detail` says why and `key` names the offending key.' })
  replace(@Param('id', ParseUUIDPipe) projectId: string, @Headers('content-type') contentType: string | undefined, @Req() req: Request): Promise<SavedAuditConfigDto> {
    return this.configs.replace(projectId, contentType, typeof req.body === 'string' ? req.body : '');
  }

  /** The config as it was sent (YAML or JSON); 404 when the project has none (its audits use the defaults). */
  @Get()
  @ApiOperation({ summary: "Get the project's apiaudit.yaml as it was sent" })
  @Access.to('read', 'project')
  @ApiProduces('application/yaml', 'application/json')
  @ApiOkResponse({ description: 'The apiaudit.yaml, in the media type it was sent with.', content: { 'application/yaml': { schema: AUDIT_CONFIG_SCHEMA }, 'application/json': { schema: AUDIT_CONFIG_SCHEMA } } })
  async current(@Param('id', ParseUUIDPipe) projectId: string): Promise<Answer<Representation>> {
    const stored = await this.configs.current(projectId);
    return new Answer(200, new Representation(stored.text, stored.mediaType), { 'Last-Modified': stored.updatedAt.toUTCString() });
  }
}
