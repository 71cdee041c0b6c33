import { Injectable } from '@nestjs/common';
import { CatalogRepository } from '@apiaudit/db';
import { notFound } from '../http/problem';
import type { ClientDto, ProjectDto } from './client.dto';

/** Client organisations and their projects; tenant access was settled by the AuthGuard before any method runs. */
@Injectable()
export class ClientsService {
  constructor(private readonly catalog: CatalogRepository) {}

  createClient(name: string): Promise<ClientDto> {
    return this.catalog.createClient(name);
  }

  async client(id: string): Promise<ClientDto> {
    const client = await this.catalog.findClient(id);
    if (!client) throw notFound('Client', id);
    return client;
  }

  createProject(clientId: string, name: string): Promise<ProjectDto> {
    return this.catalog.createProject(clientId, name);
  }

  async project(id: string): Promise<ProjectDto> {
    const project = await this.catalog.findProject(id);
    if (!project) throw notFound('Project', id);
    return project;
  }
}
