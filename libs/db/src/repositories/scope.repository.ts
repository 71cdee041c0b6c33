import type { DataSource } from 'typeorm';

/** Every resource a tenant owns, directly or through its project. */
export const SCOPED_RESOURCES = ['client', 'project', 'source', 'audit'] as const;
export type ScopedResource = (typeof SCOPED_RESOURCES)[number];

const OWNER_QUERIES: Record<ScopedResource, string> = {
  client: `SELECT id AS "clientId" FROM clients WHERE id = $1`,
  project: `SELECT client_id AS "clientId" FROM projects WHERE id = $1`,
  source: `SELECT p.client_id AS "clientId" FROM sources s JOIN projects p ON p.id = s.project_id WHERE s.id = $1`,
  audit: `SELECT p.client_id AS "clientId" FROM audits a JOIN projects p ON p.id = a.project_id WHERE a.id = $1`,
};

/** The one question tenant isolation asks: which client owns this resource? */
export class ScopeRepository {
  constructor(private readonly db: DataSource) {}

  /** The owning client's id, or null when the resource does not exist. */
  async ownerOf(resource: ScopedResource, id: string): Promise<string | null> {
    const rows: { clientId: string }[] = await this.db.query(OWNER_QUERIES[resource], [id]);
    return rows[0]?.clientId ?? null;
  }
}
