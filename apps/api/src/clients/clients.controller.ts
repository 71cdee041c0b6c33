import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access';
import { AccountsService } from '../auth/accounts.service';
import { CreateInvitationDto, InvitationDto } from '../auth/auth.dto';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { TenantScope } from '../auth/tenant-scope.service';
import { type Answer, created } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { PageQueryDto } from '../http/page';
import { SendsLocation } from '../http/response-headers';
import { CatalogPagesService } from './catalog-pages.service';
import { ClientsService } from './clients.service';
import { ClientDto, ClientPageDto, CreateClientDto, CreateProjectDto, ProjectDto, ProjectPageDto } from './client.dto';

@ApiTags('clients')
@Controller('v1')
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly accounts: AccountsService,
    private readonly scope: TenantScope,
    private readonly pages: CatalogPagesService,
  ) {}

  @Post('clients')
  @ApiOperation({ summary: 'Create a client' })
  @Access.consultant()
  @Idempotent()
  @ApiResponse({ status: 201, type: ClientDto })
  @SendsLocation(201)
  async createClient(@Body() dto: CreateClientDto): Promise<Answer<ClientDto>> {
    const client = await this.clients.createClient(dto.name);
    return created(client, `/v1/clients/${client.id}`);
  }

  /** Every client for a consultant; a client user's own client only. Oldest first. */
  @Get('clients')
  @ApiOperation({ summary: 'List the clients the caller can see' })
  @Access.signedIn()
  @ApiOkResponse({ type: ClientPageDto })
  async listClients(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<ClientPageDto> {
    return this.pages.clients(this.scope.visibleClient(principal), page);
  }

  @Get('clients/:id')
  @ApiOperation({ summary: 'Get a client' })
  @Access.to('read', 'client')
  @ApiOkResponse({ type: ClientDto })
  getClient(@Param('id', ParseUUIDPipe) id: string): Promise<ClientDto> {
    return this.clients.client(id);
  }

  @Post('clients/:id/projects')
  @ApiOperation({ summary: 'Create a project of the client' })
  @Access.to('write', 'client')
  @Idempotent()
  @ApiResponse({ status: 201, type: ProjectDto })
  @SendsLocation(201)
  async createProject(@Param('id', ParseUUIDPipe) clientId: string, @Body() dto: CreateProjectDto): Promise<Answer<ProjectDto>> {
    const project = await this.clients.createProject(clientId, dto.name);
    return created(project, `/v1/projects/${project.id}`);
  }

  @Get('clients/:id/projects')
  @ApiOperation({ summary: "List the client's projects" })
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
  @ApiOperation({ summary: 'Invite someone into the client' })
  @Access.to('invite', 'client')
  @Idempotent()
  @ApiResponse({ status: 201, type: InvitationDto })
  invite(@Param('id', ParseUUIDPipe) clientId: string, @Body() dto: CreateInvitationDto, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<InvitationDto> {
    return this.accounts.invite(principal, clientId, dto.email, dto.role, req.ip ?? null);
  }

  @Get('projects/:id')
  @ApiOperation({ summary: 'Get a project' })
  @Access.to('read', 'project')
  @ApiOkResponse({ type: ProjectDto })
  getProject(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return this.clients.project(id);
  }
}
