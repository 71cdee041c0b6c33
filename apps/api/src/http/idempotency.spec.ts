import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import type { CompletedAnswer, IdempotencyKeyEntity, IdempotencyKeyRef, IdempotencyRepository } from '@apiaudit/db';
import { Answer, created } from './answer';
import { Idempotent, IdempotencyInterceptor, requestHash } from './idempotency';
import { Problem } from './problem';

/** The repository's contract in memory: the first claim wins, a completed key keeps its answer, a release forgets it. */
class FakeKeys {
  readonly rows = new Map<string, Pick<IdempotencyKeyEntity, 'requestHash' | 'state' | 'status' | 'headers' | 'body'>>();
  private id = (ref: IdempotencyKeyRef) => `${ref.scope}|${ref.route}|${ref.key}`;

  async claim(ref: IdempotencyKeyRef, requestHash: string): Promise<boolean> {
    if (this.rows.has(this.id(ref))) return false;
    this.rows.set(this.id(ref), { requestHash, state: 'in-progress', status: null, headers: null, body: null });
    return true;
  }
  async find(ref: IdempotencyKeyRef) {
    return (this.rows.get(this.id(ref)) as IdempotencyKeyEntity | undefined) ?? null;
  }
  async refresh(): Promise<void> {}
  async complete(ref: IdempotencyKeyRef, answer: CompletedAnswer): Promise<void> {
    // Stored as JSON, as PostgreSQL keeps it.
    this.rows.set(this.id(ref), { ...this.rows.get(this.id(ref))!, state: 'completed', status: answer.status, headers: answer.headers, body: JSON.parse(JSON.stringify(answer.body ?? null)) });
  }
  async release(ref: IdempotencyKeyRef): Promise<void> {
    this.rows.delete(this.id(ref));
  }
}

class Routes {
  @Idempotent()
  createClient(): void {}

  @Idempotent({ body: (req) => (req as Request & { upload?: Buffer }).upload })
  upload(): void {}
}

interface FakeResponse {
  statusCode: number;
  headers: Record<string, string>;
  setHeader(name: string, value: string): void;
}

function call(options: { key?: string; body?: unknown; upload?: Buffer; user?: string; path?: string; handler?: keyof Routes; status?: number }) {
  const headers: Record<string, string> = options.key === undefined ? {} : { 'idempotency-key': options.key };
  const req = {
    method: 'POST',
    baseUrl: '',
    path: options.path ?? '/v1/clients',
    query: {},
    body: options.body,
    upload: options.upload,
    principal: { userId: options.user ?? 'u1' },
    header: (name: string) => headers[name.toLowerCase()],
  };
  const res: FakeResponse = { statusCode: options.status ?? 201, headers: {}, setHeader: (name, value) => void (res.headers[name] = value) };
  const context = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    getHandler: () => Routes.prototype[options.handler ?? 'createClient'],
    getClass: () => Routes,
  } as unknown as ExecutionContext;
  return { context, res };
}

/** A handler that counts its runs and answers `answer` (or fails with it, when it is an Error). */
function handler(answer: unknown, delayMs = 0) {
  const runs = { count: 0 };
  const next: CallHandler = {
    handle: () => {
      runs.count++;
      if (answer instanceof Error) return throwError(() => answer);
      return new Observable((subscriber) => {
        setTimeout(() => {
          subscriber.next(answer);
          subscriber.complete();
        }, delayMs);
      });
    },
  };
  return { next, runs };
}

