import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable, of } from 'rxjs';
import { IdempotencyRepository, type IdempotencyKeyRef } from '@apiaudit/db';
import { principalKey } from '../auth/principal';
import { Answer } from './answer';
import { Problem } from './problem';

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

/** What a request is compared by beside its query: its bytes or parsed body, or the content hash of a streamed body. */
export type RequestBodyOf = (req: Request) => Buffer | string | object | undefined;

export interface IdempotentOptions {
  /** The parsed JSON body unless the route says otherwise (uploads name their bytes). */
  body?: RequestBodyOf;
}

const IDEMPOTENT = 'apiaudit:idempotent';

/**
 * Idempotency-Key on POST. The key is claimed (one row, first insert wins) before the handler runs, so ten parallel
 * retries cause one effect: the others wait for it and get the same stored answer, or 409 with Retry-After if it
 * takes longer than WAIT_FOR_HOLDER_MS. The same key with another query or body is a 422. A request that fails
 * gives its claim up, so a retry runs again. Keys are scoped by caller (accounts: one tenant can never replay
 * another's answer with a guessed key) and route (method and path).
 *
 * The stored answer is the handler's: its status (an Answer's, or the route's @HttpCode), an Answer's headers and
 * the body. Put it above any interceptor that prepares what `body` reads (FileInterceptor): interceptors listed
 * later run inside.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (key.length === 0 || key.length > 255) throw new Problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The key must be 1 to 255 characters.');
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler()) ?? {};
    const ref: IdempotencyKeyRef = { scope: principalKey(req), route: `${req.method} ${req.baseUrl}${req.path}`, key };
    const hash = requestHash(req, options.body ? options.body(req) : (req.body as object | undefined));
    const deadline = Date.now() + WAIT_FOR_HOLDER_MS;
    for (;;) {
      if (await this.keys.claim(ref, hash, STALE_AFTER_MS)) return from(this.runClaimed(ref, next, res));
      const held = await this.keys.find(ref);
      if (!held) continue; // released by a failed holder between our insert and read: claim again
      if (held.requestHash !== hash) {
        throw new Problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This key was already used with a different request (query or body).');
      }
      if (held.state === 'completed') return of(new Answer(held.status!, held.body, { ...(held.headers ?? {}), 'Idempotent-Replayed': 'true' }));
      if (Date.now() >= deadline) {
        res.setHeader('Retry-After', '1');
        throw new Problem(409, 'idempotency-key-in-use', 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly for its answer.');
      }
      await sleep(POLL_MS);
    }
  }

  private async runClaimed(ref: IdempotencyKeyRef, next: CallHandler, res: Response): Promise<unknown> {
    const heartbeat = setInterval(() => void this.keys.refresh(ref).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const value = await lastValueFrom(next.handle());
      // Without an Answer, the status is the route's: Nest sets it (@HttpCode, or 201 for POST) before interceptors run.
      const answer = value instanceof Answer ? value : new Answer(res.statusCode, value);
      await this.keys.complete(ref, { status: answer.status, headers: { ...answer.headers }, body: answer.body });
      return value;
    } catch (error) {
      await this.keys.release(ref);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }
}

/** Makes a POST safe to retry with an Idempotency-Key (IdempotencyInterceptor), and documents the header. */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a POST safe to retry.' }),
  );
