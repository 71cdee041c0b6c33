import type { DataSource } from 'typeorm';

/** What the readiness probe asks of PostgreSQL. */
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  /** Resolves when the database answers a query; rejects with its error otherwise. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
