import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * A handler's answer when its status or headers depend on what happened: 201 for a new resource and 200 for one
 * that was there, a Location naming it. A handler whose status never varies returns its DTO and says the status
 * with @HttpCode. AnswerInterceptor (global) sends it; IdempotencyInterceptor stores it as it is.
 */
export class Answer<T> {
  constructor(
    readonly status: number,
    readonly body: T,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

/** 201 with the new resource, or 200 with the one that was already there; Location names it either way. */
export function createdOrFound<T>(created: boolean, body: T, location: string): Answer<T> {
  return new Answer(created ? 201 : 200, body, { Location: location });
}

/** 200 with the validator a later If-Match names (a finding's state, a plan version). */
export const withEtag = <T>(body: T, etag: string): Answer<T> => new Answer(200, body, { ETag: etag });

export const created = <T>(body: T, location: string): Answer<T> => new Answer(201, body, { Location: location });

/** Work that goes on after the answer; Location is where its outcome is read. */
export const accepted = <T>(body: T, location: string): Answer<T> => new Answer(202, body, { Location: location });

/**
 * A body that is not a JSON DTO: a stored rendering (plan.pdf, plan.html), Markdown, or JSON serialized ahead (a
 * cached page), with its media type and, when it has one, its validator.
 */
export class Representation {
  constructor(
    readonly content: Buffer | string,
    readonly mediaType: string,
    readonly etag?: string,
  ) {}
}

/**
 * Puts an Answer's status and headers on the response and leaves its body to Nest; sends a Representation as its
 * bytes under its media type. Any other value passes through.
 */
@Injectable()
export class AnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value: unknown) => {
        const res = context.switchToHttp().getResponse<Response>();
        let body = value;
        if (body instanceof Answer) {
          res.status(body.status);
          for (const [name, header] of Object.entries(body.headers)) res.setHeader(name, header);
          body = body.body;
        }
        if (!(body instanceof Representation)) return body;
        if (body.etag) res.setHeader('ETag', body.etag);
        res.type(body.mediaType);
        // Text goes through express's send (its charset, and its own weak ETag when there is none); bytes as they are.
        return typeof body.content === 'string' ? body.content : new StreamableFile(body.content);
      }),
    );
  }
}
