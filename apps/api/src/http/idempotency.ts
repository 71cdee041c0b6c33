import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { IdempotencyRepository, type IdempotencyKeyRef } from '@apiaudit/db';
import { Problem } from './problem';
import { principalKey } from '../auth/principal';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** How long a request waits for a concurrent one holding the same key before it gets 409 and Retry-After. */
const WAIT_FOR_HOLDER_MS = 15_000;
const POLL_MS = 50;
/** A running claim is refreshed this often; one not refreshed for STALE_AFTER_MS belonged to a dead process. */
const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 90_000;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null) ?? 'null';
}

/**
 * What makes two requests "the same": the query string (kind, filename, entry…) and the body. `body` is the raw
 * bytes of an upload, the content hash of a streamed one, or a parsed JSON body (compared in canonical form).
 */
export function requestHash(req: Request, body: Buffer | string | object | undefined): string {
  const bodyHash = createHash('sha256');
  if (Buffer.isBuffer(body) || typeof body === 'string') bodyHash.update(body);
  else bodyHash.update(canonicalJson(body ?? {}));
  return createHash('sha256')
    .update(canonicalJson(req.query ?? {}))
    .update('\n')
    .update(bodyHash.digest('hex'))
    .digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key on POST. The key is claimed (one row, first insert wins) before the work runs, so ten parallel
 * retries cause one effect: the others wait for it and get the same stored answer, or 409 with Retry-After if it
 * takes longer than WAIT_FOR_HOLDER_MS. The same key with another query or body is a 422. A request that fails
 * gives its claim up, so a retry runs again. Keys are scoped by caller (accounts: one tenant can never replay
 * another's answer with a guessed key) and route (method and path).
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyRepository) {}

  async run(req: Request, res: Response, body: Buffer | string | object | undefined, handle: () => Promise<StoredResponse>): Promise<void> {
    const key = req.header('idempotency-key');
    const send = (r: StoredResponse, replayed: boolean) => {
      for (const [name, value] of Object.entries(r.headers)) res.setHeader(name, value);
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(r.status).json(r.body);
    };
    if (key === undefined) return send(await handle(), false);
    if (key.length === 0 || key.length > 255) throw new Problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The key must be 1 to 255 characters.');
    const ref: IdempotencyKeyRef = { scope: principalKey(req), route: `${req.method} ${req.baseUrl}${req.path}`, key };
    const hash = requestHash(req, body);
    const deadline = Date.now() + WAIT_FOR_HOLDER_MS;
    for (;;) {
      if (await this.keys.claim(ref, hash, STALE_AFTER_MS)) return send(await this.runClaimed(ref, handle), false);
      const held = await this.keys.find(ref);
      if (!held) continue; // released by a failed holder between our insert and read: claim again
      if (held.requestHash !== hash) {
        throw new Problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This key was already used with a different request (query or body).');
      }
      if (held.state === 'completed') return send({ status: held.status!, headers: held.headers ?? {}, body: held.body }, true);
      if (Date.now() >= deadline) {
        res.setHeader('Retry-After', '1');
        throw new Problem(409, 'idempotency-key-in-use', 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly for its answer.');
      }
      await sleep(POLL_MS);
    }
  }

  private async runClaimed(ref: IdempotencyKeyRef, handle: () => Promise<StoredResponse>): Promise<StoredResponse> {
    const heartbeat = setInterval(() => void this.keys.refresh(ref).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const response = await handle();
      await this.keys.complete(ref, response);
      return response;
    } catch (error) {
      await this.keys.release(ref);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }
}
