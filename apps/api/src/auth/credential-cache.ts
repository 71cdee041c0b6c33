import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { PlatformConfig } from '@apiaudit/db';
import { InvalidationBus } from '../cache/invalidation-bus';
import { PLATFORM_CONFIG } from '../sources/sources.service';
import type { Principal } from './principal';

/**
 * Who a credential (the SHA-256 of a token or session id) signs in, remembered for `cacheSeconds` so a busy
 * client's requests do not each pay a database round trip. Revoking a token or signing out forgets it on every
 * api instance at once (InvalidationBus). Other changes to a user (the admin command) show within the time to live.
 */
@Injectable()
export class CredentialCache {
  private readonly principals?: LRUCache<string, Principal>;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig, bus: InvalidationBus) {
    if (config.cacheSeconds === 0) return;
    const principals = new LRUCache<string, Principal>({ max: 10_000, ttl: config.cacheSeconds * 1000 });
    this.principals = principals;
    bus.on((message) => {
      if (message.kind === 'credential') principals.delete(message.hash);
      if (message.kind === 'token') {
        for (const [hash, principal] of principals.entries()) if (principal.tokenId === message.id) principals.delete(hash);
      }
    });
  }

  /**
   * The principal a credential signs in: remembered, or read by `load`, which throws for a credential that signs
   * nobody in and may say how long the credential has left (a session is never remembered past its end).
   */
  async principalOf(hash: string, load: () => Promise<{ principal: Principal; msLeft?: number }>): Promise<Principal> {
    const known = this.principals?.get(hash);
    if (known) return known;
    const { principal, msLeft } = await load();
    this.principals?.set(hash, principal, msLeft === undefined ? undefined : { ttl: Math.max(1, Math.min(this.principals.ttl, Math.floor(msLeft))) });
    return principal;
  }
}
