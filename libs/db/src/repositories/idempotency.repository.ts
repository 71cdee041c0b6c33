import type { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from '../entities/idempotency-key.entity';

export interface IdempotencyKeyRef {
  scope: string;
  route: string;
  key: string;
}

export interface CompletedAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims the key for one request, atomically: the first insert wins and every concurrent one sees the row.
   * A claim not refreshed for `staleAfterMs` (its process died mid-request) is taken over. True when claimed.
   */
  async claim(ref: IdempotencyKeyRef, requestHash: string, staleAfterMs: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO idempotency_keys (scope, route, key, request_hash, state, claimed_at)
       VALUES ($1, $2, $3, $4, 'in-progress', now())
       ON CONFLICT (scope, route, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, claimed_at = now()
         WHERE idempotency_keys.state = 'in-progress' AND idempotency_keys.claimed_at < now() - make_interval(secs => $5::double precision / 1000)
       RETURNING key`,
      [ref.scope, ref.route, ref.key, requestHash, staleAfterMs],
    );
    return rows.length === 1;
  }

  find(ref: IdempotencyKeyRef): Promise<IdempotencyKeyEntity | null> {
    return this.db.getRepository(IdempotencyKeyEntity).findOneBy({ ...ref });
  }

  /** Keeps a running claim from being taken over as stale. */
  async refresh(ref: IdempotencyKeyRef): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET claimed_at = now() WHERE scope = $1 AND route = $2 AND key = $3 AND state = 'in-progress'`, [ref.scope, ref.route, ref.key]);
  }

  async complete(ref: IdempotencyKeyRef, answer: CompletedAnswer): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'completed', claimed_at = NULL, status = $4, headers = $5, body = $6
       WHERE scope = $1 AND route = $2 AND key = $3 AND state = 'in-progress'`,
      [ref.scope, ref.route, ref.key, answer.status, JSON.stringify(answer.headers), answer.body === undefined ? null : JSON.stringify(answer.body)],
    );
  }

  /** Gives up a claim whose request failed before any effect, so a retry runs it again. */
  async release(ref: IdempotencyKeyRef): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND route = $2 AND key = $3 AND state = 'in-progress'`, [ref.scope, ref.route, ref.key]);
  }
}
