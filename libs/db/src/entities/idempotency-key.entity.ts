import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a POST with an Idempotency-Key, replayed for retries with the same key and body. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('text')
  key: string;

  @PrimaryColumn('text')
  route: string;

  @Column('char', { length: 64, name: 'request_hash' })
  requestHash: string;

  @Column('int')
  status: number;

  @Column('jsonb')
  headers: Record<string, string>;

  @Column('jsonb', { nullable: true })
  body: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
