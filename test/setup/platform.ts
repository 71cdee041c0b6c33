import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '@apiaudit/domain';
import { AccountsService, type UserView } from '../../apps/api/src/auth/accounts.service';
import { createApiApp } from '../../apps/api/src/main';
import { startWorker } from '../../apps/worker/src/main';
import { TEST_TOKEN_KEY, testDatabaseUrl, testQueuePrefix } from './test-env';

export type TestAgent = ReturnType<typeof request.agent>;

/** A user made for a test, with an agent that sends their API token on every request. */
export interface TestUser {
  user: UserView;
  password: string;
  token: string;
  http: TestAgent;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * The api and one worker, started as the servers start them, on the test database and queue prefix.
 * `http` acts as a consultant (Bearer token), so tests of other features need not sign in; `anonymous`
 * sends no credentials; `signUp` makes more users.
 */
export interface TestPlatform {
  api: INestApplication;
  worker: INestApplicationContext;
  http: TestAgent;
  anonymous: ReturnType<typeof request>;
  consultant: TestUser;
  signUp(role: Role, clientId?: string | null): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startTestPlatform(extraEnv: Record<string, string> = {}): Promise<TestPlatform> {
  const artifacts = mkdtempSync(join(tmpdir(), 'apiaudit-e2e-'));
  const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), APIAUDIT_QUEUE_PREFIX: testQueuePrefix(), ARTIFACT_DIR: artifacts, LOG_LEVEL: 'warn', APIAUDIT_TOKEN_KEY: TEST_TOKEN_KEY.toString('hex'), ...extraEnv };
  const api = await createApiApp(env);
  await api.init();
  const worker = await startWorker(env);
  const signUp = async (role: Role, clientId: string | null = null): Promise<TestUser> => {
    const accounts = api.get(AccountsService);
    const email = `${role}-${randomUUID()}@test.apiaudit.dev`;
    const { user } = await accounts.createUser({ email, password: TEST_PASSWORD, role, clientId, name: `Test ${role}` });
    const { token } = await accounts.createToken({ userId: user.id, email, name: user.name, role, clientId, via: 'session' }, 'test', null);
    return { user, password: TEST_PASSWORD, token, http: request.agent(api.getHttpServer()).set('Authorization', `Bearer ${token}`) };
  };
  const consultant = await signUp('consultant');
  return {
    api,
    worker,
    http: consultant.http,
    anonymous: request(api.getHttpServer()),
    consultant,
    signUp,
    async close() {
      await worker.close();
      await api.close();
      rmSync(artifacts, { recursive: true, force: true });
    },
  };
}

/** A new client with one project, through the API; the project's id. */
export async function createProject(http: TestAgent, client: string, project: string): Promise<string> {
  const created = await http.post('/v1/clients').send({ name: client }).expect(201);
  expect(created.headers.location).toBe(`/v1/clients/${created.body.id}`);
  return (await http.post(`/v1/clients/${created.body.id}/projects`).send({ name: project }).expect(201)).body.id as string;
}

/**
 * Starts an audit of the project and waits up to 90 s for it to end: the audit as the API last showed it (its
 * status is succeeded or failed, unless the time ran out).
 */
export async function auditToEnd(http: TestAgent, projectId: string): Promise<{ id: string; status: string; error: string | null; progress: unknown }> {
  const started = await http.post(`/v1/projects/${projectId}/audits`).expect(202);
  let audit = started.body;
  for (const deadline = Date.now() + 90_000; audit.status !== 'succeeded' && audit.status !== 'failed' && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 300));
    audit = (await http.get(`/v1/audits/${started.body.id}`).expect(200)).body;
  }
  return audit;
}
