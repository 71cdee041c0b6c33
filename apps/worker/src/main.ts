import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { reapOrphanedChromium } from '@apiaudit/pdf';
import { readPlatformConfig, type LogLevel } from '@apiaudit/db';
import { reapOrphanedRepositoryFolders } from './repository-scanner';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerModule } from './worker.module';

/** Starts a worker: an application context with the BullMQ processors and no HTTP server. Run as many as needed. */
export async function startWorker(env: NodeJS.ProcessEnv = process.env) {
  const config = readPlatformConfig(env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: nestLogLevels(config.logLevel) });
  // Browsers and profiles of renderers killed on this host (SIGKILL, OOM) go before this worker renders anything.
  const reaped = await reapOrphanedChromium();
  if (reaped.killed.length || reaped.removed.length) {
    new Logger('worker').warn(`reaped ${reaped.killed.length} orphaned Chromium processes and ${reaped.removed.length} stale profiles`);
  }
  // So do the unpacked trees of repository scans that died with their worker.
  const folders = reapOrphanedRepositoryFolders();
  if (folders.length) new Logger('worker').warn(`removed ${folders.length} repository folders of scans whose worker is gone`);
  app.enableShutdownHooks();
  await app.get(WorkerHeartbeat).start();
  return app;
}

/** LOG_LEVEL (pino's names, shared with the api) as the levels Nest's logger prints. */
function nestLogLevels(level: LogLevel): NestLogLevel[] | false {
  const order: NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const upTo: Record<LogLevel, number> = { silent: -1, fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 };
  return upTo[level] < 0 ? false : order.slice(0, upTo[level] + 1);
}

if (require.main === module) {
  startWorker().catch((error: unknown) => {
    process.stderr.write(`apiaudit worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
