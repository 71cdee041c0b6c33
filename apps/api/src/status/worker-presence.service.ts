import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AuditStatus } from '@apiaudit/domain';
import { heartbeatTtlMs, readWorkerPresence, redisConnection, type PlatformConfig, type WorkerPresence } from '@apiaudit/db';
import { PLATFORM_CONFIG } from '../sources/sources.service';

/** What an unfinished audit waits for, when it is stuck on something the caller should know about. */
export type WaitingFor = 'worker';

/** Reads the workers' heartbeat keys (apps/worker/src/worker-heartbeat.ts) under this deployment's queue prefix. */
@Injectable()
export class WorkerPresenceService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.redis = new Redis({ ...redisConnection(config.redisUrl), maxRetriesPerRequest: 2, lazyConnect: true });
  }

  presence(): Promise<WorkerPresence> {
    return readWorkerPresence(this.redis, this.config.queuePrefix);
  }

  /**
   * 'worker' when the audit is unfinished, older than a heartbeat's life (a live worker would have been seen by
   * then) and no worker is alive; undefined otherwise. Redis is only asked about audits that could be waiting.
   */
  async waitingFor(audit: { status: AuditStatus; createdAt: Date }, now = new Date()): Promise<WaitingFor | undefined> {
    if (audit.status !== 'queued' && audit.status !== 'running') return undefined;
    if (now.getTime() - audit.createdAt.getTime() < heartbeatTtlMs(this.config.workerHeartbeatMs)) return undefined;
    // Redis away: the audit is still served, without the hint (/readyz names Redis).
    const presence = await this.presence().catch(() => undefined);
    return presence?.alive === 0 ? 'worker' : undefined;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
