import { randomBytes } from 'node:crypto';

// Where the integration suite finds its services; one database and one Redis key prefix per run, so runs on the
// same machine (a developer's and CI's) never see each other's data.
export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testDatabaseUrl(): string {
  const url = process.env.APIAUDIT_TEST_DATABASE_URL;
  if (!url) throw new Error('APIAUDIT_TEST_DATABASE_URL is not set: run the integration tests through jest (test/setup/global-setup.ts)');
  return url;
}

// Jest loads this module afresh for every test file, so each file gets its own queue prefix: a worker one file starts
// never takes up the jobs, retries or schedules another file left behind. The run's teardown removes them all.
const fileQueueSuffix = randomBytes(4).toString('hex');

export function testQueuePrefix(): string {
  return `${process.env.APIAUDIT_TEST_QUEUE_PREFIX ?? 'apiaudit-test'}-${fileQueueSuffix}`;
}

/**
 * The APIAUDIT_TOKEN_KEY test platforms run with, as a deployment that stores secrets (repository tokens, webhook
 * secrets) does; a test of a deployment without one passes APIAUDIT_TOKEN_KEY: ''.
 */
export const TEST_TOKEN_KEY = Buffer.alloc(32, 0x5a);
