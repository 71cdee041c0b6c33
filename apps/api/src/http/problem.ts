import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

export const PROBLEM_BASE = 'https://apiaudit.dev/problems/';

/** An RFC 9457 problem with a stable `type` per kind of error; `headers` go out with it (Retry-After). */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string, id: string) => new Problem(404, 'not-found', `${what} not found`, `No ${what.toLowerCase()} with id ${id}.`);

/** Methods the app routes for this path (with HEAD beside GET); empty when no route matches it at all. */
function allowedMethods(req: Request): string[] {
  type RouteLayer = { route?: { path: string; methods: Record<string, boolean> }; match(path: string): boolean };
  const stack = (req.app as unknown as { router?: { stack?: RouteLayer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    // Nest adds catch-all `/{*path}` routes for every method (its not-found handling): they name no resource.
    if (!layer.route || layer.route.path.includes('*')) continue;
    try {
      if (!layer.match(req.path)) continue;
    } catch {
      continue; // a path the router cannot decode matches nothing
    }
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

// Absolute file system paths (where the server keeps its files) in an error's text; API paths (/v1/...) are kept.
const SERVER_PATH = /(?:file:\/\/)?\/(?:tmp|var|work|home|root|usr|opt|srv|app|etc|proc|run|mnt|data|private|Users)(?:\/[^\s'"`,;:)]+)+/g;

/** Error text without server paths or stack frames: what a client may see. */
export function redactServerDetails(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*at\s/.test(line))
    .join(' ')
    .replace(SERVER_PATH, '<server path>')
    .trim();
}

/** An http-errors error a client caused (`expose` is set for 4xx), as body-parser raises them. */
function isClientHttpError(error: unknown): error is { status: number; type?: string; message: string } {
  const e = error as { status?: unknown; expose?: unknown; type?: unknown } | null;
  return !!e && !(error instanceof HttpException) && e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && (e.type === undefined || typeof e.type === 'string');
}

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
    } else if (isClientHttpError(error)) {
      // body-parser's own refusals (http-errors): an unsupported charset or encoding (415), an aborted or
      // miscounted body (400), too many parameters (413). Their messages name no server detail.
      problem = new Problem(error.status, error.type ? error.type.replace(/\./g, '-') : `http-${error.status}`, 'Bad request body', error.message);
    } else if (error instanceof NotFoundException && String((error.getResponse() as { message?: unknown }).message ?? '').startsWith(`Cannot ${req.method} `) && allowedMethods(req).length > 0) {
      // A known route asked with a method it does not take (RFC 9110, 15.5.6: 405 lists the methods in Allow).
      const allowed = allowedMethods(req);
      res.setHeader('Allow', allowed.join(', '));
      problem = new Problem(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not supported here; use ${allowed.join(', ')}.`);
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
    // A refused upload leaves its body unread: the connection cannot carry another request (RFC 9112, 9.6).
    if (problem.status === 413) res.setHeader('Connection', 'close');
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({ type: `${PROBLEM_BASE}${problem.slug}`, title: problem.title, status: problem.status, ...(problem.detail ? { detail: redactServerDetails(problem.detail) } : {}), instance: req.originalUrl, ...problem.extra }));
  }
}
