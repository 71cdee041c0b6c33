// Global setup runs outside Jest's module mapper, so libraries are imported by path here, from files that import
// nothing through an @apiaudit alias.
import { Socket } from 'node:net';
import { migrate } from '../../libs/db/src/data-source';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './test-env';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1500);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || defaultPort), hostname);
  });
}

/** Checks the services, creates this run's database from the migrations, and hands its URL to the tests. */
export default async function globalSetup(): Promise<void> {
  if (!(await reachable(TEST_PG_ADMIN_URL, 5432))) {
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(TEST_PG_ADMIN_URL).host}; start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  if (!(await reachable(TEST_REDIS_URL, 6379))) {
    throw new Error(
      `Redis is not reachable at ${new URL(TEST_REDIS_URL).host}; start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no`,
    );
  }
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/apiaudit_test_${run}`;
  process.env.APIAUDIT_TEST_DATABASE_URL = url.toString();
  process.env.APIAUDIT_TEST_QUEUE_PREFIX = `apiaudit-test-${run}`;
  await migrate(url.toString());
}
