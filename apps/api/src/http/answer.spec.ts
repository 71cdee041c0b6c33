import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { StreamableFile } from '@nestjs/common';
import { accepted, Answer, AnswerInterceptor, createdOrFound, Representation } from './answer';

function respond(value: unknown, types: string[] = []) {
  const res = {
    statusCode: 201,
    headers: {} as Record<string, string>,
    status: (code: number) => void (res.statusCode = code),
    setHeader: (name: string, v: string) => void (res.headers[name] = v),
    type: (mediaType: string) => void types.push(mediaType),
  };
  const context = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of(value) };
  return { res, body: lastValueFrom(new AnswerInterceptor().intercept(context, next)) };
}

describe('AnswerInterceptor', () => {
  it("puts an Answer's status and headers on the response and sends its body", async () => {
    const { res, body } = respond(accepted({ id: 'a1' }, '/v1/audits/a1'));
    expect(await body).toEqual({ id: 'a1' });
    expect(res.statusCode).toBe(202);
    expect(res.headers).toEqual({ Location: '/v1/audits/a1' });
  });

  it('answers 200 for a resource that was already there, 201 for a new one', async () => {
    expect(createdOrFound(false, {}, '/x').status).toBe(200);
    expect(createdOrFound(true, {}, '/x').status).toBe(201);
  });

  it('leaves any other value and the route status alone', async () => {
    const { res, body } = respond({ id: 'c1' });
    expect(await body).toEqual({ id: 'c1' });
    expect(res.statusCode).toBe(201);
    expect(res.headers).toEqual({});
    expect(await respond(new Answer(204, undefined)).body).toBeUndefined();
  });
});

describe('AnswerInterceptor with a Representation', () => {
  it('sends text under its media type and validator, through express', async () => {
    const type: string[] = [];
    const { res, body } = respond(new Representation('openapi: 3.1.0', 'application/yaml', '"v1"'), type);
    expect(await body).toBe('openapi: 3.1.0');
    expect(type).toEqual(['application/yaml']);
    expect(res.headers).toEqual({ ETag: '"v1"' });
  });

  it('sends bytes as they are', async () => {
    const { body } = respond(new Representation(Buffer.from('%PDF'), 'application/pdf'), []);
    expect(await body).toBeInstanceOf(StreamableFile);
  });

  it("applies an Answer's status and headers to the representation it carries", async () => {
    const type: string[] = [];
    const { res, body } = respond(new Answer(200, new Representation('{}', 'application/json'), { 'Last-Modified': 'Mon, 07 Dec 2026 00:00:00 GMT' }), type);
    expect(await body).toBe('{}');
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({ 'Last-Modified': 'Mon, 07 Dec 2026 00:00:00 GMT' });
    expect(type).toEqual(['application/json']);
  });
});
