import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './access';

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure whenever the request
 * came over HTTPS, directly or through a proxy trusted by APIAUDIT_TRUST_PROXY.
 */
export function setSessionCookie(req: Request, res: Response, session: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
