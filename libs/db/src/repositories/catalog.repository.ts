import type { DataSource } from 'typeorm';
import { ClientEntity } from '../entities/client.entity';
import { ProjectEntity } from '../entities/project.entity';

/** Clients and their projects: the tenancy every audit hangs off. */
export class CatalogRepository {
  constructor(private readonly db: DataSource) {}

  createClient(name: string): Promise<ClientEntity> {
    return this.db.getRepository(ClientEntity).save({ name });
  }

  findClient(id: string): Promise<ClientEntity | null> {
    return this.db.getRepository(ClientEntity).findOneBy({ id });
  }

  createProject(clientId: string, name: string): Promise<ProjectEntity> {
    return this.db.getRepository(ProjectEntity).save({ clientId, name });
  }

  findProject(id: string): Promise<ProjectEntity | null> {
    return this.db.getRepository(ProjectEntity).findOneBy({ id });
  }
}
