import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnection, type PlatformConfig } from '@apiaudit/db';
import { PLATFORM_CONFIG } from '../sources/sources.service';

/** What one api instance tells the others to forget. */
export type Invalidation =
  | { kind: 'credential'; hash: string }
  | { kind: 'token'; id: string }
  | { kind: 'project'; id: string };

type Listener = (message: Invalidation) => void;

/**
 * Carries cache invalidations between api instances over Redis pub/sub. A change is forgotten on this
 * instance before `publish` returns (the caller's next request never sees stale data) and on the others as
 * soon as Redis delivers it; a lost message is bounded by the caches' time to live.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnModuleDestroy {
  private readonly channel: string;
  private readonly listeners: Listener[] = [];
  private publisher?: Redis;
  private subscriber?: Redis;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.channel = `${config.queuePrefix}:api:invalidate`;
  }

  onModuleInit(): void {
    if (this.config.cacheSeconds === 0) return;
    this.publisher = new Redis({ ...redisConnection(this.config.redisUrl), maxRetriesPerRequest: 2 });
    // Not awaited: a Redis outage must not hold up the api's start. The subscription is made when Redis answers and
    // renewed after every reconnect; meanwhile other instances' changes show within the caches' time to live.
    this.subscriber = new Redis(redisConnection(this.config.redisUrl));
    this.subscriber.on('message', (_channel: string, text: string) => {
      const message = parseInvalidation(text);
      if (message) this.deliver(message);
    });
    this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Forgets here at once, then tells the other instances; when Redis is away they forget by time to live. */
  async publish(message: Invalidation): Promise<void> {
    this.deliver(message);
    await this.publisher?.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
  }

  private deliver(message: Invalidation): void {
    for (const listener of this.listeners) listener(message);
  }
}

function parseInvalidation(text: string): Invalidation | undefined {
  try {
    const message = JSON.parse(text) as Partial<{ kind: string; hash: string; id: string }>;
    if (message.kind === 'credential' && typeof message.hash === 'string') return { kind: 'credential', hash: message.hash };
    if ((message.kind === 'token' || message.kind === 'project') && typeof message.id === 'string') return { kind: message.kind, id: message.id };
  } catch {
    // Not ours: someone else publishing on our channel is ignored.
  }
  return undefined;
}
