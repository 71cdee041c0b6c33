import type { DataSource } from 'typeorm';
import { AuditEntity } from '../entities/audit.entity';
import { ClientEntity } from '../entities/client.entity';
import { ProjectEntity } from '../entities/project.entity';

/** One page of a listing; `after` is the id of the last item, for the next page. */
export interface KeysetPage<T> {
  items: T[];
  after?: string;
}

/** A project's apiaudit.yaml as it was sent. */
export interface StoredAuditConfig {
  text: string;
  mediaType: 'application/yaml' | 'application/json';
  updatedAt: Date;
}

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

  /** Replaces the project's audit config; null when there is no such project. */
  async saveAuditConfig(projectId: string, config: Omit<StoredAuditConfig, 'updatedAt'>): Promise<StoredAuditConfig | null> {
    const updatedAt = new Date();
    const result = await this.db.getRepository(ProjectEntity).update({ id: projectId }, { auditConfig: config.text, auditConfigMediaType: config.mediaType, auditConfigUpdatedAt: updatedAt });
    return result.affected ? { ...config, updatedAt } : null;
  }

  /** The project's audit config, or null when it has none (or there is no such project). */
  async auditConfigOf(projectId: string): Promise<StoredAuditConfig | null> {
    const row = await this.db
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .select(['p.id', 'p.auditConfig', 'p.auditConfigMediaType', 'p.auditConfigUpdatedAt'])
      .where('p.id = :projectId', { projectId })
      .getOne();
    if (!row?.auditConfig || !row.auditConfigUpdatedAt) return null;
    return { text: row.auditConfig, mediaType: row.auditConfigMediaType === 'application/json' ? 'application/json' : 'application/yaml', updatedAt: row.auditConfigUpdatedAt };
  }

  /** Oldest first; `onlyClientId` narrows the listing to one client (a client user's own). */
  listClients(onlyClientId: string | null, after: string | undefined, limit: number): Promise<KeysetPage<ClientEntity>> {
    const query = this.db.getRepository(ClientEntity).createQueryBuilder('c');
    if (onlyClientId) query.andWhere('c.id = :onlyClientId', { onlyClientId });
    if (after) query.andWhere('(c.created_at, c.id) > (SELECT created_at, id FROM clients WHERE id = :after)', { after });
    return this.page(query.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC'), limit);
  }

  listProjects(clientId: string, after: string | undefined, limit: number): Promise<KeysetPage<ProjectEntity>> {
    const query = this.db.getRepository(ProjectEntity).createQueryBuilder('p').where('p.client_id = :clientId', { clientId });
    if (after) query.andWhere('(p.created_at, p.id) > (SELECT created_at, id FROM projects WHERE id = :after)', { after });
    return this.page(query.orderBy('p.created_at', 'ASC').addOrderBy('p.id', 'ASC'), limit);
  }

  /** Newest first: the portal shows the latest audit on top and draws the trend from the rest. */
  listAudits(projectId: string, after: string | undefined, limit: number): Promise<KeysetPage<AuditEntity>> {
    const query = this.db.getRepository(AuditEntity).createQueryBuilder('a').where('a.project_id = :projectId', { projectId });
    if (after) query.andWhere('(a.created_at, a.id) < (SELECT created_at, id FROM audits WHERE id = :after)', { after });
    return this.page(query.orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC'), limit);
  }

  private async page<T extends { id: string }>(query: { take(n: number): { getMany(): Promise<T[]> } }, limit: number): Promise<KeysetPage<T>> {
    const rows = await query.take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    return { items, ...(rows.length > limit ? { after: items[items.length - 1].id } : {}) };
  }
}
