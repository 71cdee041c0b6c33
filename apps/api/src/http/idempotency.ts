import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { IdempotencyRepository } from '@apiaudit/db';
import { Problem } from './problem';
import { principalKey } from '../auth/principal';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Idempotency-Key on POST: the first response is stored per key and route; a retry with the same body gets it
 * again, a reuse of the key with another body is a 422.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyRepository) {}

  async run(req: Request, res: Response, bodyBytes: Buffer | string, handle: () => Promise<StoredResponse>): Promise<void> {
    const key = req.header('idempotency-key');
    const send = (r: StoredResponse, replayed: boolean) => {
      for (const [name, value] of Object.entries(r.headers)) res.setHeader(name, value);
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(r.status).json(r.body);
    };
    if (!key) return send(await handle(), false);
    if (key.length > 255) throw new Problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The key must be at most 255 characters.');
    // Keys are scoped by caller (accounts): one tenant can never replay another's response with a guessed key.
    const route = `${principalKey(req)} ${req.method} ${req.baseUrl}${req.path}`;
    const hash = createHash('sha256').update(bodyBytes).digest('hex');
    const previous = await this.keys.find(key, route);
    if (previous) {
      if (previous.requestHash !== hash) {
        throw new Problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This key was already used with a different request body.');
      }
      return send({ status: previous.status, headers: previous.headers, body: previous.body }, true);
    }
    const response = await handle();
    await this.keys.remember({ key, route, requestHash: hash, status: response.status, headers: response.headers, body: response.body as never });
    send(response, false);
  }
}
