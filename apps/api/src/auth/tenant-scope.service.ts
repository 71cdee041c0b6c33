import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ScopeRepository, type ScopedResource } from '@apiaudit/db';
import { notFound, Problem } from '../http/problem';
import { PERMISSIONS, type Action } from './access';
import type { Principal } from './principal';

const NAMES: Record<ScopedResource, string> = { client: 'Client', project: 'Project', source: 'Source', audit: 'Audit' };

/**
 * Tenant isolation, in one place: every route on a client, project, source or audit (and so on the findings,
 * plans, diffs and files under them) is authorised here by the AuthGuard before its handler runs. Another
 * client's resource is answered exactly like a missing one (404), so ids cannot be probed.
 */
@Injectable()
export class TenantScope {
  /**
   * Owners already read. Ownership never changes (nothing moves a project to another client, and ids are never
   * reused), so a remembered owner is never wrong; a resource deleted since is answered 404 by its handler.
   * Only found owners are kept: an id unknown now may be created later.
   */
  private readonly owners = new LRUCache<string, string>({ max: 100_000 });

  constructor(private readonly scope: ScopeRepository) {}

  /** The owning client's id when `principal` may `action` the resource; otherwise a 404 or 403 problem. */
  async authorize(principal: Principal, resource: ScopedResource, id: string, action: Action): Promise<string> {
    const owner = await this.ownerOf(resource, id);
    if (!owner || !this.canSee(principal, owner)) throw notFound(NAMES[resource], id);
    if (!PERMISSIONS[action].includes(principal.role)) {
      throw new Problem(403, 'forbidden', 'Not allowed', `A ${principal.role} may not ${action} this ${resource}.`);
    }
    return owner;
  }

  private async ownerOf(resource: ScopedResource, id: string): Promise<string | null> {
    const key = `${resource}:${id}`;
    const known = this.owners.get(key);
    if (known !== undefined) return known;
    const owner = await this.scope.ownerOf(resource, id);
    if (owner !== null) this.owners.set(key, owner);
    return owner;
  }

  /** Consultants see every client; a client user their own only. */
  canSee(principal: Principal, clientId: string): boolean {
    return principal.clientId === null || principal.clientId === clientId;
  }

  /** The one client a listing is narrowed to, or null for all of them. */
  visibleClient(principal: Principal): string | null {
    return principal.clientId;
  }
}
