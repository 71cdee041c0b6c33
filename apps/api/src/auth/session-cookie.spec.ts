import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { SessionAnswer, SessionCookieInterceptor } from './session-cookie';

function answer(value: unknown, secure: boolean) {
  const calls: Array<[string, string, unknown?] | [string, unknown]> = [];
  const res = {
    cookie: (name: string, v: string, options: unknown) => void calls.push(['set', name, { value: v, ...(options as object) }]),
    clearCookie: (name: string, options: unknown) => void calls.push(['clear', name, options]),
  };
  const context = { switchToHttp: () => ({ getRequest: () => ({ secure }), getResponse: () => res }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of(value) };
  return { calls, body: lastValueFrom(new SessionCookieInterceptor().intercept(context, next)) };
}

describe('SessionCookieInterceptor', () => {
  const expires = new Date('2026-12-08T00:00:00Z');

  it('sets the session cookie HttpOnly and SameSite=Lax, Secure over HTTPS, and sends the body alone', async () => {
    const { calls, body } = answer(new SessionAnswer({ user: { id: 'u1' } }, { id: 'secret-session', expiresAt: expires }), true);
    expect(await body).toEqual({ user: { id: 'u1' } });
    expect(calls).toEqual([['set', 'apiaudit_session', { value: 'secret-session', httpOnly: true, sameSite: 'lax', secure: true, path: '/', expires }]]);
  });

  it('clears the cookie when the answer signs the caller out', async () => {
    const { calls, body } = answer(new SessionAnswer(undefined, null), false);
    expect(await body).toBeUndefined();
    expect(calls).toEqual([['clear', 'apiaudit_session', { httpOnly: true, sameSite: 'lax', secure: false, path: '/' }]]);
  });

  it('leaves other answers and cookies alone', async () => {
    const { calls, body } = answer({ id: 'token' }, true);
    expect(await body).toEqual({ id: 'token' });
    expect(calls).toEqual([]);
  });
});
