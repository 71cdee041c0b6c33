import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

export const PROBLEM_BASE = 'https://apiaudit.dev/problems/';

/** An RFC 9457 problem with a stable `type` per kind of error. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string, id: string) => new Problem(404, 'not-found', `${what} not found`, `No ${what.toLowerCase()} with id ${id}.`);

/** Every error leaves as application/problem+json; unknown ones as a plain 500 with a correlation id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    let problem: Problem;
    if (error instanceof Problem) problem = error;
    else if ((error as { type?: string }).type === 'entity.too.large' || (error instanceof HttpException && error.getStatus() === 413)) {
      problem = new Problem(413, 'payload-too-large', 'Payload too large', 'The upload is larger than the configured limit (APIAUDIT_MAX_UPLOAD_BYTES).');
    } else if ((error as { type?: string }).type === 'entity.parse.failed') {
      problem = new Problem(400, 'malformed-body', 'Malformed request body', 'The body is not valid JSON.');
    } else if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse() as { message?: string | string[] } | string;
      const detail = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : body.message;
      problem = new Problem(status, status === 404 ? 'not-found' : `http-${status}`, error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), detail);
    } else {
      const correlationId = randomUUID();
      this.log.error(`unhandled error ${correlationId} on ${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`);
      problem = new Problem(500, 'internal', 'Internal server error', `Something went wrong on our side; quote ${correlationId} when reporting it.`, { correlationId });
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({ type: `${PROBLEM_BASE}${problem.slug}`, title: problem.title, status: problem.status, ...(problem.detail ? { detail: problem.detail } : {}), instance: req.originalUrl, ...problem.extra }));
  }
}
