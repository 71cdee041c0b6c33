import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
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

export const created = <T>(body: T, location: string): Answer<T> => new Answer(201, body, { Location: location });

/** Work that goes on after the answer; Location is where its outcome is read. */
export const accepted = <T>(body: T, location: string): Answer<T> => new Answer(202, body, { Location: location });

/** Puts an Answer's status and headers on the response and leaves its body to Nest; any other value passes through. */
@Injectable()
export class AnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof Answer)) return value;
        const res = context.switchToHttp().getResponse<Response>();
        res.status(value.status);
        for (const [name, header] of Object.entries(value.headers)) res.setHeader(name, header);
        return value.body;
      }),
    );
  }
}
