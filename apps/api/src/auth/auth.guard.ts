import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Problem } from '../http/problem';
import { ACCESS_POLICY, type AccessPolicy } from './access';
import { AccountsService } from './accounts.service';
import type { RequestWithPrincipal } from './principal';
import { TenantScope } from './tenant-scope.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one door of the API, installed globally: reads the route's @Access policy, signs the caller in from
 * a Bearer token or the session cookie (401 otherwise), and for routes on a tenant resource asks TenantScope
 * whether the caller may act on it. A route without a policy is refused for everyone, so a route added
 * without thinking about access fails closed (and the route-table isolation test names it).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly scope: TenantScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) {
      throw new Problem(500, 'route-without-access-policy', 'Route without access policy', `${req.method} ${req.route?.path ?? req.path} declares no @Access policy; every route must.`);
    }
    if (policy.kind === 'public') return true;
    try {
      req.principal = await this.accounts.authenticate(req);
    } catch (error) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="apiaudit"');
      throw error;
    }
    if (policy.kind === 'consultant' && req.principal.role !== 'consultant') {
      throw new Problem(403, 'forbidden', 'Not allowed', 'Only consultants may do this.');
    }
    if (policy.kind === 'resource') {
      const id = req.params[policy.param];
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw new Problem(400, 'invalid-request', 'Invalid request', `${policy.param} must be a UUID`, { field: policy.param });
      }
      await this.scope.authorize(req.principal, policy.resource, id, policy.action);
    }
    return true;
  }
}
