import { dropDatabase } from '../../libs/db/src/data-source';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.APIAUDIT_TEST_DATABASE_URL;
  if (url) await dropDatabase(url);
  const prefix = process.env.APIAUDIT_TEST_QUEUE_PREFIX;
  if (prefix) {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}-*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
