import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnection, startWorkerHeartbeat, type PlatformConfig } from '@apiaudit/db';
import { PLATFORM_CONFIG } from './platform-config.token';

/**
 * This worker's heartbeat key under the queue prefix, refreshed every APIAUDIT_WORKER_HEARTBEAT_MS: the api counts
 * live workers from these keys (GET /v1/status). A killed worker's key expires by itself; a stopped one's is removed.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationShutdown {
  private readonly redis: Redis;
  private heartbeat?: ReturnType<typeof startWorkerHeartbeat>;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.redis = new Redis({ ...redisConnection(config.redisUrl), maxRetriesPerRequest: 2, lazyConnect: true });
  }

  /**
   * Called by startWorker once the worker is whole (processors running, shutdown hooks in place), so a worker that
   * is counted also removes its key when it is stopped.
   */
  async start(): Promise<void> {
    this.heartbeat = startWorkerHeartbeat(this.redis, this.config.queuePrefix, this.config.workerHeartbeatMs);
    // The first beat is awaited, so a worker that has started is counted at once.
    await this.heartbeat.beat().catch((error: Error) => new Logger('worker').warn(`heartbeat: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.heartbeat?.stop();
    this.redis.disconnect();
  }
}
