import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { Answer, Representation } from './answer';
import { SendsEtag } from './response-headers';

/** A strong validator for a body: the first 128 bits of its SHA-256. */
export function strongEtag(content: Buffer | string): string {
  return `"${createHash('sha256').update(content).digest('hex').slice(0, 32)}"`;
}

/**
 * True when If-None-Match names this version (or is `*`): the answer is a 304. The comparison is weak (RFC 9110,
 * 13.1.2), as express's own freshness check that answered such requests before.
 */
export function ifNoneMatchNames(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** The answer as it is sent: a Representation as it is, any other value as JSON. */
function representationOf(value: unknown): Representation {
  return value instanceof Representation ? value : new Representation(JSON.stringify(value), 'application/json');
}

/**
 * Conditional GET: the answer carries a strong ETag (its own, or one over its bytes) and `Cache-Control: private,
 * no-cache`, so clients revalidate and get a 304 without a body while their copy is current.
 */
@Injectable()
export class ConditionalGetInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((value: unknown) => {
        const representation = representationOf(value);
        const etag = representation.etag ?? strongEtag(representation.content);
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', 'private, no-cache');
        if (ifNoneMatchNames(req.headers['if-none-match'], etag)) return new Answer(304, undefined);
        return new Representation(representation.content, representation.mediaType, etag);
      }),
    );
  }
}

/** Answers GET with an ETag and If-None-Match with 304 (ConditionalGetInterceptor), and documents both. */
export const ConditionalGet = () =>
  applyDecorators(
    UseInterceptors(ConditionalGetInterceptor),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of the copy you hold: a 304 without a body while it is current.' }),
    ApiResponse({ status: 304, description: 'Not modified: the copy named by If-None-Match is current.' }),
    SendsEtag(200, 304),
  );