describe('IdempotencyInterceptor', () => {
  let keys: FakeKeys;
  let interceptor: IdempotencyInterceptor;

  beforeEach(() => {
    keys = new FakeKeys();
    interceptor = new IdempotencyInterceptor(keys as unknown as IdempotencyRepository, new Reflector());
  });

  const run = async (options: Parameters<typeof call>[0], next: CallHandler) => {
    const { context, res } = call(options);
    const value = await lastValueFrom(await interceptor.intercept(context, next));
    return { value, res };
  };

  it('runs the handler and stores nothing without a key', async () => {
    const { next, runs } = handler({ id: 'c1' });
    expect((await run({ body: { name: 'A' } }, next)).value).toEqual({ id: 'c1' });
    expect(runs.count).toBe(1);
    expect(keys.rows.size).toBe(0);
  });

  it('replays the stored status, headers and body without running the handler again', async () => {
    const first = handler(created({ id: 'c1', createdAt: new Date('2026-01-01T00:00:00Z') }, '/v1/clients/c1'));
    const original = await run({ key: 'k', body: { name: 'A' } }, first.next);
    expect(original.value).toBeInstanceOf(Answer);
    expect(original.res.headers['Idempotent-Replayed']).toBeUndefined();

    const second = handler(created({ id: 'c2' }, '/v1/clients/c2'));
    const replay = await run({ key: 'k', body: { name: 'A' } }, second.next);
    expect(second.runs.count).toBe(0);
    expect(replay.value).toEqual(new Answer(201, { id: 'c1', createdAt: '2026-01-01T00:00:00.000Z' }, { Location: '/v1/clients/c1', 'Idempotent-Replayed': 'true' }));
  });

  it('stores the route status when the handler returns a plain DTO', async () => {
    await run({ key: 'k', body: { body: 'Seen' }, status: 201 }, handler({ id: 'comment' }).next);
    const replay = await run({ key: 'k', body: { body: 'Seen' } }, handler({ id: 'other' }).next);
    expect(replay.value).toEqual(new Answer(201, { id: 'comment' }, { 'Idempotent-Replayed': 'true' }));
  });

  it('compares bodies in canonical form: the same fields in another order are the same request', async () => {
    await run({ key: 'k', body: { name: 'A', note: 'n' } }, handler({ id: 'c1' }).next);
    const replay = await run({ key: 'k', body: { note: 'n', name: 'A' } }, handler({ id: 'c2' }).next);
    expect((replay.value as Answer<unknown>).body).toEqual({ id: 'c1' });
  });

  it('refuses the same key with another body with a 422, without running the handler', async () => {
    await run({ key: 'k', body: { name: 'A' } }, handler({ id: 'c1' }).next);
    const other = handler({ id: 'c2' });
    await expect(run({ key: 'k', body: { name: 'B' } }, other.next)).rejects.toMatchObject({ status: 422, slug: 'idempotency-key-reused' });
    expect(other.runs.count).toBe(0);
  });

  it('compares what the route names as its body: an upload by its bytes', async () => {
    await run({ key: 'k', handler: 'upload', upload: Buffer.from('openapi: 3.1.0') }, handler({ id: 's1' }).next);
    const same = await run({ key: 'k', handler: 'upload', upload: Buffer.from('openapi: 3.1.0') }, handler({ id: 's2' }).next);
    expect((same.value as Answer<unknown>).body).toEqual({ id: 's1' });
    await expect(run({ key: 'k', handler: 'upload', upload: Buffer.from('openapi: 3.0.3') }, handler({ id: 's3' }).next)).rejects.toMatchObject({ status: 422 });
  });

  it('scopes keys by caller and by route', async () => {
    await run({ key: 'k', body: { name: 'A' } }, handler({ id: 'mine' }).next);
    const theirs = await run({ key: 'k', body: { name: 'A' }, user: 'u2' }, handler({ id: 'theirs' }).next);
    expect(theirs.value).toEqual({ id: 'theirs' });
    const elsewhere = await run({ key: 'k', body: { name: 'A' }, path: '/v1/clients/c1/projects' }, handler({ id: 'project' }).next);
    expect(elsewhere.value).toEqual({ id: 'project' });
  });

  it('gives the key up when the handler fails, so a retry runs again', async () => {
    await expect(run({ key: 'k', body: { name: 'A' } }, handler(new Problem(422, 'invalid-spec', 'Invalid spec')).next)).rejects.toMatchObject({ status: 422 });
    expect(keys.rows.size).toBe(0);
    const retry = handler({ id: 'c1' });
    expect((await run({ key: 'k', body: { name: 'A' } }, retry.next)).value).toEqual({ id: 'c1' });
    expect(retry.runs.count).toBe(1);
  });

  it('runs ten concurrent requests with one key once; the others wait and get the same answer', async () => {
    const handlers = Array.from({ length: 10 }, (_, i) => handler(created({ id: `c${i}` }, `/v1/clients/c${i}`), 120));
    const answers = await Promise.all(handlers.map((h) => run({ key: 'k', body: { name: 'A' } }, h.next)));
    expect(handlers.reduce((sum, h) => sum + h.runs.count, 0)).toBe(1);
    const bodies = new Set(answers.map((a) => JSON.stringify((a.value as Answer<unknown>).body)));
    expect(bodies.size).toBe(1);
    expect(answers.filter((a) => (a.value as Answer<unknown>).headers['Idempotent-Replayed'] === 'true')).toHaveLength(9);
  });

  it('answers 409 with Retry-After when the holder takes longer than the wait', async () => {
    jest.useFakeTimers();
    try {
      await keys.claim({ scope: 'user:u1', route: 'POST /v1/clients', key: 'k' }, requestHash({ query: {} } as unknown as Request, { name: 'A' }));
      const { context, res } = call({ key: 'k', body: { name: 'A' } });
      const waiting = interceptor.intercept(context, handler({ id: 'c1' }).next);
      const outcome = expect(waiting).rejects.toMatchObject({ status: 409, slug: 'idempotency-key-in-use' });
      await jest.advanceTimersByTimeAsync(16_000);
      await outcome;
      expect(res.headers['Retry-After']).toBe('1');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses an empty or overlong key with a 400', async () => {
    await expect(run({ key: '', body: {} }, handler({}).next)).rejects.toMatchObject({ status: 400, slug: 'invalid-idempotency-key' });
    await expect(run({ key: 'k'.repeat(256), body: {} }, handler({}).next)).rejects.toMatchObject({ status: 400 });
  });

});
