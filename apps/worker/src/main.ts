import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readPlatformConfig } from '@apiaudit/db';
import { WorkerModule } from './worker.module';

/** Starts a worker: an application context with the BullMQ processors and no HTTP server. Run as many as needed. */
export async function startWorker(env: NodeJS.ProcessEnv = process.env) {
  const config = readPlatformConfig(env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  return app;
}

if (require.main === module) {
  startWorker().catch((error: unknown) => {
    process.stderr.write(`apiaudit worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
