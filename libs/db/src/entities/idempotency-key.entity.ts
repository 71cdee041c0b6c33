import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type IdempotencyState = 'in-progress' | 'completed';

/**
 * A POST with an Idempotency-Key: claimed `in-progress` before its work runs, then `completed` with the first
 * response, which retries with the same key and body get again.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  /** The principal the key belongs to; '' for requests without one. */
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  route: string;

  @PrimaryColumn('text')
  key: string;

  @Column('char', { length: 64, name: 'request_hash' })
  requestHash: string;

  @Column('text')
  state: IdempotencyState;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  @Column('int', { nullable: true })
  status: number | null;

  @Column('jsonb', { nullable: true })
  headers: Record<string, string> | null;

  @Column('jsonb', { nullable: true })
  body: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
