import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../apps/api/src/auth/accounts.service';
import { createApiApp } from '../../apps/api/src/main';
import { TEST_TOKEN_KEY, testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

/** The api listening on an ephemeral loopback port, so tests send real parallel HTTP requests to it. */
export interface ListeningApi {
  app: INestApplication;
  base: string;
  artifacts: string;
  env: Record<string, string>;
  /** A consultant's API token; `send` uses it unless told otherwise. */
  token: string;
  /** Another consultant's token, for what is scoped by caller. */
  newToken(): Promise<string>;
  close(): Promise<void>;
}

const tokens = new Map<string, string>();

export async function startListeningApi(extraEnv: Record<string, string> = {}): Promise<ListeningApi> {
  const artifacts = mkdtempSync(join(tmpdir(), 'apiaudit-faults-'));
  const env = {
    DATABASE_URL: testDatabaseUrl(),
    APIAUDIT_QUEUE_PREFIX: testQueuePrefix(),
    ARTIFACT_DIR: artifacts,
    LOG_LEVEL: 'silent',
    PATH: process.env.PATH ?? '',
    APIAUDIT_TOKEN_KEY: TEST_TOKEN_KEY.toString('hex'),
    ...(process.env.PUPPETEER_EXECUTABLE_PATH ? { PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH } : {}),
    ...extraEnv,
  };
  const app = await createApiApp(env);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const newToken = async () => {
    const accounts = app.get(AccountsService);
    const email = `faults-${randomUUID()}@test.apiaudit.dev`;
    const { user } = await accounts.createUser({ email, password: 'correct horse battery staple', role: 'consultant', clientId: null, name: 'Fault tester' });
    return (await accounts.createToken({ userId: user.id, email, name: user.name, role: 'consultant', clientId: null, via: 'session' }, 'faults', null)).token;
  };
  const token = await newToken();
  tokens.set(base, token);
  return {
    app,
    base,
    artifacts,
    env,
    token,
    newToken,
    async close() {
      tokens.delete(base);
      await app.close();
      rmSync(artifacts, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function send(base: string, method: string, path: string, options: { body?: string | Buffer | Uint8Array; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers = { ...(tokens.has(base) ? { authorization: `Bearer ${tokens.get(base)}` } : {}), ...options.headers };
  const res = await fetch(`${base}${path}`, { method, headers, ...(options.body !== undefined ? { body: options.body, duplex: 'half' } : {}) } as RequestInit);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const postJson = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  send(base, 'POST', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
