// Where the integration suite finds its services; one database and one Redis key prefix per run, so runs on the
// same machine (a developer's and CI's) never see each other's data.
export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testDatabaseUrl(): string {
  const url = process.env.APIAUDIT_TEST_DATABASE_URL;
  if (!url) throw new Error('APIAUDIT_TEST_DATABASE_URL is not set: run the integration tests through jest (test/setup/global-setup.ts)');
  return url;
}

export function testQueuePrefix(): string {
  return process.env.APIAUDIT_TEST_QUEUE_PREFIX ?? 'apiaudit-test';
}
