import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CatalogRepository } from '@apiaudit/db';
import { Access } from '../auth/access';
import { AccountsService } from '../auth/accounts.service';
import { CreateInvitationDto, InvitationDto } from '../auth/auth.dto';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { TenantScope } from '../auth/tenant-scope.service';
import { IdempotencyService } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { notFound } from '../http/problem';
import { CatalogPagesService } from './catalog-pages.service';
import { ClientDto, ClientPageDto, CreateClientDto, CreateProjectDto, ProjectDto, ProjectPageDto } from './client.dto';

@ApiTags('clients')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a POST safe to retry.' })
@Controller('v1')
export class ClientsController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly idempotency: IdempotencyService,
    private readonly accounts: AccountsService,
    private readonly scope: TenantScope,
    private readonly pages: CatalogPagesService,
  ) {}

  @Post('clients')
  @Access.consultant()
  @ApiResponse({ status: 201, type: ClientDto })
  async createClient(@Body() dto: CreateClientDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.idempotency.run(req, res, dto, async () => {
      const client = await this.catalog.createClient(dto.name);
      return { status: 201, headers: { Location: `/v1/clients/${client.id}` }, body: client };
    });
  }

  /** Every client for a consultant; a client user's own client only. Oldest first. */
  @Get('clients')
  @Access.signedIn()
  @ApiOkResponse({ type: ClientPageDto })
  async listClients(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<ClientPageDto> {
    return this.pages.clients(this.scope.visibleClient(principal), page);
  }

  @Get('clients/:id')
  @Access.to('read', 'client')
  @ApiOkResponse({ type: ClientDto })
  async getClient(@Param('id', ParseUUIDPipe) id: string): Promise<ClientDto> {
    const client = await this.catalog.findClient(id);
    if (!client) throw notFound('Client', id);
    return client;
  }

  @Post('clients/:id/projects')
  @Access.to('write', 'client')
  @ApiResponse({ status: 201, type: ProjectDto })
  async createProject(@Param('id', ParseUUIDPipe) clientId: string, @Body() dto: CreateProjectDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.idempotency.run(req, res, dto, async () => {
      const project = await this.catalog.createProject(clientId, dto.name);
      return { status: 201, headers: { Location: `/v1/projects/${project.id}` }, body: project };
    });
  }

  @Get('clients/:id/projects')
  @Access.to('read', 'client')
  @ApiOkResponse({ type: ProjectPageDto })
  async listProjects(@Param('id', ParseUUIDPipe) clientId: string, @Query() page: PageQueryDto): Promise<ProjectPageDto> {
    return this.pages.projects(clientId, page);
  }

  /**
   * Invites someone into the client: consultants invite either client role, a client-admin invites viewers.
   * The answer holds the single-use token and the portal URL that accepts it.
   */
  @Post('clients/:id/invitations')
  @Access.to('invite', 'client')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a POST safe to retry.' })
  @ApiResponse({ status: 201, type: InvitationDto })
  async invite(@Param('id', ParseUUIDPipe) clientId: string, @Body() dto: CreateInvitationDto, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.idempotency.run(req, res, JSON.stringify(dto), async () => ({
      status: 201,
      headers: {},
      body: await this.accounts.invite(principal, clientId, dto.email, dto.role, req.ip ?? null),
    }));
  }

  @Get('projects/:id')
  @Access.to('read', 'project')
  @ApiOkResponse({ type: ProjectDto })
  async getProject(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    const project = await this.catalog.findProject(id);
    if (!project) throw notFound('Project', id);
    return project;
  }
}
