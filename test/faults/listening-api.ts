import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/main';
import { testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

/** The api listening on an ephemeral loopback port, so tests send real parallel HTTP requests to it. */
export interface ListeningApi {
  app: INestApplication;
  base: string;
  artifacts: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startListeningApi(extraEnv: Record<string, string> = {}): Promise<ListeningApi> {
  const artifacts = mkdtempSync(join(tmpdir(), 'apiaudit-faults-'));
  const env = {
    DATABASE_URL: testDatabaseUrl(),
    APIAUDIT_QUEUE_PREFIX: testQueuePrefix(),
    ARTIFACT_DIR: artifacts,
    LOG_LEVEL: 'silent',
    PATH: process.env.PATH ?? '',
    ...(process.env.PUPPETEER_EXECUTABLE_PATH ? { PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH } : {}),
    ...extraEnv,
  };
  const app = await createApiApp(env);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    artifacts,
    env,
    async close() {
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
  const res = await fetch(`${base}${path}`, { method, headers: options.headers, ...(options.body !== undefined ? { body: options.body, duplex: 'half' } : {}) } as RequestInit);
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
