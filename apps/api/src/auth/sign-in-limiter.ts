import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnection, type PlatformConfig } from '@apiaudit/db';
import { PLATFORM_CONFIG } from '../sources/sources.service';

/** Failed sign-ins are counted in fixed windows of this length. */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins per account and per client address, counted in Redis so every api instance shares the
 * count: INCR on a key that expires with its window (the plain fixed-window counter; a library would add a
 * dependency for the same two commands).
 */
@Injectable()
export class SignInLimiter implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.redis = new Redis({ ...redisConnection(config.redisUrl), maxRetriesPerRequest: 2, lazyConnect: true });
    this.prefix = `${config.queuePrefix}:signin`;
  }

  private keys(email: string, address: string): [string, string] {
    return [`${this.prefix}:account:${email.toLowerCase()}`, `${this.prefix}:address:${address}`];
  }

  /** Seconds until the caller may try again, or 0 when neither the account nor the address is over its limit. */
  async retryAfter(email: string, address: string): Promise<number> {
    const [account, from] = this.keys(email, address);
    const [accountCount, addressCount] = (await this.redis.mget(account, from)).map((v) => Number(v ?? 0));
    const blocked = [accountCount >= this.config.signInLimitPerAccount ? account : null, addressCount >= this.config.signInLimitPerAddress ? from : null].filter((k): k is string => k !== null);
    if (blocked.length === 0) return 0;
    const ttls = await Promise.all(blocked.map((key) => this.redis.ttl(key)));
    return Math.max(1, ...ttls);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(email, address)) multi.set(key, 0, 'EX', SIGN_IN_WINDOW_SECONDS, 'NX').incr(key);
    await multi.exec();
  }

  /** A successful sign-in clears the account's count (not the address's: one good password must not unlock guessing others). */
  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '')[0]);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
