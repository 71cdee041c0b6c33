import { Injectable } from '@nestjs/common';
import { CatalogRepository, type AuditEntity, type ClientEntity, type KeysetPage, type ProjectEntity } from '@apiaudit/db';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, isUuid, nextLink, type PageQueryDto } from '../http/page';

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Turns a keyset page of the repository into the `{items, next}` every listing answers; the cursor is the last id. */
export async function listPage<T>(path: string, query: PageQueryDto, fetch: (after: string | undefined, limit: number) => Promise<KeysetPage<T>>): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const result = await fetch(decodeCursor(query.cursor, isUuid), limit);
  return { items: result.items, next: nextLink(path, { limit }, result.after && encodeCursor(result.after)) };
}

/** The catalog's listings (clients, a client's projects, a project's audits), paged; controllers only pass them on. */
@Injectable()
export class CatalogPagesService {
  constructor(private readonly catalog: CatalogRepository) {}

  /** Oldest first; `onlyClientId` narrows it to a client user's own client. */
  clients(onlyClientId: string | null, query: PageQueryDto): Promise<Page<ClientEntity>> {
    return listPage('/v1/clients', query, (after, limit) => this.catalog.listClients(onlyClientId, after, limit));
  }

  projects(clientId: string, query: PageQueryDto): Promise<Page<ProjectEntity>> {
    return listPage(`/v1/clients/${clientId}/projects`, query, (after, limit) => this.catalog.listProjects(clientId, after, limit));
  }

  /** Newest first. */
  audits(projectId: string, query: PageQueryDto): Promise<Page<AuditEntity>> {
    return listPage(`/v1/projects/${projectId}/audits`, query, (after, limit) => this.catalog.listAudits(projectId, after, limit));
  }
}
