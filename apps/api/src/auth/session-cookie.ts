import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { SESSION_COOKIE } from './access';

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure whenever the request
 * came over HTTPS, directly or through a proxy trusted by APIAUDIT_TRUST_PROXY.
 */
function setSessionCookie(req: Request, res: Response, session: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires: expiresAt });
}

function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** An answer that signs the caller in (a session for the cookie) or out (null: the cookie is cleared). */
export class SessionAnswer<T> {
  constructor(
    readonly body: T,
    readonly session: { id: string; expiresAt: Date } | null,
  ) {}
}

/** Puts a SessionAnswer's session in the `apiaudit_session` cookie (or clears it) and sends its body. */
@Injectable()
export class SessionCookieInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof SessionAnswer)) return value;
        if (value.session) setSessionCookie(req, res, value.session.id, value.session.expiresAt);
        else clearSessionCookie(req, res);
        return value.body;
      }),
    );
  }
}
