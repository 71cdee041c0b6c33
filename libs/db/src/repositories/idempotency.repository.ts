import type { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from '../entities/idempotency-key.entity';

export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  find(key: string, route: string): Promise<IdempotencyKeyEntity | null> {
    return this.db.getRepository(IdempotencyKeyEntity).findOneBy({ key, route });
  }

  /** First writer wins: a concurrent retry that lost the race reads the stored response instead. */
  async remember(entry: Omit<IdempotencyKeyEntity, 'createdAt'>): Promise<void> {
    await this.db.getRepository(IdempotencyKeyEntity).createQueryBuilder().insert().values(entry as never).orIgnore().execute();
  }
}
