import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@apiaudit/domain';

/** The signed-in user a request acts for, set by the AuthGuard from the session cookie or a Bearer token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** null for consultants, who see every client. */
  clientId: string | null;
  via: 'session' | 'token';
  tokenId?: string;
}

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The request's principal; only on routes whose access policy requires one. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without a signed-in policy');
  return principal;
});

/** What keys other state per caller (idempotency keys): the user, or nobody on public routes. */
export function principalKey(request: object): string {
  const { principal } = request as RequestWithPrincipal;
  return principal ? `user:${principal.userId}` : 'anonymous';
}
