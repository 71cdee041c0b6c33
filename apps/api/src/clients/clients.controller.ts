import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CatalogRepository } from '@apiaudit/db';
import { sendWithEtag } from '../http/etag';
import { IdempotencyService } from '../http/idempotency';
import { notFound } from '../http/problem';
import { CreateClientDto, CreateProjectDto } from './client.dto';

@ApiTags('clients')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a POST safe to retry.' })
@Controller('v1')
export class ClientsController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('clients')
  async createClient(@Body() dto: CreateClientDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.idempotency.run(req, res, JSON.stringify(dto), async () => {
      const client = await this.catalog.createClient(dto.name);
      return { status: 201, headers: { Location: `/v1/clients/${client.id}` }, body: client };
    });
  }

  @Get('clients/:id')
  async getClient(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const client = await this.catalog.findClient(id);
    if (!client) throw notFound('Client', id);
    sendWithEtag(req, res, client);
  }

  @Post('clients/:id/projects')
  async createProject(@Param('id', ParseUUIDPipe) clientId: string, @Body() dto: CreateProjectDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.catalog.findClient(clientId))) throw notFound('Client', clientId);
    await this.idempotency.run(req, res, JSON.stringify(dto), async () => {
      const project = await this.catalog.createProject(clientId, dto.name);
      return { status: 201, headers: { Location: `/v1/projects/${project.id}` }, body: project };
    });
  }

  @Get('projects/:id')
  async getProject(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const project = await this.catalog.findProject(id);
    if (!project) throw notFound('Project', id);
    sendWithEtag(req, res, project);
  }
}
