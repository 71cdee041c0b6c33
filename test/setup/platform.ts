import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/main';
import { startWorker } from '../../apps/worker/src/main';
import { testDatabaseUrl, testQueuePrefix } from './test-env';

/** The api and one worker, started as the servers start them, on the test database and queue prefix. */
export interface TestPlatform {
  api: INestApplication;
  worker: INestApplicationContext;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startTestPlatform(extraEnv: Record<string, string> = {}): Promise<TestPlatform> {
  const artifacts = mkdtempSync(join(tmpdir(), 'apiaudit-e2e-'));
  const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), APIAUDIT_QUEUE_PREFIX: testQueuePrefix(), ARTIFACT_DIR: artifacts, LOG_LEVEL: 'warn', ...extraEnv };
  const api = await createApiApp(env);
  await api.init();
  const worker = await startWorker(env);
  return {
    api,
    worker,
    http: request(api.getHttpServer()),
    async close() {
      await worker.close();
      await api.close();
      rmSync(artifacts, { recursive: true, force: true });
    },
  };
}

/** A new client with one project, through the API; the project's id. */
export async function createProject(http: TestPlatform['http'], client: string, project: string): Promise<string> {
  const created = await http.post('/v1/clients').send({ name: client }).expect(201);
  expect(created.headers.location).toBe(`/v1/clients/${created.body.id}`);
  return (await http.post(`/v1/clients/${created.body.id}/projects`).send({ name: project }).expect(201)).body.id as string;
}
